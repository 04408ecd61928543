"""Relay of one context's notification log to its Kafka topic.

Exactly once, as a read_committed consumer sees it: each batch of events and the
relay's new position go to Kafka in one transaction. After any failure the relay
re-initialises its transactional producer (which aborts whatever the previous
attempt left open and fences an older instance with the same transactional id) and
reads its position back from Kafka, so nothing is skipped and nothing is repeated.
A PostgreSQL advisory lock keeps one relay per context active; a second one waits.
The relay reads new events when PostgreSQL notifies their commit (relay/wakeups.py),
and every `relay_idle_wait_seconds` without one, so that a lost notification loses nothing.
"""

from __future__ import annotations

import json
import queue
import threading
import time

import psycopg
import structlog
from eventsourcing.application import Application
from eventsourcing.persistence import PersistenceError
from kafka import KafkaProducer
from kafka.errors import KafkaError, KafkaTimeoutError, NotEnoughReplicasAfterAppendError, NotEnoughReplicasError

from relay.batches import IDLE, Batch, BatchReader
from relay.wakeups import CommitWakeups, listener_name
from sotflow import metrics
from sotflow.postgres import hash_lock_key
from sotflow.relay_position import last_committed_position
from sotflow.replicas import TRANSACTION_STATE_TOPIC, short_of_replicas
from sotflow.settings import Settings
from sotflow.supervisor import run_until_stopped
from sotflow.topics import event_topic, relay_position_topic

log = structlog.get_logger("relay")

RELAY_LOCK_NAMESPACE = 0x52454C41  # "RELA"
REQUEST_TIMEOUT_MS = 15_000
LINGER_MS = 5
LOCK_CHECK_SECONDS = 1.0  # how often an idle relay makes sure its lock's session is alive


def blocked_reason(exc: BaseException) -> str:
    """Why the relay cannot publish, for its log and its `sotflow_relay_blocked` metric."""
    seen: BaseException | None = exc
    while seen is not None:  # a client error may wrap the broker's answer
        if isinstance(seen, (NotEnoughReplicasError, NotEnoughReplicasAfterAppendError)):
            return "not_enough_replicas"
        seen = seen.__cause__ or seen.__context__
    if isinstance(exc, (KafkaError, OSError)):
        return "broker_unavailable"
    if isinstance(exc, (psycopg.Error, PersistenceError)):
        return "database_unavailable"
    return "other"


class Relay:
    def __init__(
        self,
        app: Application,
        context: str,
        settings: Settings,
        positions: metrics.RelayPositions | None = None,
        wakeups: CommitWakeups | None = None,
    ) -> None:
        self.app = app
        self.wakeups = wakeups  # shared by a process's relays; else the relay listens on its own
        self.positions = positions
        self.context = context
        self.settings = settings
        self.topic = event_topic(settings, context)
        self.position_topic = relay_position_topic(settings, context)
        self.transactional_id = f"{settings.topic_prefix}relay.{context}"
        self.position = 0
        self.published = 0

    # -- one active relay ---------------------------------------------------
    def _acquire_lock(self, stop: threading.Event) -> psycopg.Connection | None:
        key = hash_lock_key(self.transactional_id)
        waited = False
        while not stop.is_set():
            try:
                conn = psycopg.connect(self.settings.pg_conninfo, autocommit=True)
            except psycopg.OperationalError as exc:
                log.warning("relay.lock.db_unavailable", error=str(exc))
                stop.wait(1.0)
                continue
            if conn.execute("select pg_try_advisory_lock(%s, %s)", (RELAY_LOCK_NAMESPACE, key)).fetchone()[0]:
                log.info("relay.lock.acquired", context=self.context)
                return conn
            conn.close()
            if not waited:
                log.info("relay.lock.waiting", context=self.context, reason="another relay is active")
                waited = True
            stop.wait(1.0)
        return None

    # -- main loop ----------------------------------------------------------
    def run(self, stop: threading.Event, *, exit_when_idle: bool = False) -> None:
        while not stop.is_set():
            lock = self._acquire_lock(stop)
            if lock is None:
                return
            try:
                self._publish_while_holding(lock, stop, exit_when_idle=exit_when_idle)
                if exit_when_idle:
                    return
            except (KafkaError, psycopg.Error, PersistenceError, OSError) as exc:
                reason = blocked_reason(exc)
                if isinstance(exc, KafkaError) and self._explain_kafka_failure():
                    reason = "not_enough_replicas"  # the producer's retries hide the broker's answer
                metrics.relay_blocked(self.context, reason)
                log.warning("relay.restarting", context=self.context, reason=reason, error=repr(exc))
                stop.wait(1.0)
            except Exception:
                metrics.relay_blocked(self.context, "other")
                raise
            finally:
                if self.positions:
                    self.positions.stopped(self.context)
                lock.close()

    def _explain_kafka_failure(self) -> bool:
        """A replicated cluster that lost brokers answers the relay's acks=all writes
        with NotEnoughReplicas, which the producer retries until it times out: name the
        cause, and the partitions, so that an operator knows to bring a broker back
        (nothing is lost meanwhile: the events wait in PostgreSQL)."""
        short = short_of_replicas(self.settings, [self.topic, self.position_topic, TRANSACTION_STATE_TOPIC])
        if short:
            log.error(
                "relay.not_enough_replicas",
                context=self.context,
                error="NotEnoughReplicas",
                reason="fewer in-sync replicas than min.insync.replicas: the cluster refuses acks=all writes",
                then="publishing waits (nothing is lost) and resumes by itself once enough brokers are back",
                partitions=short,
            )
        return bool(short)

    def _publish_while_holding(self, lock: psycopg.Connection, stop: threading.Event, *, exit_when_idle: bool) -> None:
        producer = self._new_producer()
        reader = None
        channel = self.app.recorder.channel_name
        own_wakeups = None
        if self.wakeups is None and not exit_when_idle:
            own_wakeups = CommitWakeups(
                self.settings.pg_conninfo, [channel], name=listener_name(self.settings.topic_prefix)
            )
        wakeups = self.wakeups or own_wakeups
        try:
            self.position = last_committed_position(self.settings.kafka_bootstrap, self.position_topic, self.context)
            log.info("relay.resumed", context=self.context, position=self.position)
            metrics.relay_blocked(self.context, None)
            if self.positions:
                self.positions.resumed(self.context, self.position)
            reader = BatchReader(
                self.app,
                self.position,
                batch_size=self.settings.relay_batch_size,
                idle_wait=self.settings.relay_idle_wait_seconds,
                validate_events=self.settings.relay_validate_events,
                wake=wakeups.event(channel) if wakeups else None,
                # A catch-up that ends when idle has no stream to gather.
                coalesce=0.0 if exit_when_idle else self.settings.relay_coalesce_seconds,
            )
            lock_checked = time.monotonic()
            while not stop.is_set():
                try:
                    batch = reader.next(timeout=1.0)
                except queue.Empty:
                    continue
                if batch is IDLE:
                    if exit_when_idle:
                        return
                    if time.monotonic() - lock_checked >= LOCK_CHECK_SECONDS:
                        # Notice a lost database session (and so a lost lock); not after
                        # every notified commit, which would add a round trip to each.
                        lock.execute("select 1")
                        lock_checked = time.monotonic()
                    continue
                self._publish_batch(producer, batch)
        finally:
            if reader is not None:
                reader.close()
            if own_wakeups is not None:
                own_wakeups.close()
            producer.close(timeout=5)

    def _publish_batch(self, producer: KafkaProducer, batch: Batch) -> None:
        # On any failure the caller discards this producer without aborting (an abort
        # needs the broker, which may be gone); the next producer's init_transactions
        # aborts whatever this one left open, and the position is read back from Kafka.
        begun = time.perf_counter()
        producer.begin_transaction()
        for message in batch.messages:
            producer.send(self.topic, key=message.key, value=message.value, headers=message.headers)
        producer.send(
            self.position_topic,
            key=self.context.encode(),
            value=json.dumps({"context": self.context, "position": batch.last_position}).encode(),
        )
        # Bounded, because a producer that lost its broker may not recover by itself.
        producer.flush(timeout=self.settings.relay_flush_timeout_seconds)
        self._commit(producer)
        metrics.RELAY_TRANSACTION.labels(self.context).observe(time.perf_counter() - begun)
        self.position = batch.last_position
        self.published += batch.events
        metrics.RELAY_PUBLISHED.labels(self.context).inc(batch.events)
        metrics.relay_blocked(self.context, None)
        if self.positions:
            self.positions.advanced(self.context, batch.last_position)
        log.debug("relay.published", context=self.context, count=batch.events, position=batch.last_position)

    def _commit(self, producer: KafkaProducer) -> None:
        """commit_transaction(), bounded. kafka-python's own waits without limit, and a
        transaction coordinator that dies during the commit can leave it waiting for that
        broker for good (seen on the three-broker cluster). On a timeout the caller drops
        this producer; the next one's init_transactions finishes or aborts the commit
        (fencing this one), and the position read back from Kafka says which."""
        result = producer._transaction_manager.begin_commit()  # the steps of commit_transaction()
        producer._sender.wakeup()
        if not result.wait(timeout_ms=int(self.settings.relay_flush_timeout_seconds * 1000)):
            raise KafkaTimeoutError(
                f"the transaction's commit was not acknowledged in {self.settings.relay_flush_timeout_seconds:g} s"
            )

    def _new_producer(self) -> KafkaProducer:
        producer = KafkaProducer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            transactional_id=self.transactional_id,
            enable_idempotence=True,
            acks="all",
            linger_ms=LINGER_MS,
            max_block_ms=15_000,
            request_timeout_ms=REQUEST_TIMEOUT_MS,
            # Past the flush's own timeout (the relay gives up on a batch first), and past
            # one request and the linger, which the client insists on.
            delivery_timeout_ms=max(
                int(self.settings.relay_flush_timeout_seconds * 1000) + 5_000, REQUEST_TIMEOUT_MS + LINGER_MS + 1_000
            ),
            transaction_timeout_ms=60_000,
            client_id=f"sotflow-relay-{self.context}",
        )
        producer.init_transactions()
        return producer


def run_relays(
    apps: dict[str, Application],
    settings: Settings,
    stop: threading.Event,
    positions: metrics.RelayPositions | None = None,
) -> None:
    # A relay that fails for a reason its own loop does not retry (an event its contract
    # refuses) is started again with back-off, loudly: it must never stop publishing quietly
    # while the process looks alive. It cannot skip the event: the log keeps every one, in order.
    channels = [app.recorder.channel_name for app in apps.values()]
    wakeups = CommitWakeups(settings.pg_conninfo, channels, name=listener_name(settings.topic_prefix))
    threads = [
        threading.Thread(
            target=run_until_stopped,
            args=(
                f"relay-{context}",
                lambda s, app=app, context=context: Relay(app, context, settings, positions, wakeups).run(s),
                stop,
            ),
            name=f"relay-{context}",
            daemon=True,
        )
        for context, app in apps.items()
    ]
    for t in threads:
        t.start()
    try:
        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
    finally:
        wakeups.close()

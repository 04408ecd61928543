"""Relay of one context's notification log to its Kafka topic.

Exactly once, as a read_committed consumer sees it: each batch of events and the
relay's new position go to Kafka in one transaction. After any failure the relay
re-initialises its transactional producer (which aborts whatever the previous
attempt left open and fences an older instance with the same transactional id) and
reads its position back from Kafka, so nothing is skipped and nothing is repeated.
A PostgreSQL advisory lock keeps one relay per context active; a second one waits.
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
from kafka.errors import KafkaError, NotEnoughReplicasAfterAppendError, NotEnoughReplicasError

from relay.batches import IDLE, Batch, BatchReader
from sotflow import metrics
from sotflow.postgres import hash_lock_key
from sotflow.relay_position import last_committed_position
from sotflow.settings import Settings
from sotflow.supervisor import run_until_stopped
from sotflow.topics import event_topic, relay_position_topic

log = structlog.get_logger("relay")

RELAY_LOCK_NAMESPACE = 0x52454C41  # "RELA"


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
        self, app: Application, context: str, settings: Settings, positions: metrics.RelayPositions | None = None
    ) -> None:
        self.app = app
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

    def _publish_while_holding(self, lock: psycopg.Connection, stop: threading.Event, *, exit_when_idle: bool) -> None:
        producer = self._new_producer()
        reader = None
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
            )
            while not stop.is_set():
                try:
                    batch = reader.next(timeout=1.0)
                except queue.Empty:
                    continue
                if batch is IDLE:
                    if exit_when_idle:
                        return
                    lock.execute("select 1")  # notice a lost database session (and so a lost lock)
                    continue
                self._publish_batch(producer, batch)
        finally:
            if reader is not None:
                reader.close()
            producer.close(timeout=5)

    def _publish_batch(self, producer: KafkaProducer, batch: Batch) -> None:
        # On any failure the caller discards this producer without aborting (an abort
        # needs the broker, which may be gone); the next producer's init_transactions
        # aborts whatever this one left open, and the position is read back from Kafka.
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
        producer.commit_transaction()
        self.position = batch.last_position
        self.published += batch.events
        metrics.RELAY_PUBLISHED.labels(self.context).inc(batch.events)
        metrics.relay_blocked(self.context, None)
        if self.positions:
            self.positions.advanced(self.context, batch.last_position)
        log.debug("relay.published", context=self.context, count=batch.events, position=batch.last_position)

    def _new_producer(self) -> KafkaProducer:
        producer = KafkaProducer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            transactional_id=self.transactional_id,
            enable_idempotence=True,
            acks="all",
            linger_ms=5,
            max_block_ms=15_000,
            request_timeout_ms=15_000,
            delivery_timeout_ms=int(self.settings.relay_flush_timeout_seconds * 1000) + 5_000,
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
    threads = [
        threading.Thread(
            target=run_until_stopped,
            args=(
                f"relay-{context}",
                lambda s, app=app, context=context: Relay(app, context, settings, positions).run(s),
                stop,
            ),
            name=f"relay-{context}",
            daemon=True,
        )
        for context, app in apps.items()
    ]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(0.5)

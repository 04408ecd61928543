"""The ledger: `sotflow audit ledger`.

Reads every context's event topic (read_committed) and appends each public event, in
log order, as a leaf of that context's RFC 9162 tree; signs checkpoints (see
audit/policy.py) and publishes them, with the leaf hashes they cover, on the audit
topics.

Log order across partitions: the relay commits a batch of events and its position in
one Kafka transaction, so once its committed position P is read, every message of
positions up to P is readable. Each round reads P, then every partition up to its end
offset, and appends the messages up to P sorted by (position, partition, offset); the
rest waits for a later round. The tree, its leaves and the Kafka offsets are advanced
in one PostgreSQL transaction (as the projection worker does), so a ledger killed at
any point resumes without appending anything twice.

With every checkpoint it publishes, in the same Kafka transaction, the ledger signs a
checkpoint set (audit/checkpoint_set.py): every context it keeps and the size of its
latest published checkpoint, so that an export missing a context or its latest
checkpoints is itself detected.

Publishing is at least once: checkpoints are stored unpublished in that transaction,
then produced (leaves first, then the note, in one Kafka transaction) and marked
published. A crash in between publishes the same checkpoint and leaves again;
readers drop such identical copies (and flag different ones as a fork).
"""

from __future__ import annotations

import base64
import threading
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import orjson
import psycopg
import structlog
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from psycopg_pool import ConnectionPool

from audit import store
from audit.canonical import parse_event
from audit.checkpoint import Checkpoint
from audit.checkpoint_set import KEY as CHECKPOINT_SET_KEY
from audit.checkpoint_set import SUFFIX as CHECKPOINT_SET_SUFFIX
from audit.checkpoint_set import CheckpointSet
from audit.log_reader import position_of
from audit.merkle import leaf_hash
from audit.note import Signer
from audit.policy import CheckpointPolicy, Entry, append
from audit.topics import checkpoints_topic, ensure_audit_topics, leaves_topic
from contexts.clock import SYSTEM_CLOCK
from domain.court_time import court_date
from sotflow.kafka_loop import assign_all_partitions
from sotflow.postgres import hash_lock_key
from sotflow.relay_position import last_committed_position
from sotflow.settings import Settings
from sotflow.topics import CONTEXTS, event_topic, relay_position_topic

log = structlog.get_logger("audit.ledger")

LEDGER_LOCK_NAMESPACE = 0x4C454447  # "LEDG"
LEAVES_PER_RECORD = 4096
ROUND_BUDGET = 20_000  # records read per round, so a long backlog is appended in steps


class SigningKeyMissingError(RuntimeError):
    pass


def load_signers(settings: Settings) -> list[Signer]:
    paths = [Path(p.strip()) for p in settings.audit_signing_keys.split(",") if p.strip()]
    missing = [str(p) for p in paths if not p.is_file()]
    if not paths or missing:
        raise SigningKeyMissingError(
            f"no signing key at {', '.join(missing) or '(none configured)'}: "
            "create one with `sotflow audit keygen` and set SOTFLOW_AUDIT_SIGNING_KEYS"
        )
    return [Signer.parse(p.read_text()) for p in paths]


def origin(settings: Settings, context: str) -> str:
    return f"{settings.audit_origin}/{context}"


def leaves_record(context: str, first_index: int, hashes: list[bytes]) -> bytes:
    return orjson.dumps(
        {"context": context, "first_index": first_index, "leaf_hashes": base64.b64encode(b"".join(hashes)).decode()}
    )


class Ledger:
    def __init__(
        self,
        settings: Settings,
        pool: ConnectionPool,
        signers: list[Signer],
        *,
        contexts: tuple[str, ...] = CONTEXTS,
        clock=SYSTEM_CLOCK.now,
    ) -> None:
        self.settings = settings
        self.pool = pool
        self.signers = signers
        self.contexts = contexts
        self.clock = clock
        self.schema = settings.db_schema
        self.policy = CheckpointPolicy(settings.audit_checkpoint_every_events, settings.audit_checkpoint_every_seconds)
        self.topics = {event_topic(settings, c): c for c in contexts}
        self.appended = 0
        self.signed = 0
        self._held: dict[str, list[tuple[int, int, int, bytes | None]]] = defaultdict(list)
        self._last_seen: dict[TopicPartition, int] = {}

    # -- one active ledger --------------------------------------------------
    def _acquire_lock(self, stop: threading.Event) -> psycopg.Connection | None:
        key = hash_lock_key(f"{self.settings.topic_prefix}audit.ledger")
        while not stop.is_set():
            try:
                conn = psycopg.connect(self.settings.pg_conninfo, autocommit=True)
            except psycopg.OperationalError as exc:
                log.warning("ledger.lock.db_unavailable", error=str(exc))
                stop.wait(1.0)
                continue
            if conn.execute("select pg_try_advisory_lock(%s, %s)", (LEDGER_LOCK_NAMESPACE, key)).fetchone()[0]:
                return conn
            conn.close()
            stop.wait(1.0)
        return None

    def run(self, stop: threading.Event, *, max_idle_rounds: int | None = None) -> None:
        lock = self._acquire_lock(stop)
        if lock is None:
            return
        ensure_audit_topics(self.settings)
        consumer = KafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            group_id=None,
            enable_auto_commit=False,
            isolation_level="read_committed",
            client_id="sotflow-audit-ledger",
            max_poll_records=2000,
        )
        producer = KafkaProducer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            transactional_id=f"{self.settings.topic_prefix}audit.ledger",
            enable_idempotence=True,
            acks="all",
            max_request_size=4 * 1024 * 1024,
            client_id="sotflow-audit-ledger-publisher",
        )
        producer.init_transactions()
        try:
            partitions = assign_all_partitions(consumer, list(self.topics), stop)
            with self.pool.connection() as conn:
                offsets = store.stored_offsets(conn, self.schema)
            for tp in partitions:
                consumer.seek(tp, offsets.get((tp.topic, tp.partition), 0))
            self._publish_pending(producer)
            self._publish_checkpoint_set(producer)
            idle = 0
            while not stop.is_set():
                grew = self.round(consumer, partitions, stop)
                signed = self._sign_when_time_is_due()
                self._publish_pending(producer)
                if grew or signed:
                    idle = 0
                    continue
                idle += 1
                if max_idle_rounds is not None and idle >= max_idle_rounds:
                    return
                stop.wait(self.settings.audit_idle_wait_seconds)
        finally:
            consumer.close(autocommit=False)
            producer.close(timeout=5)
            lock.close()

    # -- reading in log order -----------------------------------------------
    def round(self, consumer: KafkaConsumer, partitions: list[TopicPartition], stop: threading.Event) -> bool:
        committed = {
            c: last_committed_position(self.settings.kafka_bootstrap, relay_position_topic(self.settings, c), c)
            for c in self.contexts
        }
        ends = consumer.end_offsets(partitions)
        budget = ROUND_BUDGET
        while not stop.is_set() and budget > 0 and any(consumer.position(tp) < ends[tp] for tp in partitions):
            for tp, records in consumer.poll(timeout_ms=500).items():
                budget -= len(records)
                context = self.topics[tp.topic]
                for record in records:
                    position = position_of(record.value)
                    if position is None:
                        # Not an event of the log (no position): never a leaf, but it keeps its
                        # place in the partition so that the stored offset can pass it in order.
                        log.warning("ledger.not_an_event", topic=tp.topic, partition=tp.partition, offset=record.offset)
                        self._held[context].append((self._last_seen.get(tp, 0), record.partition, record.offset, None))
                        continue
                    self._last_seen[tp] = position
                    self._held[context].append((position, record.partition, record.offset, record.value))
        # Appendable: up to the relay's committed position, and no further than what a
        # partition not yet read to its end could still hold (its messages only rise;
        # the last one seen may have another version still to come).
        bound = dict(committed)
        for tp in partitions:
            if consumer.position(tp) < ends[tp]:
                context = self.topics[tp.topic]
                bound[context] = min(bound[context], self._last_seen.get(tp, 0) - 1)
        grew = False
        for context in self.contexts:
            ready = sorted((r for r in self._held[context] if r[0] <= bound[context]), key=lambda r: r[:3])
            if ready:
                self._held[context] = [r for r in self._held[context] if r[0] > bound[context]]
                grew |= self._append(context, ready)
        return grew

    def _append(self, context: str, ready: list[tuple[int, int, int, bytes]]) -> bool:
        topic = event_topic(self.settings, context)
        now = self.clock()
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            state = store.lock_state(cur, self.schema, context)
            entries = []
            for position, _, _, value in ready:
                if value is None:
                    continue
                envelope, canonical = parse_event(value)
                if position <= state.last_position and store.known_event(cur, self.schema, context, envelope["id"]):
                    continue  # read again after a restart: already a leaf
                day = court_date(datetime.fromisoformat(envelope["time"]))
                entries.append(Entry(position, envelope["id"], leaf_hash(canonical), day))
            rows, due = append(state, entries, self.policy)
            store.insert_leaves(cur, self.schema, context, rows)
            for checkpoint in due:
                self._sign(cur, context, checkpoint.size, checkpoint.root, checkpoint.cause, now)
                state.checkpoint_at = now
            offsets: dict[tuple[str, int], int] = {}
            for _, partition, offset, _ in ready:
                offsets[(topic, partition)] = max(offsets.get((topic, partition), 0), offset + 1)
            store.save_offsets(cur, self.schema, offsets)
            store.save_state(cur, self.schema, state)
        self.appended += len(rows)
        if rows:
            log.debug("ledger.appended", context=context, count=len(rows), size=state.tree.size)
        return bool(rows)

    # -- checkpoints ---------------------------------------------------------
    def _sign(self, cur, context: str, size: int, root: bytes, cause: str, now: datetime) -> None:
        note = Checkpoint(origin(self.settings, context), size, root).sign(*self.signers)
        store.insert_checkpoint(cur, self.schema, context, size, root, note, cause, now)
        self.signed += 1
        log.info("ledger.checkpoint", context=context, size=size, cause=cause)

    def _sign_when_time_is_due(self) -> bool:
        signed = False
        now = self.clock()
        for context in self.contexts:
            with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                state = store.lock_state(cur, self.schema, context)
                if not self.policy.time_due(state, now):
                    continue
                self._sign(
                    cur, context, state.tree.size, state.tree.root(), f"every {self.policy.every_seconds:g} s", now
                )
                state.checkpoint_size, state.checkpoint_at = state.tree.size, now
                store.save_state(cur, self.schema, state)
                signed = True
        return signed

    def _checkpoint_set(self, conn, context: str | None = None, size: int = 0) -> str:
        """The signed set as it stands once this checkpoint (if any) is published."""
        sizes = dict.fromkeys(self.contexts, 0) | store.published_sizes(conn, self.schema)
        if context is not None:
            sizes[context] = max(sizes.get(context, 0), size)
        signed = CheckpointSet(self.settings.audit_origin + CHECKPOINT_SET_SUFFIX, self.clock(), sizes)
        return signed.sign(*self.signers)

    def _publish_checkpoint_set(self, producer: KafkaProducer) -> None:
        """On start, the set as it stands: a deployment whose ledger published checkpoints
        before it signed sets has one at once, not only at its next checkpoint."""
        with self.pool.connection() as conn:
            signed = self._checkpoint_set(conn)
        producer.begin_transaction()
        producer.send(checkpoints_topic(self.settings), key=CHECKPOINT_SET_KEY, value=signed.encode())
        producer.flush(timeout=30)
        producer.commit_transaction()

    def _publish_pending(self, producer: KafkaProducer) -> None:
        with self.pool.connection() as conn:
            pending = store.unpublished_checkpoints(conn, self.schema)
            for checkpoint in pending:
                context, size = checkpoint["context"], checkpoint["tree_size"]
                start = store.published_size_before(conn, self.schema, context, size)
                hashes = store.leaf_hashes(conn, self.schema, context, start, size)
                producer.begin_transaction()
                for first in range(0, len(hashes), LEAVES_PER_RECORD):
                    chunk = hashes[first : first + LEAVES_PER_RECORD]
                    producer.send(
                        leaves_topic(self.settings),
                        key=context.encode(),
                        value=leaves_record(context, start + first, chunk),
                    )
                producer.send(checkpoints_topic(self.settings), key=context.encode(), value=checkpoint["note"].encode())
                producer.send(
                    checkpoints_topic(self.settings),
                    key=CHECKPOINT_SET_KEY,
                    value=self._checkpoint_set(conn, context, size).encode(),
                )
                producer.flush(timeout=30)
                producer.commit_transaction()
                store.mark_published(conn, self.schema, context, size)
                conn.commit()

"""Feeds one projection from its context topics.

Offsets live in PostgreSQL beside the projection's rows and are advanced in the
same transaction, so a worker killed at any point resumes exactly where its last
committed transaction ended. Because the offsets are ours, the worker assigns
itself every partition of its topics instead of joining a consumer-group
rebalance (a killed member would otherwise hold its partitions until its session
expires). Kafka's group offsets are still committed, after the database, but only
so that lag shows in Kafka's own tools.

A record that cannot be applied, however often it is tried (it cannot be decoded, or
PostgreSQL refuses its data: see consumers/parking.py), is parked: an unchanged copy
goes to the topic's dead-letter topic with the reason in its headers (acknowledged by
Kafka before the offset moves past it), a row goes to `parked_records` in the same
transaction as the offset, and the worker goes on with the rest. A failure that may
pass (the database restarting) is raised, and `run_until_stopped` retries with back-off.

A batch's statements go to PostgreSQL in one pipeline (psycopg's pipeline mode): the
worker waits for the database once per batch instead of once per event. When a batch
fails for one of its records, it is rolled back and applied again one record at a time,
each in a savepoint, so that only that record is parked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import ModuleType

import structlog
from kafka import KafkaConsumer, OffsetAndMetadata, TopicPartition
from psycopg_pool import ConnectionPool

from consumers.dead_letters import DeadLetters
from consumers.parking import Parking, is_records_fault
from projections.applying import apply_records, decoded
from projections.store import advance_offset, lock_offset, stored_offsets
from sotflow import metrics
from sotflow.kafka_loop import assign_all_partitions, batches
from sotflow.settings import Settings
from sotflow.topics import dead_letter_topic, event_topic

log = structlog.get_logger("consumer")


class ProjectionWorker:
    def __init__(
        self, projection: ModuleType, settings: Settings, pool: ConnectionPool, *, group_id: str | None = None
    ) -> None:
        self.projection = projection
        self.settings = settings
        self.pool = pool
        self.schema = settings.projection_schema
        self.topics = [event_topic(settings, c) for c in projection.CONTEXTS]
        self.dead_letters = DeadLetters(
            settings,
            f"projection:{projection.NAME}",
            {event_topic(settings, c): dead_letter_topic(settings, c) for c in projection.CONTEXTS},
        )
        self.parking = Parking(self.dead_letters, projection.NAME, self.schema)
        self.group_id = group_id or f"{settings.topic_prefix}projection.{projection.NAME}"
        self.applied = 0
        self.consumer: KafkaConsumer | None = None

    @property
    def dead_lettered(self) -> int:
        return self.dead_letters.count

    @property
    def parked(self) -> int:
        return self.parking.count

    def _assign_all_partitions(self, stop: threading.Event) -> None:
        self.seek_to_stored(assign_all_partitions(self.consumer, self.topics, stop))

    def seek_to_stored(self, partitions) -> None:
        with self.pool.connection() as conn:
            offsets = stored_offsets(conn, self.schema, self.projection.NAME)
        for tp in partitions:
            stored = offsets.get((tp.topic, tp.partition))
            if stored is None:
                self.consumer.seek_to_beginning(tp)
            else:
                self.consumer.seek(tp, stored)
        log.info("consumer.assigned", projection=self.projection.NAME, partitions=len(partitions))

    def run(self, stop: threading.Event, *, max_idle_polls: int | None = None, catch_up: bool = False) -> None:
        self.consumer = KafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            group_id=self.group_id,
            client_id=f"sotflow-{self.projection.NAME}",
            enable_auto_commit=False,
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            max_poll_records=self.settings.consumer_max_poll_records,
        )
        self._assign_all_partitions(stop)
        try:
            for batch in batches(self.consumer, stop, max_idle_polls=max_idle_polls, catch_up=catch_up):
                for tp, records in batch.items():
                    self._apply_partition_batch(tp, records)
                self.consumer.commit_async(
                    {tp: OffsetAndMetadata(records[-1].offset + 1, "", -1) for tp, records in batch.items()}
                )
        finally:
            self.consumer.close(autocommit=False)
            self.dead_letters.close()

    def _apply_partition_batch(self, tp: TopicPartition, records) -> None:
        try:
            applied = self._apply_together(tp, records)
        except Exception as exc:
            if not is_records_fault(exc):
                raise
            log.warning(
                "consumer.batch_refused",
                projection=self.projection.NAME,
                partition=tp.partition,
                error=f"{type(exc).__name__}: {exc}",
                then="applying the batch one record at a time",
            )
            applied = self._apply_one_by_one(tp, records)
        self.applied += applied
        metrics.PROJECTION_APPLIED.labels(self.projection.NAME).inc(applied)
        log.debug("consumer.applied", projection=self.projection.NAME, partition=tp.partition, count=applied)

    def _apply_together(self, tp: TopicPartition, records) -> int:
        """The fast path: the whole batch in one pipelined transaction."""
        with self.pool.connection() as conn, conn.transaction(), conn.pipeline(), conn.cursor() as cur:
            next_offset = lock_offset(cur, self.schema, self.projection.NAME, tp.topic, tp.partition)
            fresh = [r for r in records if r.offset >= next_offset]
            if not fresh:
                return 0
            pairs, parked = decoded(fresh), set()
            park = self._parker(cur)

            def park_and_note(record, envelope, error) -> None:
                parked.add(record.offset)
                park(record, envelope, error)

            applied, log_position = apply_records(cur, self.projection, self.schema, pairs, park_and_note)
            advance_offset(
                cur, self.schema, self.projection.NAME, tp.topic, tp.partition, fresh[-1].offset + 1, log_position
            )
        self._log_traced(tp, [(r, e) for r, e in pairs if r.offset not in parked])
        return applied

    def _apply_one_by_one(self, tp: TopicPartition, records) -> int:
        """Each record in a savepoint of its own: the one that fails is parked, every other applied."""
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            next_offset = lock_offset(cur, self.schema, self.projection.NAME, tp.topic, tp.partition)
            fresh = [r for r in records if r.offset >= next_offset]
            if not fresh:
                return 0
            park = self._parker(cur)
            applied, log_position, done = 0, 0, []
            for record, envelope in decoded(fresh):
                try:
                    with conn.transaction():
                        count, position = apply_records(cur, self.projection, self.schema, [(record, envelope)], park)
                except Exception as exc:
                    if not is_records_fault(exc):
                        raise
                    park(record, envelope, exc)
                    continue
                applied += count
                log_position = max(log_position, position)
                if count:
                    done.append((record, envelope))
            advance_offset(
                cur, self.schema, self.projection.NAME, tp.topic, tp.partition, fresh[-1].offset + 1, log_position
            )
        self._log_traced(tp, done)
        return applied

    def _log_traced(self, tp: TopicPartition, applied) -> None:
        """One line for each applied event that carries a command's trace context (sotflow/tracing.py),
        so one request's trace-id finds every projection row it led to; untraced events log nothing."""
        for record, envelope in applied:
            traceparent = envelope.get("traceparent") if isinstance(envelope, dict) else None
            if traceparent:
                log.info(
                    "consumer.applied_traced",
                    projection=self.projection.NAME,
                    trace_id=traceparent.split("-")[1] if traceparent.count("-") >= 3 else traceparent,
                    traceparent=traceparent,
                    event_id=envelope.get("id"),
                    type=envelope.get("type"),
                    logposition=envelope.get("logposition"),
                    topic=tp.topic,
                    partition=tp.partition,
                    offset=record.offset,
                )

    def _parker(self, cur) -> Callable[[object, object, BaseException], None]:
        return lambda record, envelope, error: self.parking.park(cur, record, envelope, error)

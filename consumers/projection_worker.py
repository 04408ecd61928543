"""Feeds one projection from its context topics.

Offsets live in PostgreSQL beside the projection's rows and are advanced in the
same transaction, so a worker killed at any point resumes exactly where its last
committed transaction ended. Kafka's consumer-group offsets are committed too,
after the database, but only so that lag shows in Kafka's own tools.
"""

from __future__ import annotations

import threading
from types import ModuleType

import structlog
from kafka import KafkaConsumer, OffsetAndMetadata, TopicPartition
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from psycopg_pool import ConnectionPool

from contract.envelope import decode
from projections.store import advance_offset, lock_offset, stored_offsets
from sotflow.settings import Settings
from sotflow.topics import event_topic

log = structlog.get_logger("consumer")


class _SeekToStoredOffsets(ConsumerRebalanceListener):
    def __init__(self, worker: "ProjectionWorker") -> None:
        self.worker = worker

    def on_partitions_revoked(self, revoked) -> None:
        pass

    def on_partitions_assigned(self, assigned) -> None:
        self.worker.seek_to_stored(assigned)


class ProjectionWorker:
    def __init__(self, projection: ModuleType, settings: Settings, pool: ConnectionPool) -> None:
        self.projection = projection
        self.settings = settings
        self.pool = pool
        self.schema = settings.projection_schema
        self.topics = [event_topic(settings, c) for c in projection.CONTEXTS]
        self.group_id = f"{settings.topic_prefix}projection.{projection.NAME}"
        self.applied = 0
        self.consumer: KafkaConsumer | None = None

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

    def run(self, stop: threading.Event, *, max_idle_polls: int | None = None) -> None:
        self.consumer = KafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            group_id=self.group_id,
            client_id=f"sotflow-{self.projection.NAME}",
            enable_auto_commit=False,
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            max_poll_records=500,
        )
        self.consumer.subscribe(self.topics, listener=_SeekToStoredOffsets(self))
        idle = 0
        try:
            while not stop.is_set():
                batch = self.consumer.poll(timeout_ms=500)
                if not batch:
                    idle += 1
                    if max_idle_polls is not None and idle >= max_idle_polls:
                        return
                    continue
                idle = 0
                for tp, records in batch.items():
                    self._apply_partition_batch(tp, records)
                self.consumer.commit_async(
                    {tp: OffsetAndMetadata(records[-1].offset + 1, "", -1) for tp, records in batch.items()}
                )
        finally:
            self.consumer.close(autocommit=False)

    def _apply_partition_batch(self, tp: TopicPartition, records) -> None:
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            next_offset = lock_offset(cur, self.schema, self.projection.NAME, tp.topic, tp.partition)
            fresh = [r for r in records if r.offset >= next_offset]
            if not fresh:
                return
            log_position = 0
            for record in fresh:
                envelope = decode(record.value)
                self.projection.apply(cur, self.schema, envelope)
                log_position = max(log_position, int(envelope["logposition"]))
            advance_offset(
                cur, self.schema, self.projection.NAME, tp.topic, tp.partition, fresh[-1].offset + 1, log_position
            )
        self.applied += len(fresh)
        log.debug("consumer.applied", projection=self.projection.NAME, partition=tp.partition, count=len(fresh))

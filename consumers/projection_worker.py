"""Feeds one projection from its context topics.

Offsets live in PostgreSQL beside the projection's rows and are advanced in the
same transaction, so a worker killed at any point resumes exactly where its last
committed transaction ended. Because the offsets are ours, the worker assigns
itself every partition of its topics instead of joining a consumer-group
rebalance (a killed member would otherwise hold its partitions until its session
expires). Kafka's group offsets are still committed, after the database, but only
so that lag shows in Kafka's own tools.

A message that cannot be decoded (a poison message) is copied, unchanged, to the
topic's dead-letter topic with the reason in its headers, and the worker goes on;
the copy is acknowledged by Kafka before the offset moves past it.
"""

from __future__ import annotations

import threading
from types import ModuleType

import structlog
from kafka import KafkaConsumer, KafkaProducer, OffsetAndMetadata, TopicPartition
from psycopg_pool import ConnectionPool

from consumers.kafka_loop import assign_all_partitions, batches
from contract.envelope import UndecodableMessageError, decode
from projections.store import advance_offset, lock_offset, stored_offsets
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
        self.dead_letter_topics = {
            event_topic(settings, c): dead_letter_topic(settings, c) for c in projection.CONTEXTS
        }
        self.dead_lettered = 0
        self._dead_letter_producer: KafkaProducer | None = None
        self.group_id = group_id or f"{settings.topic_prefix}projection.{projection.NAME}"
        self.applied = 0
        self.consumer: KafkaConsumer | None = None

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
            if self._dead_letter_producer is not None:
                self._dead_letter_producer.close(timeout=5)

    def _apply_partition_batch(self, tp: TopicPartition, records) -> None:
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            next_offset = lock_offset(cur, self.schema, self.projection.NAME, tp.topic, tp.partition)
            fresh = [r for r in records if r.offset >= next_offset]
            if not fresh:
                return
            log_position = 0
            applied = 0
            for record in fresh:
                try:
                    envelope = decode(record.value)
                    self.projection.apply(cur, self.schema, envelope)
                except UndecodableMessageError as exc:
                    self._dead_letter(record, str(exc))
                    continue
                applied += 1
                log_position = max(log_position, int(envelope["logposition"]))
            advance_offset(
                cur, self.schema, self.projection.NAME, tp.topic, tp.partition, fresh[-1].offset + 1, log_position
            )
        self.applied += applied
        log.debug("consumer.applied", projection=self.projection.NAME, partition=tp.partition, count=applied)

    def _dead_letter(self, record, reason: str) -> None:
        if self._dead_letter_producer is None:
            self._dead_letter_producer = KafkaProducer(
                bootstrap_servers=self.settings.kafka_bootstrap,
                acks="all",
                enable_idempotence=True,
                client_id=f"sotflow-{self.projection.NAME}-dead-letter",
            )
        headers = [
            ("dlq_reason", reason.encode("utf-8")),
            ("dlq_consumer", f"projection:{self.projection.NAME}".encode()),
            ("dlq_source_topic", record.topic.encode()),
            ("dlq_source_partition", str(record.partition).encode()),
            ("dlq_source_offset", str(record.offset).encode()),
        ]
        # Wait for the broker's acknowledgement: the offset must not pass a message
        # whose dead-letter copy could still be lost.
        self._dead_letter_producer.send(
            self.dead_letter_topics[record.topic], key=record.key, value=record.value, headers=headers
        ).get(timeout=30)
        self.dead_lettered += 1
        log.warning(
            "consumer.dead_lettered",
            projection=self.projection.NAME,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            reason=reason,
        )

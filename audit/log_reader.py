"""Reading the topics an auditor needs, in log order (read_committed).

A context's events are spread over partitions by case; the log order is their
position. Reading up to the relay's committed position (read first) gives a
complete prefix of the log: everything at or below it was committed in the same
transactions as that position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import orjson
from kafka import KafkaConsumer, TopicPartition

from relay.position import last_committed_position
from sotflow.settings import Settings
from sotflow.topics import event_topic, relay_position_topic


@dataclass(frozen=True)
class LogMessage:
    position: int  # for a message without one, the position before it in its partition
    partition: int
    offset: int
    value: bytes


def _consumer(settings: Settings, name: str) -> KafkaConsumer:
    return KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
        client_id=f"sotflow-audit-{name}",
        max_poll_records=5000,
    )


def read_topic(
    settings: Settings, topic: str, *, progress: Callable[[int], None] | None = None
) -> list[tuple[TopicPartition, int, bytes | None, bytes]]:
    """(partition, offset, key, value) of every committed record, partition by partition."""
    consumer = _consumer(settings, "reader")
    try:
        ids = consumer.partitions_for_topic(topic)
        if not ids:
            return []
        partitions = [TopicPartition(topic, p) for p in sorted(ids)]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records = []
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            for tp, batch in consumer.poll(timeout_ms=500).items():
                for record in batch:
                    if record.offset < ends[tp]:
                        records.append((tp, record.offset, record.key, record.value))
                if progress:
                    progress(len(batch))
        return records
    finally:
        consumer.close()


def committed_position(settings: Settings, context: str) -> int:
    return last_committed_position(settings.kafka_bootstrap, relay_position_topic(settings, context), context)


def read_log(
    settings: Settings, context: str, *, progress: Callable[[int], None] | None = None
) -> tuple[int, list[LogMessage]]:
    """(the relay's committed position, the context's messages up to it in log order)."""
    committed = committed_position(settings, context)
    last_seen: dict[int, int] = {}
    messages = []
    for tp, offset, _, value in read_topic(settings, event_topic(settings, context), progress=progress):
        position = position_of(value)
        if position is None:
            position = last_seen.get(tp.partition, 0)
        else:
            last_seen[tp.partition] = position
        if position <= committed:
            messages.append(LogMessage(position, tp.partition, offset, value))
    messages.sort(key=lambda m: (m.position, m.partition, m.offset))
    return committed, messages


def position_of(value: bytes) -> int | None:
    try:
        position = orjson.loads(value).get("logposition")
    except (orjson.JSONDecodeError, AttributeError):
        return None
    return position if isinstance(position, int) and not isinstance(position, bool) and position > 0 else None

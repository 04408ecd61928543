"""Reads how far the relay has got, from the relay-position topic (read_committed).

The position is committed in the same Kafka transaction as the events it covers,
so the last committed position record is exactly the last published event.
"""

from __future__ import annotations

import json

from kafka import KafkaConsumer, TopicPartition


def last_committed_position(bootstrap: str, topic: str, context: str, *, timeout_s: float = 30.0) -> int:
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
        client_id=f"sotflow-relay-position-{context}",
        consumer_timeout_ms=int(timeout_s * 1000),
    )
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        end = consumer.end_offsets([tp])[tp]  # the last stable offset under read_committed
        step = 16
        while True:
            start = max(0, end - step)
            position = _last_position_between(consumer, tp, start, end, context)
            if position is not None:
                return position
            if start == 0:
                return 0
            step *= 4  # the tail held only transaction markers or aborted records
    finally:
        consumer.close()


def _last_position_between(
    consumer: KafkaConsumer, tp: TopicPartition, start: int, end: int, context: str
) -> int | None:
    consumer.seek(tp, start)
    found: int | None = None
    while consumer.position(tp) < end:
        batch = consumer.poll(timeout_ms=1000)
        for record in batch.get(tp, []):
            if record.offset >= end:
                break
            value = json.loads(record.value)
            if value.get("context") == context:
                found = int(value["position"])
    return found

"""Consumers here assign themselves every partition of their topics instead of
joining a consumer-group rebalance: a killed member would otherwise hold its
partitions until its session expired, and each consumer's own bookkeeping (offsets
beside the rows, or idempotent commands) makes a second instance harmless."""

from __future__ import annotations

import threading

from kafka import KafkaConsumer, TopicPartition


def assign_all_partitions(consumer: KafkaConsumer, topics: list[str], stop: threading.Event) -> list[TopicPartition]:
    partitions: list[TopicPartition] = []
    for topic in topics:
        ids = None
        while not ids and not stop.is_set():
            ids = consumer.partitions_for_topic(topic)
            if not ids:
                stop.wait(0.5)  # the topic's metadata has not reached this client yet
        partitions.extend(TopicPartition(topic, p) for p in sorted(ids or ()))
    consumer.assign(partitions)
    return partitions

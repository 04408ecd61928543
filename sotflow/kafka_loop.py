"""The Kafka side every consumer here shares: partition assignment and the poll loop.

Consumers assign themselves every partition of their topics instead of joining a
consumer-group rebalance: a killed member would otherwise hold its partitions until
its session expired, and each consumer's own bookkeeping (offsets beside the rows,
or idempotent commands) makes a second instance harmless."""

from __future__ import annotations

import threading
from collections.abc import Iterator

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


def batches(
    consumer: KafkaConsumer,
    stop: threading.Event,
    *,
    max_idle_polls: int | None = None,
    catch_up: bool = False,
    yield_idle: bool = False,
) -> Iterator[dict]:
    """Non-empty poll results until stopped; or, for tests and tools, until
    `max_idle_polls` polls in a row found nothing, or (`catch_up`) until every
    assigned partition has been read up to where it ended when the loop began.
    With `yield_idle`, an empty poll yields an empty dict too, so that a consumer with
    work of its own (the distributor's retries) gets control while the log is quiet."""
    ends = consumer.end_offsets(list(consumer.assignment())) if catch_up else {}
    idle = 0
    while not stop.is_set():
        if catch_up and all(consumer.position(tp) >= end for tp, end in ends.items()):
            return
        batch = consumer.poll(timeout_ms=500)
        if batch:
            idle = 0
            yield batch
            continue
        idle += 1
        if yield_idle:
            yield {}
        if max_idle_polls is not None and idle >= max_idle_polls:
            return

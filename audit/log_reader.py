"""Reading the topics an auditor needs, in log order (read_committed), as streams.

A context's events are spread over partitions by case; the log order is their
position. Reading up to the relay's committed position (read first) gives a
complete prefix of the log: everything at or below it was committed in the same
transactions as that position.

Each partition is already in position order (the relay publishes in log order), so
the log order is a k-way merge of the partitions by (position, partition, offset):
the same order as sorting everything read, without holding it. Each partition has
its own consumer, so a partition is fetched only when the merge has used up what was
fetched of it: memory is bounded by the fetch sizes (per partition, at most
`max_partition_fetch_bytes` buffered by kafka-python plus one poll of
`fetch_records`), never by the length of the log.

Why not one consumer with pause/resume: with kafka-python 3.0.12, a partition paused
while part of its fetched records are still undelivered has them parked, and they
are restored only while no other partition's (drained) records sit in the fetcher's
in-line slot; with only that partition resumed, nothing replaces the slot and the
reader waits forever (seen here with fetch_records=2). A consumer per partition
costs a connection and an offset lookup each, about 0.1 s, made side by side.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from typing import Any, NamedTuple

import orjson
from kafka import KafkaConsumer, TopicPartition

from audit.canonical import UNPARSED
from audit.contract_rules import position_of as _position_in
from sotflow.relay_position import last_committed_position
from sotflow.settings import Settings
from sotflow.topics import event_topic, relay_position_topic

FETCH_RECORDS = 5000  # above the records of one fetch: a poll then drains it, and kafka-python sends the next at once
POLL_MS = 10
FETCH_BYTES = 1024 * 1024  # kafka-python's default per partition; a record larger than it is still fetched whole

Progress = Callable[[int], None]


class LogMessage(NamedTuple):
    """Ordered as the log is: by (position, partition, offset), which no two share."""

    position: int  # for a message without one, the position before it in its partition
    partition: int
    offset: int
    value: bytes
    # orjson.loads(value), parsed once for the position and kept for the verifier
    # (UNPARSED where orjson refused it)
    envelope: Any = UNPARSED


def _consumer(settings: Settings, name: str, fetch_records: int = FETCH_RECORDS) -> KafkaConsumer:
    return KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
        client_id=f"sotflow-audit-{name}",
        max_poll_records=fetch_records,
        max_partition_fetch_bytes=FETCH_BYTES,
    )


def _records_to_end(consumer: KafkaConsumer, ends: dict, progress: Progress | None):
    """The assigned partitions' records up to the given end offsets, poll by poll."""
    while any(consumer.position(tp) < end for tp, end in ends.items()):
        # Short: a partition's tail is often a transaction marker, which moves the position
        # without returning a record, and a poll would sit out its whole timeout on it.
        for tp, batch in consumer.poll(timeout_ms=POLL_MS).items():
            if not batch:
                continue
            if progress:
                progress(len(batch))
            end = ends[tp]
            if batch[-1].offset < end:
                yield from batch  # the whole batch, as nearly always: no test per record
            else:
                yield from (r for r in batch if r.offset < end)


def topic_partitions(settings: Settings, topics: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """Each topic's partition ids (none for a topic that does not exist), from one
    metadata fetch: kafka-python fetches every topic's, ~0.1 s on a broker with many."""
    consumer = _consumer(settings, "metadata")
    try:
        return {topic: tuple(sorted(consumer.partitions_for_topic(topic) or ())) for topic in topics}
    finally:
        consumer.close()


def stream_topic(
    settings: Settings,
    topic: str,
    *,
    partitions: Sequence[int] | None = None,
    fetch_records: int = FETCH_RECORDS,
    progress: Progress | None = None,
) -> Iterator[tuple[TopicPartition, int, bytes | None, bytes]]:
    """(partition, offset, key, value) of every committed record as fetched (in offset
    order within a partition), up to the ends the topic had when reading began.
    `partitions`: the topic's partition ids, when already known (topic_partitions)."""
    if partitions is None:
        partitions = topic_partitions(settings, [topic])[topic]
    consumer = _consumer(settings, "reader", fetch_records)
    try:
        partitions = [TopicPartition(topic, p) for p in partitions]
        if not partitions:
            return
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        for record in _records_to_end(consumer, ends, progress):
            yield TopicPartition(record.topic, record.partition), record.offset, record.key, record.value
    finally:
        consumer.close()


def read_topic(
    settings: Settings, topic: str, *, progress: Progress | None = None
) -> list[tuple[TopicPartition, int, bytes | None, bytes]]:
    """The whole of a (small) topic at once: see stream_topic."""
    with closing(stream_topic(settings, topic, progress=progress)) as records:
        return list(records)


def committed_position(settings: Settings, context: str) -> int:
    return last_committed_position(settings.kafka_bootstrap, relay_position_topic(settings, context), context)


class LogStream:
    """A context's messages up to the relay's committed position, in log order, fetched
    as they are used. A context manager: leaving it closes the consumers, so a reader
    may stop early (a replay cut at a position does)."""

    def __init__(
        self,
        settings: Settings,
        context: str,
        *,
        partitions: Sequence[int] | None = None,
        fetch_records: int = FETCH_RECORDS,
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings
        self.partitions = partitions
        self.topic = event_topic(settings, context)
        self.fetch_records = fetch_records
        self.progress = progress
        # Read before the events: every message at or below it is committed and on the topic.
        self.committed = committed_position(settings, context)
        self._consumers: list[KafkaConsumer] = []

    def __enter__(self) -> LogStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        while self._consumers:
            self._consumers.pop().close()

    def __iter__(self) -> Iterator[LogMessage]:
        ids = self.partitions
        if ids is None:
            ids = topic_partitions(self.settings, [self.topic])[self.topic]
        partitions = [TopicPartition(self.topic, p) for p in ids]
        if not partitions:
            return iter(())
        consumers = {tp: self._consumer_of(tp) for tp in partitions}
        # Each consumer's first lookup (connection, metadata, the beginning offset) takes
        # about 0.1 s: side by side, not one after another.
        with ThreadPoolExecutor(max_workers=len(partitions)) as pool:
            list(pool.map(lambda tp: consumers[tp].position(tp), partitions))
        ends = consumers[partitions[0]].end_offsets(partitions)
        streams = [self._partition(consumers[tp], tp, ends[tp]) for tp in partitions]
        return heapq.merge(*streams)  # tuples: by (position, partition, offset), compared in C

    def _consumer_of(self, tp: TopicPartition) -> KafkaConsumer:
        consumer = _consumer(self.settings, f"log-{tp.partition}", self.fetch_records)
        self._consumers.append(consumer)
        consumer.assign([tp])
        consumer.seek_to_beginning(tp)
        return consumer

    def _partition(self, consumer: KafkaConsumer, tp: TopicPartition, end: int) -> Iterator[LogMessage]:
        last_seen, partition, committed = 0, tp.partition, self.committed
        for record in _records_to_end(consumer, {tp: end}, self.progress):
            value = record.value
            try:
                envelope = orjson.loads(value)
            except orjson.JSONDecodeError:
                envelope = UNPARSED
            position = _position_in(envelope)
            if position is None:
                position = last_seen
            else:
                last_seen = position
            if position <= committed:
                yield LogMessage(position, partition, record.offset, value, envelope)


def open_log(
    settings: Settings,
    context: str,
    *,
    partitions: Sequence[int] | None = None,
    fetch_records: int = FETCH_RECORDS,
    progress: Progress | None = None,
) -> LogStream:
    """`with open_log(settings, context) as log: for message in log: ...`; log.committed
    is the relay's committed position the stream stops at. `partitions`: the event
    topic's partition ids, when already known (topic_partitions)."""
    return LogStream(settings, context, partitions=partitions, fetch_records=fetch_records, progress=progress)


def read_log(settings: Settings, context: str, *, progress: Progress | None = None) -> tuple[int, list[LogMessage]]:
    """(the relay's committed position, the context's messages up to it in log order),
    all at once: for small logs and tests; auditing reads open_log."""
    with open_log(settings, context, progress=progress) as log:
        return log.committed, list(log)


def position_of(value: bytes) -> int | None:
    try:
        return _position_in(orjson.loads(value))
    except orjson.JSONDecodeError:
        return None

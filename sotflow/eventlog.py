"""Reading the event log for people: `sotflow log tail` and `sotflow log case <id>`."""

from __future__ import annotations

import heapq
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from kafka import KafkaConsumer, TopicPartition
from kafka.partitioner.default import murmur2

from contract.envelope import UndecodableMessageError, decode
from domain.court_time import COURT_ZONE
from sotflow.settings import Settings
from sotflow.topics import CONTEXTS, event_topic


def _consumer(settings: Settings) -> KafkaConsumer:
    return KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
        client_id="sotflow-log-reader",
    )


def _partitions(consumer: KafkaConsumer, topic: str) -> list[TopicPartition]:
    ids = consumer.partitions_for_topic(topic)
    if not ids:
        raise LookupError(f"topic {topic} does not exist")
    return [TopicPartition(topic, p) for p in sorted(ids)]


def partition_of(case_id: str, partition_count: int) -> int:
    """The partition Kafka's default partitioner puts a case's events in."""
    return (murmur2(case_id.encode("utf-8")) & 0x7FFFFFFF) % partition_count


def _drain(consumer: KafkaConsumer, ends: dict[TopicPartition, int]) -> Iterator[Any]:
    while any(consumer.position(tp) < end for tp, end in ends.items()):
        for records in consumer.poll(timeout_ms=500).values():
            yield from records


def _envelope(record) -> dict[str, Any]:
    try:
        return decode(record.value)
    except UndecodableMessageError as exc:
        return {"undecodable": str(exc), "offset": record.offset, "partition": record.partition}


def tail(
    settings: Settings,
    context: str,
    *,
    last: int,
    follow: bool,
    emit: Callable[[dict[str, Any]], None],
    stop: threading.Event | None = None,
) -> None:
    """Emit the last `last` events of the context in log order, then (with follow) new ones as they come."""
    stop = stop or threading.Event()
    consumer = _consumer(settings)
    try:
        partitions = _partitions(consumer, event_topic(settings, context))
        consumer.assign(partitions)
        ends = consumer.end_offsets(partitions)
        # Transaction markers take offsets too, so `last` offsets may hold fewer
        # than `last` events: widen the window until it does or reaches offset 0.
        window = 2 * last + 2
        while True:
            for tp in partitions:
                consumer.seek(tp, max(0, ends[tp] - window))
            backlog = [_envelope(r) for r in _drain(consumer, ends)]
            if len(backlog) >= last or all(ends[tp] <= window for tp in partitions):
                break
            window *= 4
        backlog.sort(key=lambda e: e.get("logposition", 0))
        for envelope in backlog[-last:] if last else []:
            emit(envelope)
        while follow and not stop.is_set():
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    emit(_envelope(record))
    finally:
        consumer.close()


def case_history(settings: Settings, case_id: str, contexts: Sequence[str] = CONTEXTS) -> list[dict[str, Any]]:
    """Every event of one case on the given contexts' topics, in time order (its
    registration, distribution, proceedings, deadlines...). Only the case's own partition
    of each topic is scanned: every topic is keyed by the case id."""
    consumer = _consumer(settings)
    key = case_id.encode("utf-8")
    per_context: list[list[dict[str, Any]]] = []
    try:
        for context in contexts:
            partitions = _partitions(consumer, event_topic(settings, context))
            tp = partitions[partition_of(case_id, len(partitions))]
            consumer.assign([tp])
            consumer.seek_to_beginning(tp)
            ends = consumer.end_offsets([tp])
            per_context.append([_envelope(r) for r in _drain(consumer, ends) if r.key == key])
    finally:
        consumer.close()
    # Each topic's events stay in its log order; the topics are merged by the time recorded.
    return list(heapq.merge(*per_context, key=_recorded_at))


def _recorded_at(envelope: dict[str, Any]) -> datetime:
    when = envelope.get("time")  # an undecodable message has none: it keeps its place in its topic
    return datetime.fromisoformat(when) if when else datetime.min.replace(tzinfo=UTC)


def describe(envelope: dict[str, Any]) -> str:
    """One readable line: position, court time, type, case, actor, the data's simple fields."""
    if "undecodable" in envelope:
        where = f"partition {envelope['partition']} offset {envelope['offset']}"
        return f"(undecodable message at {where}: {envelope['undecodable']})"
    when = datetime.fromisoformat(envelope["time"]).astimezone(COURT_ZONE).strftime("%Y-%m-%d %H:%M:%S%z")
    short_type = envelope["type"].removeprefix("kz.sotflow.")
    actor = f"{envelope.get('actorid')} ({envelope.get('actorrole')})"
    facts = "; ".join(_flatten(envelope.get("data", {})))
    case = f"case {envelope['subject']} v{envelope.get('streamversion')}"
    return f"#{envelope['logposition']:<7} {when}  {short_type}  {case}  by {actor}  | {facts}"


def _flatten(data: dict[str, Any], prefix: str = "") -> Iterator[str]:
    for key, value in data.items():
        if key.endswith("_id") and not prefix:
            continue  # the case id is already on the line
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}={value if not isinstance(value, list) else json.dumps(value, ensure_ascii=False)}"

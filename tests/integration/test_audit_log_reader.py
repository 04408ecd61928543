"""The auditor's log reader streams a context's log in log order across partitions and
stops at the relay's committed position, with fetches small enough that the merge of
partitions is exercised at every step."""

from __future__ import annotations

import orjson
from kafka import KafkaProducer

from audit.log_reader import open_log, position_of, read_log
from sotflow.topics import event_topic
from tests.support import read_topic, register_complaints, relay_all, relay_position


def _log_order(records, committed: int) -> list[tuple[int, int, int]]:
    """The log order as a sort of everything read: (position, partition, offset), a
    message without a position taking the one before it in its partition."""
    last_seen: dict[int, int] = {}
    keys = []
    for r in sorted(records, key=lambda r: (r.partition, r.offset)):
        position = position_of(r.value)
        position = last_seen.get(r.partition, 0) if position is None else position
        last_seen[r.partition] = position
        if position <= committed:
            keys.append((position, r.partition, r.offset))
    return sorted(keys)


def test_the_log_streams_in_position_order_across_partitions_and_stops_at_the_committed_position(system, settings):
    register_complaints(system.registry, 12)
    relay_all(system, settings)
    committed = relay_position(settings, "registry")
    topic = event_topic(settings, "registry")
    relayed = read_topic(settings, topic)
    assert committed == max(position_of(r.value) for r in relayed) and len({r.partition for r in relayed}) > 1

    # Past the relay's committed position (as if a batch were still in flight), and messages
    # without a position: one inside the committed prefix, one after a message beyond it.
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    for value in (b"not an event: inside", orjson.dumps({"logposition": committed + 1}), b"not an event: after"):
        producer.send(topic, partition=0, value=value).get(timeout=30)
    producer.close()

    with open_log(settings, "registry", fetch_records=2) as log:
        assert log.committed == committed
        messages = list(log)

    keys = [(m.position, m.partition, m.offset) for m in messages]
    assert keys == _log_order(read_topic(settings, topic), committed)
    positions = [m.position for m in messages]
    assert positions == sorted(positions) and set(positions) == set(range(1, committed + 1))
    values = [m.value for m in messages]
    assert b"not an event: inside" in values and b"not an event: after" not in values
    assert orjson.dumps({"logposition": committed + 1}) not in values
    # Consecutive positions come from different partitions: the stream merged them.
    assert any(a.partition != b.partition for a, b in zip(messages, messages[1:], strict=False))
    assert read_log(settings, "registry") == (committed, messages)

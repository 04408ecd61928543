"""The relay and the projections on a three-broker cluster (replication factor 3,
min.insync.replicas 2) while brokers crash: nothing accepted is lost or published
twice, and a cluster that cannot take a write makes the relay wait, say why, and
carry on by itself."""

from __future__ import annotations

import json

from domain.actor import Role
from sotflow.topics import event_topic
from tests.cluster.conftest import Registrations, cluster, in_sync, leaders, led_by
from tests.support import (
    all_positions,
    assert_exactly_once_in_order,
    projections_match_a_rebuild,
    published_envelopes,
    register_rows,
    relay_position,
    stored_event_count,
    wait_for,
)


def caught_up(settings) -> bool:
    return relay_position(settings) == stored_event_count(settings)


def assert_each_case_once_and_in_order(envelopes: list[dict], accepted: list[str]) -> None:
    by_case: dict[str, list[dict]] = {}
    for envelope in envelopes:
        by_case.setdefault(envelope["subject"], []).append(envelope)
    missing = [case for case in accepted if case not in by_case]
    assert not missing, f"{len(missing)} accepted registrations never reached Kafka, first: {missing[:3]}"
    for case in accepted:
        events = sorted(by_case[case], key=lambda e: (e["_partition"], e["_offset"]))
        assert len({e["_partition"] for e in events}) == 1, f"case {case} is spread over partitions"
        positions = [e["logposition"] for e in events]
        assert positions == sorted(positions), f"case {case}'s events are out of order"


def relay_events(relay) -> list[dict]:
    events = []
    for line in relay.output().splitlines():
        try:
            events.append(json.loads(line))
        except ValueError:
            continue
    return events


def test_the_leader_killed_under_a_stream_of_registrations(settings, system, processes):
    relay, consumers = processes("relay"), processes("consume")
    topic = event_topic(settings, "registry")
    _, token = system.users.add("registrar under load", Role.REGISTRAR)

    with Registrations(system, token) as stream:
        wait_for(lambda: len(stream.accepted) >= 20 and relay_position(settings) > 0, timeout=90, what="a first batch")
        wait_for(lambda: min(in_sync(settings, topic) or [0]) == 3, timeout=60, what="every copy in sync")
        leader, _ = leaders(settings, topic).most_common(1)[0]
        cluster("kill", str(leader))
        accepted_at_kill = len(stream.accepted)
        wait_for(lambda: leader not in (leaders(settings, topic) or {leader: 1}), timeout=60, what="new leaders")
        wait_for(lambda: len(stream.accepted) >= accepted_at_kill + 40, timeout=90, what="registrations meanwhile")
        cluster("start", str(leader))
        restarted_at = len(stream.accepted)
        wait_for(lambda: len(stream.accepted) >= restarted_at + 20, timeout=90, what="registrations after restart")
    assert not stream.refused, stream.refused[:3]

    wait_for(lambda: caught_up(settings), timeout=120, what="the relay to publish everything")
    wait_for(lambda: min(in_sync(settings, topic) or [0]) == 3, timeout=60, what="the restarted broker back in sync")
    envelopes = published_envelopes(settings)
    assert_exactly_once_in_order(envelopes, all_positions(settings))
    assert_each_case_once_and_in_order(envelopes, stream.accepted)

    wait_for(lambda: len(register_rows(settings)) == len(stream.accepted), timeout=120, what="the register")
    wait_for(lambda: projections_match_a_rebuild(settings), timeout=120, interval=2, what="projections = a rebuild")
    assert relay.alive() and consumers.alive()


def test_two_brokers_down_the_relay_waits_says_why_and_resumes_alone(settings, system, processes):
    from tests.support import register_complaints

    relay = processes("relay")
    topic = event_topic(settings, "registry")
    register_complaints(system.registry, 10)
    wait_for(lambda: caught_up(settings), timeout=90, what="the first events published")
    published_before = stored_event_count(settings)

    wait_for(lambda: min(in_sync(settings, topic) or [0]) == 3, timeout=60, what="every copy in sync")
    cluster("kill", "2")
    cluster("kill", "3")
    wait_for(lambda: led_by(settings, topic) == {(1, (1,))}, timeout=60, what="broker 1 alone leading every partition")
    register_complaints(system.registry, 10)  # accepted while the cluster cannot take them

    def refused() -> list[dict]:
        return [e for e in relay_events(relay) if e.get("event") == "relay.not_enough_replicas"]

    (reported, *_) = wait_for(refused, timeout=90, what="the relay to name NotEnoughReplicas")
    assert reported["error"] == "NotEnoughReplicas"
    assert {p["topic"] for p in reported["partitions"]} & {topic, settings.topic("registry.relay-position")}
    assert all(p["in_sync"] == [1] and p["min_insync_replicas"] == 2 for p in reported["partitions"])
    assert stored_event_count(settings) > published_before

    cluster("start", "2")
    wait_for(lambda: caught_up(settings), timeout=150, what="the relay to resume by itself")
    assert_exactly_once_in_order(published_envelopes(settings), all_positions(settings))
    assert relay.alive()

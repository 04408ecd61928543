"""The relay against the real broker and event store: every stored event reaches
Kafka exactly once (as read_committed sees it), in log order per partition."""

import threading

import jsonschema

from contract.schemas import schema_for
from relay.relay import Relay
from tests.support import (
    all_positions,
    assert_exactly_once_in_order,
    published_envelopes,
    register_complaints,
    relay_position,
    stored_event_count,
    wait_for,
)


def test_relay_publishes_every_stored_event_once_as_valid_cloudevents(settings, system):
    register_complaints(system.registry, 25)

    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)

    envelopes = published_envelopes(settings)
    assert_exactly_once_in_order(envelopes, all_positions(settings))
    for envelope in envelopes:
        clean = {k: v for k, v in envelope.items() if not k.startswith("_")}
        jsonschema.Draft202012Validator(schema_for(clean["type"])).validate(clean)
    assert relay_position(settings) == stored_event_count(settings) == 25 * 3 + 1


def test_a_second_run_publishes_only_what_is_new(settings, system):
    register_complaints(system.registry, 5)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)
    register_complaints(system.registry, 3)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)

    assert_exactly_once_in_order(published_envelopes(settings), all_positions(settings))
    assert stored_event_count(settings) == 8 * 3 + 1
    assert len(published_envelopes(settings)) == stored_event_count(settings) + 8  # complaint- and item-registered


def test_only_one_relay_is_active_and_a_waiting_one_takes_over(settings, system, processes):
    register_complaints(system.registry, 10)
    first = processes("relay")
    wait_for(lambda: relay_position(settings) == stored_event_count(settings), what="first relay")
    second = processes("relay")
    wait_for(lambda: "relay.lock.waiting" in second.output(), what="second relay to wait")

    first.kill()
    register_complaints(system.registry, 10)
    wait_for(lambda: relay_position(settings) == stored_event_count(settings), timeout=60, what="the second relay")
    assert "relay.lock.acquired" in second.output()
    assert_exactly_once_in_order(published_envelopes(settings), all_positions(settings))

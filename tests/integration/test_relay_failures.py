"""Failure tests of the relay against the real broker and database, over a stream of
10,000 events: after each failure every event is on the topic exactly once, in order."""

import random
import subprocess
import time

import pytest

from tests.support import (
    REPO_ROOT,
    assert_exactly_once_in_order,
    published_envelopes,
    register_complaints,
    relay_position,
    stored_event_count,
    wait_for,
)

TOTAL = 10_000


@pytest.fixture
def backlog(settings, system):
    register_complaints(system.registry, TOTAL, per_transaction=500)
    assert stored_event_count(settings) == TOTAL
    # Small transactions make the stream long enough to fail in the middle of it.
    return settings.model_copy(update={"relay_batch_size": 25})


def assert_complete(settings):
    envelopes = published_envelopes(settings)
    # Each backlog complaint is published twice: complaint-registered and item-registered.
    assert len(envelopes) == 2 * TOTAL, f"{len(envelopes)} messages for {TOTAL} events"
    assert_exactly_once_in_order(envelopes, list(range(1, TOTAL + 1)))


def service(name, action):
    subprocess.run(["bash", str(REPO_ROOT / "ops" / f"{name}.sh"), action], check=True, timeout=180)


def test_relay_killed_at_random_points(settings, backlog, processes):
    rng = random.Random(20251121)
    killed_at = []
    while len(killed_at) < 5 and relay_position(settings) < TOTAL:
        relay = processes("relay", settings_override=backlog)
        before = relay_position(settings)
        # Once it is publishing (a process takes seconds to start on a cold machine), kill
        # it at a random moment of the stream.
        wait_for(lambda before=before: relay_position(settings) > before, timeout=60, what="the relay to publish")
        time.sleep(rng.uniform(0.0, 1.5))
        relay.kill()
        killed_at.append(relay_position(settings))
    assert sum(0 < p < TOTAL for p in killed_at) >= 2, f"too few kills landed mid-stream: {killed_at}"

    processes("relay", settings_override=backlog)
    wait_for(lambda: relay_position(settings) == TOTAL, timeout=180, what="the relay to finish")
    assert_complete(settings)


@pytest.mark.kafka_outage
def test_broker_stopped_and_restarted_mid_stream(settings, backlog, processes):
    relay = processes("relay", settings_override=backlog)
    wait_for(lambda: relay_position(settings) >= 1000, timeout=120, what="the stream to be under way")
    service("kafka", "stop")
    try:
        # PostgreSQL keeps the record while the broker is away.
        assert stored_event_count(settings) == TOTAL
    finally:
        service("kafka", "start")
    at_restart = relay_position(settings)
    assert at_restart < TOTAL, "the broker stopped after the stream had finished"
    wait_for(lambda: relay_position(settings) == TOTAL, timeout=240, what="the relay to catch up")
    assert relay.alive()
    assert_complete(settings)


@pytest.mark.postgres_outage
def test_postgres_restarted_mid_stream(settings, backlog, processes):
    relay = processes("relay", settings_override=backlog)
    wait_for(lambda: relay_position(settings) >= 1000, timeout=120, what="the stream to be under way")
    service("postgres", "restart")
    assert relay_position(settings) < TOTAL, "PostgreSQL restarted after the stream had finished"
    wait_for(lambda: relay_position(settings) == TOTAL, timeout=240, what="the relay to catch up")
    assert relay.alive()
    assert "relay.restarting" in relay.output() or "relay.lock.acquired" in relay.output()
    assert_complete(settings)

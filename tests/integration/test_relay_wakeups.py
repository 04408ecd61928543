"""The relay's wake-ups on PostgreSQL's NOTIFY (relay/wakeups.py), against the real database
and broker: a notification only hastens a read, so neither a lost one nor a killed listening
connection leaves an event unpublished, and nothing is published twice or out of order."""

import threading

import psycopg

from relay.batches import IDLE, BatchReader
from relay.relay import Relay
from relay.wakeups import CommitWakeups, listener_name
from tests.support import (
    all_positions,
    assert_exactly_once_in_order,
    published_envelopes,
    register_complaints,
    relay_position,
    stored_event_count,
    wait_for,
)


def listener_pids(settings) -> list[int]:
    with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
        rows = conn.execute(
            "select pid from pg_stat_activity where application_name = %s and datname = current_database()",
            (listener_name(settings.topic_prefix),),
        ).fetchall()
    return [pid for (pid,) in rows]


def terminate(settings, pid: int) -> None:
    with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
        conn.execute("select pg_terminate_backend(%s)", (pid,))


def test_the_event_store_notifies_the_channel_the_relay_listens_on(settings, system):
    wakeups = CommitWakeups(settings.pg_conninfo, [system.registry.recorder.channel_name], name="test-listener")
    event = wakeups.event(system.registry.recorder.channel_name)
    try:
        assert event.wait(timeout=30), "the listener never connected"  # set once it listens
        event.clear()
        register_complaints(system.registry, 1)
        assert event.wait(timeout=30), "no notification of the committed events"
    finally:
        wakeups.close()


def test_without_any_notification_the_reader_still_finds_new_events(settings, system):
    never_set = threading.Event()
    reader = BatchReader(system.registry, 0, batch_size=100, idle_wait=0.1, validate_events=True, wake=never_set)
    try:
        assert reader.next(timeout=30) is IDLE
        register_complaints(system.registry, 3)
        stored = stored_event_count(settings)
        found = []

        def read_until_caught_up():
            item = reader.next(timeout=30)
            if item is not IDLE:
                found.append(item)
            return found and found[-1].last_position == stored

        wait_for(read_until_caught_up, what="the reader to find the events by looking again")
        assert sum(batch.events for batch in found) == stored
    finally:
        reader.close()


def test_a_killed_listening_connection_loses_no_event(settings, system):
    # Without a notification the relay would not look again for an hour: what is committed
    # while the listener is gone is published because it reconnects and wakes the reader.
    relay_settings = settings.model_copy(update={"relay_idle_wait_seconds": 3600.0})
    stop = threading.Event()
    relay = threading.Thread(target=Relay(system.registry, "registry", relay_settings).run, args=(stop,))
    relay.start()
    try:
        register_complaints(system.registry, 3)
        wait_for(lambda: relay_position(settings) == stored_event_count(settings), what="the first events")
        for _ in range(3):
            (pid,) = wait_for(lambda: listener_pids(settings), what="the relay to listen")
            terminate(settings, pid)
            wait_for(lambda pid=pid: pid not in listener_pids(settings), what="the listener's backend to end")
            register_complaints(system.registry, 3)  # committed while nobody listens (it reconnects after 1 s)
            wait_for(lambda pid=pid: listener_pids(settings) not in ([], [pid]), what="the listener to reconnect")
            wait_for(
                lambda: relay_position(settings) == stored_event_count(settings),
                what="the events committed around the lost connection",
            )
    finally:
        stop.set()
        relay.join(timeout=30)
    assert not relay.is_alive()
    assert_exactly_once_in_order(published_envelopes(settings), all_positions(settings))
    assert stored_event_count(settings) == 1 + 4 * 3 * 3

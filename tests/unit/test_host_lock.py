"""The host's turns at a court's numbering: one holder at a time, and who saved last."""

import threading
import time
import uuid

from contexts import host_lock


def test_a_turn_waits_for_the_one_held_and_learns_who_saved_last():
    key = ("db", f"schema-{uuid.uuid4().hex}", "registry_events", "COURT", 2026)
    order: list[str] = []
    held = threading.Event()

    def second() -> None:
        held.wait()
        with host_lock.turn(*key) as turn:
            order.append(f"second saw {turn.last_saver}")

    other = threading.Thread(target=second)
    other.start()
    with host_lock.turn(*key) as turn:
        assert turn.last_saver == ""
        held.set()
        time.sleep(0.2)  # the other thread is waiting on the lock meanwhile
        order.append("first")
        turn.saved_by("first-saver")
    other.join(timeout=5)

    assert order == ["first", "second saw first-saver"]


def test_turns_of_other_courts_do_not_wait_for_each_other():
    schema = f"schema-{uuid.uuid4().hex}"
    with host_lock.turn("db", schema, "registry_events", "A", 2026):
        done = threading.Event()

        def other_court() -> None:
            with host_lock.turn("db", schema, "registry_events", "B", 2026):
                done.set()

        threading.Thread(target=other_court).start()
        assert done.wait(timeout=5)

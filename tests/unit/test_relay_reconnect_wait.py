"""The relay's listener, lost, tries again at growing intervals and says each longer wait
once: an outage of PostgreSQL is not a line and a connection attempt every second."""

from relay.wakeups import RECONNECT_WAIT_MOST, reconnect_wait


def test_waits_double_up_to_the_most() -> None:
    assert [reconnect_wait(n) for n in range(1, 8)] == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0]
    assert RECONNECT_WAIT_MOST == 10.0


def test_each_longer_wait_is_said_once() -> None:
    said = [n for n in range(1, 50) if reconnect_wait(n) != reconnect_wait(n - 1)]
    assert said == [1, 2, 3, 4, 5]


def test_no_failure_no_wait() -> None:
    assert reconnect_wait(0) == 0.0

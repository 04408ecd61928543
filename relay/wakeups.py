"""Wakes the relay's readers when PostgreSQL says that events were committed.

The event store's insert (sotflow/event_recorder.py's function, and the library's own
save) issues NOTIFY on the events table's channel inside the inserting transaction, and
PostgreSQL delivers it to listeners once that transaction has committed: a reader woken
by it finds the events. One connection per relay process LISTENs on the channels of its
contexts and sets each channel's event.

A notification only hastens a read that comes anyway: a reader still looks every
`relay_idle_wait_seconds` without one. So a notification lost with the listening
connection (killed, PostgreSQL restarted, the network gone) delays events by that long
at most and loses none; and each time the listener (re)connects it wakes every reader,
which reads what was committed while nobody listened.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import psycopg
import structlog
from psycopg import sql

log = structlog.get_logger("relay")

# Seconds before listening again after a failure, doubled on each failure in a row up to
# the most: while PostgreSQL is down the relay's own reads fail and say so, and the
# listener need not add a line and a connection attempt every second.
RECONNECT_WAIT = 1.0
RECONNECT_WAIT_MOST = 10.0


def reconnect_wait(failures: int) -> float:
    """Seconds to wait after `failures` failures in a row (none after none)."""
    return min(RECONNECT_WAIT * 2 ** (failures - 1), RECONNECT_WAIT_MOST) if failures else 0.0


# A listening connection is idle between notifications: TCP keepalives notice a peer that
# vanished without closing it, which a blocked wait for notifications would not.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


def listener_name(topic_prefix: str) -> str:
    """The listening connection's application_name: a deployment's own (it shares the
    database, and so the channels, with any other deployment there)."""
    return f"sotflow-relay-listener {topic_prefix}".strip()[:63]


class CommitWakeups:
    """One thread and one connection listening on `channels`; `event(channel)` is set on each
    notification of that channel, and every event is set when listening (re)starts or stops."""

    def __init__(self, conninfo: str, channels: Iterable[str], *, name: str) -> None:
        self._conninfo = conninfo
        self.name = name  # the connection's application_name, for pg_stat_activity
        self._events = {channel: threading.Event() for channel in channels}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="relay-listener", daemon=True)
        self._thread.start()

    def event(self, channel: str) -> threading.Event:
        return self._events[channel]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _wake_all(self) -> None:
        for event in self._events.values():
            event.set()

    def _listen(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self._conninfo, autocommit=True, application_name=self.name, connect_timeout=5, **KEEPALIVES
                ) as conn:
                    for channel in self._events:
                        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                    log.info("relay.listening", channels=sorted(self._events), after_failures=failures)
                    failures = 0
                    self._wake_all()  # whatever was committed before LISTEN took effect
                    while not self._stop.is_set():
                        # Returns after the timeout, so that a stop is noticed.
                        for notify in conn.notifies(timeout=1.0):
                            event = self._events.get(notify.channel)
                            if event is not None:
                                event.set()
            except psycopg.Error as exc:
                failures += 1
                wait = reconnect_wait(failures)
                if wait != reconnect_wait(failures - 1):  # each longer wait once, not every failure at the longest
                    log.warning(
                        "relay.listener.lost",
                        error=f"{type(exc).__name__}: {exc}",
                        failures_in_a_row=failures,
                        next_attempt_in_seconds=wait,
                        then="the relay looks for new events on its interval until the listener is back",
                    )
                self._wake_all()
                self._stop.wait(wait)
        self._wake_all()

"""Reads a context's notification log ahead of the relay and prepares its messages.

A reader thread fetches the next batch from PostgreSQL and turns it into Kafka
messages while the relay waits for the broker to acknowledge and commit the
previous batch. One reader, in log order, so the order of messages is unchanged.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass

from eventsourcing.application import Application

from contract.envelope import CONTENT_TYPE, encode, to_cloudevents
from contract.schemas import validate


@dataclass(frozen=True)
class Message:
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


@dataclass(frozen=True)
class Batch:
    last_position: int
    events: int
    messages: list[Message]


IDLE = object()  # the log has nothing past the last batch, for now


def prepare(app: Application, notifications, *, validate_events: bool) -> Batch:
    messages = []
    for notification in notifications:
        for envelope in to_cloudevents(app.mapper.to_domain_event(notification), position=notification.id):
            if validate_events:
                validate(envelope)
            messages.append(
                Message(
                    key=envelope["subject"].encode("utf-8"),
                    value=encode(envelope),
                    headers=[
                        ("content-type", CONTENT_TYPE.encode()),
                        ("ce_type", envelope["type"].encode()),
                        ("ce_id", envelope["id"].encode()),
                    ],
                )
            )
    return Batch(last_position=notifications[-1].id, events=len(notifications), messages=messages)


class BatchReader:
    """Yields batches after `position`, read one batch ahead in a thread.

    With nothing new, it waits for `wake` (set when PostgreSQL notifies a commit: see
    relay/wakeups.py), but never longer than `idle_wait`: a lost notification costs
    that wait, never an event.

    After a read that reached the end of the log, the next one comes no sooner than
    `coalesce` seconds after it: under a steady stream of commits, a Kafka transaction
    for each (a few ms of the relay's CPU each, whatever its size) would cost several
    times the CPU per event of transactions that gather `coalesce` seconds of them. A
    commit more than `coalesce` after the last read is read at once; a backlog (a read
    that filled its batch) without pause."""

    def __init__(
        self,
        app: Application,
        position: int,
        *,
        batch_size: int,
        idle_wait: float,
        validate_events: bool,
        wake: threading.Event | None = None,
        coalesce: float = 0.0,
    ) -> None:
        self._app = app
        self._position = position
        self._batch_size = batch_size
        self._idle_wait = idle_wait
        self._validate = validate_events
        self._wake = wake if wake is not None else threading.Event()
        self._coalesce = coalesce
        self._queue: queue.Queue = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, name="relay-reader", daemon=True)
        self._thread.start()

    def next(self, timeout: float | None = None):
        """The next Batch, or IDLE; re-raises whatever stopped the reader."""
        item = self._queue.get(timeout=timeout)
        if isinstance(item, BaseException):
            raise item
        return item

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        try:
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass
        self._thread.join(timeout=10)

    def _put(self, item) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def _read(self) -> None:
        try:
            caught_up_at = float("-inf")
            while not self._stop.is_set():
                pause = caught_up_at + self._coalesce - time.monotonic()
                if pause > 0 and self._stop.wait(pause):
                    return
                # Cleared before the read: a commit notified during the read or the
                # hand-over below leaves it set, and the wait returns at once.
                self._wake.clear()
                read_at = time.monotonic()
                notifications = self._app.recorder.select_notifications(
                    start=self._position + 1, limit=self._batch_size
                )
                caught_up_at = read_at if len(notifications) < self._batch_size else float("-inf")
                if not notifications:
                    if not self._put(IDLE):
                        return
                    self._wake.wait(self._idle_wait)
                    continue
                batch = prepare(self._app, notifications, validate_events=self._validate)
                if not self._put(batch):
                    return
                self._position = batch.last_position
        except BaseException as exc:  # noqa: BLE001 - handed to the relay, which decides
            self._put(exc)

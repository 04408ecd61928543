"""When the ledger signs a checkpoint, and how it appends leaves: pure, no I/O.

A checkpoint is signed at every multiple of N events (so their sizes are predictable),
every T seconds while the tree has grown, and
at each day's close in the court's zone (Asia/Almaty): before the first event of a
new day is appended, so that the day-close checkpoint covers exactly that day's
events (by their own time) and nothing after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from audit.store import LedgerState


@dataclass(frozen=True)
class Entry:
    position: int
    event_id: str
    leaf: bytes
    day: date


@dataclass(frozen=True)
class CheckpointDue:
    size: int
    root: bytes
    cause: str


@dataclass(frozen=True)
class CheckpointPolicy:
    every_events: int
    every_seconds: float

    def time_due(self, state: LedgerState, now: datetime) -> bool:
        grown = state.tree.size > state.checkpoint_size
        return grown and (
            state.checkpoint_at is None or now - state.checkpoint_at >= timedelta(seconds=self.every_seconds)
        )


class LedgerOutOfStepError(RuntimeError):
    """The events reached the ledger out of log order, or with a gap: it must not sign that."""


def append(
    state: LedgerState, entries: list[Entry], policy: CheckpointPolicy
) -> tuple[list[tuple], list[CheckpointDue]]:
    """Appends the entries (in log order) to the state's tree; returns the leaf rows
    to store and the checkpoints now due."""
    rows: list[tuple] = []
    due: list[CheckpointDue] = []

    def checkpoint(cause: str) -> None:
        due.append(CheckpointDue(state.tree.size, state.tree.root(), cause))
        state.checkpoint_size = state.tree.size

    for entry in entries:
        # A position repeats only for another public version of the same stored event.
        if entry.position not in (state.last_position, state.last_position + 1) or (
            entry.position == state.last_position and state.tree.size == 0
        ):
            raise LedgerOutOfStepError(
                f"{state.context}: position {entry.position} after {state.last_position} (event {entry.event_id})"
            )
        if state.last_event_day is not None and entry.day > state.last_event_day:
            if state.tree.size > state.checkpoint_size:
                checkpoint(f"day-close {state.last_event_day.isoformat()}")
        rows.append((state.tree.size, entry.leaf, entry.position, entry.event_id))
        state.tree.append(entry.leaf)
        state.last_position = entry.position
        if state.last_event_day is None or entry.day > state.last_event_day:
            state.last_event_day = entry.day
        if state.tree.size % policy.every_events == 0:
            checkpoint(f"every {policy.every_events} events")
    return rows, due

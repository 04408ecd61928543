"""The one clock of a process. The domain never reads time: a use case asks its context's
clock and hands the instant to the aggregate. The composition root (sotflow/bootstrap.py)
gives every context the same clock, and the API reads it through a dependency, so a test
can set the time of a whole process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware, in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class SetClock:
    """A clock that shows what it was set to (tests, benchmarks, replays)."""

    instant: datetime

    def now(self) -> datetime:
        return self.instant

    def advance(self, by: timedelta) -> None:
        self.instant += by


SYSTEM_CLOCK = SystemClock()


class Clocked:
    """A context that reads its process's clock (the composition root sets it)."""

    clock: Clock = SYSTEM_CLOCK

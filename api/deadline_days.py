"""A deadline's due instant as staff read it: in court time, whether it is overdue, and
the working days left, counted by the calendar in effect, all as of one moment (a
request's)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.court_time import COURT_ZONE


class DeadlineDays:
    def __init__(self, system, now: datetime) -> None:
        self.system = system
        self.now = now
        self.today = self.now.astimezone(COURT_ZONE).date()
        self._calendar = None

    def timing(self, due_at: datetime | str, *, running: bool) -> dict[str, Any]:
        """`due_at` (an instant, or its ISO text from a JSON column), `due_local`, `overdue`
        and `working_days_left`; the last two only count for a deadline that runs (is open)."""
        if not isinstance(due_at, datetime):
            due_at = datetime.fromisoformat(due_at)
        left = None
        if running:
            if self._calendar is None:
                self._calendar, _revision = self.system.deadlines.calendar_in_effect(self.today)
            left = self._calendar.working_days_left(self.today, due_at.astimezone(COURT_ZONE).date())
        return {
            "due_at": due_at, "due_local": due_at.astimezone(COURT_ZONE), "overdue": running and due_at < self.now,
            "working_days_left": left,
        }  # fmt: skip

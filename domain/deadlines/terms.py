"""Counting procedural terms (УПК 48; АППК for working days).

- A term in hours does not count the hour in which it starts: it ends N hours
  after the start of the next hour.
- A term in days or months does not count the day on which it starts; a term in
  days ends at the end of its last day, a term in months on the same date of the
  last month (on that month's last day when it has no such date).
- A term in working days counts only working days, from the next day on.
- Roll-over (УПК 48): a term whose last day is not a working day ends on the next
  working day. Not for detention terms; rules say whether they roll over.

Every due instant is the end of the last day in the court's zone (23:59:59, Asia/
Almaty), or the exact end of an hours term, and is kept in UTC.
"""

from __future__ import annotations

import calendar as gregorian
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from domain.calendar.working_days import WorkingCalendar
from domain.court_time import COURT_ZONE, court_date

END_OF_DAY = time(23, 59, 59)


class Unit(StrEnum):
    HOURS = "hours"
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


@dataclass(frozen=True)
class Term:
    value: int
    unit: Unit

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", Unit(self.unit))  # stored events give it back as a plain string
        if self.value < 1:
            raise ValueError("a term is at least 1 unit long")

    def __str__(self) -> str:
        unit = self.unit.replace("_", " ")
        return f"{self.value} {unit[:-1] if self.value == 1 else unit}"


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, gregorian.monthrange(year, month)[1]))


def end_of_court_day(day: date) -> datetime:
    # fold=1: the later of two 23:59:59s, where a day has two (29 February 2024 in
    # Almaty, when the clocks went back from UTC+6 to UTC+5 at midnight).
    return datetime.combine(day, END_OF_DAY, COURT_ZONE).replace(fold=1).astimezone(UTC)


def counts_by_day(unit: Unit) -> bool:
    return unit != Unit.HOURS


def rolls_over_by_default(unit: Unit) -> bool:
    """Working-day terms always end on a working day; hours terms end at an hour."""
    return unit in (Unit.CALENDAR_DAYS, Unit.MONTHS)


def term_end(start: datetime, term: Term, calendar: WorkingCalendar, *, rolls_over: bool) -> datetime:
    """The instant a term started at `start` ends (UTC)."""
    if term.unit == Unit.HOURS:
        started_hour = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        return started_hour + timedelta(hours=term.value + 1)
    return end_of_court_day(last_day(court_date(start), term, calendar, rolls_over=rolls_over))


def last_day(start_day: date, term: Term, calendar: WorkingCalendar, *, rolls_over: bool) -> date:
    if term.unit == Unit.WORKING_DAYS:
        return calendar.add_working_days(start_day, term.value)
    if term.unit == Unit.CALENDAR_DAYS:
        day = start_day + timedelta(days=term.value)
    else:
        day = add_months(start_day, term.value)
    return calendar.working_day_on_or_after(day) if rolls_over else day


def extended_due(due: datetime, by: Term, calendar: WorkingCalendar, *, rolls_over: bool) -> datetime:
    """A further term runs from the end of the current one."""
    if by.unit == Unit.HOURS:
        return due + timedelta(hours=by.value)
    return term_end(due, by, calendar, rolls_over=rolls_over)


def shifted_by_suspension(
    due: datetime, unit: Unit, suspended_at: datetime, resumed_at: datetime, calendar: WorkingCalendar, *, rolls_over
) -> datetime:
    """The due instant after a suspension: the term does not run while suspended (УПК 45).

    Hours terms move by the suspension's exact length; day terms by the number of
    days (working days, for working-day terms) the suspension took, counting the
    day it began and not the day it ended.
    """
    if unit == Unit.HOURS:
        return due + (resumed_at - suspended_at)
    first, resumed = court_date(suspended_at), court_date(resumed_at)
    last = court_date(due)
    if unit == Unit.WORKING_DAYS:
        lost = calendar.working_days_between(first, resumed - timedelta(days=1))
        return end_of_court_day(calendar.add_working_days(last, lost))
    moved = last + timedelta(days=(resumed - first).days)
    return end_of_court_day(calendar.working_day_on_or_after(moved) if rolls_over else moved)

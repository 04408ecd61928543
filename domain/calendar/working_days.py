"""Which days are working days in Kazakhstan, and counting with them.

A `WorkingCalendar` is an immutable value built from one edition of the calendar's
data (the latest by default): the statute holidays, the weekend transfer rule,
Kurban Ait's date for each year, and the transfer orders. Every non-working day carries the reason it is one, so that a
computed deadline can be explained to whoever reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.calendar.data import FixedHoliday, KurbanAit, Transfer
from domain.calendar.editions import LATEST, Edition

SATURDAY, SUNDAY = 5, 6
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class NonWorkingDay:
    day: date
    reason: str


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: tuple[FixedHoliday, ...] = LATEST.holidays
    kurban_ait: Mapping[int, KurbanAit] = field(default_factory=lambda: dict(LATEST.kurban_ait))
    transfers: tuple[Transfer, ...] = LATEST.transfers
    _years: dict[int, dict[date, str | None]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, edition: Edition) -> WorkingCalendar:
        return cls(holidays=edition.holidays, kurban_ait=dict(edition.kurban_ait), transfers=edition.transfers)

    def with_amendments(self, kurban_ait: Mapping[int, KurbanAit], transfers: Iterable[Transfer]) -> WorkingCalendar:
        """This calendar with later-announced Kurban Ait dates and transfer orders."""
        return WorkingCalendar(
            holidays=self.holidays,
            kurban_ait={**self.kurban_ait, **kurban_ait},
            transfers=(*self.transfers, *transfers),
        )

    # -- questions ----------------------------------------------------------
    def non_working_reason(self, day: date) -> str | None:
        """Why the day is not a working day, or None when it is one."""
        year = self._year(day.year)
        if day in year:
            return year[day]
        if day.weekday() in (SATURDAY, SUNDAY):
            return "weekend"
        return None

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def non_working_days(self, first: date, last: date) -> list[NonWorkingDay]:
        """Every non-working day from `first` to `last`, both included."""
        days = []
        for n in range((last - first).days + 1):
            day = first + timedelta(days=n)
            reason = self.non_working_reason(day)
            if reason is not None:
                days.append(NonWorkingDay(day, reason))
        return days

    def working_days_between(self, first: date, last: date) -> int:
        """How many working days from `first` to `last`, both included."""
        if last < first:
            return 0
        return (last - first).days + 1 - len(self.non_working_days(first, last))

    def working_days_left(self, today: date, due_day: date) -> int:
        """Working days after `today` up to the due day: 0 when due today (or due on a day
        off with no working day before it); negative, the working days it is overdue by."""
        if due_day >= today:
            return self.working_days_between(today + timedelta(days=1), due_day)
        return -self.working_days_between(due_day + timedelta(days=1), today)

    def working_day_on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (the day itself is not counted)."""
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    # -- one year's exceptions to "Monday to Friday" --------------------------
    def _year(self, year: int) -> dict[date, str | None]:
        """Dates whose status is not the weekday's: a reason (day off) or None (worked)."""
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> dict[date, str | None]:
        days: dict[date, str | None] = {}
        moving: list[tuple[date, str]] = []
        for holiday in self.holidays:
            if holiday.falls_in(year):
                day = date(year, holiday.month, holiday.day)
                days[day] = f"holiday: {holiday.name}"
                if holiday.moves_off_weekend and day.weekday() in (SATURDAY, SUNDAY):
                    moving.append((day, holiday.name))
        kurban = self.kurban_ait.get(year)
        if kurban is not None:
            # Never moved off a weekend (a religious holiday).
            days[kurban.day] = f"holiday: Kurban Ait ({kurban.source})"
        for holiday_day, name in sorted(moving):
            moved = holiday_day + timedelta(days=1)
            while moved.weekday() in (SATURDAY, SUNDAY) or moved in days:
                moved += timedelta(days=1)
            days[moved] = f"day off moved from {holiday_day.isoformat()} ({name})"
        for transfer in self.transfers:
            if transfer.from_day.year == year:
                days[transfer.from_day] = None
            if transfer.to_day.year == year:
                days[transfer.to_day] = f"day off transferred from {transfer.from_day.isoformat()} ({transfer.source})"
        return days

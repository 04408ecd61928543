"""The calendar as data: statute holidays, Kurban Ait's dates, and the transfer
orders known when this edition was written. Orders and Kurban Ait dates announced
later are entered as events (see domain/calendar/amendments.py), not edited here.

Checked against the `holidays` package (tests/unit/test_calendar.py): it agrees for
2022-2025; for 2026 it drops Constitution Day (30 August), which the statute list
this court works from still has, so the list below is ours and the package is only
a cross-check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Bumped whenever this module changes what is a working day: deadlines record the
# edition they were computed with, so a changed edition recomputes open deadlines.
EDITION = "kz-2026.1"

HOLIDAYS_LAW = "Law No. 267-II of 13 December 2001 'On holidays in the Republic of Kazakhstan'"
TRANSFER_RULE = "Labour Code of the Republic of Kazakhstan (a holiday on a day off moves to the next working day)"


@dataclass(frozen=True)
class FixedHoliday:
    month: int
    day: int
    name: str
    # A holiday on a Saturday or Sunday moves the day off to the next working day,
    # except religious holidays (Orthodox Christmas, Kurban Ait).
    moves_off_weekend: bool = True
    since: int | None = None  # first year it is a day off
    until: int | None = None  # last year it is a day off

    def falls_in(self, year: int) -> bool:
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


BASE_HOLIDAYS: tuple[FixedHoliday, ...] = (
    FixedHoliday(1, 1, "New Year"),
    FixedHoliday(1, 2, "New Year"),
    FixedHoliday(1, 7, "Orthodox Christmas", moves_off_weekend=False),
    FixedHoliday(3, 8, "International Women's Day"),
    FixedHoliday(3, 21, "Nauryz"),
    FixedHoliday(3, 22, "Nauryz"),
    FixedHoliday(3, 23, "Nauryz"),
    FixedHoliday(5, 1, "Kazakhstan People's Unity Day"),
    FixedHoliday(5, 7, "Defender of the Fatherland Day"),
    FixedHoliday(5, 9, "Victory Day"),
    FixedHoliday(7, 6, "Capital Day"),
    FixedHoliday(8, 30, "Constitution Day"),
    FixedHoliday(10, 25, "Republic Day", since=2022),
    FixedHoliday(12, 1, "First President's Day", until=2021),
    FixedHoliday(12, 16, "Independence Day"),
    # Whether 17 December is still off is uncertain in the statute list; the
    # holidays package and the 2022 amendment say it is not.
    FixedHoliday(12, 17, "Independence Day", until=2021),
)


@dataclass(frozen=True)
class KurbanAit:
    """The first day of Kurban Ait: a moving date, announced each year."""

    day: date
    source: str


KURBAN_AIT: dict[int, KurbanAit] = {
    2022: KurbanAit(date(2022, 7, 9), "Spiritual Administration of Muslims of Kazakhstan, announcement for 2022"),
    2023: KurbanAit(date(2023, 6, 28), "Spiritual Administration of Muslims of Kazakhstan, announcement for 2023"),
    2024: KurbanAit(date(2024, 6, 16), "Spiritual Administration of Muslims of Kazakhstan, announcement for 2024"),
    2025: KurbanAit(date(2025, 6, 6), "Spiritual Administration of Muslims of Kazakhstan, announcement for 2025"),
    2026: KurbanAit(date(2026, 5, 27), "Spiritual Administration of Muslims of Kazakhstan, announcement for 2026"),
}


@dataclass(frozen=True)
class Transfer:
    """A day off moved by the government's order: `from_day` becomes a working day
    and `to_day` a day off."""

    from_day: date
    to_day: date
    source: str


# Sources are the government decrees' ids on adilet.zan.kz (as the holidays package
# cites them).
BUILTIN_TRANSFERS: tuple[Transfer, ...] = (
    Transfer(date(2022, 3, 5), date(2022, 3, 7), "Government decree, adilet.zan.kz P2200000796"),
    Transfer(date(2022, 8, 27), date(2022, 8, 29), "Government decree, adilet.zan.kz P2200000796"),
    Transfer(date(2022, 10, 22), date(2022, 10, 24), "Government decree, adilet.zan.kz P2200000796"),
    Transfer(date(2023, 7, 1), date(2023, 7, 7), "Government decree, adilet.zan.kz P2300000326"),
    Transfer(date(2024, 5, 4), date(2024, 5, 8), "Government decree, adilet.zan.kz G24G0000109"),
    Transfer(date(2025, 1, 5), date(2025, 1, 3), "Government decree, adilet.zan.kz G24G0000436"),
)

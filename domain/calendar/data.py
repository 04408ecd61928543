"""The calendar as data: statute holidays, Kurban Ait's dates, and the transfer
orders known when each edition was written, every entry with its source.

An entry is never edited once an edition that uses it has been released: a change
is a new edition (domain/calendar/editions.py) that uses other entries. Orders and
Kurban Ait dates announced later are entered as events (domain/calendar/amendments.py).

Checked day by day against the `holidays` package (tests/unit/test_calendar.py),
for every year an edition covers; the differences accepted are listed there with
their reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

HOLIDAYS_LAW = "Law No. 267-II of 13 December 2001 'On holidays in the Republic of Kazakhstan', art. 1"
# Religious holidays are days off by the Labour Code, not the holidays law, and are
# not moved off a weekend.
RELIGIOUS_DAYS_OFF = "Labour Code of the Republic of Kazakhstan, art. 84(5)"
# Law of 2022 amending the holidays law (adilet.zan.kz Z2200000143): Republic Day
# back from 2022; First President's Day and 17 December no longer holidays.
AMENDMENT_2022 = "Law of 2022 amending Law No. 267-II (adilet.zan.kz Z2200000143)"
# The new Constitution (referendum of 15 March 2026, in force 1 July 2026) moved
# Constitution Day to 15 March from 2027, with no Constitution Day in 2026.
AMENDMENT_2026 = (
    "Law No. 267-II as amended with the Constitution adopted by referendum on 15 March 2026, in force "
    "1 July 2026 (adilet.zan.kz Z010000267_ history, cited by the holidays package 0.109; the labour "
    "ministry's announcement reported 18 March 2026)"
)


@dataclass(frozen=True)
class FixedHoliday:
    month: int
    day: int
    name: str
    source: str
    # A holiday on a Saturday or Sunday moves the day off to the next working day
    # (Law No. 267-II, art. 5), except religious holidays (Orthodox Christmas, Kurban Ait).
    moves_off_weekend: bool = True
    since: int | None = None  # first year it is a day off
    until: int | None = None  # last year it is a day off

    def falls_in(self, year: int) -> bool:
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


NEW_YEAR_1 = FixedHoliday(1, 1, "New Year", HOLIDAYS_LAW)
NEW_YEAR_2 = FixedHoliday(1, 2, "New Year", HOLIDAYS_LAW)
ORTHODOX_CHRISTMAS = FixedHoliday(1, 7, "Orthodox Christmas", RELIGIOUS_DAYS_OFF, moves_off_weekend=False)
WOMENS_DAY = FixedHoliday(3, 8, "International Women's Day", HOLIDAYS_LAW)
NAURYZ = tuple(FixedHoliday(3, d, "Nauryz", HOLIDAYS_LAW) for d in (21, 22, 23))
UNITY_DAY = FixedHoliday(5, 1, "Kazakhstan People's Unity Day", HOLIDAYS_LAW)
DEFENDER_DAY = FixedHoliday(5, 7, "Defender of the Fatherland Day", HOLIDAYS_LAW)
VICTORY_DAY = FixedHoliday(5, 9, "Victory Day", HOLIDAYS_LAW)
CAPITAL_DAY = FixedHoliday(7, 6, "Capital Day", HOLIDAYS_LAW)
# Edition kz-2026.1 had 30 August every year; that entry stays as released.
CONSTITUTION_DAY_30_AUGUST = FixedHoliday(8, 30, "Constitution Day", HOLIDAYS_LAW)
CONSTITUTION_DAY_UNTIL_2025 = FixedHoliday(8, 30, "Constitution Day", f"{HOLIDAYS_LAW}; {AMENDMENT_2026}", until=2025)
CONSTITUTION_DAY_15_MARCH = FixedHoliday(3, 15, "Constitution Day", AMENDMENT_2026, since=2027)
REPUBLIC_DAY = FixedHoliday(10, 25, "Republic Day", AMENDMENT_2022, since=2022)
FIRST_PRESIDENTS_DAY = FixedHoliday(12, 1, "First President's Day", AMENDMENT_2022, until=2021)
INDEPENDENCE_DAY = FixedHoliday(12, 16, "Independence Day", HOLIDAYS_LAW)
INDEPENDENCE_DAY_2 = FixedHoliday(12, 17, "Independence Day", AMENDMENT_2022, until=2021)

HOLIDAYS_2026_1: tuple[FixedHoliday, ...] = (
    NEW_YEAR_1, NEW_YEAR_2, ORTHODOX_CHRISTMAS, WOMENS_DAY, *NAURYZ, UNITY_DAY, DEFENDER_DAY, VICTORY_DAY,
    CAPITAL_DAY, CONSTITUTION_DAY_30_AUGUST, REPUBLIC_DAY, FIRST_PRESIDENTS_DAY, INDEPENDENCE_DAY,
    INDEPENDENCE_DAY_2,
)  # fmt: skip
HOLIDAYS_2026_2: tuple[FixedHoliday, ...] = tuple(
    CONSTITUTION_DAY_UNTIL_2025 if h is CONSTITUTION_DAY_30_AUGUST else h for h in HOLIDAYS_2026_1
) + (CONSTITUTION_DAY_15_MARCH,)


@dataclass(frozen=True)
class KurbanAit:
    """The first day of Kurban Ait: a moving date, announced each year."""

    day: date
    source: str


def _dumk(year: int, also: str = "") -> str:
    return f"Spiritual Administration of Muslims of Kazakhstan (DUMK), religious calendar for {year}{also}"


# The package's dates for 2022-2025 are confirmed ones (its EID_AL_ADHA_DATES_CONFIRMED_YEARS).
KURBAN_AIT_2022_2026: dict[int, KurbanAit] = {
    2022: KurbanAit(date(2022, 7, 9), "holidays package 0.109 (a confirmed date)"),
    2023: KurbanAit(date(2023, 6, 28), "holidays package 0.109 (a confirmed date)"),
    2024: KurbanAit(date(2024, 6, 16), _dumk(2024, " (announced 7 June 2024); holidays package 0.109")),
    2025: KurbanAit(date(2025, 6, 6), _dumk(2025, "; holidays package 0.109")),
    2026: KurbanAit(date(2026, 5, 27), _dumk(2026, " (published 6 November 2025)")),
}
# No announcement for 2027 was seen when this edition was written: the package's
# estimate, a Sunday (so no working day changes); DUMK's date is entered as an order.
KURBAN_AIT_2027 = KurbanAit(date(2027, 5, 16), "holidays package 0.109 (estimated; DUMK's 2027 calendar not yet seen)")


@dataclass(frozen=True)
class Transfer:
    """A day off moved by the government's order: `from_day` becomes a working day
    and `to_day` a day off."""

    from_day: date
    to_day: date
    source: str


def _decree(adilet_id: str) -> str:
    return f"Government decree transferring days off, adilet.zan.kz {adilet_id} (cited by the holidays package 0.109)"


# The holidays package (0.109) knows no transfer order for 2026 or 2027.
TRANSFERS_2022_2025: tuple[Transfer, ...] = (
    Transfer(date(2022, 3, 5), date(2022, 3, 7), _decree("P2200000796")),
    Transfer(date(2022, 8, 27), date(2022, 8, 29), _decree("P2200000796")),
    Transfer(date(2022, 10, 22), date(2022, 10, 24), _decree("P2200000796")),
    Transfer(date(2023, 7, 1), date(2023, 7, 7), _decree("P2300000326")),
    Transfer(date(2024, 5, 4), date(2024, 5, 8), _decree("G24G0000109")),
    Transfer(date(2025, 1, 5), date(2025, 1, 3), _decree("G24G0000436")),
)

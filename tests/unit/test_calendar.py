"""Kazakhstan's working-day calendar: every holiday of 2024-2027, the weekend
transfer rule and its two exceptions, transfer orders, Kurban Ait, the editions of
the built-in data, and a day-by-day check against the `holidays` package for every
year every edition covers, each difference accepted with its reason."""

import re
from datetime import date, timedelta

import holidays
import pytest

from domain.actor import Actor, Role
from domain.calendar.amendments import BUILTIN_REVISION, CourtCalendar, OrderKind, recomputation_reason
from domain.calendar.editions import EDITIONS, KZ_2026_1, KZ_2026_2, LATEST, Edition, edition_on
from domain.calendar.errors import MissingSourceError, OrderTakesEffectTooLateError, TransferDaysError
from domain.calendar.working_days import WorkingCalendar

CAL = WorkingCalendar()
HEAD = Actor("u-head", Role.HEAD)

# (day, what makes it a day off): every public holiday of 2024-2027 and the days
# off moved from a weekend, as the statute list and the transfer rule give them.
DAYS_OFF_2024_2027 = [
    ("2024-01-01", "New Year"), ("2024-01-02", "New Year"), ("2024-01-07", "Orthodox Christmas"),
    ("2024-03-08", "Women's Day"), ("2024-03-21", "Nauryz"), ("2024-03-22", "Nauryz"), ("2024-03-23", "Nauryz"),
    ("2024-03-25", "moved from 2024-03-23"), ("2024-05-01", "Unity Day"), ("2024-05-07", "Defender"),
    ("2024-05-08", "transferred from 2024-05-04"), ("2024-05-09", "Victory Day"), ("2024-06-16", "Kurban Ait"),
    ("2024-07-06", "Capital Day"), ("2024-07-08", "moved from 2024-07-06"), ("2024-08-30", "Constitution Day"),
    ("2024-10-25", "Republic Day"), ("2024-12-16", "Independence Day"),
    ("2025-01-01", "New Year"), ("2025-01-02", "New Year"), ("2025-01-03", "transferred from 2025-01-05"),
    ("2025-01-07", "Orthodox Christmas"), ("2025-03-08", "Women's Day"), ("2025-03-10", "moved from 2025-03-08"),
    ("2025-03-21", "Nauryz"), ("2025-03-22", "Nauryz"), ("2025-03-23", "Nauryz"),
    ("2025-03-24", "moved from 2025-03-22"), ("2025-03-25", "moved from 2025-03-23"), ("2025-05-01", "Unity Day"),
    ("2025-05-07", "Defender"), ("2025-05-09", "Victory Day"), ("2025-06-06", "Kurban Ait"),
    ("2025-07-06", "Capital Day"), ("2025-07-07", "moved from 2025-07-06"), ("2025-08-30", "Constitution Day"),
    ("2025-09-01", "moved from 2025-08-30"), ("2025-10-25", "Republic Day"), ("2025-10-27", "moved from 2025-10-25"),
    ("2025-12-16", "Independence Day"),
    # 2026: no Constitution Day (the new Constitution moved it to 15 March from 2027).
    ("2026-01-01", "New Year"), ("2026-01-02", "New Year"), ("2026-01-07", "Orthodox Christmas"),
    ("2026-03-08", "Women's Day"), ("2026-03-09", "moved from 2026-03-08"), ("2026-03-21", "Nauryz"),
    ("2026-03-22", "Nauryz"), ("2026-03-23", "Nauryz"), ("2026-03-24", "moved from 2026-03-21"),
    ("2026-03-25", "moved from 2026-03-22"), ("2026-05-01", "Unity Day"), ("2026-05-07", "Defender"),
    ("2026-05-09", "Victory Day"), ("2026-05-11", "moved from 2026-05-09"), ("2026-05-27", "Kurban Ait"),
    ("2026-07-06", "Capital Day"), ("2026-10-25", "Republic Day"), ("2026-10-26", "moved from 2026-10-25"),
    ("2026-12-16", "Independence Day"),
    ("2027-01-01", "New Year"), ("2027-01-02", "New Year"), ("2027-01-04", "moved from 2027-01-02"),
    ("2027-01-07", "Orthodox Christmas"), ("2027-03-08", "Women's Day"), ("2027-03-15", "Constitution Day"),
    ("2027-03-21", "Nauryz"), ("2027-03-22", "Nauryz"), ("2027-03-23", "Nauryz"),
    ("2027-03-24", "moved from 2027-03-21"), ("2027-05-01", "Unity Day"), ("2027-05-03", "moved from 2027-05-01"),
    ("2027-05-07", "Defender"), ("2027-05-09", "Victory Day"), ("2027-05-10", "moved from 2027-05-09"),
    ("2027-05-16", "Kurban Ait"), ("2027-07-06", "Capital Day"), ("2027-10-25", "Republic Day"),
    ("2027-12-16", "Independence Day"),
]  # fmt: skip


@pytest.mark.parametrize(("day", "why"), DAYS_OFF_2024_2027)
def test_every_holiday_of_2024_to_2027_is_a_day_off(day, why):
    reason = CAL.non_working_reason(date.fromisoformat(day))
    assert reason is not None and why.split()[0] in reason, reason


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_no_other_weekday_is_off(year):
    listed = {date.fromisoformat(d) for d, _ in DAYS_OFF_2024_2027}
    day = date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5 and day not in listed:
            assert CAL.is_working_day(day), day
        day += timedelta(days=1)


def test_a_holiday_on_a_saturday_moves_the_day_off_to_monday():
    assert CAL.non_working_reason(date(2025, 3, 8)).startswith("holiday")  # Saturday
    assert CAL.non_working_reason(date(2025, 3, 10)) == "day off moved from 2025-03-08 (International Women's Day)"
    assert CAL.is_working_day(date(2025, 3, 11))


def test_consecutive_weekend_holidays_move_past_the_holidays_that_follow():
    # Nauryz 2026: 21 (Sat) and 22 (Sun) move past 23 March (Monday, itself a holiday).
    assert [d.day.isoformat() for d in CAL.non_working_days(date(2026, 3, 20), date(2026, 3, 26))] == [
        "2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24", "2026-03-25",
    ]  # fmt: skip


def test_orthodox_christmas_and_kurban_ait_on_a_weekend_are_not_moved():
    assert date(2024, 1, 7).weekday() == 6 and CAL.is_working_day(date(2024, 1, 8))
    assert date(2024, 6, 16).weekday() == 6 and CAL.is_working_day(date(2024, 6, 17))
    assert date(2023, 1, 7).weekday() == 5 and CAL.is_working_day(date(2023, 1, 9))


def test_kurban_ait_is_a_moving_date_from_data():
    assert "Kurban Ait" in CAL.non_working_reason(date(2025, 6, 6))
    assert "Kurban Ait" in CAL.non_working_reason(date(2026, 5, 27))
    assert CAL.is_working_day(date(2025, 5, 27))  # each year has its own date
    assert CAL.is_working_day(date(2026, 6, 5))


def test_a_transfer_order_makes_a_weekend_day_a_working_day():
    assert CAL.is_working_day(date(2024, 5, 4))  # Saturday, worked
    assert "transferred from 2024-05-04" in CAL.non_working_reason(date(2024, 5, 8))
    assert CAL.is_working_day(date(2025, 1, 5))  # Sunday, worked
    assert not CAL.is_working_day(date(2025, 1, 3))


def test_year_end():
    assert [d.day.isoformat() for d in CAL.non_working_days(date(2025, 12, 27), date(2026, 1, 7))] == [
        "2025-12-27", "2025-12-28", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-07",
    ]  # fmt: skip
    assert CAL.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    assert CAL.working_day_on_or_after(date(2026, 1, 1)) == date(2026, 1, 5)


def test_leap_day_is_an_ordinary_working_day():
    assert CAL.is_working_day(date(2024, 2, 29))
    assert CAL.working_days_between(date(2024, 2, 1), date(2024, 2, 29)) == 21
    assert CAL.working_days_between(date(2025, 2, 1), date(2025, 2, 28)) == 20


def test_working_days_between_counts_both_ends():
    # March 2025: 21 weekdays, minus 10, 21, 24 and 25 March.
    assert CAL.working_days_between(date(2025, 3, 1), date(2025, 3, 31)) == 17
    assert CAL.working_days_between(date(2025, 3, 3), date(2025, 3, 3)) == 1
    assert CAL.working_days_between(date(2025, 3, 4), date(2025, 3, 3)) == 0


# -- the holidays package, year by year -------------------------------------------
# Every difference between an edition and the package (0.109) over the years the
# edition covers, with its reason. Anything else, either way, fails the test; so does
# an accepted difference that no longer occurs.
OFF_HERE = "a day off here, a working day in the package"
WORKED_HERE = "a working day here, a day off in the package"
ACCEPTED_DIFFERENCES: dict[tuple[str, date], tuple[str, str]] = {
    ("kz-2026.1", date(2026, 8, 31)): (
        OFF_HERE,
        "kz-2026.1 was written before the 2026 amendment: Constitution Day on Sunday 30 August 2026, moved to "
        "Monday 31 August. Superseded from 1 July 2026 by kz-2026.2; kept as released, since deadlines recorded it.",
    ),
}


def _package_days(year: int) -> tuple[set[date], set[date]]:
    """Weekdays the package has off, and weekend days its transfers make working."""
    kz = holidays.country_holidays("KZ", years=year, language="en_US")
    off = {d for d in kz if d.weekday() < 5}
    worked = set()
    for name in kz.values():
        if m := re.search(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            worked.add(date(int(m[3]), int(m[1]), int(m[2])))
    return off, worked


def _edition_days(edition: Edition, year: int) -> tuple[set[date], set[date]]:
    calendar = WorkingCalendar.of(edition)
    off, worked = set(), set()
    day = date(year, 1, 1)
    while day.year == year:
        reason = calendar.non_working_reason(day)
        if day.weekday() < 5 and reason:
            off.add(day)
        if day.weekday() >= 5 and reason is None:
            worked.add(day)
        day += timedelta(days=1)
    return off, worked


def _differences(edition: Edition) -> dict[date, str]:
    found = {}
    for year in edition.years:
        ours_off, ours_worked = _edition_days(edition, year)
        package_off, package_worked = _package_days(year)
        found |= {d: OFF_HERE for d in (ours_off - package_off) | (package_worked - ours_worked)}
        found |= {d: WORKED_HERE for d in (package_off - ours_off) | (ours_worked - package_worked)}
    return found


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.name)
def test_every_covered_year_agrees_with_the_holidays_package_or_the_difference_is_explained(edition):
    accepted = {day: way for (name, day), (way, _reason) in ACCEPTED_DIFFERENCES.items() if name == edition.name}
    found = _differences(edition)
    unexplained = {d.isoformat(): way for d, way in found.items() if accepted.get(d) != way}
    no_longer = sorted(d.isoformat() for d in accepted.keys() - found.keys())
    assert not unexplained, f"{edition.name}: differences with no reason in ACCEPTED_DIFFERENCES: {unexplained}"
    assert not no_longer, f"{edition.name}: accepted differences that no longer occur: {no_longer}"


def test_the_comparison_covers_every_year_up_to_the_latest_data():
    assert LATEST.years == range(2022, 2028)
    assert max(LATEST.kurban_ait) == LATEST.years[-1] and min(LATEST.kurban_ait) == LATEST.years[0]
    assert {t.to_day.year for t in LATEST.transfers} <= set(LATEST.years)


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.name)
def test_kurban_ait_is_the_packages_date_for_every_covered_year(edition):
    # Weekend dates (2022, 2024, 2027) change no working day, so the weekday
    # comparison alone would not see a wrong one.
    for year in edition.years:
        package = holidays.country_holidays("KZ", years=year, language="en_US")
        assert package.get_named("Eid al-Adha", lookup="startswith") == [edition.kurban_ait[year].day], year


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.name)
def test_every_entry_of_every_edition_names_its_source(edition):
    entries = [*edition.holidays, *edition.kurban_ait.values(), *edition.transfers]
    assert entries and all(e.source.strip() for e in entries)


# -- editions ---------------------------------------------------------------------
def test_editions_take_effect_in_order_and_are_named_once():
    assert [e.effective_from for e in EDITIONS] == sorted(e.effective_from for e in EDITIONS)
    assert len({e.name for e in EDITIONS}) == len(EDITIONS) and LATEST is KZ_2026_2


def test_the_2026_edition_applies_from_the_day_the_new_constitution_took_effect():
    assert edition_on(date(2026, 6, 30)) is KZ_2026_1
    assert edition_on(date(2026, 7, 1)) is KZ_2026_2
    assert edition_on(date(2020, 1, 1)) is KZ_2026_1
    # It changes no day before the amendment: 30 August stays Constitution Day up to 2025.
    old, new = WorkingCalendar.of(KZ_2026_1), WorkingCalendar.of(KZ_2026_2)
    for year in KZ_2026_1.years:
        if year < 2026:
            assert _edition_days(KZ_2026_1, year) == _edition_days(KZ_2026_2, year), year
    assert old.non_working_days(date(2026, 8, 29), date(2026, 8, 31))[-1].reason == (
        "day off moved from 2026-08-30 (Constitution Day)"
    )
    assert [d.day.isoformat() for d in new.non_working_days(date(2026, 8, 29), date(2026, 8, 31))] == [
        "2026-08-29", "2026-08-30",
    ]  # fmt: skip
    assert new.non_working_reason(date(2026, 8, 30)) == "weekend"


def test_an_edition_already_released_is_not_edited():
    """kz-2026.1 is what deadlines computed before 1 July 2026 recorded: it must
    give the same days today as when it was released."""
    assert KZ_2026_1.name == "kz-2026.1" and KZ_2026_1.years == range(2022, 2027)
    assert not WorkingCalendar.of(KZ_2026_1).is_working_day(date(2026, 8, 31))
    assert WorkingCalendar.of(KZ_2026_1).is_working_day(date(2027, 3, 15))
    assert 2027 not in KZ_2026_1.kurban_ait


def test_a_recomputation_says_which_revision_it_leaves_and_what_the_edition_changed():
    reason = recomputation_reason("kz-2026.1", [], KZ_2026_2)
    assert reason.startswith("calendar revision kz-2026.2 (was kz-2026.1); edition kz-2026.2: 30 August")
    calendar = CourtCalendar(actor=HEAD)
    calendar.enter_transfer(from_day=date(2027, 1, 9), to_day=date(2027, 1, 8), effective_from=date(2026, 12, 1),
                            source="Government decree (test)", actor=HEAD)  # fmt: skip
    assert recomputation_reason("kz-2026.2", calendar.orders, KZ_2026_2) == (
        "calendar revision kz-2026.2+1 (was kz-2026.2); orders 1"
    )


# -- the calendar as events -----------------------------------------------------
def test_a_transfer_order_entered_changes_the_calendar_from_its_effective_date():
    calendar = CourtCalendar(actor=HEAD)
    order = calendar.enter_transfer(
        from_day=date(2026, 1, 3), to_day=date(2026, 1, 5), effective_from=date(2025, 12, 20),
        source="Government decree No. 1 of 2025 (test)", actor=HEAD,
    )  # fmt: skip
    assert order.number == 1 and order.kind == OrderKind.TRANSFER
    assert calendar.calendar().is_working_day(date(2026, 1, 3))
    assert not calendar.calendar().is_working_day(date(2026, 1, 5))
    assert calendar.calendar(as_of=date(2025, 12, 19)).is_working_day(date(2026, 1, 5))
    assert calendar.revision(as_of=date(2025, 12, 19)) == "kz-2026.1"  # the edition in effect then
    assert calendar.revision() == BUILTIN_REVISION + "+1" == "kz-2026.2+1"


def test_a_kurban_ait_date_entered_later_corrects_the_year():
    calendar = CourtCalendar(actor=HEAD)
    calendar.enter_kurban_ait(day=date(2027, 5, 16), effective_from=date(2027, 1, 10), source="DUMK 2027", actor=HEAD)
    assert "Kurban Ait" in calendar.calendar().non_working_reason(date(2027, 5, 16))
    calendar.enter_kurban_ait(day=date(2027, 5, 17), effective_from=date(2027, 2, 1), source="DUMK fix", actor=HEAD)
    assert calendar.calendar().is_working_day(date(2027, 5, 18)) and not calendar.calendar().is_working_day(
        date(2027, 5, 17)
    )
    assert date(2027, 5, 16).weekday() == 6  # a Sunday anyway


@pytest.mark.parametrize(
    ("from_day", "to_day", "effective", "source", "error"),
    [
        ("2026-01-05", "2026-01-06", "2025-12-01", "decree", TransferDaysError),  # from a working day
        ("2026-01-03", "2026-01-07", "2025-12-01", "decree", TransferDaysError),  # to a holiday
        ("2026-01-03", "2026-01-05", "2026-01-04", "decree", OrderTakesEffectTooLateError),
        ("2026-01-03", "2026-01-05", "2025-12-01", "  ", MissingSourceError),
    ],
)
def test_a_transfer_order_that_cannot_be_is_refused(from_day, to_day, effective, source, error):
    calendar = CourtCalendar(actor=HEAD)
    with pytest.raises(error):
        calendar.enter_transfer(
            from_day=date.fromisoformat(from_day), to_day=date.fromisoformat(to_day),
            effective_from=date.fromisoformat(effective), source=source, actor=HEAD,
        )  # fmt: skip
    assert calendar.orders == []


@pytest.mark.parametrize(
    ("today", "due", "left"),
    [
        (date(2025, 3, 3), date(2025, 3, 3), 0),  # due today
        (date(2025, 3, 3), date(2025, 3, 5), 2),  # Tuesday and Wednesday to go
        (date(2025, 2, 28), date(2025, 3, 3), 1),  # over the weekend: only Monday counts
        (date(2025, 3, 3), date(2025, 2, 28), -1),  # due Friday, Monday now: a working day late
        (date(2025, 3, 5), date(2025, 3, 3), -2),
    ],
)
def test_working_days_left_count_working_days_only_and_go_negative_when_overdue(today, due, left):
    assert CAL.working_days_left(today, due) == left

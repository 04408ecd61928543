"""The court's days as instants: what the registers' day filters compare with."""

from datetime import UTC, date, datetime

from domain.court_time import court_date, days_between


def test_a_court_day_runs_from_midnight_to_midnight_in_almaty():
    begin, end = days_between(date(2025, 9, 1), date(2025, 9, 2))
    assert (begin, end) == (datetime(2025, 8, 31, 19, tzinfo=UTC), datetime(2025, 9, 2, 19, tzinfo=UTC))
    assert court_date(begin) == date(2025, 9, 1) and court_date(end) == date(2025, 9, 3)
    assert days_between(None, date(2025, 9, 1)) == (None, datetime(2025, 9, 1, 19, tzinfo=UTC))
    assert days_between(date(2025, 9, 1), None) == (datetime(2025, 8, 31, 19, tzinfo=UTC), None)


def test_days_before_march_2024_were_six_hours_ahead_of_utc():
    begin, end = days_between(date(2024, 2, 29), date(2024, 2, 29))
    assert (begin, end) == (datetime(2024, 2, 28, 18, tzinfo=UTC), datetime(2024, 2, 29, 19, tzinfo=UTC))

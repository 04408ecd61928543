"""The court's time zone. Kazakhstan has one zone, UTC+5, since 1 March 2024."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

COURT_ZONE = ZoneInfo("Asia/Almaty")


def court_date(instant: datetime) -> date:
    """The calendar date at the court for an aware instant."""
    return instant.astimezone(COURT_ZONE).date()


def day_start(day: date) -> datetime:
    """The instant the court's day begins."""
    return datetime.combine(day, time.min, tzinfo=COURT_ZONE)


def days_between(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """[begin, end) instants of the court's days first..last, both included; None for an open end.
    Comparing instants with these (not the instants' dates) lets an index on the instant serve."""
    return (
        None if first is None else day_start(first),
        None if last is None else day_start(last + timedelta(days=1)),
    )

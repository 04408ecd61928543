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


# Bounds of the instants and dates a court's records may hold. Python's datetime takes
# offsets up to ±23:59 and years up to 9999; PostgreSQL's timestamptz and the court's
# own work do not, and an accepted event must always be storable by every reader.
MAX_UTC_OFFSET = timedelta(hours=14)  # the furthest real-world zone (UTC+14, Line Islands)
EARLIEST_DAY = date(1950, 1, 1)  # acts contested or reviewed may be decades old
LATEST_DAY = date(2099, 12, 31)
# A record of something that has happened (a receipt, a hearing held, a term met) may
# carry an instant a little ahead of the server's clock, never more.
CLOCK_SKEW = timedelta(minutes=5)


def day_out_of_bounds(day: date) -> str | None:
    """Why a date cannot be a court's record, or None when it can."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        return f"{day.isoformat()} is outside the dates a court's record may hold ({EARLIEST_DAY} to {LATEST_DAY})"
    return None


def instant_out_of_bounds(instant: datetime) -> str | None:
    """Why an aware instant cannot be a court's record, or None when it can."""
    offset = instant.utcoffset()
    if offset is None:
        return "an instant needs its UTC offset"
    if abs(offset) > MAX_UTC_OFFSET:
        return f"UTC offset {instant.isoformat()[-6:]} is beyond ±14:00, the furthest real time zone"
    if offset % timedelta(minutes=1):
        return "a UTC offset is whole minutes"
    return day_out_of_bounds(instant.date())


def not_after(instant: datetime, now: datetime) -> bool:
    """Whether `instant` may be recorded as past at `now` (allowing for clock skew)."""
    return instant <= now + CLOCK_SKEW

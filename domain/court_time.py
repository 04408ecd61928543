"""The court's time zone. Kazakhstan has one zone, UTC+5, since 1 March 2024."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

COURT_ZONE = ZoneInfo("Asia/Almaty")


def court_date(instant: datetime) -> date:
    """The calendar date at the court for an aware instant."""
    return instant.astimezone(COURT_ZONE).date()

"""Keyset page cursors for registers ordered by an instant: the instant, then the keys
that make the order total, joined by "|". An instant is written in UTC with "Z", so a
cursor needs no escaping in a query string."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import HTTPException, Query, status

from domain.court_time import instant_out_of_bounds


def time_cursor(when: datetime, *keys: object) -> str:
    return "|".join([when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), *map(str, keys)])


def parse_time_cursor(text: str, *key_types: Callable[[str], object]) -> tuple:
    """(instant, *keys) from a cursor made by `time_cursor`; 422 if it is not one."""
    parts = text.split("|", len(key_types))  # the last key may itself hold a "|"
    try:
        if len(parts) != len(key_types) + 1:
            raise ValueError(text)
        when = datetime.fromisoformat(parts[0])
        if when.tzinfo is None or instant_out_of_bounds(when):
            raise ValueError(text)
        return (when, *(make(part) for make, part in zip(key_types, parts[1:], strict=True)))
    except ValueError:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "`after` is not a page cursor.") from None


# Query parameters of a page ordered by an instant.
Cursor = Annotated[str | None, Query(max_length=200, description="The `next_after` of the previous page.")]
PageLimit = Annotated[int, Query(ge=1, le=500)]
Reverse = Annotated[
    bool,
    Query(description="The register's order reversed (the latest first, say); `next_after` goes on the same way."),
]
NEXT_AFTER = "Pass as `after` for the next page; null on the last page."


def next_time_cursor(rows: Sequence[Mapping[str, Any]], limit: int, when: str, *keys: str) -> str | None:
    """The cursor after the page's last row, from `limit + 1` rows fetched; None when no row is left."""
    if len(rows) <= limit:
        return None
    last = rows[limit - 1]
    return time_cursor(last[when], *(last[k] for k in keys))

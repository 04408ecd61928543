"""Keyset page cursors for registers ordered by an instant: the instant, then the keys
that make the order total, joined by "|". An instant is written in UTC with "Z", so a
cursor needs no escaping in a query string."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import HTTPException, status


def time_cursor(when: datetime, *keys: object) -> str:
    return "|".join([when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), *map(str, keys)])


def parse_time_cursor(text: str, *key_types: Callable[[str], object]) -> tuple:
    """(instant, *keys) from a cursor made by `time_cursor`; 422 if it is not one."""
    parts = text.split("|", len(key_types))  # the last key may itself hold a "|"
    try:
        if len(parts) != len(key_types) + 1:
            raise ValueError(text)
        when = datetime.fromisoformat(parts[0])
        if when.tzinfo is None:
            raise ValueError(text)
        return (when, *(make(part) for make, part in zip(key_types, parts[1:], strict=True)))
    except ValueError:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "`after` is not a page cursor.") from None

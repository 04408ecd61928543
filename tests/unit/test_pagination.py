"""Keyset page cursors: what a page's last row writes is what the next request reads back."""

from datetime import UTC, datetime, timedelta, timezone
from uuid import UUID, uuid4

import pytest
from fastapi import HTTPException

from api.pagination import next_time_cursor, parse_time_cursor, time_cursor


def test_a_cursor_reads_back_as_the_instant_and_keys_it_was_made_of():
    when = datetime(2026, 11, 22, 10, 30, 15, 123456, tzinfo=timezone(timedelta(hours=5)))
    deadline = uuid4()
    cursor = time_cursor(when, "registry", 42)
    assert cursor == "2026-11-22T05:30:15.123456Z|registry|42"
    assert parse_time_cursor(cursor, str, int) == (when, "registry", 42)
    assert parse_time_cursor(time_cursor(when, deadline), UUID) == (when, deadline)


def test_the_next_cursor_is_the_last_row_of_the_page_and_none_when_nothing_is_left():
    rows = [{"at": datetime(2026, 1, 1, n, tzinfo=UTC), "id": n} for n in range(3)]
    assert next_time_cursor(rows, 2, "at", "id") == "2026-01-01T01:00:00.000000Z|1"
    assert next_time_cursor(rows, 3, "at", "id") is None
    assert next_time_cursor(rows[:2], 2, "at", "id") is None
    assert next_time_cursor([], 2, "at", "id") is None


@pytest.mark.parametrize(
    ("text", "key_types"),
    [
        ("yesterday|x", (str,)),  # not an instant
        ("2026-01-01T00:00:00|x", (str,)),  # no offset: which instant is it?
        ("2026-01-01T00:00:00Z", (str,)),  # a key missing
        ("2026-01-01T00:00:00Z|not-a-uuid", (UUID,)),
        ("2026-01-01T00:00:00Z|registry|seven", (str, int)),
    ],
)
def test_a_malformed_cursor_is_a_422(text, key_types):
    with pytest.raises(HTTPException) as refused:
        parse_time_cursor(text, *key_types)
    assert refused.value.status_code == 422

"""The headers of a command: `Idempotency-Key` makes a retry record nothing new,
`If-Match` makes it conditional on the version last read, and the answer says the new
version (ETag), where to read it, and whether it was a replay."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

IdempotencyKey = Annotated[
    str | None,
    Header(min_length=1, max_length=200, description="A retry with the same key records nothing new."),
]
IfMatch = Annotated[
    str | None,
    Header(
        pattern=r'^(W/)?"?\d+"?$',
        description="The case's version as last read (its ETag): refused with 409 if changed.",
    ),
]


def expected_version(if_match: str | None) -> int | None:
    """The version an If-Match names (`"3"`, `W/"3"` or `3`), or None without one."""
    return int(if_match.removeprefix("W/").strip('"')) if if_match else None


def command_headers(response: Response, recorded, location: str) -> None:
    """What every command's answer says in its headers: the record's version as its ETag
    (the next command's If-Match), where to read it, and whether this was a replay."""
    response.headers["ETag"] = f'"{recorded.version}"'
    response.headers["Location"] = location
    if recorded.replayed:
        response.headers["Idempotent-Replayed"] = "true"

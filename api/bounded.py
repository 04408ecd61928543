"""Input bounded at the edge: what the API accepts is what every reader of the log can hold.

Python takes more than PostgreSQL, a JSON reader or a court's records can: offsets up to
±23:59, years up to 9999, NUL and other control characters, lone surrogates, NaN and
infinities, integers of any size. An event is on the log forever, so anything accepted
that a projection cannot store would stop that projection on every replay. Each value
is checked here, and refused with 422 naming the field, before anything is recorded.

`StrictInput`, the base of every request body, walks each field's value; `CourtInstant`
and `CourtDate` bound query parameters and say the bounds in the OpenAPI document."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from domain.court_time import EARLIEST_DAY, LATEST_DAY, day_out_of_bounds, instant_out_of_bounds

# C0 controls other than tab, line feed and carriage return; DEL; UTF-16 surrogates
# (a lone one cannot be encoded as UTF-8, so PostgreSQL and Kafka's readers refuse it).
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# What a column of type bigint holds: log positions, tree sizes, sequence numbers.
MAX_BIGINT = 2**63 - 1

BOUNDS = f"years {EARLIEST_DAY.year} to {LATEST_DAY.year}"


def text_problem(value: str) -> str | None:
    found = FORBIDDEN_CHARACTERS.search(value)
    if found is None:
        return None
    return f"contains the control character U+{ord(found.group()):04X} at position {found.start()}"


def checked_text(value: str) -> str:
    if problem := text_problem(value):
        raise ValueError(problem)
    return value


def checked_instant(value: datetime) -> datetime:
    if problem := instant_out_of_bounds(value):
        raise ValueError(problem)
    return value


def checked_date(value: date) -> date:
    if problem := day_out_of_bounds(value):
        raise ValueError(problem)
    return value


CourtInstant = Annotated[
    AwareDatetime,
    AfterValidator(checked_instant),
    Field(
        description=f"An RFC 3339 instant with its UTC offset (at most ±14:00), {BOUNDS}.",
        json_schema_extra={"pattern": r"^(19[5-9]\d|20\d\d)-\d\d-\d\d[Tt ].*([Zz]|[+-](0\d|1[0-4]):[0-5]\d)$"},
    ),
]
CourtDate = Annotated[
    date,
    AfterValidator(checked_date),
    Field(description=f"A date, {BOUNDS}.", json_schema_extra={"pattern": r"^(19[5-9]\d|20\d\d)-\d\d-\d\d$"}),
]
QueryText = Annotated[str, AfterValidator(checked_text)]


def value_problem(value: Any) -> str | None:
    """Why a parsed value (or anything inside it) cannot be recorded, or None."""
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, datetime):
        return instant_out_of_bounds(value) if value.tzinfo is not None else None
    if isinstance(value, date):
        return day_out_of_bounds(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if -MAX_BIGINT <= value <= MAX_BIGINT else "is beyond the range of a 64-bit integer"
    if isinstance(value, float):
        return None if math.isfinite(value) else "must be a finite number"
    if isinstance(value, dict):
        for key, item in value.items():
            if problem := value_problem(key) or value_problem(item):
                return f"{key}: {problem}"
        return None
    if isinstance(value, list | tuple | set | frozenset):
        for n, item in enumerate(value):
            if problem := value_problem(item):
                return f"item {n}: {problem}"
        return None
    return None  # enums, UUIDs, nested StrictInput models (they check their own fields)


class StrictInput(BaseModel):
    """The base of every request body: unknown fields, non-finite numbers and values no
    reader of the log can hold are refused."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _recordable(cls, value: Any) -> Any:
        if problem := value_problem(value):
            raise ValueError(problem)
        return value


CHECKED_HEADERS = ("idempotency-key", "if-match")


async def recordable_request_text(request: Request) -> None:
    """An app-wide dependency: query parameters, path parameters and the headers that are
    stored must be text that PostgreSQL and a reader of the log can hold (422 naming them)."""
    given = [("query", name, text) for name, value in request.query_params.multi_items() for text in (name, value)]
    given += [("path", name, value) for name, value in request.path_params.items() if isinstance(value, str)]
    given += [("header", name, request.headers[name]) for name in CHECKED_HEADERS if name in request.headers]
    errors = [_error(where, name, problem) for where, name, text in given if (problem := text_problem(text))]
    if errors:
        raise RequestValidationError(errors)


def _query_names(dependant: Dependant) -> Iterator[str]:
    """The query parameters a route and its dependencies declare (a pydantic model as a
    query parameter declares its fields)."""
    for field in dependant.query_params:
        model = field.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            yield from (f.alias or name for name, f in model.model_fields.items())
        else:
            yield field.alias
    for sub in dependant.dependencies:
        yield from _query_names(sub)


def _declared_query_names(route) -> frozenset[str]:
    """Computed once per route, not per request (its dependency tree does not change), and
    kept on the route itself: a route compares by value, so it cannot key a cache."""
    names = route.__dict__.get("_declared_query_names")
    if names is None:
        names = route.__dict__["_declared_query_names"] = frozenset(_query_names(route.dependant))
    return names


async def known_query_parameters(request: Request) -> None:
    """An app-wide dependency: a query parameter the route does not declare is refused
    (422 naming it), so that a misspelt filter is not taken for an empty one that worked."""
    route = request.scope.get("route")
    if getattr(route, "dependant", None) is None or not getattr(route, "include_in_schema", True):
        # Not an API route: the docs UI and its OAuth2 redirect (whose query the browser reads).
        return
    known = _declared_query_names(route)
    unknown = sorted({name for name in request.query_params if name not in known})
    if unknown:
        raise RequestValidationError(
            [_error("query", name, "is not a parameter of this route", "extra_forbidden") for name in unknown]
        )


def refuse(location: str, name: str, message: str) -> None:
    """A 422 naming one parameter, as a schema's own refusal would."""
    raise RequestValidationError([_error(location, name, message)])


def _error(location: str, name: str, message: str, kind: str = "value_error") -> dict[str, Any]:
    """One entry of a RequestValidationError, shaped as pydantic's own."""
    return {"loc": (location, name), "msg": message, "type": kind}

"""The OpenAPI document as the contract integrators generate clients from: every answer an
operation really gives, errors as RFC 9457 problem+json, and the formats of the headers and
cursors the routes take.

FastAPI documents only the success answer and its own validation error. The rest is derived
here, once, from what each route is made of (instead of a `responses=` on every route): its
auth dependency (401, and 403 with the roles it lets in), its path parameters (404), its body
(400 when it is not UTF-8, 413, and 422 for one that is not JSON), being a command (409). The
few answers a single route adds are listed below."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from api.dependencies import current_user, get_sotflow
from api.problems import MEDIA_TYPE

PROBLEM = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details. Some problems add members (e.g. `stage`, `current_version`).",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "https://sotflow.kz/problems/<slug>"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "The request's path."},
    },
    "additionalProperties": True,
}
FIELD_ERROR = {
    "type": "object",
    "title": "FieldError",
    "required": ["location", "field", "pointer", "type", "message"],
    "properties": {
        "location": {"type": "string", "description": "body, query, path or header"},
        "field": {"type": "string", "description": "The field's dotted path; empty for the whole location."},
        "pointer": {"type": "string", "description": "JSON Pointer into the body (#/a/0/b); empty elsewhere."},
        "type": {"type": "string", "description": "The error's kind (pydantic's, or the refusing rule's)."},
        "message": {"type": "string"},
    },
}
VALIDATION_PROBLEM = {
    "title": "ValidationProblem",
    "description": "A refused request (nothing was recorded). `errors` names each offending field; a refusal "
    "that is not about one field (e.g. a page cursor that is not one) may come without it.",
    "allOf": [
        {"$ref": "#/components/schemas/Problem"},
        {
            "type": "object",
            "properties": {"errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}}},
        },
    ],
}

WHY = {
    "400": "The body cannot be read as text (it is not UTF-8). Nothing was recorded.",
    "401": "No bearer token, or one that is not valid (with `WWW-Authenticate: Bearer`).",
    "403": "The token's role may not do this (or, for a judge, not on this case).",
    "404": "No such item, or one the caller's role is not cleared to learn of.",
    "409": "Conflicts with what is recorded: the version in If-Match is not the current one, the step is not "
    "possible at this stage, or the Idempotency-Key was used for another request. Nothing was recorded.",
    "413": "The request body is larger than the deployment allows.",
    "422": "The request is not valid, or a rule refuses it; `errors` names the fields. Nothing was recorded.",
    "503": "PostgreSQL cannot be reached; nothing was recorded. Retry later.",
}

# Answers of single routes that their make-up does not tell, by (method, path).
EXTRA: dict[tuple[str, str], tuple[str, ...]] = {
    ("GET", "/audit/{context}/receipts/{event_id}"): ("409",),  # the event is not in a checkpoint yet
    ("POST", "/deadlines"): ("404", "409"),  # an unknown subject; a deadline already running
    ("GET", "/public/cases"): ("404",),  # no public case of that number (a confidential one is not told apart)
    ("POST", "/archive/files"): ("404",),  # no registered case of the body's case_id
    ("POST", "/archive/destruction-acts"): ("404",),  # a file the body lists is not in the archive
}

PAGE_CURSOR = (
    "A page cursor: the previous page's `next_after`, passed back as given. It is an instant in UTC, then "
    "the keys that make the register's order total, joined by `|` (e.g. "
    "`2026-03-02T09:00:00.000000Z|6f1c…`)."
)
PAGE_CURSOR_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})\|.+$"
POSITION_CURSOR = "A page cursor: the previous page's `next_after`, an integer (a log position, or a sequence)."
IF_MATCH = (
    'The version last read, as the ETag the read or the last command gave it: a quoted integer, e.g. `"2"` '
    "(`W/` and the quotes are optional). Refused with 409 if the record has changed since."
)
IDEMPOTENCY_KEY = (
    "Any string of 1-200 characters chosen by the caller, new for each intended change: a retry with the same "
    "key (and the same request) records nothing new and answers as the first time; the same key with another "
    "request is refused with 409."
)


def install_openapi(app: FastAPI) -> None:
    """Make `app.openapi()` (and /openapi.json) answer the truthful document."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = truthful(generate(), app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def truthful(document: dict[str, Any], app: FastAPI) -> dict[str, Any]:
    document = copy.deepcopy(document)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(Problem=PROBLEM, FieldError=FIELD_ERROR, ValidationProblem=VALIDATION_PROBLEM)
    # Routes of included routers are reached through their contexts (prefix, dependencies applied).
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        for method in route.methods:
            operation = document["paths"].get(route.path_format, {}).get(method.lower())
            if operation is not None:
                _describe(operation, route, method)
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return document


def _describe(operation: dict[str, Any], route: Any, method: str) -> None:
    responses = operation.setdefault("responses", {})
    statuses = set(_statuses(route, method)) | set(EXTRA.get((method, route.path_format), ()))
    if "422" in responses or route.dependant.path_params or route.dependant.query_params or route.body_field:
        statuses.add("422")
    roles = _roles(route.dependant)
    if roles is not None:
        operation["x-roles"] = roles
        operation["description"] = (
            operation.get("description", "").rstrip() + f"\n\nRoles: {', '.join(roles) or 'any signed-in user'}."
        ).strip()
    for status in sorted(statuses):
        schema = "ValidationProblem" if status == "422" else "Problem"
        responses[status] = {
            "description": WHY[status],
            "content": {MEDIA_TYPE: {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        }
    for parameter in operation.get("parameters", []):
        _describe_parameter(parameter)
    if (method, route.path_format) in CONTENT:
        CONTENT[method, route.path_format](responses)


def _ready_answers(responses: dict[str, Any]) -> None:
    # Not a problem: the same report as when ready, with the failed check.
    content = copy.deepcopy(responses["200"]["content"])
    responses["503"] = {"description": "Not ready: a check failed.", "content": content}


def _event_schema_answers(responses: dict[str, Any]) -> None:
    responses["200"]["content"] = {"application/schema+json": {"schema": {"type": "object"}}}


# Answers whose media type is not what FastAPI assumes.
CONTENT = {("GET", "/ready"): _ready_answers, ("GET", "/schemas/events/{filename}"): _event_schema_answers}


def _statuses(route: Any, method: str) -> Iterator[str]:
    if _depends_on(route.dependant, get_sotflow):
        yield "503"
    if _depends_on(route.dependant, current_user):
        yield "401"
        if _roles(route.dependant):
            yield "403"
    if route.dependant.path_params:
        yield "404"
    if route.body_field is not None:
        # A body that is not JSON (Content-Type other than application/json) is a 422 too.
        yield from ("400", "413", "422")
    if method == "POST":
        # Every command may meet a concurrent change of the same record (or a wrong stage).
        yield "409"


def _describe_parameter(parameter: dict[str, Any]) -> None:
    schema = parameter.get("schema", {})
    # An optional parameter is absent, never null: a query string or header has no null.
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if len(options) == 1 and len(schema["anyOf"]) == 2:
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        schema = parameter["schema"] = {**options[0], **rest}
    name, where = parameter["name"].lower(), parameter["in"]
    if where == "header" and name == "if-match":
        parameter["description"] = schema["description"] = IF_MATCH
        parameter["example"] = '"2"'
    elif where == "header" and name == "idempotency-key":
        parameter["description"] = schema["description"] = IDEMPOTENCY_KEY
    elif where == "query" and name == "after":
        if schema.get("type") == "integer":
            parameter["description"] = schema["description"] = POSITION_CURSOR
        else:
            parameter["description"] = schema["description"] = PAGE_CURSOR
            schema.setdefault("pattern", PAGE_CURSOR_PATTERN)
            schema.setdefault("maxLength", 200)


def _depends_on(dependant: Dependant, call: Any) -> bool:
    return any(d.call is call or _depends_on(d, call) for d in dependant.dependencies)


def _roles(dependant: Dependant) -> list[str] | None:
    """The roles the route's auth dependency lets in; [] for any signed-in user; None without auth."""
    for dependency in _all(dependant):
        roles = getattr(dependency.call, "roles", None)
        if roles is not None:
            return sorted(str(r) for r in roles)
    return [] if _depends_on(dependant, current_user) else None


def _all(dependant: Dependant) -> Iterator[Dependant]:
    for dependency in dependant.dependencies:
        yield dependency
        yield from _all(dependency)

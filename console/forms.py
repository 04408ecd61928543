"""From an HTML form to the API's request bodies, and from the API's refusals back to fields.

A form's field names are the body's JSON paths ("filer.name"), so the API's 422 errors (their
`field`) land beside the field they concern. The body is validated as JSON, as the API
validates it: a form sends text, and the API's strict models read dates and numbers from JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import HTTPException
from pydantic import BaseModel, ValidationError

from api.problems import CONCURRENT, problem_kind
from console import labels
from domain.court_time import COURT_ZONE


@dataclass
class Outcome:
    """What a form's submission came to: errors by field (the whole form's under ""), and a message."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    message: str | None = None
    stale: dict[str, Any] | None = None

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def nested(values: dict[str, str]) -> dict[str, Any]:
    """{"filer.name": "A"} -> {"filer": {"name": "A"}}; a blank field is left unsaid (the API's default)."""
    body: dict[str, Any] = {}
    for name, value in values.items():
        if value == "":
            continue
        *parents, leaf = name.split(".")
        node = body
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = value
    return body


def court_instant(local: str) -> str:
    """A datetime-local value, which staff type in court time, as an instant with its offset."""
    try:
        moment = datetime.fromisoformat(local)
    except ValueError:
        return local  # the API's own validation names it
    return moment.replace(tzinfo=COURT_ZONE).isoformat() if moment.tzinfo is None else moment.isoformat()


# The API's validation messages the console says in the user's language (by pydantic's error type);
# others are shown as the API words them.
MESSAGES = {
    "missing": "error.missing",
    "string_too_short": "error.too_short",
    "string_too_long": "error.too_long",
    "string_pattern_mismatch": "error.pattern",
    "enum": "error.choice",
    "literal_error": "error.choice",
    "date_from_datetime_parsing": "error.date",
    "date_parsing": "error.date",
    "datetime_from_date_parsing": "error.datetime",
    "datetime_parsing": "error.datetime",
    "timezone_aware": "error.datetime",
    "uuid_parsing": "error.uuid",
}


def parse(model: type[BaseModel], body: dict[str, Any], outcome: Outcome, t=None) -> BaseModel | None:
    try:
        return model.model_validate_json(json.dumps(body))
    except ValidationError as exc:
        for err in exc.errors():
            key = MESSAGES.get(err.get("type", ""))
            message = t(key) if (t and key) else err.get("msg", "")
            outcome.add(".".join(str(p) for p in err.get("loc", ())), message)
        return None


def refused(exc: Exception, outcome: Outcome, t=None) -> bool:
    """Put an API refusal on the form: a rule's on its field, in the user's language (`t`), a stale
    version as such. False: not a refusal."""
    if isinstance(exc, HTTPException):
        outcome.add("", str(exc.detail))
        return True
    kind = problem_kind(exc)
    if kind is None:
        return False
    if kind is CONCURRENT:
        outcome.stale = {"expected": getattr(exc, "expected", "?"), "current": getattr(exc, "actual", "?")}
        return True
    said = labels.refusal(t.lang, exc, kind.slug, t) if t is not None else str(exc)
    outcome.add(getattr(exc, "field", None) or "", said)
    return True

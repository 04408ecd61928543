"""A form for one of the API's versioned commands (a foreign request's, an application's, a
reception's step): the form's fields become the route's body, its key the Idempotency-Key,
the version it was rendered with the If-Match; a refusal comes back onto the form's fields.

The pages that use it (international_pages.py, consultant_pages.py) say which route a form
calls; what a step may do, and when, stays the route's and the domain's to say."""

from __future__ import annotations

import inspect
import typing
import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from console.app import PREFIX, Staff, _lists, _t, allowed, call
from console.forms import Outcome, court_instant, nested, parse, refused

# Form fields the API reads as booleans, or as instants (staff type them in court time).
YES_NO = frozenset({
    "confidential", "pretrial_discovery", "received_electronically", "certified", "electronically", "executed",
    "applicant_notified", "application.confidential",
})  # fmt: skip
INSTANTS = frozenset({"received_at", "reported_at", "sent_at", "notified_at", "scheduled_for", "held_at"})
NOT_BODY = ("idempotency_key", "version")


class Command(typing.NamedTuple):
    route: Any  # the API's route function
    body: type  # its request body
    rule: Any  # its role rule: the form is shown, and taken, only for the roles it admits
    command: str | None = None  # its name in the domain's lifecycle table (TRANSITIONS), when it has one


class Submitted(typing.NamedTuple):
    recorded: Any  # the route's answer, or None when refused
    outcome: Outcome
    values: dict[str, str]  # what was typed, with the form's key: shown again when refused


def body_of(form: dict[str, str]) -> dict[str, Any]:
    """The route's JSON body from the form's fields (dotted names, numbered rows, yes/no, court time)."""
    body = _lists(nested({k: v for k, v in form.items() if k not in NOT_BODY}))
    for name, value in list(_flat(body)):
        *parents, leaf = name.split(".")
        node = body
        for parent in parents:
            node = node[parent]
        if name in YES_NO:
            node[leaf] = value == "true"
        elif name in INSTANTS:
            node[leaf] = court_instant(value)
    return body


def _flat(body: dict[str, Any], prefix: str = ""):
    for key, value in body.items():
        if isinstance(value, dict):
            yield from _flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


async def submit(request: Request, who: Staff, form: dict[str, str], command: Command, **ids: Any) -> Submitted:
    """Run the command as the API runs it; `ids` are the route's path parameters."""
    t = _t(request)
    outcome = Outcome()
    key = form.get("idempotency_key") or str(uuid.uuid4())
    values = form | {"idempotency_key": key}
    if not await allowed(command.rule, who.user):
        outcome.add("", t("not_allowed"))
        return Submitted(None, outcome, values)
    parsed = parse(command.body, body_of(form), outcome, t)
    if parsed is None:
        return Submitted(None, outcome, values)
    versioned = "if_match" in inspect.signature(command.route).parameters
    extra = {"if_match": form.get("version") or None} if versioned else {}
    try:
        recorded = await call(
            command.route, body=parsed, user=who.user, system=who.system, response=Response(),
            idempotency_key=key, **ids, **extra,
        )  # fmt: skip
    except Exception as exc:
        if not refused(exc, outcome, t):
            raise
        # A rule naming a field this form does not have (a step's rule about the request itself) is
        # said above the form, not lost.
        for name in [n for n in outcome.errors if n and n not in form]:
            outcome.errors.setdefault("", []).extend(outcome.errors.pop(name))
        if outcome.stale:
            values.pop("version", None)  # the page shows the record as it is now: a resubmission is based on that
        return Submitted(None, outcome, values)
    return Submitted(recorded, outcome, values)


def after(path: str, recorded: Any) -> RedirectResponse:
    """Post/redirect/get: the page waits until the read side shows the command."""
    query = urlencode({"wait_for": recorded.log_position.token, "done": "true"})
    return RedirectResponse(f"{PREFIX}{path}?{query}", status_code=303)


def open_now(stage: str | None, command: Command, transitions: dict) -> bool:
    """Whether the lifecycle takes the step now (the domain's own table, not a rule of the console)."""
    return command.command is None or (stage is not None and stage in transitions[command.command][0])


def form_keys(names, step: str | None, values: dict[str, str] | None) -> dict[str, str]:
    """A fresh Idempotency-Key for each form rendered; a refused form keeps the key it was sent with."""
    keys = {name: str(uuid.uuid4()) for name in names}
    if step and values:
        keys[step] = values.get("idempotency_key", keys.get(step, str(uuid.uuid4())))
    return keys


async def submit_at(request: Request, who: Staff, form: dict[str, str], command: Command, path: tuple[str, ...],
                    **ids: Any) -> Submitted:  # fmt: skip
    """`submit` for a route with path parameters the form chooses (a trip, a milestone): they are
    taken out of the body and kept among the values shown again."""
    chosen = {name: form.get(name, "") for name in path}
    if not all(chosen.values()):
        outcome = Outcome()
        for name in [n for n, v in chosen.items() if not v]:
            outcome.add(name, _t(request)("error.missing"))
        return Submitted(None, outcome, form | {"idempotency_key": form.get("idempotency_key") or str(uuid.uuid4())})
    sent = await submit(request, who, {k: v for k, v in form.items() if k not in path}, command, **ids, **chosen)
    return sent._replace(values=sent.values | chosen)

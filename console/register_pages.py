"""Every register of the API as a page: one generic table over the API's own list routes.

A register's filters are the route's own query parameters, read and validated by FastAPI's
machinery from the route's signature (the same types, bounds and patterns as the API), and
the route function is called with them. Paging is the API's keyset: "next" passes the page's
`next_after`; "previous" asks the route for the rows before the page's first, in the other
order (`reverse` flipped), and shows them turned back."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from fastapi.dependencies.utils import get_dependant, request_params_to_args
from fastapi.responses import HTMLResponse

from api.dependencies import StaffReader
from api.pagination import time_cursor
from api.routes import deadlines, registers, views
from console.app import PREFIX, Staff, _forbidden, _t, allowed, call, render, staff
from console.forms import MESSAGES, Outcome, court_instant, refused

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@dataclass(frozen=True)
class Column:
    label: str
    path: str  # the item's attribute, dotted ("next_deadline.due_at")
    show: str = "text"  # text, time, date, label (translated value), case (link to the card), yes_no, list


@dataclass(frozen=True)
class Filter:
    name: str  # the route's query parameter (its alias)
    label: str
    kind: str = "text"  # text, date, datetime (court time), number, select, yes_no
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Register:
    name: str  # its address under /console/registers/
    title: str
    route: Callable[..., Any]
    rule: Any  # the route's role rule
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...]
    key: Callable[[Any], str]  # an item's keyset cursor, as the route's `next_after` is written
    case: Callable[[Any], Any]  # the case (or item) a row links to
    query: list = field(default_factory=list)  # the route's query parameters (FastAPI's fields)


def _position(attribute: str) -> Callable[[Any], str]:
    return lambda item: str(getattr(item, attribute))


def _instant(when: str, *keys: str) -> Callable[[Any], str]:
    return lambda item: time_cursor(getattr(item, when), *(getattr(item, k) for k in keys))


STAGES = (
    "registered", "returned", "accepted", "case_file_requested", "case_file_received", "hearing_scheduled",
    "hearing_postponed", "heard", "ruled", "act_entered", "published", "withdrawn", "joined",
)  # fmt: skip
NUMBER = Column("number", "registration_number", "case")

REGISTERS: dict[str, Register] = {
    r.name: r
    for r in (
        Register(
            "incoming", "incoming_register", registers.list_incoming, StaffReader,
            (NUMBER, Column("kind", "kind", "label"), Column("registered_at", "registered_at", "time"),
             Column("filer", "filer_name"), Column("lower_court_case_ref", "lower_court_case_ref"),
             Column("court", "court"), Column("status", "status", "label")),
            (Filter("kind", "kind", "select", ()), Filter("status", "status", "select", ("registered", "returned")),
             Filter("court", "court"), Filter("to_be_checked", "to_be_checked", "yes_no")),
            _position("log_position"), lambda i: i.item_id,
        ),
        Register(
            "cases", "register.cases", registers.list_cases, StaffReader,
            (NUMBER, Column("kind", "kind", "label"), Column("court", "court"), Column("stage", "stage", "label"),
             Column("rapporteur", "judge_rapporteur"), Column("panel", "panel", "list"),
             Column("next_hearing", "next_hearing_at", "time"),
             Column("next_deadline", "next_deadline.due_at", "time")),
            (Filter("court", "court"), Filter("stage", "stage", "select", STAGES), Filter("kind", "kind", "select"),
             Filter("judge", "judge")),
            _position("registry_position"), lambda i: i.case_id,
        ),
        Register(
            "hearings", "register.hearings", registers.hearings, StaffReader,
            (Column("scheduled_for", "scheduled_for", "time"), NUMBER, Column("kind", "kind", "label"),
             Column("court", "court"), Column("room", "room"), Column("public", "public", "yes_no"),
             Column("status", "status", "label"), Column("panel", "panel", "list")),
            (Filter("from", "period_from", "date"), Filter("days", "days", "number"), Filter("court", "court")),
            _instant("scheduled_for", "case_id", "hearing_id"), lambda i: i.case_id,
        ),
        Register(
            "rulings", "register.rulings", registers.rulings, StaffReader,
            (NUMBER, Column("court", "court"), Column("ruled_at", "ruled_at", "time"), Column("ruled_by", "ruled_by"),
             Column("outcomes", "outcomes", "outcomes"), Column("act_entered_at", "act_entered_at", "time"),
             Column("hours_to_enter_act", "hours_to_enter_act")),
            (Filter("court", "court"),),
            _position("log_position"), lambda i: i.case_id,
        ),
        Register(
            "deadlines", "register.deadlines", deadlines.list_deadlines, deadlines.Reader,
            (Column("due", "due_at", "time"), Column("case", "subject", "case"), Column("clause", "clause"),
             Column("rule", "rule_id"), Column("status", "status", "deadline"), Column("late", "late", "yes_no"),
             Column("met_at", "met_at", "time"), Column("extensions", "extensions")),
            (Filter("status", "status", "select", ("open", "suspended", "met", "closed")),
             Filter("late", "late", "yes_no"), Filter("subject", "case"), Filter("rule_id", "rule"),
             Filter("due_before", "due_before", "datetime")),
            _instant("due_at", "deadline_id"), lambda i: i.subject,
        ),
        Register(
            "due", "register.due", views.due_deadlines, StaffReader,
            (Column("due", "due_at", "time"), NUMBER, Column("clause", "clause"), Column("unit", "unit"),
             Column("rapporteur", "judge_rapporteur"), Column("working_days_left", "working_days_left")),
            (Filter("due", "due", "select", ("today", "week", "overdue")), Filter("judge", "judge"),
             Filter("kind", "kind", "select"), Filter("unit", "unit")),
            _instant("due_at", "deadline_id"), lambda i: i.subject,
        ),
        Register(
            "search", "register.search", registers.search, StaffReader,
            (NUMBER, Column("kind", "kind", "label"), Column("registered_at", "registered_at", "time"),
             Column("filer", "filer_name"), Column("lower_court_case_ref", "lower_court_case_ref"),
             Column("status", "status", "label")),
            (Filter("q", "search_words"),),
            _position("log_position"), lambda i: i.case_id or i.item_id,
        ),
    )
}  # fmt: skip
# The route's own parameters the console fills itself, never from the address.
OWN = {"user", "system", "response", "clock"}

for _register in REGISTERS.values():
    _register.query.extend(get_dependant(path="", call=_register.route).query_params)


def dig(item: Any, path: str) -> Any:
    for name in path.split("."):
        item = getattr(item, name, None) if item is not None else None
    return item


async def _rows(register: Register, who: Staff, values: dict[str, Any]) -> Any:
    wanted = inspect.signature(register.route).parameters
    own = {"user": who.user, "system": who.system, "response": Response(), "clock": who.system.clock}
    return await call(register.route, **{k: v for k, v in own.items() if k in wanted}, **values)


@router.get("/registers/{name}", response_class=HTMLResponse)
async def register_page(request: Request, name: str) -> Response:
    who = await staff(request)
    register = REGISTERS.get(name)
    if register is None:
        return render(request, "message.html", who, 404, message="not_found")
    if not await allowed(register.rule, who.user):
        return _forbidden(request, who)
    t, outcome = _t(request), Outcome()
    given = request.query_params
    # The filters as the address gives them: blanks are unsaid (a form sends every field).
    typed = {k: v for k, v in given.items() if v != "" and k != "before"}
    for f in register.filters:
        if f.kind == "datetime" and f.name in typed:
            typed[f.name] = court_instant(typed[f.name])  # typed in court time
    before = given.get("before") or None
    values, errors = request_params_to_args(register.query, typed)
    for error in errors:
        key = MESSAGES.get(error.get("type", ""))
        outcome.add(str(error["loc"][-1]), t(key) if key else error["msg"])
    reverse = bool(values.get("reverse"))
    items: list[Any] = []
    next_key = prev_key = None
    if not errors:
        if before is not None:  # the page before: the rows before `before`, in the other order, turned back
            values = values | {"after": before, "reverse": not reverse}
        try:
            page = await _rows(register, who, values)
        except Exception as exc:  # a refusal of the API's own (a cursor that is not one, say)
            if not refused(exc, outcome, t):
                raise
        else:
            items = list(page.items)
            if before is not None:
                items.reverse()
                prev_key = register.key(items[0]) if items and page.next_after is not None else None
                next_key = register.key(items[-1]) if items else None
            else:
                next_key = page.next_after
                prev_key = register.key(items[0]) if items and given.get("after") else None
    # The address of this register with these filters, and the pager's links.
    kept = {k: v for k, v in given.items() if v != "" and k not in ("after", "before", "wait_for")}
    base = f"{PREFIX}/registers/{name}?"
    flip = {k: v for k, v in kept.items() if k != "reverse"} | ({} if reverse else {"reverse": "true"})
    return render(
        request, "register.html", who, 422 if outcome.errors else 200, register=register, registers=REGISTERS,
        items=items, outcome=outcome, given=given, reverse=reverse, dig=dig,
        first_url=base + urlencode(kept),
        next_url=base + urlencode(kept | {"after": next_key}) if next_key is not None else None,
        prev_url=base + urlencode(kept | {"before": prev_key}) if prev_key is not None else None,
        flip_url=base + urlencode(flip),
    )  # fmt: skip

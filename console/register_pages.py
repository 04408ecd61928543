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
from typing import Any, NamedTuple
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from fastapi.dependencies.utils import get_dependant, request_params_to_args
from fastapi.responses import HTMLResponse

from api.dependencies import StaffReader
from api.pagination import time_cursor
from api.routes import archive, deadlines, inforequests, international_projects, personnel, registers, views
from console.app import PREFIX, Staff, _forbidden, _t, allowed, call, render, staff
from console.forms import MESSAGES, Outcome, court_instant, refused
from domain.court_time import day_start
from domain.inforequests.request import RequesterKind
from domain.inforequests.request import Stage as RequestStage
from domain.inforequests.request import Subject as RequestSubject
from domain.personnel.staff import StaffCategory

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@dataclass(frozen=True)
class Column:
    label: str
    path: str  # the item's attribute, dotted ("next_deadline.due_at")
    show: str = "text"  # text, time, date, label (translated value), case (link to the row's card), yes_no, list


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
    case: Callable[[Any], Any]  # the record a row links to (a case, an item, a file, a request...)
    # The row's card under /console, its record's id in place of {}: a row with no case card
    # (a staff member, a project) links to its own.
    card: str = "/cases/{}"
    query: list = field(default_factory=list)  # the route's query parameters (FastAPI's fields)


def _position(attribute: str) -> Callable[[Any], str]:
    return lambda item: str(getattr(item, attribute))


def _instant(when: str, *keys: str) -> Callable[[Any], str]:
    return lambda item: time_cursor(getattr(item, when), *(getattr(item, k) for k in keys))


def _absence_key(item: Any) -> str:
    """An absence's cursor: the register keys it by the instant its first day begins (starts_at)."""
    return time_cursor(day_start(item.starts_on), item.absence_id)


STAGES = (
    "registered", "returned", "accepted", "case_file_requested", "case_file_received", "hearing_scheduled",
    "hearing_postponed", "heard", "ruled", "act_entered", "published", "withdrawn", "joined",
)  # fmt: skip
NUMBER = Column("number", "registration_number", "case")
ARCHIVE_COLUMNS = (
    Column("archive_number", "archive_number", "case"), Column("number", "registration_number"),
    Column("court", "court"), Column("nomenclature_index", "nomenclature_index"), Column("volumes", "volumes"),
    Column("disposed_on", "disposed_on", "date"), Column("retention_ends_on", "retention_ends_on", "date"),
    Column("status", "status", "label"), Column("holds", "holds", "holds"),
)  # fmt: skip
ABSENCE_COLUMNS = (
    Column("full_name", "full_name", "case"), Column("post_title", "post_title"), Column("unit", "unit"),
    Column("absence_kind", "kind", "label"), Column("starts_on", "starts_on", "date"),
    Column("ends_on", "ends_on", "date"), Column("decision_ref", "decision_ref"),
)  # fmt: skip
TRIP_COLUMNS = (
    *ABSENCE_COLUMNS[:3], Column("departs_on", "starts_on", "date"), Column("returns_on", "ends_on", "date"),
    Column("country", "country"), Column("city", "city"), Column("host", "host"),
    Column("report_due_at", "report_due_at", "time"), Column("report_submitted_on", "report_submitted_on", "date"),
    Column("report_overdue", "report_overdue", "yes_no"),
)  # fmt: skip
FILE_CARD = "/archive/files/{}"

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
            (Column("due", "due_at", "time"), NUMBER, Column("clause", "clause"), Column("unit", "unit", "unit"),
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
        # The archive (api/routes/archive.py): a file's row links to the file's own card.
        Register(
            "archive", "register.archive", archive.list_files, StaffReader, ARCHIVE_COLUMNS,
            (Filter("status", "status", "select", ("archived", "issued", "destroyed")), Filter("court", "court"),
             Filter("category", "retention_category"), Filter("year", "archive_year", "number")),
            _instant("handed_over_at", "file_id"), lambda i: i.file_id, FILE_CARD,
        ),
        Register(
            "archive-issued", "register.archive_issued", archive.list_issued, StaffReader,
            (*ARCHIVE_COLUMNS[:3], Column("issued_to", "issued_to"), Column("request_ref", "request_ref"),
             Column("issued_at", "issued_at", "time"), Column("return_due_at", "return_due_at", "time"),
             Column("overdue", "overdue", "yes_no")),
            (Filter("court", "court"), Filter("overdue", "overdue", "yes_no")),
            _instant("issued_at", "file_id"), lambda i: i.file_id, FILE_CARD,
        ),
        Register(
            "archive-review", "register.archive_review", archive.list_due_for_review, StaffReader, ARCHIVE_COLUMNS,
            (Filter("court", "court"), Filter("year", "review_year", "number")),
            _instant("handed_over_at", "file_id"), lambda i: i.file_id, FILE_CARD,
        ),
        # Requests for information and analysis (api/routes/inforequests.py).
        Register(
            "information-requests", "register.information_requests", inforequests.list_requests, StaffReader,
            (Column("received_at", "received_at", "case"), Column("requester", "requester_name"),
             Column("subject", "subject", "label"), Column("stage", "stage", "label"),
             Column("assignee", "assignee_name"), Column("answer_due", "last_instant", "time"),
             Column("overdue", "overdue", "yes_no"), Column("answered_at", "answered_at", "time")),
            (Filter("stage", "stage", "select", tuple(RequestStage)),
             Filter("subject", "subject", "select", tuple(RequestSubject)),
             Filter("requester_kind", "requester_kind", "select", tuple(RequesterKind)),
             Filter("assignee", "assignee"), Filter("overdue", "overdue", "yes_no")),
            _instant("received_at", "request_id"), lambda i: i.request_id, "/information-requests/{}",
        ),
        # The staff's personal records and absences (api/routes/personnel.py): rows link to the staff card.
        Register(
            "staff", "register.staff", personnel.list_staff, StaffReader,
            (Column("full_name", "full_name", "case"), Column("user_id", "user_id"),
             Column("post_title", "post_title"), Column("unit", "unit"), Column("category", "category", "label"),
             Column("appointed_on", "appointed_on", "date"), Column("in_post", "in_post", "yes_no"),
             Column("dismissed_on", "dismissed_on", "date")),
            (Filter("category", "category", "select", tuple(StaffCategory)), Filter("unit", "unit"),
             Filter("in_post", "in_post", "yes_no"), Filter("user_id", "user_id")),
            _instant("appointed_at", "staff_id"), lambda i: i.staff_id, "/personnel/staff/{}",
        ),
        Register(
            "absences", "register.absences", personnel.list_absences, StaffReader, ABSENCE_COLUMNS,
            (Filter("on", "away_on", "date"), Filter("kind", "absence_kind", "select", ("leave", "business_trip")),
             Filter("user_id", "user_id")),
            _absence_key, lambda i: i.staff_id, "/personnel/staff/{}",
        ),
        Register(
            "trips", "register.trips", personnel.list_trips, StaffReader, TRIP_COLUMNS,
            (Filter("foreign", "foreign_trip", "yes_no"),
             Filter("report", "trip_report", "select", ("due", "overdue", "submitted")),
             Filter("project_id", "project_id")),
            _absence_key, lambda i: i.staff_id, "/personnel/staff/{}",
        ),
        Register(
            "absent-staff-items", "register.absent_staff_items", personnel.open_items_of_absent_staff,
            personnel.Overseer,
            (Column("received_at", "received_at", "case"), Column("subject", "subject", "label"),
             Column("stage", "stage", "label"), Column("consultant", "full_name"),
             Column("absence_kind", "absence_kind", "label"), Column("starts_on", "starts_on", "date"),
             Column("ends_on", "ends_on", "date")),
            (Filter("on", "away_on", "date"),),
            _instant("received_at", "application_id"), lambda i: i.application_id, "/applications/{}",
        ),
        # International projects (api/routes/international_projects.py).
        Register(
            "projects", "register.projects", international_projects.list_projects, international_projects.Reader,
            (Column("title", "title", "case"), Column("partner", "partner"), Column("starts_on", "starts_on", "date"),
             Column("ends_on", "ends_on", "date"), Column("status", "status", "label"),
             Column("milestones_late", "milestones_late"), Column("reports", "reports")),
            (Filter("status", "status", "select", ("active", "closed")), Filter("partner", "partner"),
             Filter("late", "late", "yes_no"), Filter("on", "on_day", "date")),
            _instant("registered_at", "project_id"), lambda i: i.project_id, "/international/projects/{}",
        ),
    )
}  # fmt: skip
# The route's own parameters the console fills itself, never from the address.
OWN = {"user", "system", "response", "clock"}

for _register in REGISTERS.values():
    _register.query.extend(get_dependant(path="", call=_register.route).query_params)


class Row(NamedTuple):
    """A register's row as the table shows it: its keyset cursor, the record it links to and the
    address of that record's card, its cells' values."""

    key: str
    case: Any
    link: str
    values: list[Any]


def dig(item: Any, path: str) -> Any:
    for name in path.split("."):
        item = getattr(item, name, None) if item is not None else None
    return item


async def _rows(register: Register, who: Staff, values: dict[str, Any]) -> Any:
    wanted = inspect.signature(register.route).parameters
    own = {"user": who.user, "system": who.system, "response": Response(), "clock": who.system.clock}
    return await call(register.route, **{k: v for k, v in own.items() if k in wanted}, **values)


async def readable(who: Staff) -> list[Register]:
    """The registers this account's role may read (each route's own role rule)."""
    return [r for r in REGISTERS.values() if await allowed(r.rule, who.user)]


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
    # A register that needs a filter (the search's words) opens as its empty form: nothing was asked
    # yet. A form submitted without it is refused beside the field, as the API refuses it.
    unasked = any(p.field_info.is_required() and p.alias not in given for p in register.query)
    values, errors = ({}, []) if unasked else request_params_to_args(register.query, typed)
    for error in errors:
        key = MESSAGES.get(error.get("type", ""))
        outcome.add(str(error["loc"][-1]), t(key) if key else error["msg"])
    reverse = bool(values.get("reverse"))
    items: list[Any] = []
    next_key = prev_key = None
    if not errors and not unasked:
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
        request, "register.html", who, 422 if outcome.errors else 200, register=register,
        registers=await readable(who),
        items=[Row(register.key(i), register.case(i), PREFIX + register.card.format(register.case(i)),
                   [dig(i, c.path) for c in register.columns]) for i in items],
        outcome=outcome, given=given, reverse=reverse, unasked=unasked, zip=zip,
        first_url=base + urlencode(kept),
        next_url=base + urlencode(kept | {"after": next_key}) if next_key is not None else None,
        prev_url=base + urlencode(kept | {"before": prev_key}) if prev_key is not None else None,
        flip_url=base + urlencode(flip),
    )  # fmt: skip

"""The personnel officer's pages (api/routes/personnel.py): the staff register, who is away today,
the business trips whose final report is due, the open items of absent staff (for the roles the
API shows them to), the form to appoint; a staff member's card with their leave and trips and the
forms to transfer, dismiss, grant leave, send on a trip, cancel an absence and file a trip's report."""

from __future__ import annotations

import uuid
from functools import partial

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from api.consistency import WaitFor
from api.dependencies import StaffReader
from api.routes import personnel
from console import record_steps
from console.app import PREFIX, Staff, _forbidden, allowed, call, render, staff, staff_form
from console.command_forms import Command, after, form_keys, submit
from console.forms import Outcome
from domain.court_time import court_date
from domain.personnel.errors import StaffMemberNotFoundError
from domain.personnel.staff import LeaveKind, StaffCategory

router = APIRouter(prefix=PREFIX, include_in_schema=False)

P = personnel
APPOINT = Command(P.appoint, P.AppointmentCreate, P.PersonnelOfficer)
STEPS: dict[str, Command] = {
    # form name (the API's path under /personnel/staff/{id}): the route it calls
    "transfers": Command(P.transfer, P.TransferCreate, P.PersonnelOfficer),
    "dismissal": Command(P.dismiss, P.DismissalCreate, P.PersonnelOfficer),
    "leave": Command(P.grant_leave, P.LeaveCreate, P.PersonnelOfficer),
    "trips": Command(P.send_on_trip, P.TripCreate, P.PersonnelOfficer),
    "cancellations": Command(P.cancel_absence, P.CancellationCreate, P.PersonnelOfficer),
    "report": Command(P.submit_trip_report, P.ReportCreate, P.ReportKeeper),  # under .../trips/{trip_id}/
}
CHOICES = {"post.category": list(StaffCategory), "kind": list(LeaveKind)}


def _reads(who: Staff, wait: str | None, with_items: bool) -> dict:
    system, clock, today = who.system, who.system.clock, court_date(who.system.clock.now())
    paging = {"after": None, "reverse": False}
    reads = {
        "people": P.list_staff(
            user=who.user, system=system, response=Response(), wait_for_=wait, category=None, unit=None,
            in_post=True, user_id=None, limit=200, **paging,
        ),
        "away": P.list_absences(
            user=who.user, system=system, clock=clock, response=Response(), kind=None, user_id=None, on=today,
            limit=200, **paging,
        ),
        "reports": P.list_trips(
            user=who.user, system=system, clock=clock, response=Response(), foreign=True, report="due",
            project_id=None, limit=200, **paging,
        ),
        "items": P.open_items_of_absent_staff(
            user=who.user, system=system, clock=clock, response=Response(), on=None, limit=200, **paging
        ) if with_items else None,
    }  # fmt: skip
    return {name: page.items if page is not None else None for name, page in reads.items()}


async def _page(
    request: Request, who: Staff, *, wait: str | None = None, form: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    reads = await call(_reads, who, wait, await allowed(P.Overseer, who.user))
    return render(
        request, "personnel.html", who, status_code, **reads, may={"staff": await allowed(APPOINT.rule, who.user)},
        form=form, values=values or {}, outcome=outcome or Outcome(), keys=form_keys(("staff",), form, values),
        pchoices=CHOICES,
    )  # fmt: skip


@router.get("/personnel", response_class=HTMLResponse)
async def personnel_page(request: Request, wait_for: WaitFor = None) -> Response:
    who = await staff(request)
    if not await allowed(StaffReader, who.user):
        return _forbidden(request, who)
    return await _page(request, who, wait=wait_for)


@router.post("/personnel/staff", response_class=HTMLResponse)
async def appoint(request: Request) -> Response:
    """The API's POST /personnel/staff; the form's key is its Idempotency-Key."""
    who, form = await staff_form(request)
    sent = await submit(request, who, form, APPOINT)
    if sent.recorded is not None:
        return after(f"/personnel/staff/{sent.recorded.id}", sent.recorded)
    return await _page(request, who, form="staff", values=sent.values, outcome=sent.outcome, status_code=422)


def _card_reads(who: Staff, staff_id: uuid.UUID, wait: str | None):
    row = P.get_staff(staff_id=staff_id, user=who.user, system=who.system, response=Response(), wait_for_=wait)
    absences = P.list_absences(
        user=who.user, system=who.system, clock=who.system.clock, response=Response(), kind=None,
        user_id=row.user_id, on=None, after=None, limit=200, reverse=True,
    )  # fmt: skip
    # The version a step's If-Match names: the record's own, read as the route's command reads it.
    return row, absences.items, who.system.personnel.get_staff_member(staff_id).version


async def _card(
    request: Request, who: Staff, staff_id: uuid.UUID, *, wait: str | None = None, step: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, done: bool = False,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    try:
        row, absences, version = await call(_card_reads, who, staff_id, wait)
    except (HTTPException, StaffMemberNotFoundError):
        return render(request, "message.html", who, 404, message="not_found")
    trips = [a for a in absences if a.kind == "business_trip" and not a.report_ref]
    # The forms that fit the record as the register shows it (the use cases refuse the rest anyway);
    # a refused form stays shown with what was typed and why.
    offered = {name: row.in_post for name in STEPS} | {"cancellations": row.in_post and bool(absences),
                                                       "report": bool(trips)}  # fmt: skip
    return render(
        request, "staff_member.html", who, status_code, row=row, absences=absences, trips=trips, version=version,
        **await record_steps.step_forms(who, STEPS, offered, step, values, outcome), done=done, pchoices=CHOICES,
        action=f"{PREFIX}/personnel/staff/{staff_id}",
    )  # fmt: skip


@router.get("/personnel/staff/{staff_id}", response_class=HTMLResponse)
async def staff_card(request: Request, staff_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False):
    card = partial(_card, staff_id=staff_id)
    return await record_steps.show_card(request, card, StaffReader, wait=wait_for, done=done)


@router.post("/personnel/staff/{staff_id}/{step}", response_class=HTMLResponse)
async def staff_step(request: Request, staff_id: uuid.UUID, step: str) -> Response:
    path, card = f"/personnel/staff/{staff_id}", partial(_card, staff_id=staff_id)
    # The trip a report is for is a path parameter of its route, chosen on the form.
    return await record_steps.take_step(
        request, STEPS, step, path, card, chosen={"report": ("trip_id",)}, staff_id=staff_id
    )

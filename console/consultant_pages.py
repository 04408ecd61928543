"""The consultant's pages: applications of individuals and legal entities with their answer
terms (working days left), personal receptions, and the forms to register, draft, answer and
redirect an application and to schedule and prepare a reception (api/routes/applications.py,
api/routes/receptions.py)."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any, NamedTuple

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from api.consistency import WaitFor
from api.dependencies import StaffReader
from api.routes import applications, receptions
from console import record_steps
from console.app import PREFIX, Staff, allowed, call, render, staff, staff_form
from console.command_forms import Command, after, open_now, submit
from console.forms import Outcome
from console.international_pages import _open_terms, subject_terms
from domain.applications.application import TRANSITIONS, ApplicantKind, Channel, Subject
from domain.applications.errors import ApplicationNotFoundError
from domain.applications.reception import ChairPost, ReceptionStatus, SignUp

router = APIRouter(prefix=PREFIX, include_in_schema=False)

A, R = applications, receptions
REGISTER = Command(A.register, A.ApplicationCreate, A.Clerk)
SCHEDULE = Command(R.schedule, R.ReceptionCreate, R.Secretariat)
APPLICATION_STEPS: dict[str, Command] = {
    # form name (the API's path under /applications/{id}): the route it calls
    "assignment": Command(A.assign, A.AssignmentCreate, A.Head, "assign"),
    "drafts": Command(A.draft_answer, A.DraftCreate, A.Consultant, "draft_answer"),
    "approval": Command(A.approve_answer, A.ReasonCreate, A.Head, "approve_answer"),
    "answer": Command(A.send_answer, A.AnswerCreate, A.Clerk, "send_answer"),
    "redirection": Command(A.redirect, A.RedirectCreate, A.Clerk, "redirect"),
    "extension": Command(A.extend_term, A.ExtensionCreate, A.Head, "extend_term"),
    "extension-notices": Command(A.notify_extension, A.NoticeCreate, A.Clerk, "notify_extension"),
}
RECEPTION_STEPS: dict[str, Command] = {
    # (the API's path under /receptions/{id}); each is taken while the reception is scheduled
    "reference-material": Command(R.prepare_reception_material, R.MaterialCreate, R.Consultant),
    "rescheduling": Command(R.reschedule_reception, R.RescheduleCreate, R.Secretariat),
    "cancellation": Command(R.cancel_reception, R.ReasonCreate, R.Canceller),
    "held": Command(R.hold_reception, R.HeldCreate, R.Chair),
}
CHOICES = {
    "applicant.kind": list(ApplicantKind),
    "channel": list(Channel),
    "subject": list(Subject),
    "receiver.post": list(ChairPost),
    "sign_up": list(SignUp),
}
TERMS = ("applications.answer", "applications.redirect", "applications.extension-notice")


async def _page(
    request: Request, who: Staff, *, wait: str | None = None, form: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    listed = await call(A.list_applications, user=who.user, system=who.system, response=Response(), wait_for_=wait)
    booked = await call(R.list_receptions, user=who.user, system=who.system, response=Response(), wait_for_=wait)
    keys = {"applications": str(uuid.uuid4()), "receptions": str(uuid.uuid4())}
    if form and values:
        keys[form] = values.get("idempotency_key", keys[form])
    return render(
        request, "consultant.html", who, status_code, items=listed.items, receptions=booked.items,
        terms=await _open_terms(who, TERMS), may={"applications": await allowed(REGISTER.rule, who.user),
                                                  "receptions": await allowed(SCHEDULE.rule, who.user)},
        form=form, values=values or {}, outcome=outcome or Outcome(), keys=keys, cchoices=CHOICES,
    )  # fmt: skip


@router.get("/consultant", response_class=HTMLResponse)
async def consultant_page(request: Request, wait_for: WaitFor = None) -> Response:
    who = await staff(request)
    return await _page(request, who, wait=wait_for)


@router.post("/consultant/{form}", response_class=HTMLResponse)
async def register_or_schedule(request: Request, form: str) -> Response:
    """A new application (POST /applications) or reception (POST /receptions); the key is the Idempotency-Key."""
    who, fields = await staff_form(request)
    commands = {"applications": REGISTER, "receptions": SCHEDULE}
    if form not in commands:
        return render(request, "message.html", who, 404, message="not_found")
    sent = await submit(request, who, fields, commands[form])
    if sent.recorded is not None:
        return after(f"/{form}/{sent.recorded.id}", sent.recorded)
    return await _page(request, who, form=form, values=sent.values, outcome=sent.outcome, status_code=422)


class Record(NamedTuple):
    """An application or a reception: how its card is read and which steps it has."""

    route: Any  # the API's route that reads the card
    get: str  # the use case's read of the record (its version)
    steps: dict[str, Command]
    template: str
    id_name: str  # the routes' path parameter


RECORDS = {
    "applications": Record(
        A.get_application, "get_application", APPLICATION_STEPS, "application.html", "application_id"
    ),
    "receptions": Record(R.get_reception, "get_reception", RECEPTION_STEPS, "reception.html", "reception_id"),
}


async def _card(
    request: Request, who: Staff, kind: str, record_id: uuid.UUID, *, wait: str | None = None,
    step: str | None = None, values: dict[str, str] | None = None, outcome: Outcome | None = None,
    done: bool = False, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    record = RECORDS[kind]
    try:
        row = await call(
            record.route, user=who.user, system=who.system, response=Response(), wait_for_=wait,
            **{record.id_name: record_id},
        )  # fmt: skip
        # The version a step's If-Match names: the record's own, read as the route's command reads it.
        current = await call(getattr(who.system.applications, record.get), record_id)  # off the event loop
    except (HTTPException, ApplicationNotFoundError):
        return render(request, "message.html", who, 404, message="not_found")
    if kind == "applications":
        stage = str(current.stage)
        now = {name: open_now(stage, c, TRANSITIONS) for name, c in record.steps.items()}
    else:
        stage = str(current.status)
        now = {name: current.status == ReceptionStatus.SCHEDULED for name in record.steps}
    return render(
        request, record.template, who, status_code, row=row, version=current.version, stage=stage,
        **await record_steps.step_forms(who, record.steps, now, step, values, outcome), done=done,
        terms=await subject_terms(who, str(record_id)) if kind == "applications" else [], cchoices=CHOICES,
        action=f"{PREFIX}/{kind}/{record_id}",
    )  # fmt: skip


@router.get("/applications/{record_id}", response_class=HTMLResponse)
async def application_card(request: Request, record_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False):
    card = partial(_card, kind="applications", record_id=record_id)
    return await record_steps.show_card(request, card, StaffReader, wait=wait_for, done=done)


@router.get("/receptions/{record_id}", response_class=HTMLResponse)
async def reception_card(request: Request, record_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False):
    card = partial(_card, kind="receptions", record_id=record_id)
    return await record_steps.show_card(request, card, StaffReader, wait=wait_for, done=done)


@router.post("/applications/{record_id}/{step}", response_class=HTMLResponse)
async def application_step(request: Request, record_id: uuid.UUID, step: str) -> Response:
    return await _take_step(request, "applications", record_id, step)


@router.post("/receptions/{record_id}/{step}", response_class=HTMLResponse)
async def reception_step(request: Request, record_id: uuid.UUID, step: str) -> Response:
    return await _take_step(request, "receptions", record_id, step)


async def _take_step(request: Request, kind: str, record_id: uuid.UUID, step: str) -> Response:
    record, card = RECORDS[kind], partial(_card, kind=kind, record_id=record_id)
    return await record_steps.take_step(
        request, record.steps, step, f"/{kind}/{record_id}", card, **{record.id_name: record_id}
    )

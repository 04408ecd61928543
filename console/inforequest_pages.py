"""The analyst's pages (api/routes/inforequests.py): the requests for information and analysis
assigned to the signed-in analyst and the register's open ones with their answer terms, the form
to register one, and a request's card with the form of each step its lifecycle takes now
(assign, draft, sign off, send the answer, extend the term), for the roles the step's route admits."""

from __future__ import annotations

import uuid
from functools import partial

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from api.consistency import WaitFor
from api.dependencies import StaffReader
from api.routes import inforequests
from console import record_steps
from console.app import PREFIX, Staff, _forbidden, allowed, call, render, staff, staff_form
from console.command_forms import Command, after, form_keys, open_now, submit
from console.forms import Outcome
from domain.actor import Role
from domain.inforequests.errors import RequestNotFoundError
from domain.inforequests.request import TRANSITIONS, Channel, RequesterKind, Subject

router = APIRouter(prefix=PREFIX, include_in_schema=False)

I = inforequests  # noqa: E741  # the route module, short in the table below
REGISTER = Command(I.register, I.RequestCreate, I.Registrar)
STEPS: dict[str, Command] = {
    # form name (the API's path under /information-requests/{id}): the route it calls
    "assignment": Command(I.assign, I.AssignmentCreate, I.Chief, "assign"),
    "draft": Command(I.draft, I.DraftCreate, I.Analyst, "draft_answer"),
    "sign-off": Command(I.sign_off, I.SignOffCreate, I.Signer, "sign_off"),
    "answer": Command(I.send, I.AnswerSent, I.Registrar, "send_answer"),
    "extension": Command(I.extend, I.ExtensionCreate, I.Chief, "extend_term"),
}
CHOICES = {"requester.kind": list(RequesterKind), "subject": list(Subject), "channel": list(Channel)}


def _lists(who: Staff, wait: str | None) -> tuple[list, list]:
    """The requests assigned to this account, and every one not yet answered (newest receipt first)."""
    common = {"user": who.user, "system": who.system, "clock": who.system.clock, "requester_kind": None,
              "subject": None, "overdue": False, "after": None, "reverse": False}  # fmt: skip
    mine = I.list_requests(response=Response(), wait_for_=wait, stage=None, assignee=who.user.id, limit=100, **common)
    every = I.list_requests(response=Response(), stage=None, assignee=None, limit=200, **common)
    return [r for r in mine.items if r.stage != "answered"], [r for r in every.items if r.stage != "answered"]


async def _page(
    request: Request, who: Staff, *, wait: str | None = None, form: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    mine, working = await call(_lists, who, wait)
    return render(
        request, "inforequests.html", who, status_code, mine=mine, working=working,
        may={"requests": await allowed(REGISTER.rule, who.user)}, form=form, values=values or {},
        outcome=outcome or Outcome(), keys=form_keys(("requests",), form, values), ichoices=CHOICES,
    )  # fmt: skip


@router.get("/inforequests", response_class=HTMLResponse)
async def analyst_page(request: Request, wait_for: WaitFor = None) -> Response:
    who = await staff(request)
    if not await allowed(StaffReader, who.user):
        return _forbidden(request, who)
    return await _page(request, who, wait=wait_for)


@router.post("/information-requests", response_class=HTMLResponse)
async def register_request(request: Request) -> Response:
    """The API's POST /information-requests; the form's key is its Idempotency-Key."""
    who, form = await staff_form(request)
    sent = await submit(request, who, form, REGISTER)
    if sent.recorded is not None:
        return after(f"/information-requests/{sent.recorded.id}", sent.recorded)
    return await _page(request, who, form="requests", values=sent.values, outcome=sent.outcome, status_code=422)


def _analysts(system) -> list:
    """The accounts a request may be assigned to: the analysts' (the use case checks it again)."""
    return [u for u in system.users.list() if u.active and u.role == Role.ANALYST]


async def _card(
    request: Request, who: Staff, request_id: uuid.UUID, *, wait: str | None = None, step: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, done: bool = False,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    try:
        row = await call(
            I.get_request, request_id=request_id, user=who.user, system=who.system, clock=who.system.clock,
            response=Response(), wait_for_=wait,
        )  # fmt: skip
        # The version a step's If-Match names: the request's own, read as the route's command reads it.
        current = await call(who.system.inforequests.get_request, request_id)
    except (HTTPException, RequestNotFoundError):
        return render(request, "message.html", who, 404, message="not_found")
    stage = str(current.stage)
    now = {name: open_now(stage, c, TRANSITIONS) for name, c in STEPS.items()}  # the domain's lifecycle table
    forms = await record_steps.step_forms(who, STEPS, now, step, values, outcome)
    return render(
        request, "inforequest.html", who, status_code, row=row, version=current.version, stage=stage, **forms,
        done=done, ichoices=CHOICES, action=f"{PREFIX}/information-requests/{request_id}",
        analysts=await call(_analysts, who.system) if forms["steps"]["assignment"] else [],
    )  # fmt: skip


@router.get("/information-requests/{request_id}", response_class=HTMLResponse)
async def card(request: Request, request_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False) -> Response:
    card = partial(_card, request_id=request_id)
    return await record_steps.show_card(request, card, StaffReader, wait=wait_for, done=done)


@router.post("/information-requests/{request_id}/{step}", response_class=HTMLResponse)
async def take_step(request: Request, request_id: uuid.UUID, step: str) -> Response:
    path, card = f"/information-requests/{request_id}", partial(_card, request_id=request_id)
    return await record_steps.take_step(request, STEPS, step, path, card, request_id=request_id)

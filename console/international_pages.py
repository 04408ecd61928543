"""The international officer's pages: the register of foreign requests with the monitoring
figures, the form that records a request received, and each request's card with its
history, its terms and the form of every step the API offers (api/routes/international.py)."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.consistency import WaitFor
from api.deadline_days import DeadlineDays
from api.routes import deadlines, international
from console import record_steps
from console.app import PREFIX, Staff, _forbidden, allowed, call, render, staff, staff_form
from console.command_forms import Command, after, open_now, submit
from console.forms import Outcome
from domain.international.errors import RequestNotFoundError
from domain.international.jurisdiction import Matter
from domain.international.lifecycle import TRANSITIONS, Stage
from domain.international.request import RequestedAction, RequestKind, Treaty

router = APIRouter(prefix=PREFIX, include_in_schema=False)

I = international  # noqa: E741  # the route module, short in the table below
RECEIVE = Command(I.receive, I.RequestCreate, I.Officer)
STEPS: dict[str, Command] = {
    # form name (the API's path under /international/requests/{id}): the route it calls
    "registration": Command(I.register, I.RegistrationCreate, I.Officer, "register"),
    "translation-requests": Command(
        I.request_translation, I.TranslationRequestCreate, I.Officer, "request_translation"
    ),
    "translations": Command(I.receive_translation, I.TranslationCreate, I.Officer, "receive_translation"),
    "study": Command(I.study, I.StudyCreate, I.Officer, "study"),
    "sign-offs": Command(I.sign_off, I.SignOffCreate, I.Signer, "sign_off"),
    "forwarding": Command(I.forward, I.ForwardingCreate, I.Officer, "forward"),
    "dispatch": Command(I.send_abroad, I.DispatchCreate, I.Officer, "send_abroad"),
    "originals": Command(I.post_original, I.OriginalCreate, I.Officer, "post_original"),
    "return": Command(I.return_request, I.ReasonCreate, I.Officer, "return_request"),
    "refusal": Command(I.refuse, I.RefusalCreate, I.Officer, "refuse"),
    "execution-reports": Command(I.report_execution, I.ExecutionReportCreate, I.Officer, "report_execution"),
    "documents-returns": Command(I.return_documents, I.DocumentsReturnCreate, I.Officer, "return_documents"),
    "closure": Command(I.close, I.ReasonCreate, I.Officer, "close"),
}
CHOICES = {
    "kind": list(RequestKind),
    "treaty": list(Treaty),
    "action": list(RequestedAction),
    "matter": list(Matter),
    "stage": list(Stage),
}
RULES = ("international.original-by-post", "international.foreign-court-order")


async def _register_page(
    request: Request, who: Staff, *, stage: str | None = None, after_: str | None = None, wait: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    page = await call(
        I.list_requests, user=who.user, system=who.system, response=Response(), stage=stage, after=after_, limit=50,
        wait_for_=wait,
    )  # fmt: skip
    figures = await call(I.monitoring, user=who.user, system=who.system, clock=who.system.clock, response=Response())
    terms = await _open_terms(who, RULES)
    query = {"stage": stage} if stage else {}
    next_url = f"{PREFIX}/international?" + urlencode(query | {"after": page.next_after}) if page.next_after else None
    return render(
        request, "international.html", who, status_code, items=page.items, figures=figures, terms=terms,
        stage=stage or "", next_url=next_url, first_url=f"{PREFIX}/international?" + urlencode(query),
        may_receive=await allowed(RECEIVE.rule, who.user), values=values or {"idempotency_key": str(uuid.uuid4())},
        outcome=outcome or Outcome(), ichoices=CHOICES,
    )  # fmt: skip


async def _open_terms(who: Staff, rules: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """The soonest open term of each subject under these rules, with its working days left."""
    days = DeadlineDays(who.system, who.system.clock.now())
    soonest: dict[str, dict[str, Any]] = {}
    for rule in rules:
        page = await call(
            deadlines.list_deadlines, user=who.user, system=who.system, status_="open", rule_id=rule, limit=500,
            late=None, subject=None, due_before=None, after=None, reverse=False,
        )  # fmt: skip
        for d in page.items:
            timing = d.model_dump() | days.timing(d.due_at, running=True)
            if d.subject not in soonest or d.due_at < soonest[d.subject]["due_at"]:
                soonest[d.subject] = timing
    return soonest


async def subject_terms(who: Staff, subject: str) -> list[dict[str, Any]]:
    """Every term of one request or application, whatever its state; working days left while it runs."""
    days = DeadlineDays(who.system, who.system.clock.now())
    page = await call(
        deadlines.list_deadlines, user=who.user, system=who.system, status_=None, rule_id=None, limit=100,
        late=None, subject=subject, due_before=None, after=None, reverse=False,
    )  # fmt: skip
    return [d.model_dump() | days.timing(d.due_at, running=d.status == "open") for d in page.items]


@router.get("/international", response_class=HTMLResponse)
async def register_page(
    request: Request, stage: Annotated[str | None, Query(max_length=40)] = None,
    after_: Annotated[str | None, Query(alias="after", max_length=200)] = None, wait_for: WaitFor = None,
) -> Response:  # fmt: skip
    who = await staff(request)
    if not await allowed(I.Reader, who.user):
        return _forbidden(request, who)
    return await _register_page(request, who, stage=stage or None, after_=after_, wait=wait_for)


@router.post("/international/requests", response_class=HTMLResponse)
async def receive(request: Request) -> Response:
    """The API's POST /international/requests; the form's key is its Idempotency-Key."""
    who, form = await staff_form(request)
    sent = await submit(request, who, form, RECEIVE)
    if sent.recorded is not None:
        return after(f"/international/requests/{sent.recorded.id}", sent.recorded)
    return await _register_page(request, who, values=sent.values, outcome=sent.outcome, status_code=422)


async def _card(
    request: Request, who: Staff, request_id: uuid.UUID, *, wait: str | None = None, step: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, done: bool = False, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    try:
        row = await call(I.get_request, request_id=request_id, user=who.user, system=who.system, response=Response(),
                         wait_for_=wait)  # fmt: skip
        # The version a step's If-Match names: the request's own, read as the route's command reads it.
        current = await call(who.system.international.get_request, request_id)  # off the event loop: it reads the store
    except (HTTPException, RequestNotFoundError):
        return render(request, "message.html", who, 404, message="not_found")
    stage = str(current.stage)
    now = {name: open_now(stage, c, TRANSITIONS) for name, c in STEPS.items()}  # the domain's lifecycle table
    return render(
        request, "foreign_request.html", who, status_code, r=row, version=current.version, stage=stage,
        **await record_steps.step_forms(who, STEPS, now, step, values, outcome), done=done,
        terms=await subject_terms(who, str(request_id)), ichoices=CHOICES,
    )  # fmt: skip


@router.get("/international/requests/{request_id}", response_class=HTMLResponse)
async def card(request: Request, request_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False) -> Response:
    card = partial(_card, request_id=request_id)
    return await record_steps.show_card(request, card, I.Reader, wait=wait_for, done=done)


@router.post("/international/requests/{request_id}/{step}", response_class=HTMLResponse)
async def take_step(request: Request, request_id: uuid.UUID, step: str) -> Response:
    path, card = f"/international/requests/{request_id}", partial(_card, request_id=request_id)
    return await record_steps.take_step(request, STEPS, step, path, card, request_id=request_id)

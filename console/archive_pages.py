"""The archivist's pages (api/routes/archive.py): the files issued and not returned, the files due
for review of destruction, the latest handovers and the destruction acts with their status, with
the forms to hand a disposed case's file over and to draw up a destruction act; a file's card with
the forms to issue it, take it back, and place or lift a hold; an act's card, where the head
approves it with a reason. Which steps a file or an act takes, and when, is the archive's to say:
a card offers the forms that fit the status and shows the API's refusal beside its field."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.consistency import WaitFor
from api.dependencies import StaffReader
from api.routes import archive
from console import record_steps
from console.app import PREFIX, Staff, _forbidden, allowed, call, render, staff, staff_form
from console.command_forms import Command, after, form_keys, submit
from console.forms import Outcome
from domain.archive.file import HoldGround, RecipientKind

router = APIRouter(prefix=PREFIX, include_in_schema=False)

A = archive
NEW: dict[str, Command] = {
    # form name (the API's path under /archive): the route it calls
    "files": Command(A.hand_over, A.HandoverCreate, A.Archivist),
    "destruction-acts": Command(A.draw_up_act, A.ActCreate, A.Archivist),
}
FILE_STEPS: dict[str, Command] = {
    # form name (the API's path under /archive/files/{id}): the route it calls
    "issues": Command(A.issue, A.IssueCreate, A.Archivist),
    "return": Command(A.take_back, A.ReturnCreate, A.Archivist),
    "holds": Command(A.place_hold, A.HoldCreate, A.HoldKeeper),
    "hold-lifts": Command(A.lift_hold, A.HoldLift, A.HoldKeeper),
}
APPROVAL = Command(A.approve_act, A.ReasonCreate, A.Head)
CHOICES = {"recipient_kind": list(RecipientKind), "ground": list(HoldGround)}


def _offered(status: str, holds: dict[str, str]) -> dict[str, bool]:
    """The forms that fit the file as the register shows it (the archive refuses the rest anyway)."""
    return {
        "issues": status == "archived", "return": status == "issued", "holds": status != "destroyed",
        "hold-lifts": bool(holds) and status != "destroyed",
    }  # fmt: skip


async def _page(
    request: Request, who: Staff, *, wait: str | None = None, form: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, act: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    common = {"user": who.user, "system": who.system, "clock": who.system.clock, "court": None, "after": None,
              "reverse": False}  # fmt: skip
    issued = await call(A.list_issued, response=Response(), wait_for_=wait, overdue=False, limit=50, **common)
    review = await call(A.list_due_for_review, response=Response(), year=None, limit=200, **common)
    latest = await call(
        A.list_files, response=Response(), status_=None, category=None, year=None, limit=20, **common
    )  # fmt: skip
    acts = None
    if await allowed(A.ActsReader, who.user):
        acts = (await call(A.list_acts, user=who.user, system=who.system, response=Response(), wait_for_=wait,
                           court=None, status_=None, after=None, limit=50, reverse=False)).items  # fmt: skip
    return render(
        request, "archive.html", who, status_code, issued=issued.items, review=review.items, latest=latest.items,
        acts=acts,
        may={name: await allowed(c.rule, who.user) for name, c in NEW.items()}, form=form, values=values or {},
        outcome=outcome or Outcome(), keys=form_keys(NEW, form, values), act=act,
        court=who.system.settings.default_court,
    )  # fmt: skip


@router.get("/archive", response_class=HTMLResponse)
async def archive_page(
    request: Request, wait_for: WaitFor = None, done: bool = False,
    act: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:  # fmt: skip
    who = await staff(request)
    if not await allowed(StaffReader, who.user):
        return _forbidden(request, who)
    return await _page(request, who, wait=wait_for, act=act if done else None)


@router.post("/archive/{form}", response_class=HTMLResponse)
async def hand_over_or_draw_up(request: Request, form: str) -> Response:
    """A file handed over (POST /archive/files) or a destruction act drawn up (POST /archive/destruction-acts)."""
    who, fields = await staff_form(request)
    if form not in NEW:
        return render(request, "message.html", who, 404, message="not_found")
    sent = await submit(request, who, fields, NEW[form])
    if sent.recorded is None:
        return await _page(request, who, form=form, values=sent.values, outcome=sent.outcome, status_code=422)
    if form == "files":
        return after(f"/archive/files/{sent.recorded.id}", sent.recorded)
    answer = after("/archive", sent.recorded)
    answer.headers["location"] += "&" + urlencode({"act": sent.recorded.number or ""})
    return answer


async def _card(
    request: Request, who: Staff, file_id: uuid.UUID, *, wait: str | None = None, step: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, done: bool = False,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    try:
        row = await call(
            A.get_file, file_id=file_id, user=who.user, system=who.system, clock=who.system.clock,
            response=Response(), wait_for_=wait,
        )  # fmt: skip
    except HTTPException:
        return render(request, "message.html", who, 404, message="not_found")
    # The version a step's If-Match names: the file's own, read as the route's command reads it.
    version = (await call(who.system.archive.get_file, file_id)).version
    return render(
        request, "archive_file.html", who, status_code, row=row, version=version,
        **await record_steps.step_forms(who, FILE_STEPS, _offered(row.status, row.holds), step, values, outcome),
        done=done, achoices=CHOICES, action=f"{PREFIX}/archive/files/{file_id}",
    )  # fmt: skip


@router.get("/archive/files/{file_id}", response_class=HTMLResponse)
async def file_card(request: Request, file_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False) -> Response:
    card = partial(_card, file_id=file_id)
    return await record_steps.show_card(request, card, StaffReader, wait=wait_for, done=done)


@router.post("/archive/files/{file_id}/{step}", response_class=HTMLResponse)
async def file_step(request: Request, file_id: uuid.UUID, step: str) -> Response:
    path, card = f"/archive/files/{file_id}", partial(_card, file_id=file_id)
    return await record_steps.take_step(request, FILE_STEPS, step, path, card, file_id=file_id)


async def _act_card(
    request: Request, who: Staff, act_id: uuid.UUID, *, wait: str | None = None, values: dict[str, str] | None = None,
    outcome: Outcome | None = None, done: bool = False, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    try:
        row = await call(A.get_act, act_id=act_id, user=who.user, system=who.system, response=Response(),
                         wait_for_=wait)  # fmt: skip
    except HTTPException:
        return render(request, "message.html", who, 404, message="not_found")
    # The version the approval's If-Match names: the act's own, read as the route's command reads it.
    version = (await call(who.system.archive.get_act, act_id)).version
    approving = await allowed(APPROVAL.rule, who.user) and (row.status == "drawn_up" or outcome is not None)
    return render(
        request, "archive_act.html", who, status_code, row=row, version=version, approving=approving,
        keys=form_keys(["approval"], "approval" if values else None, values), step="approval" if values else None,
        values=values or {}, outcome=outcome or Outcome(), done=done,
        action=f"{PREFIX}/archive/destruction-acts/{act_id}",
    )  # fmt: skip


@router.get("/archive/destruction-acts/{act_id}", response_class=HTMLResponse)
async def act_card(request: Request, act_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False) -> Response:
    who = await staff(request)
    if not await allowed(A.ActsReader, who.user):  # the route's own rule, which a direct call skips
        return _forbidden(request, who)
    return await _act_card(request, who, act_id, wait=wait_for, done=done)


@router.post("/archive/destruction-acts/{act_id}/approval", response_class=HTMLResponse)
async def approve_act(request: Request, act_id: uuid.UUID) -> Response:
    """The head approves the act (POST /archive/destruction-acts/{id}/approval), with the reason."""
    who, form = await staff_form(request)
    sent = await submit(request, who, form, APPROVAL, act_id=act_id)
    if sent.recorded is not None:
        return after(f"/archive/destruction-acts/{act_id}", sent.recorded)
    return await _act_card(
        request, who, act_id, values=sent.values, outcome=sent.outcome, status_code=409 if sent.outcome.stale else 422
    )

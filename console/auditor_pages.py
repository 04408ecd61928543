"""The auditor's pages: the audit trail per case and per actor, the signed checkpoints of each
context, and the re-run of a case's draw (the check `sotflow audit distribution` makes).

Each calls what the API or the CLI calls: the trail and checkpoint routes with their role rules,
and sotflow.draw_audit for the draw."""

from __future__ import annotations

import uuid
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.pagination import Cursor
from api.routes import audit, registers, views
from console.app import PREFIX, _forbidden, _t, allowed, call, render, staff
from console.forms import Outcome, refused
from sotflow.draw_audit import audit_distribution
from sotflow.topics import CONTEXTS

router = APIRouter(prefix=PREFIX, include_in_schema=False)

Text = Annotated[str, Query(max_length=100)]


@router.get("/auditor", response_class=HTMLResponse)
async def auditor_page(
    request: Request, case: Text = "", actor: Text = "", after: Cursor = None, reverse: bool = False,
    draw: Text = "",
) -> Response:  # fmt: skip
    """The trail of a case or of an account, the latest checkpoint of each context and, when
    asked, the re-run of a case's draw."""
    who = await staff(request)
    if not await allowed(views.Overseer, who.user):
        return _forbidden(request, who)
    outcome = Outcome()
    trail = None
    if case or actor:
        try:
            trail = await call(
                views.trail, user=who.user, system=who.system, response=Response(), case=case or None,
                actor=actor or None, after=after, limit=100, reverse=reverse,
            )  # fmt: skip
        except Exception as exc:
            if not refused(exc, outcome, _t(request)):
                raise
    kept = {k: v for k, v in {"case": case, "actor": actor, "draw": draw}.items() if v}
    flip = kept | ({} if reverse else {"reverse": "true"})
    here = kept | ({"reverse": "true"} if reverse else {})
    checkpoints = await _latest_checkpoints(who) if await allowed(audit.AuditReader, who.user) else None
    report = await _draw_report(request, who, draw, outcome) if draw else None
    return render(
        request, "auditor.html", who, 422 if outcome.errors else 200, trail=trail, case=case, actor=actor,
        reverse=reverse, outcome=outcome, checkpoints=checkpoints, draw=draw, report=report,
        first_url=f"{PREFIX}/auditor?" + urlencode(here), flip_url=f"{PREFIX}/auditor?" + urlencode(flip),
        next_url=f"{PREFIX}/auditor?" + urlencode(here | {"after": trail.next_after})
        if trail and trail.next_after else None,
    )  # fmt: skip


async def _latest_checkpoints(who) -> list[tuple[str, Any]]:
    """Each context's latest published checkpoint (None: none signed yet)."""
    latest = []
    for context in CONTEXTS:
        page = await call(audit.list_checkpoints, context=context, user=who.user, system=who.system, limit=1,
                          reverse=True)  # fmt: skip
        latest.append((context, page.items[0] if page.items else None))
    return latest


async def _draw_report(request: Request, who, case_id: str, outcome: Outcome) -> dict[str, Any] | None:
    """The draw's re-run, for a case the account may see (the case card's own check)."""
    try:
        await call(
            registers.case_card, case_id=uuid.UUID(case_id), user=who.user, system=who.system,
            clock=who.system.clock, response=Response(),
        )  # fmt: skip
    except (ValueError, HTTPException):
        outcome.add("draw", _t(request)("draw.no_case"))
        return None
    return await call(audit_distribution, settings=who.system.settings, case_id=case_id)


@router.get("/auditor/checkpoints/{context}", response_class=HTMLResponse)
async def checkpoints_page(
    request: Request, context: str, after: Annotated[int | None, Query(ge=0)] = None, reverse: bool = False
) -> Response:
    """A context's signed checkpoints (C2SP notes), a page at a time."""
    who = await staff(request)
    if not await allowed(audit.AuditReader, who.user):
        return _forbidden(request, who)
    if context not in CONTEXTS:
        return render(request, "message.html", who, 404, message="not_found")
    page = await call(
        audit.list_checkpoints, context=context, user=who.user, system=who.system, after=after, limit=50,
        reverse=reverse,
    )  # fmt: skip
    base = f"{PREFIX}/auditor/checkpoints/{context}?"
    here = {"reverse": "true"} if reverse else {}
    return render(
        request, "checkpoints.html", who, context=context, page=page, reverse=reverse, contexts=CONTEXTS,
        first_url=base + urlencode(here), flip_url=base + urlencode({} if reverse else {"reverse": "true"}),
        next_url=base + urlencode(here | {"after": page.next_after}) if page.next_after is not None else None,
    )  # fmt: skip

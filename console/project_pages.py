"""The international officer's projects (api/routes/international_projects.py): their register with
the milestones late today and the form to register one; a project's card with its milestones and
the forms to plan a milestone, record one reached, submit a report and close the project."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.consistency import WaitFor
from api.routes import international_projects
from console import record_steps
from console.app import PREFIX, Staff, _forbidden, allowed, call, render, staff, staff_form
from console.command_forms import Command, after, form_keys, submit
from console.forms import Outcome
from domain.international.errors import ProjectNotFoundError
from domain.international.project import ProjectReportKind

router = APIRouter(prefix=PREFIX, include_in_schema=False)

P = international_projects
REGISTER = Command(P.register_project, P.ProjectCreate, P.Officer)
STEPS: dict[str, Command] = {
    # form name (the API's path under /international/projects/{id}): the route it calls
    "milestones": Command(P.plan_milestone, P.MilestoneCreate, P.Officer),
    "reached": Command(P.reach_milestone, P.MilestoneReached, P.Officer),  # .../milestones/{milestone_id}/reached
    "reports": Command(P.submit_report, P.ReportCreate, P.Officer),
    "closure": Command(P.close_project, P.ClosureCreate, P.Officer),
}
CHOICES = {"kind": list(ProjectReportKind)}


async def _page(
    request: Request, who: Staff, *, status_: str | None = None, after_: str | None = None,
    wait: str | None = None, values: dict[str, str] | None = None, outcome: Outcome | None = None,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    page = await call(
        P.list_projects, user=who.user, system=who.system, clock=who.system.clock, response=Response(),
        wait_for_=wait, status_=status_, partner=None, late=False, on=None, after=after_, limit=50, reverse=False,
    )  # fmt: skip
    query = {"status": status_} if status_ else {}
    next_url = f"{PREFIX}/international/projects?" + urlencode(query | {"after": page.next_after})
    return render(
        request, "projects.html", who, status_code, items=page.items, on=page.on, status=status_ or "",
        next_url=next_url if page.next_after else None, may={"projects": await allowed(REGISTER.rule, who.user)},
        form="projects", values=values or {"coordinator": who.user.id},  # the officer coordinates, unless said
        outcome=outcome or Outcome(), keys=form_keys(("projects",), "projects" if values else None, values),
    )  # fmt: skip


@router.get("/international/projects", response_class=HTMLResponse)
async def projects_page(
    request: Request, status: Annotated[Literal["active", "closed"] | None, Query()] = None,
    after_: Annotated[str | None, Query(alias="after", max_length=200)] = None, wait_for: WaitFor = None,
) -> Response:  # fmt: skip
    who = await staff(request)
    if not await allowed(P.Reader, who.user):
        return _forbidden(request, who)
    return await _page(request, who, status_=status, after_=after_, wait=wait_for)


@router.post("/international/projects", response_class=HTMLResponse)
async def register_project(request: Request) -> Response:
    """The API's POST /international/projects; the form's key is its Idempotency-Key."""
    who, form = await staff_form(request)
    sent = await submit(request, who, form, REGISTER)
    if sent.recorded is not None:
        return after(f"/international/projects/{sent.recorded.id}", sent.recorded)
    return await _page(request, who, values=sent.values, outcome=sent.outcome, status_code=422)


async def _card(
    request: Request, who: Staff, project_id: uuid.UUID, *, wait: str | None = None, step: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, done: bool = False,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    try:
        row = await call(
            P.get_project, project_id=project_id, user=who.user, system=who.system, clock=who.system.clock,
            response=Response(), wait_for_=wait, on=None,
        )  # fmt: skip
        # The version a step's If-Match names: the project's own, read as the route's command reads it.
        version = (await call(who.system.international.get_project, project_id)).version
    except (HTTPException, ProjectNotFoundError):
        return render(request, "message.html", who, 404, message="not_found")
    milestones = row["milestones"]
    row = P.ProjectEntry.model_validate(row)  # the API's JSON answer as the register's entry (dates as dates)
    open_milestones = [m for m in milestones if m["reached_on"] is None]
    # The forms that fit the project as the register shows it (the use cases refuse the rest anyway).
    offered = {name: row.status == "active" for name in STEPS} | {
        "reached": row.status == "active" and bool(open_milestones)
    }
    return render(
        request, "project.html", who, status_code, p=row, milestones=milestones, version=version,
        open_milestones=open_milestones, **await record_steps.step_forms(who, STEPS, offered, step, values, outcome),
        done=done, pchoices=CHOICES, action=f"{PREFIX}/international/projects/{project_id}",
    )  # fmt: skip


@router.get("/international/projects/{project_id}", response_class=HTMLResponse)
async def project_card(request: Request, project_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False):
    card = partial(_card, project_id=project_id)
    return await record_steps.show_card(request, card, P.Reader, wait=wait_for, done=done)


@router.post("/international/projects/{project_id}/{step}", response_class=HTMLResponse)
async def project_step(request: Request, project_id: uuid.UUID, step: str) -> Response:
    path, card = f"/international/projects/{project_id}", partial(_card, project_id=project_id)
    # The milestone reached is a path parameter of its route, chosen on the form.
    return await record_steps.take_step(
        request, STEPS, step, path, card, chosen={"reached": ("milestone_id",)}, project_id=project_id
    )

"""Commands and the register of international projects (seed 003 §7.7-7.9): registered with
the approving decision, milestones planned and reached, interim and final reports, closed
on the final report; the register says how many milestones are late on a day.

Every command answers with the project's new version (also the ETag) and the log position
of its event; `If-Match` and `Idempotency-Key` work as for cases.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.bounded import CourtDate, StrictInput
from api.command_headers import IdempotencyKey, IfMatch, command_headers, expected_version
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import ClockDep, SotflowDep, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from api.schemas import LogPosition
from contexts.international_projects import ProjectRecorded
from domain.actor import Role
from domain.court_time import court_date
from domain.international.project import ProjectReportKind
from projections import international_projects
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/international/projects", tags=["international"])

Officer = Annotated[User, Depends(require_role(Role.INTERNATIONAL_OFFICER))]
Reader = Annotated[User, Depends(require_role(Role.INTERNATIONAL_OFFICER, Role.DEPUTY_HEAD, Role.HEAD, Role.AUDITOR))]


class ProjectCommandAccepted(BaseModel):
    id: UUID = Field(description="The project.")
    version: int
    status: str = Field(description="active or closed.")
    created_id: str | None = Field(description="The milestone or report the command recorded, if any.")
    log_position: LogPosition


class ProjectCreate(StrictInput):
    title: str = Field(min_length=3, max_length=500)
    partner: str = Field(min_length=1, max_length=300, description="The international organisation or partner.")
    decision_ref: str = Field(min_length=1, max_length=200, description="The approving decision (§7.8).")
    starts_on: CourtDate
    ends_on: CourtDate
    coordinator: str = Field(min_length=1, max_length=64, description="The coordinating officer's user id.")


class MilestoneCreate(StrictInput):
    title: str = Field(min_length=3, max_length=500)
    due_on: CourtDate


class MilestoneReached(StrictInput):
    reached_on: CourtDate
    note: str = Field("", max_length=2000)


class ReportCreate(StrictInput):
    kind: ProjectReportKind
    report_ref: str = Field(min_length=1, max_length=300)
    summary: str = Field(min_length=3, max_length=4000)
    submitted_on: CourtDate


class ClosureCreate(StrictInput):
    on: CourtDate
    reason: str = Field(min_length=3, max_length=2000)


def _answer(system, recorded: ProjectRecorded, response: Response) -> ProjectCommandAccepted:
    command_headers(response, recorded, f"/international/projects/{recorded.id}")
    return ProjectCommandAccepted(
        id=recorded.id, version=recorded.version, status=recorded.status, created_id=recorded.created_id,
        log_position=log_position(system.settings, "international", str(recorded.id), recorded.position),
    )  # fmt: skip


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProjectCommandAccepted)
def register_project(
    body: ProjectCreate, user: Officer, system: SotflowDep, response: Response, idempotency_key: IdempotencyKey = None
) -> ProjectCommandAccepted:
    """Register a project approved by a decision (its id is the request's Idempotency-Key's)."""
    recorded = system.international.register_project(
        title=body.title, partner=body.partner, decision_ref=body.decision_ref, starts_on=body.starts_on,
        ends_on=body.ends_on, coordinator=body.coordinator, actor=user.as_actor(), idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post("/{project_id}/milestones", response_model=ProjectCommandAccepted)
def plan_milestone(
    project_id: UUID, body: MilestoneCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ProjectCommandAccepted:  # fmt: skip
    """Plan a milestone within the project's period."""
    recorded = system.international.plan_milestone(
        project_id, title=body.title, due_on=body.due_on, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post("/{project_id}/milestones/{milestone_id}/reached", response_model=ProjectCommandAccepted)
def reach_milestone(
    project_id: UUID, milestone_id: str, body: MilestoneReached, user: Officer, system: SotflowDep,
    response: Response, idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ProjectCommandAccepted:  # fmt: skip
    """Record a milestone reached on a day."""
    recorded = system.international.reach_milestone(
        project_id, milestone_id=milestone_id, reached_on=body.reached_on, note=body.note, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post("/{project_id}/reports", response_model=ProjectCommandAccepted)
def submit_report(
    project_id: UUID, body: ReportCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ProjectCommandAccepted:  # fmt: skip
    """An interim or the final report of the project."""
    recorded = system.international.submit_project_report(
        project_id, kind=body.kind, report_ref=body.report_ref, summary=body.summary,
        submitted_on=body.submitted_on, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post("/{project_id}/closure", response_model=ProjectCommandAccepted)
def close_project(
    project_id: UUID, body: ClosureCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ProjectCommandAccepted:  # fmt: skip
    """Close the project, once its final report is in."""
    recorded = system.international.close_project(
        project_id, on=body.on, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


class ProjectEntry(BaseModel):
    project_id: UUID
    title: str
    partner: str
    decision_ref: str
    starts_on: date
    ends_on: date
    coordinator: str
    registered_at: datetime
    status: str
    reports: int
    final_report_ref: str | None
    last_report_on: date | None
    closed_on: date | None
    milestones_late: int = Field(description="Milestones not reached by their day, as of the day asked for.")
    log_position: int


class ProjectPage(BaseModel):
    on: date
    items: list[ProjectEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


OnDay = Annotated[CourtDate | None, Query(description="The day lateness is read on; default: today.")]


@router.get("", response_model=ProjectPage)
def list_projects(
    user: Reader, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    status_: Annotated[Literal["active", "closed"] | None, Query(alias="status")] = None,
    partner: Annotated[str | None, Query(max_length=300)] = None,
    late: Annotated[bool, Query(description="Only those with a milestone late.")] = False, on: OnDay = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> ProjectPage:  # fmt: skip
    """The international projects, earliest registered first, with their late milestones."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (international_projects,), wait_for_, response)
    day = on or court_date(clock.now())
    with system.pool.connection() as conn:
        rows = international_projects.page(
            conn, system.settings.projection_schema, on=day, status=status_, partner=partner, late=late,
            after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return ProjectPage(on=day, items=[ProjectEntry.model_validate(r) for r in rows[:limit]],
                       next_after=next_time_cursor(rows, limit, "registered_at", "project_id"))  # fmt: skip


@router.get("/{project_id}")
def get_project(
    project_id: UUID, user: Reader, system: SotflowDep, clock: ClockDep, response: Response,
    wait_for_: WaitFor = None, on: OnDay = None,
) -> dict[str, Any]:  # fmt: skip
    """One project with its milestones (each late or not on the day)."""
    wait_for(system, (international_projects,), wait_for_, response)
    day = on or court_date(clock.now())
    schema = system.settings.projection_schema
    with system.pool.connection() as conn:
        rows = international_projects.page(conn, schema, on=day, project_id=project_id, limit=1)
        if not rows:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"No international project {project_id} (yet).")
        milestones = international_projects.milestones_of(conn, schema, project_id)
    late = [m | {"late": m["reached_on"] is None and m["due_on"] < day} for m in milestones]
    return ProjectEntry.model_validate(rows[0]).model_dump(mode="json") | {"milestones": late}

"""Staff views over the registers: what is due, who carries what, who did what."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from pydantic import BaseModel, Field

from api import exports
from api.access import cleared_levels, subject_levels
from api.bounded import CourtDate
from api.consistency import WaitFor, wait_for
from api.deadline_days import DeadlineDays
from api.dependencies import ClockDep, SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from domain.actor import Role
from domain.court_time import court_date, day_start, days_between
from projections import audit_trail, case_register, deadline_register, legal_statistics, workload
from projections import statistics as projection_statistics
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/registers", tags=["registers"])

Overseer = Annotated[User, Depends(require_role(Role.AUDITOR, Role.HEAD, Role.DEPUTY_HEAD))]


class DueDeadline(BaseModel):
    deadline_id: UUID
    rule_id: str
    clause: str
    unit: str = Field(description="The line of work: the rule id's first part (cassation, extradition...).")
    subject: str = Field(description="The case or item.")
    registration_number: str | None
    kind: str | None
    court: str | None
    judge_rapporteur: str | None
    due_at: datetime
    due_local: datetime
    overdue: bool
    working_days_left: int = Field(
        description="Working days after today up to the due day: 0 due today; negative: working days overdue."
    )


class DueDeadlinePage(BaseModel):
    items: list[DueDeadline]
    next_after: str | None = Field(description=NEXT_AFTER)


DUE_HELP = "Due by the end of today (court time), by the end of the 7th day, or already overdue."


@router.get("/deadlines", response_model=DueDeadlinePage)
def due_deadlines(
    user: StaffReader,
    system: SotflowDep,
    clock: ClockDep,
    response: Response,
    due: Annotated[Literal["today", "week", "overdue"], Query(description=DUE_HELP)] = "week",
    judge: Annotated[str | None, Query(max_length=64, description="The judge-rapporteur.")] = None,
    kind: Annotated[str | None, Query(max_length=64)] = None,
    unit: Annotated[str | None, Query(max_length=64)] = None,
    after: Cursor = None,
    limit: PageLimit = 50,
    reverse: Reverse = False,
    wait_for_: WaitFor = None,
) -> DueDeadlinePage:  # fmt: skip
    """Open deadlines due today, this week or overdue, soonest first; by judge, unit or kind; with working days left."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (deadline_register, case_register), wait_for_, response)
    days = DeadlineDays(system, clock.now())
    # "week": to the end of the seventh day after today (a 7-day term started today is in it).
    ends = {"today": days.today + timedelta(days=1), "week": days.today + timedelta(days=8), "overdue": None}[due]
    until = day_start(ends) if ends else days.now
    with system.pool.connection() as conn:
        rows = deadline_register.due_view(
            conn, system.settings.projection_schema, until=until, levels=subject_levels(user.role),
            judge=judge, kind=kind, unit=unit, after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    answer = [DueDeadline.model_validate(row | days.timing(row["due_at"], running=True)) for row in rows[:limit]]
    return DueDeadlinePage(items=answer, next_after=next_time_cursor(rows, limit, "due_at", "deadline_id"))


class JudgeWorkload(BaseModel):
    judge_id: str
    name: str
    post: str
    open_cases: int
    as_rapporteur: int
    weighted_load: float = Field(description="Open cases weighted as the distribution weighs them.")
    normalised_load: float = Field(description="Weighted load divided by the post's coefficient: what the draw sees.")


@router.get("/workload", response_model=list[JudgeWorkload])
def judges_workload(
    court: Annotated[str, Query(min_length=1, max_length=64)],
    user: StaffReader,
    system: SotflowDep,
    response: Response,
    wait_for_: WaitFor = None,
) -> list[JudgeWorkload]:
    """Each judge's open cases and load, weighted as the automatic distribution weighs them."""
    wait_for(system, (workload,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = workload.per_judge(conn, system.settings.projection_schema, court)
    return [JudgeWorkload.model_validate(r) for r in rows]


class TrailEntry(BaseModel):
    context: str
    log_position: int
    type: str
    subject: str
    time: datetime
    actor_id: str
    actor_role: str
    on_behalf_of: str | None
    reason: str | None
    event_id: UUID


class TrailPage(BaseModel):
    items: list[TrailEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


@router.get("/audit-trail", response_model=TrailPage)
def trail(
    user: Overseer,
    system: SotflowDep,
    response: Response,
    case: Annotated[str | None, Query(max_length=100, description="A case's (subject's) id.")] = None,
    actor: Annotated[str | None, Query(max_length=100, description="A user's id.")] = None,
    after: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    reverse: Reverse = False,
    wait_for_: WaitFor = None,
) -> TrailPage:
    """Who did what, when and why: the events of one case or of one actor, in time order, a page at a time."""
    if case is None and actor is None:
        raise HTTPException(422, "Give `case` or `actor`.")
    cursor = parse_time_cursor(after, str, int) if after else None
    wait_for(system, (audit_trail, case_register), wait_for_, response)
    with system.pool.connection() as conn:
        rows = audit_trail.trail(
            conn, system.settings.projection_schema, levels=cleared_levels(user.role), subject=case, actor=actor,
            after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return TrailPage(
        items=[TrailEntry.model_validate(r) for r in rows[:limit]],
        next_after=next_time_cursor(rows, limit, "time", "context", "log_position"),
    )


class KindStatistics(BaseModel):
    kind: str | None
    incoming: int
    resolved: int
    pending_at_start: int
    pending_at_end: int
    median_days_to_disposition: float | None


class Statistics(BaseModel):
    from_: datetime = Field(alias="from")
    to: datetime
    court: str | None
    incoming: int
    resolved: int
    pending_at_start: int
    pending_at_end: int
    clearance_rate: float | None = Field(description="CEPEJ: resolved / incoming x 100.")
    disposition_time_days: float | None = Field(description="CEPEJ: days in the period x pending at end / resolved.")
    by_kind: list[KindStatistics]
    outcomes: list[dict[str, Any]]
    offence_categories: list[dict[str, Any]]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/statistics", response_model=Statistics, responses={200: {"content": {"text/csv": {}, XLSX: {}}}})
def statistics(
    user: StaffReader,
    system: SotflowDep,
    clock: ClockDep,
    start: Annotated[
        CourtDate | None, Query(alias="from", description="First day (court time); default 1 January this year.")
    ] = None,
    end: Annotated[CourtDate | None, Query(alias="to", description="Last day, included; default 31 December.")] = None,
    court: Annotated[str | None, Query(max_length=64)] = None,
    format_: Annotated[Literal["json", "csv", "xlsx"], Query(alias="format")] = "json",
):
    """Counts by period, kind, category and outcome; time to disposition; CEPEJ clearance rate
    and disposition time. The period defaults to the current year (court time). `format=csv`
    or `xlsx` gives a file for the analysts, with every figure the JSON has."""
    start, end = _period(start, end, clock)
    begin, finish = days_between(start, end)
    with system.pool.connection() as conn:
        stats = projection_statistics.summary(conn, system.settings.projection_schema, begin, finish, court)
    if format_ == "csv":
        return _file(exports.to_csv(stats), "csv", f"sotflow-statistics-{start}-{end}")
    if format_ == "xlsx":
        return _file(exports.to_xlsx(stats), "xlsx", f"sotflow-statistics-{start}-{end}")
    return Statistics.model_validate(stats)


def _period(start: date | None, end: date | None, clock) -> tuple[date, date]:
    """A report's period: the current year (court time) by default, or the year of the one end given."""
    this_year = court_date(clock.now()).year
    start = start or (end.replace(month=1, day=1) if end else date(this_year, 1, 1))
    end = end or start.replace(month=12, day=31)
    if end < start:
        raise HTTPException(422, "`to` is before `from`.")
    return start, end


def _file(content: str | bytes, kind: Literal["csv", "xlsx"], name: str) -> Response:
    media_type = "text/csv; charset=utf-8" if kind == "csv" else XLSX
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{kind}"'})  # fmt: skip


class LegalStatisticsSection(BaseModel):
    title: str
    header: list[str]
    rows: list[list[Any]]


class LegalStatistics(BaseModel):
    form: str = Field(
        description="The official form whose structure the report follows (see docs/legal-statistics.md)."
    )
    from_: datetime = Field(alias="from")
    to: datetime
    court: str | None
    sections: list[LegalStatisticsSection]
    checks: dict[str, bool] = Field(description="The report's own reconciliation: every check true.")


@router.get(
    "/legal-statistics", response_model=LegalStatistics, responses={200: {"content": {"text/csv": {}, XLSX: {}}}}
)
def legal_statistics_report(
    user: StaffReader,
    system: SotflowDep,
    clock: ClockDep,
    start: Annotated[
        CourtDate | None, Query(alias="from", description="First day (court time); default 1 January this year.")
    ] = None,
    end: Annotated[CourtDate | None, Query(alias="to", description="Last day, included; default 31 December.")] = None,
    court: Annotated[str | None, Query(max_length=64)] = None,
    format_: Annotated[Literal["json", "csv", "xlsx"], Query(alias="format")] = "json",
):
    """The legal-statistics report for the authorised body (004 §15.15): movement of cases, cases
    by kind, results per person, offence categories, in the sections of the official cassation
    report as publicly described; `format=csv` or `xlsx` for the file sent to the body."""
    start, end = _period(start, end, clock)
    begin, finish = days_between(start, end)
    with system.pool.connection() as conn:
        report = legal_statistics.report(conn, system.settings.projection_schema, begin, finish, court)
    name = f"sotflow-legal-statistics-{start}-{end}"
    if format_ == "csv":
        return _file(exports.legal_form_csv(report), "csv", name)
    if format_ == "xlsx":
        return _file(exports.legal_form_xlsx(report), "xlsx", name)
    return LegalStatistics.model_validate(report)

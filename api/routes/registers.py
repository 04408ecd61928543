"""Registers kept by the projections (read side). Each read may wait for a command's
log position (`wait_for`); items a role is not cleared for are absent and 404."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.access import cleared_levels, may_see
from api.bounded import MAX_BIGINT, CourtDate
from api.consistency import WaitFor, wait_for
from api.deadline_days import DeadlineDays
from api.dependencies import ClockDep, SotflowDep, StaffReader
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from api.schemas import RegisterEntryPublic, RegisterPage
from contexts.clock import Clock
from domain.court_time import court_date, day_start
from projections import case_register, deadline_register, hearings_calendar, incoming_register, rulings_register

router = APIRouter(route_class=OneHopRoute, prefix="/registers", tags=["registers"])
public_router = APIRouter(route_class=OneHopRoute, prefix="/public", tags=["public"])

After = Annotated[int | None, Query(ge=0, le=MAX_BIGINT, description="The `next_after` of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=500)]


@router.get("/incoming", response_model=RegisterPage)
def list_incoming(
    user: StaffReader,
    system: SotflowDep,
    response: Response,
    after: After = None,
    limit: Limit = 50,
    kind: Annotated[str | None, Query(max_length=64)] = None,
    court: Annotated[str | None, Query(max_length=64)] = None,
    status_: Annotated[str | None, Query(alias="status", pattern="^(registered|returned)$")] = None,
    to_be_checked: Annotated[bool | None, Query(description="Only items whose filing term is to be checked.")] = None,
    reverse: Reverse = False,
    wait_for_: WaitFor = None,
) -> RegisterPage:
    """The incoming register (the secretariat's journal) in order of registration."""
    wait_for(system, (incoming_register,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = incoming_register.page(
            conn, system.settings.projection_schema, after=after, limit=limit + 1,
            levels=cleared_levels(user.role), kind=kind, court=court, status=status_, to_be_checked=to_be_checked,
            reverse=reverse,
        )  # fmt: skip
    items = [RegisterEntryPublic.model_validate(r) for r in rows[:limit]]
    next_after = items[-1].log_position if len(rows) > limit else None
    return RegisterPage(items=items, next_after=next_after)


@router.get("/incoming/{item_id}", response_model=RegisterEntryPublic)
def get_incoming(
    item_id: UUID, user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None
) -> RegisterEntryPublic:
    """One entry of the incoming register."""
    wait_for(system, (incoming_register,), wait_for_, response)
    with system.pool.connection() as conn:
        row = incoming_register.entry(conn, system.settings.projection_schema, item_id)
    if row is None or not may_see(user.role, row["confidentiality"]):
        raise _not_found(f"No register entry {item_id} (yet).", response)
    return RegisterEntryPublic.model_validate(row)


class SearchHit(RegisterEntryPublic):
    case_id: UUID | None = Field(description="The case the item opened (its own id), if it opened one.")


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_after: int | None = Field(description=NEXT_AFTER)


SEARCH_HELP = (
    "Words that must all appear, in any case and as any part, in the registration number, the lower court's "
    "case number or the filer's name (Russian, Kazakh or Latin letters; ё is е)."
)


@router.get("/search", response_model=SearchPage)
def search(
    q: Annotated[str, Query(min_length=1, max_length=200, description=SEARCH_HELP)],
    user: StaffReader,
    system: SotflowDep,
    response: Response,
    after: After = None,
    limit: Limit = 50,
    reverse: Reverse = False,
    wait_for_: WaitFor = None,
) -> SearchPage:
    """Find items and cases by registration number, lower-court case number or filer's name,
    in order of registration (or the latest first), of what the role may see."""
    words = q.split()
    if not words:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "`q` has no word to search for.")
    wait_for(system, (incoming_register, case_register), wait_for_, response)
    with system.pool.connection() as conn:
        rows = incoming_register.search(
            conn, system.settings.projection_schema, words, after=after, limit=limit + 1,
            levels=cleared_levels(user.role), reverse=reverse,
        )  # fmt: skip
    items = [SearchHit.model_validate(r) for r in rows[:limit]]
    return SearchPage(items=items, next_after=items[-1].log_position if len(rows) > limit else None)


def _not_found(detail: str, response: Response) -> HTTPException:
    """404, keeping the answer to `wait_for` (an entry not there yet may be on its way)."""
    reached = response.headers.get("X-Log-Position-Reached")
    return HTTPException(
        status.HTTP_404_NOT_FOUND, detail, headers={"X-Log-Position-Reached": reached} if reached else None
    )


class CaseDeadline(BaseModel):
    deadline_id: UUID
    rule_id: str
    clause: str = Field(description="The article the term comes from.")
    status: str = Field(description="open, suspended or met.")
    due_at: datetime
    due_local: datetime
    overdue: bool = Field(description="Open and past its due instant.")
    working_days_left: int | None = Field(
        description="While open: working days after today up to the due day (0 due today; negative: overdue)."
    )
    met_at: datetime | None
    extensions: int


def _deadline(row: dict[str, Any], days: DeadlineDays) -> CaseDeadline:
    return CaseDeadline.model_validate(row | days.timing(row["due_at"], running=row["status"] == "open"))


class CasePublic(BaseModel):
    case_id: UUID
    registration_number: str | None
    kind: str | None
    court: str | None
    received_at: datetime | None
    filer_name: str | None
    lower_court_case_ref: str | None
    confidentiality: str | None
    stage: str | None = Field(description="registered, returned, accepted ... published (docs/case-lifecycle.md).")
    judge_rapporteur: str | None
    panel: list[str] | None
    next_hearing_at: datetime | None
    hearings_held: int
    act_entered_at: datetime | None
    hours_to_enter_act: float | None
    published: bool
    suspended_until: date | None
    joined_into: UUID | None
    load_released: bool
    to_be_checked: bool = Field(description="Its filing term could not be checked at registration: to be confirmed.")
    registry_position: int
    next_deadline: CaseDeadline | None = Field(description="The open deadline due soonest, if any.")


class CasePage(BaseModel):
    items: list[CasePublic]
    next_after: int | None


def _case(row: dict[str, Any], days: DeadlineDays) -> CasePublic:
    upcoming = row["next_deadline"]
    return CasePublic.model_validate(
        row | {"stage": row["current_stage"], "next_deadline": _deadline(upcoming, days) if upcoming else None}
    )


@router.get("/cases", response_model=CasePage)
def list_cases(
    user: StaffReader,
    system: SotflowDep,
    clock: ClockDep,
    response: Response,
    after: After = None,
    limit: Limit = 50,
    court: Annotated[str | None, Query(max_length=64)] = None,
    stage: Annotated[str | None, Query(max_length=64)] = None,
    kind: Annotated[str | None, Query(max_length=64)] = None,
    judge: Annotated[str | None, Query(max_length=64, description="A judge's cases: on the panel.")] = None,
    reverse: Reverse = False,
    wait_for_: WaitFor = None,
) -> CasePage:
    """Cases in order of registration, with their stage, panel, next hearing and next deadline."""
    wait_for(system, (case_register, deadline_register), wait_for_, response)
    with system.pool.connection() as conn:
        rows = case_register.page(
            conn, system.settings.projection_schema, after=after, limit=limit + 1,
            levels=cleared_levels(user.role), court=court, stage=stage, kind=kind, judge=judge, reverse=reverse,
        )  # fmt: skip
    days = DeadlineDays(system, clock.now())
    items = [_case(r, days) for r in rows[:limit]]
    return CasePage(items=items, next_after=items[-1].registry_position if len(rows) > limit else None)


class HearingEntry(BaseModel):
    case_id: UUID
    hearing_id: str
    registration_number: str | None
    kind: str | None
    court: str | None
    scheduled_for: datetime
    room: str
    public: bool
    status: str
    postponement_reason: str | None = None
    held_at: datetime | None = None
    panel: list[str] | None = None


class RulingEntry(BaseModel):
    case_id: UUID
    registration_number: str | None = None
    court: str | None = None
    outcomes: list[dict[str, str]]
    hearing_id: str
    ruled_at: datetime
    ruled_by: str
    act_entered_at: datetime | None
    hours_to_enter_act: float | None
    log_position: int


class CaseCard(BaseModel):
    """Everything about one case in one answer."""

    case: CasePublic
    incoming: RegisterEntryPublic | None
    distribution_protocol: dict[str, Any] | None = Field(description="The draw's whole protocol (case-distributed).")
    reassignments: list[dict[str, Any]]
    hearings: list[HearingEntry]
    ruling: RulingEntry | None
    deadlines: list[CaseDeadline] = Field(description="Every deadline of the case, soonest due first.")


@router.get("/cases/{case_id}", response_model=CaseCard)
def case_card(
    case_id: UUID,
    user: StaffReader,
    system: SotflowDep,
    clock: ClockDep,
    response: Response,
    wait_for_: WaitFor = None,
) -> CaseCard:
    """The case card: registration, distribution protocol, hearings, ruling and deadlines."""
    wait_for(
        system, (case_register, incoming_register, hearings_calendar, rulings_register, deadline_register), wait_for_,
        response,
    )  # fmt: skip
    schema = system.settings.projection_schema
    with system.pool.connection() as conn:
        row = case_register.entry(conn, schema, case_id)
        if row is None or not may_see(user.role, row["confidentiality"]):
            raise _not_found(f"No case {case_id} (yet).", response)
        incoming = incoming_register.entry(conn, schema, case_id)
        hearings = hearings_calendar.of_case(conn, schema, case_id)
        ruling = rulings_register.of_case(conn, schema, case_id)
        deadlines = deadline_register.of_subject(conn, schema, str(case_id))
    days = DeadlineDays(system, clock.now())
    extra = {"registration_number": row["registration_number"], "kind": row["kind"], "court": row["court"]}
    return CaseCard(
        case=_case(row, days),
        incoming=RegisterEntryPublic.model_validate(incoming) if incoming else None,
        distribution_protocol=row["protocol"],
        reassignments=row["reassignments"] or [],
        hearings=[HearingEntry.model_validate(h | extra) for h in hearings],
        ruling=RulingEntry.model_validate(ruling | extra) if ruling else None,
        deadlines=[_deadline(d, days) for d in deadlines],
    )


def _court_day_range(start: date | None, days: int, clock: Clock) -> tuple[datetime, datetime]:
    first = start or court_date(clock.now())
    begin = day_start(first)
    return begin, begin + timedelta(days=days)


class HearingPage(BaseModel):
    items: list[HearingEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


def _hearings_cursor(after: str | None) -> tuple | None:
    return parse_time_cursor(after, UUID, str) if after else None


def _next_hearings_after(rows: list[dict[str, Any]], limit: int) -> str | None:
    return next_time_cursor(rows, limit, "scheduled_for", "case_id", "hearing_id")


@router.get("/hearings", response_model=HearingPage)
def hearings(
    user: StaffReader,
    system: SotflowDep,
    clock: ClockDep,
    response: Response,
    start: Annotated[
        CourtDate | None, Query(alias="from", description="First day (court time); default today.")
    ] = None,
    days: Annotated[int, Query(ge=1, le=92)] = 7,
    court: Annotated[str | None, Query(max_length=64)] = None,
    after: Cursor = None,
    limit: PageLimit = 50,
    reverse: Reverse = False,
    wait_for_: WaitFor = None,
) -> HearingPage:
    """The hearings calendar for staff: the hearings of the days asked for, soonest first, a page at a time."""
    wait_for(system, (hearings_calendar, case_register), wait_for_, response)
    begin, end = _court_day_range(start, days, clock)
    with system.pool.connection() as conn:
        rows = hearings_calendar.between(
            conn, system.settings.projection_schema, begin, end, levels=cleared_levels(user.role),
            after=_hearings_cursor(after), limit=limit + 1, court=court, reverse=reverse,
        )  # fmt: skip
    return HearingPage(
        items=[HearingEntry.model_validate(r) for r in rows[:limit]], next_after=_next_hearings_after(rows, limit)
    )


class RulingPage(BaseModel):
    items: list[RulingEntry]
    next_after: int | None = Field(description=NEXT_AFTER)


@router.get("/rulings", response_model=RulingPage)
def rulings(
    user: StaffReader, system: SotflowDep, response: Response, after: After = None, limit: Limit = 50,
    court: Annotated[str | None, Query(max_length=64)] = None, reverse: Reverse = False, wait_for_: WaitFor = None,
) -> RulingPage:  # fmt: skip
    """Rulings in order of entry, with the outcome per defendant and the time taken to enter the act."""
    wait_for(system, (rulings_register, case_register), wait_for_, response)
    with system.pool.connection() as conn:
        rows = rulings_register.page(
            conn, system.settings.projection_schema, after=after, limit=limit + 1,
            levels=cleared_levels(user.role), court=court, reverse=reverse,
        )  # fmt: skip
    items = [RulingEntry.model_validate(r) for r in rows[:limit]]
    return RulingPage(items=items, next_after=items[-1].log_position if len(rows) > limit else None)


class PublicHearing(BaseModel):
    """What the court's public schedule shows: no names, only the case's number and kind."""

    registration_number: str | None
    court: str | None
    kind: str | None
    scheduled_for: datetime
    room: str


class PublicHearingPage(BaseModel):
    items: list[PublicHearing]
    next_after: str | None = Field(description=NEXT_AFTER)


@public_router.get("/hearings", response_model=PublicHearingPage)
def public_hearings(
    system: SotflowDep,
    clock: ClockDep,
    start: Annotated[
        CourtDate | None, Query(alias="from", description="First day (court time); default today.")
    ] = None,
    days: Annotated[int, Query(ge=1, le=31)] = 7,
    court: Annotated[str | None, Query(max_length=64, description="One court's schedule.")] = None,
    after: Cursor = None,
    limit: PageLimit = 50,
    reverse: Reverse = False,
) -> PublicHearingPage:
    """The public hearing schedule (no token needed): public hearings of non-confidential cases, a page at a time."""
    begin, end = _court_day_range(start, days, clock)
    with system.pool.connection() as conn:
        rows = hearings_calendar.between(
            conn, system.settings.projection_schema, begin, end, levels=["public"], public_only=True,
            after=_hearings_cursor(after), limit=limit + 1, court=court, reverse=reverse,
        )  # fmt: skip
    return PublicHearingPage(
        items=[PublicHearing.model_validate(r) for r in rows[:limit]], next_after=_next_hearings_after(rows, limit)
    )

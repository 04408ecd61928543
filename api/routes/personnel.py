"""Commands and registers of the personal records of the court's staff (seed 004 §15.7)
and of business trips with their final reports (003 §7.11): appointment, transfer,
dismissal, leave, trips and their cancellation; the staff register, the absences (who is
away on a day), the trips (abroad, with their reports due or late) and the open
applications of consultants away, for the head to reassign.

Every command answers with the record's new version (also the ETag) and the log position
of its event; `If-Match` and `Idempotency-Key` work as for cases.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.access import cleared_levels
from api.bounded import CourtDate, StrictInput
from api.command_headers import IdempotencyKey, IfMatch, command_headers, expected_version
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import ClockDep, SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from api.schemas import LogPosition
from contexts.personnel import StaffRecorded
from domain.actor import Role
from domain.court_time import court_date
from domain.personnel.staff import LeaveKind, Post, StaffCategory
from projections import applications_register, personnel_register
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/personnel", tags=["personnel"])

PersonnelOfficer = Annotated[User, Depends(require_role(Role.PERSONNEL_OFFICER))]
# The international department monitors foreign trips and posts their final reports (003 §7.11).
ReportKeeper = Annotated[User, Depends(require_role(Role.PERSONNEL_OFFICER, Role.INTERNATIONAL_OFFICER))]
Overseer = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD))]


class StaffCommandAccepted(BaseModel):
    id: UUID = Field(description="The staff record.")
    version: int
    in_post: bool
    absence_id: str | None = Field(description="The leave or trip the command recorded (its id), if any.")
    log_position: LogPosition


class Decision(StrictInput):
    decision_ref: str = Field(min_length=1, max_length=200, description="The order or decision it rests on.")


class PostIn(StrictInput):
    title: str = Field(min_length=1, max_length=200)
    unit: str = Field(min_length=1, max_length=300)
    category: StaffCategory


class AppointmentCreate(Decision):
    user_id: str = Field(min_length=1, max_length=64, description="The staff member's account (user id).")
    full_name: str = Field(min_length=1, max_length=300)
    post: PostIn
    appointed_on: CourtDate


class Reasoned(StrictInput):
    reason: str = Field(min_length=3, max_length=2000)


class TransferCreate(Decision, Reasoned):
    post: PostIn
    on: CourtDate


class DismissalCreate(Decision, Reasoned):
    on: CourtDate


class LeaveCreate(Decision, Reasoned):
    kind: LeaveKind
    starts_on: CourtDate
    ends_on: CourtDate


class TripCreate(Decision, Reasoned):
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2; KZ for a trip at home.")
    city: str = Field(min_length=1, max_length=200)
    host: str = Field(min_length=1, max_length=300, description="The inviting or receiving body.")
    purpose: str = Field(min_length=3, max_length=2000)
    decision_on: CourtDate
    departs_on: CourtDate
    returns_on: CourtDate
    project_id: str | None = Field(None, max_length=64, description="The international project it serves.")


class CancellationCreate(Reasoned):
    absence_id: str = Field(min_length=1, max_length=64, description="The leave or trip called off.")


class ReportCreate(StrictInput):
    report_ref: str = Field(min_length=1, max_length=300, description="The report's document reference.")
    summary: str = Field(min_length=3, max_length=4000)
    submitted_on: CourtDate


def _post(body: PostIn) -> Post:
    return Post(body.title, body.unit, body.category)


def _answer(system, recorded: StaffRecorded, response: Response) -> StaffCommandAccepted:
    command_headers(response, recorded, f"/personnel/staff/{recorded.id}")
    return StaffCommandAccepted(
        id=recorded.id, version=recorded.version, in_post=recorded.in_post, absence_id=recorded.absence_id,
        log_position=log_position(system.settings, "personnel", str(recorded.id), recorded.position),
    )  # fmt: skip


@router.post("/staff", status_code=status.HTTP_201_CREATED, response_model=StaffCommandAccepted)
def appoint(
    body: AppointmentCreate, user: PersonnelOfficer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> StaffCommandAccepted:  # fmt: skip
    """Open a staff member's record with their appointment to a post (one record per account)."""
    recorded = system.personnel.appoint(
        user_id=body.user_id, full_name=body.full_name, post=_post(body.post), appointed_on=body.appointed_on,
        decision_ref=body.decision_ref, actor=user.as_actor(), idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(system, recorded, response)


STAFF = "/staff/{staff_id}"


@router.post(f"{STAFF}/transfers", response_model=StaffCommandAccepted)
def transfer(
    staff_id: UUID, body: TransferCreate, user: PersonnelOfficer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> StaffCommandAccepted:  # fmt: skip
    """Move the staff member to another post."""
    recorded = system.personnel.transfer(
        staff_id, post=_post(body.post), on=body.on, decision_ref=body.decision_ref, reason=body.reason,
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STAFF}/dismissal", response_model=StaffCommandAccepted)
def dismiss(
    staff_id: UUID, body: DismissalCreate, user: PersonnelOfficer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> StaffCommandAccepted:  # fmt: skip
    """The staff member leaves the service: nothing is assigned to them any more."""
    recorded = system.personnel.dismiss(
        staff_id, on=body.on, decision_ref=body.decision_ref, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STAFF}/leave", response_model=StaffCommandAccepted)
def grant_leave(
    staff_id: UUID, body: LeaveCreate, user: PersonnelOfficer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> StaffCommandAccepted:  # fmt: skip
    """A leave (or a sick note), not overlapping another absence: no applications are assigned
    to the staff member from its first to its last day."""
    recorded = system.personnel.grant_leave(
        staff_id, kind=body.kind, starts_on=body.starts_on, ends_on=body.ends_on, decision_ref=body.decision_ref,
        reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STAFF}/trips", response_model=StaffCommandAccepted)
def send_on_trip(
    staff_id: UUID, body: TripCreate, user: PersonnelOfficer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> StaffCommandAccepted:  # fmt: skip
    """A business trip approved by a decision: an absence; abroad, its final report is due by the
    rule personnel.trip-report after the return (003 §7.11)."""
    recorded = system.personnel.send_on_trip(
        staff_id, country=body.country, city=body.city, host=body.host, purpose=body.purpose,
        decision_ref=body.decision_ref, decision_on=body.decision_on, departs_on=body.departs_on,
        returns_on=body.returns_on, project_id=body.project_id, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STAFF}/cancellations", response_model=StaffCommandAccepted)
def cancel_absence(
    staff_id: UUID, body: CancellationCreate, user: PersonnelOfficer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> StaffCommandAccepted:  # fmt: skip
    """A leave recalled or a trip called off (a trip's report is then no longer due)."""
    recorded = system.personnel.cancel_absence(
        staff_id, absence_id=body.absence_id, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(STAFF + "/trips/{trip_id}/report", response_model=StaffCommandAccepted)
def submit_trip_report(
    staff_id: UUID, trip_id: str, body: ReportCreate, user: ReportKeeper, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> StaffCommandAccepted:  # fmt: skip
    """The trip's final report, on or after the return day (003 §7.11)."""
    recorded = system.personnel.submit_trip_report(
        staff_id, trip_id=trip_id, report_ref=body.report_ref, summary=body.summary, submitted_on=body.submitted_on,
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


# -- registers ---------------------------------------------------------------------------
class StaffEntry(BaseModel):
    staff_id: UUID
    user_id: str
    full_name: str
    post_title: str
    unit: str
    category: str
    appointed_on: date
    appointed_at: datetime
    in_post: bool
    dismissed_on: date | None
    log_position: int


class StaffPage(BaseModel):
    items: list[StaffEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


@router.get("/staff", response_model=StaffPage)
def list_staff(
    user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None,
    category: StaffCategory | None = None, unit: Annotated[str | None, Query(max_length=300)] = None,
    in_post: bool | None = None, user_id: Annotated[str | None, Query(max_length=64)] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> StaffPage:  # fmt: skip
    """The staff register, earliest appointment first, a page at a time."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (personnel_register,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = personnel_register.staff_page(
            conn, system.settings.projection_schema, category=category, unit=unit, in_post=in_post, user_id=user_id,
            after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return StaffPage(items=[StaffEntry.model_validate(r) for r in rows[:limit]],
                     next_after=next_time_cursor(rows, limit, "appointed_at", "staff_id"))  # fmt: skip


@router.get("/staff/{staff_id}", response_model=StaffEntry)
def get_staff(staff_id: UUID, user: StaffReader, system: SotflowDep, response: Response,
              wait_for_: WaitFor = None) -> StaffEntry:  # fmt: skip
    """One staff record as the register has it."""
    wait_for(system, (personnel_register,), wait_for_, response)
    with system.pool.connection() as conn:
        row = personnel_register.staff_entry(conn, system.settings.projection_schema, staff_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No staff record {staff_id} (yet).")
    return StaffEntry.model_validate(row)


class AbsenceEntry(BaseModel):
    absence_id: str
    staff_id: UUID
    user_id: str
    full_name: str
    post_title: str
    unit: str
    category: str
    kind: str = Field(description="leave or business_trip.")
    leave_kind: str | None
    starts_on: date
    ends_on: date
    decision_ref: str
    foreign_trip: bool
    country: str | None
    city: str | None
    host: str | None
    purpose: str | None
    decision_on: date | None
    project_id: str | None
    report_due_at: datetime | None = Field(description="A foreign trip's final report term.")
    report_ref: str | None
    report_submitted_on: date | None
    report_overdue: bool = Field(description="A foreign trip's report not submitted by its due instant.")
    log_position: int


class AbsencePage(BaseModel):
    items: list[AbsenceEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


def _absences(rows: list[dict[str, Any]], limit: int, now: datetime) -> AbsencePage:
    items = [
        AbsenceEntry.model_validate(
            r | {"report_overdue": r["report_due_at"] is not None and r["report_submitted_on"] is None
                 and r["report_due_at"] < now}
        )
        for r in rows[:limit]
    ]  # fmt: skip
    return AbsencePage(items=items, next_after=next_time_cursor(rows, limit, "starts_at", "absence_id"))


@router.get("/absences", response_model=AbsencePage)
def list_absences(
    user: StaffReader, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    kind: Literal["leave", "business_trip"] | None = None, user_id: Annotated[str | None, Query(max_length=64)] = None,
    on: Annotated[CourtDate | None, Query(description="Only those away on this day.")] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> AbsencePage:  # fmt: skip
    """Leave and business trips standing (not cancelled), earliest first: who is away, when."""
    cursor = parse_time_cursor(after, str) if after else None
    wait_for(system, (personnel_register,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = personnel_register.absence_page(
            conn, system.settings.projection_schema, kind=kind, user_id=user_id, on=on, after=cursor,
            limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return _absences(rows, limit, clock.now())


@router.get("/trips", response_model=AbsencePage)
def list_trips(
    user: StaffReader, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    foreign: Annotated[bool | None, Query(description="Abroad (003 §7.11) or at home.")] = None,
    report: Annotated[Literal["due", "overdue", "submitted"] | None,
                      Query(description="By the final report: due (none yet), overdue, submitted.")] = None,
    project_id: Annotated[str | None, Query(max_length=64)] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> AbsencePage:  # fmt: skip
    """The business trips standing, earliest departure first, with their final reports."""
    cursor = parse_time_cursor(after, str) if after else None
    wait_for(system, (personnel_register,), wait_for_, response)
    now = clock.now()
    with system.pool.connection() as conn:
        rows = personnel_register.absence_page(
            conn, system.settings.projection_schema, kind="business_trip", foreign=foreign, report=report,
            project_id=project_id, now=now, after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return _absences(rows, limit, now)


class OpenItemOfAbsent(BaseModel):
    application_id: UUID
    received_at: datetime
    stage: str
    subject: str
    consultant: str = Field(description="The consultant's user id.")
    full_name: str
    absence_id: str
    absence_kind: str
    leave_kind: str | None
    country: str | None
    starts_on: date
    ends_on: date


class OpenItemsPage(BaseModel):
    on: date
    items: list[OpenItemOfAbsent]
    next_after: str | None = Field(description=NEXT_AFTER)


@router.get("/absent-staff-items", response_model=OpenItemsPage)
def open_items_of_absent_staff(
    user: Overseer, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    on: Annotated[CourtDate | None, Query(description="Default: today (court's calendar).")] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> OpenItemsPage:  # fmt: skip
    """Open applications (assigned, or drafted and not yet approved) whose consultant is on leave
    or a trip on the day, earliest received first: the head reassigns them
    (`POST /applications/{id}/assignment` with a consultant present)."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (personnel_register, applications_register), wait_for_, response)
    day = on or court_date(clock.now())
    with system.pool.connection() as conn:
        rows = personnel_register.open_items_of_absent(
            conn, system.settings.projection_schema, on=day, levels=cleared_levels(user.role), after=cursor,
            limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return OpenItemsPage(on=day, items=[OpenItemOfAbsent.model_validate(r) for r in rows[:limit]],
                         next_after=next_time_cursor(rows, limit, "received_at", "application_id"))  # fmt: skip

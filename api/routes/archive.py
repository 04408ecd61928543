"""Commands and registers of the archive (seed 004 §15.14): handover of a disposed case's
file, issue on request and return, holds, destruction by an act the head approves; the
archive, the files issued and not returned, and the files due for review of destruction.

Every command answers with the record's new version (also the ETag) and the log position
of its event; `If-Match` and `Idempotency-Key` work as for cases.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.access import cleared_levels, may_see
from api.bounded import CourtInstant, StrictInput
from api.command_headers import IdempotencyKey, IfMatch, command_headers, expected_version
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import ClockDep, SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from api.schemas import LogPosition
from contexts.archive import FileRecorded
from domain.actor import Role
from domain.archive.file import HoldGround, RecipientKind
from domain.court_time import court_date
from projections import archive_register, destruction_acts
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/archive", tags=["archive"])

Archivist = Annotated[User, Depends(require_role(Role.ARCHIVIST))]
HoldKeeper = Annotated[User, Depends(require_role(Role.ARCHIVIST, Role.HEAD, Role.DEPUTY_HEAD))]
Head = Annotated[User, Depends(require_role(Role.HEAD))]
# Who reads the destruction acts: the archive drawing them up, the heads approving them, the auditors.
ActsReader = Annotated[User, Depends(require_role(Role.ARCHIVIST, Role.HEAD, Role.DEPUTY_HEAD, Role.AUDITOR))]


class ArchiveCommandAccepted(BaseModel):
    id: UUID
    version: int
    status: str = Field(description="archived, issued or destroyed; for an act: drawn_up or approved.")
    number: str | None = Field(description="The file's archive number, or the act's number.")
    log_position: LogPosition


class HandoverCreate(StrictInput):
    case_id: UUID = Field(description="The disposed case (published, returned, withdrawn, joined).")
    nomenclature_index: str = Field(min_length=1, max_length=50, description="The file-nomenclature index.")
    volumes: int = Field(ge=1, le=500)
    pages: int = Field(ge=1, le=200_000)
    handed_over_by: str = Field(min_length=1, max_length=300, description="Who hands the file over.")


class ReasonCreate(StrictInput):
    reason: str = Field(min_length=3, max_length=2000)


class IssueCreate(ReasonCreate):
    recipient_kind: RecipientKind
    recipient: str = Field(min_length=1, max_length=300)
    request_ref: str = Field(min_length=1, max_length=300, description="The request the file is issued on.")


class ReturnCreate(ReasonCreate):
    returned_at: CourtInstant


class HoldCreate(ReasonCreate):
    ground: HoldGround


class HoldLift(ReasonCreate):
    hold_id: str = Field(min_length=1, max_length=100)


class ActCreate(ReasonCreate):
    court: str = Field(min_length=1, max_length=100)
    act_number: str = Field(min_length=1, max_length=100)
    file_ids: list[UUID] = Field(min_length=1, max_length=1000)


def _answer(system, recorded: FileRecorded, response: Response, location: str) -> ArchiveCommandAccepted:
    command_headers(response, recorded, location)
    return ArchiveCommandAccepted(
        id=recorded.id, version=recorded.version, status=recorded.status, number=recorded.archive_number,
        log_position=log_position(system.settings, "archive", str(recorded.id), recorded.position),
    )  # fmt: skip


@router.post("/files", status_code=status.HTTP_201_CREATED, response_model=ArchiveCommandAccepted)
def hand_over(
    body: HandoverCreate, user: Archivist, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ArchiveCommandAccepted:  # fmt: skip
    """Register a disposed case's file in the archive: the next archive number of the court and
    year, the retention term by the schedule in force. The case must be disposed of."""
    recorded = system.archive.hand_over(
        body.case_id, nomenclature_index=body.nomenclature_index, volumes=body.volumes, pages=body.pages,
        handed_over_by=body.handed_over_by, actor=user.as_actor(), idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(system, recorded, response, f"/archive/files/{recorded.id}")


FILE = "/files/{file_id}"


@router.post(f"{FILE}/issues", response_model=ArchiveCommandAccepted)
def issue(
    file_id: UUID, body: IssueCreate, user: Archivist, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ArchiveCommandAccepted:  # fmt: skip
    """Issue the file on a request; it is due back within the term of rule archive.file-return."""
    recorded = system.archive.issue_file(
        file_id, recipient_kind=body.recipient_kind, recipient=body.recipient, request_ref=body.request_ref,
        reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response, f"/archive/files/{file_id}")


@router.post(f"{FILE}/return", response_model=ArchiveCommandAccepted)
def take_back(
    file_id: UUID, body: ReturnCreate, user: Archivist, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ArchiveCommandAccepted:  # fmt: skip
    """Record the issued file back in the archive."""
    recorded = system.archive.return_file(
        file_id, returned_at=body.returned_at, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response, f"/archive/files/{file_id}")


@router.post(f"{FILE}/holds", response_model=ArchiveCommandAccepted)
def place_hold(
    file_id: UUID, body: HoldCreate, user: HoldKeeper, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ArchiveCommandAccepted:  # fmt: skip
    """Hold the file (a pending request, the case reopened): it cannot be destroyed while held."""
    recorded = system.archive.place_hold(
        file_id, ground=body.ground, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response, f"/archive/files/{file_id}")


@router.post(f"{FILE}/hold-lifts", response_model=ArchiveCommandAccepted)
def lift_hold(
    file_id: UUID, body: HoldLift, user: HoldKeeper, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ArchiveCommandAccepted:  # fmt: skip
    """Lift a hold, with the reason."""
    recorded = system.archive.lift_hold(
        file_id, hold_id=body.hold_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response, f"/archive/files/{file_id}")


@router.post("/destruction-acts", status_code=status.HTTP_201_CREATED, response_model=ArchiveCommandAccepted)
def draw_up_act(
    body: ActCreate, user: Archivist, system: SotflowDep, response: Response, idempotency_key: IdempotencyKey = None
) -> ArchiveCommandAccepted:
    """Draw up a destruction act listing files whose retention term has ended (none held, none
    permanent), for the head's approval."""
    recorded = system.archive.draw_up_destruction_act(
        court=body.court, act_number=body.act_number, file_ids=body.file_ids, reason=body.reason,
        actor=user.as_actor(), idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(system, recorded, response, f"/archive/destruction-acts/{recorded.id}")


@router.post("/destruction-acts/{act_id}/approval", response_model=ArchiveCommandAccepted)
def approve_act(
    act_id: UUID, body: ReasonCreate, user: Head, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ArchiveCommandAccepted:  # fmt: skip
    """The head approves the act: each listed file, checked again, is destroyed (an event each).
    The answer's log position is the approval's own (the act's); the files' events follow it."""
    recorded = system.archive.approve_destruction_act(
        act_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response, f"/archive/destruction-acts/{act_id}")


class ArchiveEntry(BaseModel):
    """A file as the archive register has it."""

    file_id: UUID = Field(description="The case's id.")
    court: str
    registration_number: str | None
    archive_number: str
    archive_year: int
    nomenclature_index: str
    volumes: int
    pages: int
    handed_over_by: str
    received_by: str
    handed_over_at: datetime
    disposal: str
    disposed_on: date
    confidentiality: str
    retention_edition: str
    category: str
    retention_years: int | None = Field(description="null: kept permanently.")
    retention_ends_on: date | None
    status: str = Field(description="archived, issued or destroyed.")
    holds: dict[str, str] = Field(description="Holds in place: hold id -> ground.")
    issued_to_kind: str | None
    issued_to: str | None
    request_ref: str | None
    issued_at: datetime | None
    return_due_at: datetime | None
    overdue: bool = Field(description="Issued and not returned by its due instant.")
    destruction_act_number: str | None
    destroyed_on: date | None
    log_position: int


class ArchivePage(BaseModel):
    items: list[ArchiveEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


def _page(rows: list[dict[str, Any]], limit: int, when: str, now: datetime) -> ArchivePage:
    return ArchivePage(
        items=[ArchiveEntry.model_validate(_with_overdue(r, now)) for r in rows[:limit]],
        next_after=next_time_cursor(rows, limit, when, "file_id"),
    )


def _with_overdue(row: dict[str, Any], now: datetime) -> dict[str, Any]:
    due = row["return_due_at"]
    return row | {"overdue": row["status"] == "issued" and due is not None and due < now}


Court = Annotated[str | None, Query(max_length=100)]


@router.get("/files", response_model=ArchivePage)
def list_files(
    user: StaffReader, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    court: Court = None, status_: Annotated[Literal["archived", "issued", "destroyed"] | None,
                                            Query(alias="status")] = None,
    category: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1990, le=2200, description="The archive year (of the handover).")] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> ArchivePage:  # fmt: skip
    """The archive register, newest handover first, a page at a time."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (archive_register,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = archive_register.page(
            conn, system.settings.projection_schema, levels=cleared_levels(user.role), court=court, status=status_,
            category=category, year=year, after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return _page(rows, limit, "handed_over_at", clock.now())


@router.get("/issued", response_model=ArchivePage)
def list_issued(
    user: StaffReader, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    court: Court = None, overdue: Annotated[bool, Query(description="Only those past their return term.")] = False,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> ArchivePage:  # fmt: skip
    """Files issued and not returned, earliest issue first; each says whether it is overdue."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (archive_register,), wait_for_, response)
    now = clock.now()
    with system.pool.connection() as conn:
        rows = archive_register.page(
            conn, system.settings.projection_schema, levels=cleared_levels(user.role), view="issued", court=court,
            overdue_at=now if overdue else None, after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return _page(rows, limit, "issued_at", now)


@router.get("/destruction-review", response_model=ArchivePage)
def list_due_for_review(
    user: StaffReader, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    court: Court = None,
    year: Annotated[int | None, Query(ge=1990, le=2200, description="Default: this year (court's calendar).")] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> ArchivePage:  # fmt: skip
    """Files due for review of destruction in a year: their retention term ends by its 31 December
    (not permanent, not destroyed), earliest handover first."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (archive_register,), wait_for_, response)
    now = clock.now()
    with system.pool.connection() as conn:
        rows = archive_register.page(
            conn, system.settings.projection_schema, levels=cleared_levels(user.role), view="review", court=court,
            review_year=year or court_date(now).year, after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return _page(rows, limit, "handed_over_at", now)


@router.get("/files/{file_id}", response_model=ArchiveEntry)
def get_file(
    file_id: UUID, user: StaffReader, system: SotflowDep, clock: ClockDep, response: Response,
    wait_for_: WaitFor = None,
) -> ArchiveEntry:  # fmt: skip
    """One archived file as the register has it (404 for a role not cleared for the case)."""
    wait_for(system, (archive_register,), wait_for_, response)
    with system.pool.connection() as conn:
        row = archive_register.entry(conn, system.settings.projection_schema, file_id)
    if row is None or not may_see(user.role, row["confidentiality"]):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No archived file {file_id} (yet).")
    return ArchiveEntry.model_validate(_with_overdue(row, clock.now()))


class DestructionActEntry(BaseModel):
    """A destruction act as the register of acts has it."""

    act_id: UUID
    court: str
    act_number: str
    reason: str | None = Field(description="The reason given when it was drawn up.")
    drawn_up_on: date = Field(description="The day (court's calendar) the listing was checked for.")
    drawn_up_at: datetime
    drawn_up_by: str
    file_ids: list[UUID] = Field(description="The files listed (each the case's id), in the act's order.")
    archive_numbers: list[str] = Field(description="Their archive numbers, in the same order.")
    status: Literal["drawn_up", "approved"] = Field(description="drawn_up: awaiting the head's approval.")
    approved_on: date | None
    approved_at: datetime | None
    approved_by: str | None
    approval_reason: str | None
    log_position: int


class DestructionActPage(BaseModel):
    items: list[DestructionActEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


@router.get("/destruction-acts", response_model=DestructionActPage)
def list_acts(
    user: ActsReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None, court: Court = None,
    status_: Annotated[Literal["drawn_up", "approved"] | None,
                       Query(alias="status", description="drawn_up: those awaiting approval.")] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> DestructionActPage:  # fmt: skip
    """The destruction acts, newest drawn up first, a page at a time."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (destruction_acts,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = destruction_acts.page(
            conn, system.settings.projection_schema, court=court, status=status_, after=cursor, limit=limit + 1,
            reverse=reverse,
        )  # fmt: skip
    return DestructionActPage(
        items=[DestructionActEntry.model_validate(r) for r in rows[:limit]],
        next_after=next_time_cursor(rows, limit, "drawn_up_at", "act_id"),
    )


@router.get("/destruction-acts/{act_id}", response_model=DestructionActEntry)
def get_act(
    act_id: UUID, user: ActsReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None
) -> DestructionActEntry:
    """One destruction act as the register of acts has it."""
    wait_for(system, (destruction_acts,), wait_for_, response)
    with system.pool.connection() as conn:
        row = destruction_acts.entry(conn, system.settings.projection_schema, act_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No destruction act {act_id} (yet).")
    return DestructionActEntry.model_validate(row)

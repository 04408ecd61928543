"""Requests for information and analysis (seed 000 §7.3.4): registered, assigned to the
practice-analysis sector, drafted, signed off by the head of the Secretariat or the person
acting for him (000 §13), sent, the term extended with a reason; and their register.

Every command answers with the request's new version (also the ETag) and the log position
of its event; `If-Match` and `Idempotency-Key` work as for cases.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.bounded import CourtInstant, StrictInput
from api.command_headers import IdempotencyKey, IfMatch, command_headers, expected_version
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import ClockDep, SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from api.schemas import LogPosition
from contexts.inforequests import InformationRequestRecorded
from domain.actor import Role
from domain.inforequests.request import Channel, Requester, RequesterKind, Stage, Subject
from projections import inforequests_register
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/information-requests", tags=["information requests"])

Registrar = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.ANALYST))]
Chief = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD))]
Analyst = Annotated[User, Depends(require_role(Role.ANALYST))]
# Whether the signer may sign is the §13 register's to say, at the signing instant.
Signer = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD, Role.ANALYST))]


class InformationRequestAccepted(BaseModel):
    id: UUID
    version: int
    stage: Stage
    log_position: LogPosition


class RequesterCreate(StrictInput):
    name: str = Field(min_length=2, max_length=300, description="The requesting body or person.")
    kind: RequesterKind
    reference: str | None = Field(default=None, max_length=200, description="Their letter's number and date.")


class RequestCreate(StrictInput):
    requester: RequesterCreate
    subject: Subject = Field(description="Statistics, or an analysis of judicial practice.")
    channel: Channel
    summary: str = Field(min_length=3, max_length=4000)
    received_at: CourtInstant = Field(description="When it was received: the answer term runs from it.")


class Reason(StrictInput):
    reason: str = Field(min_length=3, max_length=2000)


class AssignmentCreate(Reason):
    assignee: str = Field(min_length=1, max_length=64, description="An analyst's user id.")


class DraftCreate(StrictInput):
    document_ref: str = Field(min_length=1, max_length=500, description="The drafted answer in the document system.")


class SignOffCreate(StrictInput):
    """Nothing to state: the signer is the caller, the authority the §13 register's at this instant."""


class AnswerSent(StrictInput):
    sent_at: CourtInstant
    channel: Channel


class ExtensionCreate(Reason):
    until: date = Field(description="The answer's new last day.")


def _answer(system, recorded: InformationRequestRecorded, response: Response) -> InformationRequestAccepted:
    command_headers(response, recorded, f"/information-requests/{recorded.id}")
    return InformationRequestAccepted(
        id=recorded.id, version=recorded.version, stage=Stage(recorded.stage),
        log_position=log_position(system.settings, "inforequests", str(recorded.id), recorded.position),
    )  # fmt: skip


@router.post("", status_code=status.HTTP_201_CREATED, response_model=InformationRequestAccepted)
def register(
    body: RequestCreate, user: Registrar, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> InformationRequestAccepted:  # fmt: skip
    """Register a request for statistics or an analysis of practice; its answer is due by rule
    inforequests.answer."""
    r = body.requester
    recorded = system.inforequests.register_request(
        requester=Requester(r.name, r.kind, r.reference), subject=body.subject, channel=body.channel,
        summary=body.summary, received_at=body.received_at, actor=user.as_actor(), idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(system, recorded, response)


STEP = "/{request_id}"


@router.post(f"{STEP}/assignment", response_model=InformationRequestAccepted)
def assign(
    request_id: UUID, body: AssignmentCreate, user: Chief, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> InformationRequestAccepted:  # fmt: skip
    """Assign the request to an analyst of the practice-analysis sector."""
    recorded = system.inforequests.assign_request(
        request_id, assignee=body.assignee, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/draft", response_model=InformationRequestAccepted)
def draft(
    request_id: UUID, body: DraftCreate, user: Analyst, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> InformationRequestAccepted:  # fmt: skip
    """The assigned analyst records the drafted answer."""
    recorded = system.inforequests.draft_answer(
        request_id, document_ref=body.document_ref, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/sign-off", response_model=InformationRequestAccepted)
def sign_off(
    request_id: UUID, body: SignOffCreate, user: Signer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> InformationRequestAccepted:  # fmt: skip
    """Sign off the answer (000 §13): refused unless the caller is, at this instant, the head of the
    Secretariat or the person acting for him in the signing register."""
    recorded = system.inforequests.sign_off(
        request_id, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/answer", response_model=InformationRequestAccepted)
def send(
    request_id: UUID, body: AnswerSent, user: Registrar, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> InformationRequestAccepted:  # fmt: skip
    """Record the signed answer sent: the term is met."""
    recorded = system.inforequests.send_answer(
        request_id, sent_at=body.sent_at, channel=body.channel, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/extension", response_model=InformationRequestAccepted)
def extend(
    request_id: UUID, body: ExtensionCreate, user: Chief, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> InformationRequestAccepted:  # fmt: skip
    """Extend the answer's term by a reasoned decision, within the rule's longest term."""
    recorded = system.inforequests.extend_term(
        request_id, until=body.until, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


class InformationRequestEntry(BaseModel):
    """A request as the register has it."""

    request_id: UUID
    requester_name: str
    requester_kind: RequesterKind
    requester_reference: str | None
    subject: Subject
    channel: Channel
    summary: str
    received_at: datetime
    due_at: datetime = Field(description="The due instant by the rule at receipt.")
    extended_until: date | None
    last_instant: datetime = Field(description="The term's last instant, the extension's if any.")
    stage: Stage
    assignee: str | None
    assignee_name: str | None
    document_ref: str | None
    signed_by: str | None
    signed_capacity: str | None
    signed_at: datetime | None
    answered_at: datetime | None
    overdue: bool = Field(description="Not answered, its term ended.")
    log_position: int


class InformationRequestPage(BaseModel):
    items: list[InformationRequestEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


def _entry(row: dict[str, Any], now: datetime) -> InformationRequestEntry:
    overdue = row["stage"] != Stage.ANSWERED and row["last_instant"] < now
    return InformationRequestEntry.model_validate(row | {"overdue": overdue})


@router.get("", response_model=InformationRequestPage)
def list_requests(
    user: StaffReader, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    requester_kind: RequesterKind | None = None, subject: Subject | None = None, stage: Stage | None = None,
    assignee: Annotated[str | None, Query(max_length=64)] = None,
    overdue: Annotated[bool, Query(description="Only those not answered whose term has ended.")] = False,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> InformationRequestPage:  # fmt: skip
    """The register of requests for information and analysis, newest receipt first, a page at a time."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (inforequests_register,), wait_for_, response)
    now = clock.now()
    with system.pool.connection() as conn:
        rows = inforequests_register.page(
            conn, system.settings.projection_schema, requester_kind=requester_kind, subject=subject, stage=stage,
            assignee=assignee, overdue_at=now if overdue else None, after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return InformationRequestPage(
        items=[_entry(r, now) for r in rows[:limit]],
        next_after=next_time_cursor(rows, limit, "received_at", "request_id"),
    )


@router.get("/{request_id}", response_model=InformationRequestEntry)
def get_request(
    request_id: UUID, user: StaffReader, system: SotflowDep, clock: ClockDep, response: Response,
    wait_for_: WaitFor = None,
) -> InformationRequestEntry:  # fmt: skip
    """One request as the register has it."""
    wait_for(system, (inforequests_register,), wait_for_, response)
    with system.pool.connection() as conn:
        row = inforequests_register.entry(conn, system.settings.projection_schema, request_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No request for information {request_id} (yet).")
    return _entry(row, clock.now())

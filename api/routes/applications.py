"""Commands and the register of applications of individuals and legal entities
(АППК 76): registration, redirect, assignment, draft, approval, answer, extension.

Every command answers with the application's new version (also the ETag) and the
log position of its event; `If-Match` and `Idempotency-Key` work as for cases.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.access import cleared_levels, may_see
from api.bounded import CourtInstant, StrictInput
from api.command_headers import IdempotencyKey, IfMatch, command_headers, expected_version
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from api.schemas import LogPosition
from contexts.applications import ApplicationRecorded
from domain.actor import Role
from domain.applications.application import Applicant, ApplicantKind, Channel, Subject
from projections import applications_register
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/applications", tags=["applications"])

Clerk = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.CONSULTANT, Role.INTERNATIONAL_OFFICER))]
Consultant = Annotated[User, Depends(require_role(Role.CONSULTANT, Role.INTERNATIONAL_OFFICER))]
Head = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD))]


class ApplicationCommandAccepted(BaseModel):
    id: UUID
    version: int
    stage: str
    log_position: LogPosition


class ApplicantCreate(StrictInput):
    name: str = Field(min_length=1, max_length=300)
    kind: ApplicantKind
    identifier: str | None = Field(default=None, pattern=r"^\d{12}$", description="ИИН or БИН.")


class ApplicationCreate(StrictInput):
    application_id: UUID | None = None
    applicant: ApplicantCreate
    channel: Channel
    subject: Subject
    summary: str = Field(min_length=3, max_length=4000)
    related_case: str | None = Field(default=None, max_length=200)
    received_at: CourtInstant
    confidential: bool = Field(default=False, description="Applications are public in the register unless marked.")


class ReasonCreate(StrictInput):
    reason: str = Field(min_length=3, max_length=2000)


class RedirectCreate(ReasonCreate):
    to_body: str = Field(min_length=1, max_length=300)
    applicant_notified: bool = Field(description="АППК 76: the applicant is told of the redirect.")


class AssignmentCreate(ReasonCreate):
    consultant: str = Field(min_length=1, max_length=64, description="The consultant's user id.")


class DraftCreate(StrictInput):
    document_ref: str = Field(min_length=1, max_length=500)


class AnswerCreate(StrictInput):
    sent_at: CourtInstant
    channel: Channel


class ExtensionCreate(ReasonCreate):
    until: date = Field(description="The new last day: at most 2 months from receipt (АППК 76).")


class NoticeCreate(StrictInput):
    notified_at: CourtInstant
    channel: Channel


def _answer(system, recorded: ApplicationRecorded, response: Response) -> ApplicationCommandAccepted:
    command_headers(response, recorded, f"/applications/{recorded.id}")
    return ApplicationCommandAccepted(
        id=recorded.id, version=recorded.version, stage=recorded.stage,
        log_position=log_position(system.settings, "applications", str(recorded.id), recorded.position),
    )  # fmt: skip


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ApplicationCommandAccepted)
def register(
    body: ApplicationCreate, user: Clerk, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ApplicationCommandAccepted:  # fmt: skip
    """Register an application; the answer is due within 15 working days (АППК 76)."""
    recorded = system.applications.register_application(
        application_id=body.application_id, applicant=Applicant(**body.applicant.model_dump()), channel=body.channel,
        subject=body.subject, summary=body.summary, related_case=body.related_case, received_at=body.received_at,
        confidential=body.confidential, actor=user.as_actor(), idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(system, recorded, response)


STEP = "/{application_id}"


@router.post(f"{STEP}/redirection", response_model=ApplicationCommandAccepted)
def redirect(
    application_id: UUID, body: RedirectCreate, user: Clerk, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ApplicationCommandAccepted:  # fmt: skip
    """Forward an application outside the court's competence (within 3 working days, applicant notified)."""
    recorded = system.applications.redirect_application(
        application_id, to_body=body.to_body, applicant_notified=body.applicant_notified, reason=body.reason,
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/assignment", response_model=ApplicationCommandAccepted)
def assign(
    application_id: UUID, body: AssignmentCreate, user: Head, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ApplicationCommandAccepted:  # fmt: skip
    """Assign a consultant to prepare the answer."""
    recorded = system.applications.assign_application(
        application_id, consultant=body.consultant, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/drafts", response_model=ApplicationCommandAccepted)
def draft_answer(
    application_id: UUID, body: DraftCreate, user: Consultant, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ApplicationCommandAccepted:  # fmt: skip
    """Record the draft answer."""
    recorded = system.applications.draft_answer(
        application_id, document_ref=body.document_ref, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/approval", response_model=ApplicationCommandAccepted)
def approve_answer(
    application_id: UUID, body: ReasonCreate, user: Head, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ApplicationCommandAccepted:  # fmt: skip
    """Approve the answer (the head or a deputy head)."""
    recorded = system.applications.approve_answer(
        application_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/answer", response_model=ApplicationCommandAccepted)
def send_answer(
    application_id: UUID, body: AnswerCreate, user: Clerk, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ApplicationCommandAccepted:  # fmt: skip
    """Record the answer sent to the applicant."""
    recorded = system.applications.send_answer(
        application_id, sent_at=body.sent_at, channel=body.channel, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/extension", response_model=ApplicationCommandAccepted)
def extend_term(
    application_id: UUID, body: ExtensionCreate, user: Head, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ApplicationCommandAccepted:  # fmt: skip
    """Extend the answer term by a reasoned decision, to at most 2 months (АППК 76)."""
    recorded = system.applications.extend_answer_term(
        application_id, until=body.until, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/extension-notices", response_model=ApplicationCommandAccepted)
def notify_extension(
    application_id: UUID, body: NoticeCreate, user: Clerk, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ApplicationCommandAccepted:  # fmt: skip
    """Record the applicant told of the extension (within 3 working days, АППК 76)."""
    recorded = system.applications.notify_extension(
        application_id, notified_at=body.notified_at, channel=body.channel, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


class ApplicationEntry(BaseModel):
    """An application as the register has it."""

    application_id: UUID
    applicant_name: str
    applicant_kind: str
    applicant_identifier: str | None
    channel: str
    subject: str
    summary: str
    related_case: str | None
    confidential: bool
    received_at: datetime
    stage: str = Field(description="registered, redirected, assigned, drafted, approved or answered.")
    consultant: str | None
    redirected_to: str | None
    extended_until: date | None
    extension_notified_at: datetime | None
    answered_at: datetime | None
    reception_id: UUID | None = Field(description="The reception it was handed in at.")
    log_position: int


class ApplicationPage(BaseModel):
    items: list[ApplicationEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


@router.get("", response_model=ApplicationPage)
def list_applications(
    user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None,
    applicant: Annotated[str | None, Query(pattern=r"^\d{12}$", description="ИИН/БИН: earlier applications.")] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> ApplicationPage:  # fmt: skip
    """The register of applications, newest first, a page at a time; by applicant to see their earlier applications."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (applications_register,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = applications_register.page(
            conn, system.settings.projection_schema, levels=cleared_levels(user.role), applicant=applicant,
            after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return ApplicationPage(
        items=[ApplicationEntry.model_validate(r) for r in rows[:limit]],
        next_after=next_time_cursor(rows, limit, "received_at", "application_id"),
    )


@router.get("/{application_id}")
def get_application(
    application_id: UUID, user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None
) -> dict[str, Any]:
    """One application as the register has it."""
    wait_for(system, (applications_register,), wait_for_, response)
    with system.pool.connection() as conn:
        row = applications_register.entry(conn, system.settings.projection_schema, application_id)
    if row is None or not may_see(user.role, "confidential" if row["confidential"] else "public"):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No application {application_id} (yet).")
    return row

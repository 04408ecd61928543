"""Commands of the proceedings context: from acceptance (or return) to publication.

Every command answers with the case's new version (also as the ETag) and the log
position of its last event. `If-Match: <version>` makes a command conditional on
the case being unchanged since it was read (409 otherwise); `Idempotency-Key` makes
a retried request record nothing new.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response, status
from pydantic import BaseModel, Field

from api.access import may_see_case
from api.bounded import CourtInstant, StrictInput
from api.command_headers import IdempotencyKey, IfMatch, command_headers, expected_version
from api.consistency import log_position
from api.dependencies import SotflowDep, StaffReader, require_role
from api.routing import OneHopRoute
from api.schemas import LogPosition
from contexts.proceedings import CaseRecorded
from domain.actor import Role
from domain.proceedings.case import DefendantOutcome, Outcome, SuspensionAuthority
from domain.proceedings.errors import CaseNotFoundError
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/cases/{case_id}", tags=["proceedings"])

Decider = Annotated[User, Depends(require_role(Role.JUDGE, Role.HEAD, Role.DEPUTY_HEAD))]
Secretariat = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.JUDGE))]
Receiver = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.INTEGRATION_SERVICE))]
Judge = Annotated[User, Depends(require_role(Role.JUDGE))]
Suspender = Annotated[User, Depends(require_role(Role.HEAD, Role.INTEGRATION_SERVICE))]


class CaseCommandAccepted(BaseModel):
    id: UUID
    version: int = Field(description="The case's version after the command: pass it as If-Match next time.")
    stage: str
    log_position: LogPosition


class DecisionCreate(StrictInput):
    reason: str = Field(min_length=3, max_length=2000, description="Why: the findings on admissibility.")


class ReturnCreate(StrictInput):
    reason: str = Field(min_length=3, max_length=2000, description="The ground of the return.")
    legal_basis: str = Field(default="УПК 489", min_length=3, max_length=200)


class CaseFileRequestCreate(StrictInput):
    from_court: str | None = Field(
        default=None, min_length=1, max_length=300, description="Default: the court whose act is contested."
    )


class CaseFileReceiptCreate(StrictInput):
    received_at: CourtInstant
    case_file_item_id: UUID | None = Field(default=None, description="The case file's registration, if registered.")


class NoticeCreate(StrictInput):
    parties: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(min_length=1, max_length=50)


class HearingCreate(StrictInput):
    hearing_id: str | None = Field(default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    scheduled_for: CourtInstant
    room: str = Field(min_length=1, max_length=100)
    public: bool = Field(default=True, description="Shown on the court's public hearing schedule.")


class PostponementCreate(StrictInput):
    reason: str = Field(min_length=3, max_length=2000)


class HearingHeldCreate(StrictInput):
    held_at: CourtInstant
    panel: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(min_length=1, max_length=9)
    substitution_reason: str | None = Field(
        default=None, min_length=5, max_length=2000, description="Required when the panel differs from the assigned."
    )


class WithdrawalCreate(StrictInput):
    reason: str = Field(min_length=3, max_length=2000, description="The filer's withdrawal, e.g. letter and date.")


class SuspensionCreate(StrictInput):
    authority: SuspensionAuthority
    decided_on: date
    until: date
    reason: str = Field(min_length=3, max_length=2000)


class JoinderCreate(StrictInput):
    case_ids: list[UUID] = Field(min_length=1, max_length=50)
    reason: str = Field(min_length=3, max_length=2000)


class OutcomeCreate(StrictInput):
    defendant: str = Field(min_length=1, max_length=300)
    outcome: Outcome
    legal_basis: str = Field(min_length=3, max_length=200, description='E.g. "УПК 494(1)(4)".')


class RulingCreate(StrictInput):
    outcomes: list[OutcomeCreate] = Field(min_length=1, max_length=100)


class JudicialActCreate(StrictInput):
    document_ref: str = Field(min_length=1, max_length=500, description="Where the act's document is kept.")
    document_sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the document, hex.")
    publishable: bool = Field(description="Whether the act is to be published on the public portal.")
    text: str | None = Field(
        default=None, min_length=1, max_length=60_000,
        description="The act's text: the staff read it as entered; once the act is published the public "
        "register shows it depersonalised (docs/public-information.md). The request's size limit applies too.",
    )  # fmt: skip


class PublicationCreate(StrictInput):
    portal_ref: str = Field(min_length=1, max_length=500)
    redacted: bool


class HearingPublic(BaseModel):
    hearing_id: str
    scheduled_for: datetime
    held_at: datetime | None
    panel: list[str]


class CasePublic(BaseModel):
    id: UUID
    version: int
    court: str
    stage: str
    procedure: str | None
    lower_court_case_ref: str | None
    hearings: list[HearingPublic]
    joined_cases: list[str]
    joined_into: str | None
    suspended_until: date | None


def _answer(recorded: CaseRecorded, response: Response, settings) -> CaseCommandAccepted:
    command_headers(response, recorded, f"/cases/{recorded.id}/proceedings")
    return CaseCommandAccepted(
        id=recorded.id,
        version=recorded.version,
        stage=recorded.stage,
        log_position=log_position(settings, "proceedings", str(recorded.id), recorded.position),
    )


@router.post("/acceptance", status_code=status.HTTP_201_CREATED, response_model=CaseCommandAccepted)
def accept(
    case_id: UUID, body: DecisionCreate, user: Decider, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Accept a registered item into proceedings (УПК 489): the case is then heard by a panel."""
    recorded = system.proceedings.accept_case(
        case_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key
    )
    return _answer(recorded, response, system.settings)


@router.post("/return", status_code=status.HTTP_201_CREATED, response_model=CaseCommandAccepted)
def return_item(
    case_id: UUID, body: ReturnCreate, user: Decider, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Return the item to the filer by letter, with the ground, instead of accepting it (УПК 489)."""
    recorded = system.proceedings.return_item(
        case_id, reason=body.reason, legal_basis=body.legal_basis, actor=user.as_actor(),
        idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/case-file-requests", response_model=CaseCommandAccepted)
def request_case_file(
    case_id: UUID, body: CaseFileRequestCreate, user: Secretariat, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Request the criminal case file from the lower court (to be sent within 7 days, УПК 486(4))."""
    recorded = system.proceedings.request_case_file(
        case_id, from_court=body.from_court, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/case-file-receipts", response_model=CaseCommandAccepted)
def receive_case_file(
    case_id: UUID, body: CaseFileReceiptCreate, user: Receiver, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Record the case file's arrival (the parties are then notified within 10 days)."""
    recorded = system.proceedings.receive_case_file(
        case_id, received_at=body.received_at, case_file_item_id=body.case_file_item_id, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/notices", response_model=CaseCommandAccepted)
def notify_parties(
    case_id: UUID, body: NoticeCreate, user: Secretariat, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Record that the parties were sent the complaint's copies and notice of the hearing."""
    recorded = system.proceedings.notify_parties(
        case_id, parties=tuple(body.parties), actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/hearings", response_model=CaseCommandAccepted)
def schedule_hearing(
    case_id: UUID, body: HearingCreate, user: Secretariat, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Schedule a hearing (its id is generated unless given)."""
    recorded = system.proceedings.schedule_hearing(
        case_id, hearing_id=body.hearing_id, scheduled_for=body.scheduled_for, room=body.room, public=body.public,
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/hearings/{hearing_id}/postponement", response_model=CaseCommandAccepted)
def postpone_hearing(
    case_id: UUID, hearing_id: str, body: PostponementCreate, user: Secretariat, system: SotflowDep,
    response: Response, idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Postpone the scheduled hearing, with the reason."""
    recorded = system.proceedings.postpone_hearing(
        case_id, hearing_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/hearings/{hearing_id}/held", response_model=CaseCommandAccepted)
def hold_hearing(
    case_id: UUID, hearing_id: str, body: HearingHeldCreate, user: Secretariat, system: SotflowDep,
    response: Response, idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Record the hearing as held, with the panel that sat (checked against the assigned panel)."""
    recorded = system.proceedings.hold_hearing(
        case_id, hearing_id, held_at=body.held_at, panel=tuple(body.panel),
        substitution_reason=body.substitution_reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/withdrawal", response_model=CaseCommandAccepted)
def withdraw(
    case_id: UUID, body: WithdrawalCreate, user: Secretariat, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Record the filer's withdrawal of the complaint (before the hearing); the case closes."""
    recorded = system.proceedings.withdraw_complaint(
        case_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/suspension", response_model=CaseCommandAccepted)
def suspend_execution(
    case_id: UUID, body: SuspensionCreate, user: Suspender, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Record the suspension of execution for up to six months (УПК 493), by the Supreme Court's
    chair or the Prosecutor General."""
    recorded = system.proceedings.suspend_execution(
        case_id, authority=body.authority, decided_on=body.decided_on, until=body.until, reason=body.reason,
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/joinder", response_model=CaseCommandAccepted)
def join(
    case_id: UUID, body: JoinderCreate, user: Decider, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Join complaints on the same lower-court case into this case (they close as joined)."""
    recorded = system.proceedings.join_cases(
        case_id, body.case_ids, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/ruling", response_model=CaseCommandAccepted)
def enter_ruling(
    case_id: UUID, body: RulingCreate, user: Judge, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Enter the ruling: the outcome for each defendant, with its legal basis."""
    recorded = system.proceedings.enter_ruling(
        case_id, outcomes=tuple(DefendantOutcome(o.defendant, o.outcome, o.legal_basis) for o in body.outcomes),
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/judicial-act", response_model=CaseCommandAccepted)
def enter_judicial_act(
    case_id: UUID, body: JudicialActCreate, user: Judge, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """The judge enters the judicial act itself; the time since the hearing is recorded."""
    recorded = system.proceedings.enter_judicial_act(
        case_id, document_ref=body.document_ref, document_sha256=body.document_sha256, publishable=body.publishable,
        text=body.text, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.post("/publication", response_model=CaseCommandAccepted)
def publish_act(
    case_id: UUID, body: PublicationCreate, user: Receiver, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> CaseCommandAccepted:  # fmt: skip
    """Record the act's publication on the public portal."""
    recorded = system.proceedings.publish_act(
        case_id, portal_ref=body.portal_ref, redacted=body.redacted, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(recorded, response, system.settings)


@router.get("/proceedings", response_model=CasePublic)
def get_proceedings(case_id: UUID, user: StaffReader, system: SotflowDep, response: Response) -> CasePublic:
    """The case's current state in proceedings (its ETag is the version to pass as If-Match)."""
    if not may_see_case(system, user.role, case_id):
        raise CaseNotFoundError(case_id)  # as for a case that does not exist
    case = system.proceedings.get_case(case_id)
    response.headers["ETag"] = f'"{case.version}"'
    return CasePublic(
        id=case.id, version=case.version, court=case.court, stage=case.stage, procedure=case.procedure,
        lower_court_case_ref=case.lower_court_case_ref,
        hearings=[
            HearingPublic(
                hearing_id=h.hearing_id, scheduled_for=h.scheduled_for, held_at=h.held_at, panel=list(h.panel)
            )
            for h in case.hearings.values()
        ],
        joined_cases=case.joined_cases, joined_into=case.joined_into, suspended_until=case.suspended_until,
    )  # fmt: skip

"""Commands and registers of the international context: foreign requests from receipt
to closure, each step with its actor and reason; the §13 signing register.

Every command answers with the request's new version (also the ETag) and the log
position of its event; `If-Match` and `Idempotency-Key` work as for cases.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.access import request_levels
from api.bounded import CourtInstant, StrictInput
from api.command_headers import IdempotencyKey, IfMatch, command_headers, expected_version
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import ClockDep, SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from api.schemas import LogPosition
from contexts.international import RequestRecorded
from domain.actor import Role
from domain.court_time import court_date
from domain.international.jurisdiction import Matter
from domain.international.request import (
    Party,
    RequestedAction,
    RequestKind,
    RequestParticulars,
    Treaty,
)
from domain.international.signing import LINE, Capacity
from projections import foreign_requests, international_projects, personnel_register
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/international", tags=["international"])

Officer = Annotated[User, Depends(require_role(Role.INTERNATIONAL_OFFICER))]
Signer = Annotated[User, Depends(require_role(Role.DEPUTY_HEAD, Role.HEAD, Role.INTERNATIONAL_OFFICER))]
Head = Annotated[User, Depends(require_role(Role.HEAD))]
Reader = Annotated[User, Depends(require_role(Role.INTERNATIONAL_OFFICER, Role.DEPUTY_HEAD, Role.HEAD, Role.AUDITOR))]


class RequestCommandAccepted(BaseModel):
    id: UUID
    version: int
    stage: str
    log_position: LogPosition


class PartyCreate(StrictInput):
    state: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")
    authority: str = Field(min_length=1, max_length=300)


class RequestCreate(StrictInput):
    request_id: UUID | None = Field(default=None, description="Default: a new id.")
    kind: RequestKind
    requesting: PartyCreate
    requested: PartyCreate
    treaty: Treaty
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1.")
    action: RequestedAction
    related_case: str | None = Field(default=None, max_length=200)
    confidential: bool = Field(default=False, description="Only when the request itself asks for it.")
    pretrial_discovery: bool = False
    received_electronically: bool = False
    received_at: CourtInstant


class ReasonCreate(StrictInput):
    reason: str = Field(min_length=3, max_length=2000)


class RegistrationCreate(ReasonCreate):
    registration_number: str = Field(min_length=1, max_length=100)


class TranslationRequestCreate(ReasonCreate):
    into: str = Field(pattern=r"^(kk|ru)$")


class TranslationCreate(ReasonCreate):
    language: str = Field(pattern=r"^[a-z]{2}$")
    certified: bool


class StudyCreate(StrictInput):
    findings: str = Field(min_length=3, max_length=4000)


class SignOffCreate(StrictInput):
    document: str = Field(min_length=3, max_length=500, description="The document signed, e.g. covering letter.")


class ForwardingCreate(ReasonCreate):
    region: str = Field(min_length=1, max_length=100, description="Where the act is to be done or the debtor is.")
    court: str | None = Field(default=None, max_length=100, description="Default: the table's competent court.")
    matter: Matter = Field(default=Matter.CIVIL, description="The branch of law: the table's courts are per matter.")


class DispatchCreate(ReasonCreate):
    addressee: str = Field(min_length=1, max_length=300)
    electronically: bool = Field(description="True: the original follows by post within 3 days (УПК 560(4)).")


class OriginalCreate(StrictInput):
    postal_ref: str = Field(min_length=1, max_length=100)


class RefusalCreate(StrictInput):
    ground: str = Field(min_length=3, max_length=2000)
    legal_basis: str = Field(min_length=3, max_length=200)


class ExecutionReportCreate(ReasonCreate):
    executed: bool
    reported_at: CourtInstant


class DocumentsReturnCreate(ReasonCreate):
    to: str = Field(min_length=1, max_length=300)


class AuthorityCreate(StrictInput):
    user_id: str = Field(min_length=1, max_length=64)
    capacity: Capacity
    valid_from: CourtInstant
    valid_to: CourtInstant | None = None
    basis: str = Field(min_length=3, max_length=300, description="The appointing or acting order.")
    line: Literal["international_legal_assistance", "secretariat_documents"] = Field(
        default=LINE,
        description="What the authority signs: international legal assistance (003 §13) or documents on the "
        "Secretariat's behalf, such as answers to requests for information (000 §13).",
    )


def _answer(system, recorded: RequestRecorded, response: Response) -> RequestCommandAccepted:
    command_headers(response, recorded, f"/international/requests/{recorded.id}")
    return RequestCommandAccepted(
        id=recorded.id, version=recorded.version, stage=recorded.stage,
        log_position=log_position(system.settings, "international", str(recorded.id), recorded.position),
    )  # fmt: skip


@router.post("/requests", status_code=status.HTTP_201_CREATED, response_model=RequestCommandAccepted)
def receive(
    body: RequestCreate, user: Officer, system: SotflowDep, response: Response, idempotency_key: IdempotencyKey = None
) -> RequestCommandAccepted:
    """Record a foreign request received (or a Kazakh court's request to be sent abroad)."""
    particulars = RequestParticulars(
        kind=body.kind, requesting=Party(**body.requesting.model_dump()),
        requested=Party(**body.requested.model_dump()),
        treaty=body.treaty, language=body.language, action=body.action, related_case=body.related_case,
        confidential=body.confidential, pretrial_discovery=body.pretrial_discovery,
        received_electronically=body.received_electronically,
    )  # fmt: skip
    recorded = system.international.receive_request(
        request_id=body.request_id, particulars=particulars, received_at=body.received_at, actor=user.as_actor(),
        idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(system, recorded, response)


STEP = "/requests/{request_id}"


@router.post(f"{STEP}/registration", response_model=RequestCommandAccepted)
def register(
    request_id: UUID, body: RegistrationCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Register the request with its number."""
    recorded = system.international.register_request(
        request_id, registration_number=body.registration_number, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/translation-requests", response_model=RequestCommandAccepted)
def request_translation(
    request_id: UUID, body: TranslationRequestCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Order a certified translation into Kazakh or Russian."""
    recorded = system.international.request_translation(
        request_id, into=body.into, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/translations", response_model=RequestCommandAccepted)
def receive_translation(
    request_id: UUID, body: TranslationCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Record the translation received."""
    recorded = system.international.record_translation(
        request_id, language=body.language, certified=body.certified, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/study", response_model=RequestCommandAccepted)
def study(
    request_id: UUID, body: StudyCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Record the study of the request and its findings."""
    recorded = system.international.study_request(
        request_id, findings=body.findings, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/sign-offs", response_model=RequestCommandAccepted)
def sign_off(
    request_id: UUID, body: SignOffCreate, user: Signer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Sign off an outgoing document (§13: the supervising deputy head or the person acting for him)."""
    recorded = system.international.sign_off_request(
        request_id, document=body.document, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/forwarding", response_model=RequestCommandAccepted)
def forward(
    request_id: UUID, body: ForwardingCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Forward to the competent Kazakh court, chosen from the jurisdiction table (ГПК 476; 1 month to execute)."""
    recorded = system.international.forward_request(
        request_id, region=body.region, court=body.court, matter=body.matter, reason=body.reason,
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/dispatch", response_model=RequestCommandAccepted)
def send_abroad(
    request_id: UUID, body: DispatchCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Send a Kazakh court's request to the foreign court or central authority."""
    recorded = system.international.send_abroad(
        request_id, addressee=body.addressee, electronically=body.electronically, reason=body.reason,
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/originals", response_model=RequestCommandAccepted)
def post_original(
    request_id: UUID, body: OriginalCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Record the original of an electronically sent request posted (УПК 560(4), within 3 days)."""
    recorded = system.international.post_original(
        request_id, postal_ref=body.postal_ref, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/return", response_model=RequestCommandAccepted)
def return_request(
    request_id: UUID, body: ReasonCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Return the request unexecuted, with the reason."""
    recorded = system.international.return_request(
        request_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/refusal", response_model=RequestCommandAccepted)
def refuse(
    request_id: UUID, body: RefusalCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Refuse execution with its ground (e.g. pre-trial discovery, Hague Evidence Convention art. 23)."""
    recorded = system.international.refuse_execution(
        request_id, ground=body.ground, legal_basis=body.legal_basis, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/execution-reports", response_model=RequestCommandAccepted)
def report_execution(
    request_id: UUID, body: ExecutionReportCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Record the report on execution."""
    recorded = system.international.report_execution(
        request_id, executed=body.executed, reported_at=body.reported_at, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/documents-returns", response_model=RequestCommandAccepted)
def return_documents(
    request_id: UUID, body: DocumentsReturnCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Send the execution documents back to the requesting side."""
    recorded = system.international.return_documents(
        request_id, to=body.to, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/closure", response_model=RequestCommandAccepted)
def close(
    request_id: UUID, body: ReasonCreate, user: Officer, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> RequestCommandAccepted:  # fmt: skip
    """Close the request."""
    recorded = system.international.close_request(
        request_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post("/signing-authorities", status_code=status.HTTP_201_CREATED, response_model=LogPosition)
def record_authority(body: AuthorityCreate, user: Head, system: SotflowDep) -> LogPosition:
    """Record who may sign, on which line and for which period: international legal assistance (003 §13)
    or the Secretariat's documents (000 §13)."""
    position = system.international.record_signing_authority(
        user_id=body.user_id, capacity=body.capacity, valid_from=body.valid_from, valid_to=body.valid_to,
        basis=body.basis, actor=user.as_actor(), line=body.line,
    )  # fmt: skip
    return log_position(system.settings, "international", "signing-authorities", position)


# -- registers -------------------------------------------------------------------
def _levels(user: User) -> list[str]:
    return request_levels(user.role)


def _visible(user: User, row: dict) -> bool:
    return ("confidential" if row["confidential"] else "public") in _levels(user)


class ForeignRequestEntry(BaseModel):
    """A foreign request as the register has it (its steps are on its card)."""

    request_id: UUID
    kind: str
    treaty: str
    foreign_state: str
    requesting_state: str
    requesting_authority: str
    requested_state: str
    requested_authority: str
    language: str
    action: str
    related_case: str | None
    confidential: bool
    registration_number: str | None
    stage: str
    received_at: datetime
    forwarded_to: str | None
    forwarded_why: str | None
    log_position: int


class ForeignRequestPage(BaseModel):
    items: list[ForeignRequestEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


@router.get("/register", response_model=ForeignRequestPage)
def list_requests(
    user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None,
    stage: Annotated[str | None, Query(max_length=40)] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> ForeignRequestPage:  # fmt: skip
    """The register of foreign requests, newest first, with their current step, a page at a time."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (foreign_requests,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = foreign_requests.page(
            conn, system.settings.projection_schema, levels=_levels(user), stage=stage, after=cursor,
            limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    return ForeignRequestPage(
        items=[ForeignRequestEntry.model_validate(r) for r in rows[:limit]],
        next_after=next_time_cursor(rows, limit, "received_at", "request_id"),
    )


@router.get("/register/{request_id}")
def get_request(
    request_id: UUID, user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None
) -> dict[str, Any]:
    """One foreign request with every step taken (who, when, why)."""
    wait_for(system, (foreign_requests,), wait_for_, response)
    with system.pool.connection() as conn:
        row = foreign_requests.entry(conn, system.settings.projection_schema, request_id)
    if row is None or not _visible(user, row):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No foreign request {request_id} (yet).")
    return row


@router.get("/monitoring")
def monitoring(
    user: Reader, system: SotflowDep, clock: ClockDep, response: Response, wait_for_: WaitFor = None,
    since: date | None = None, until: date | None = None,
) -> dict[str, Any]:  # fmt: skip
    """§7.27: volumes, median and 90th-percentile days per step, overdue counts, by country, treaty and kind;
    §7.11: under `trips`, the foreign business trips departing in the period (the personnel records'),
    abroad now, and their final reports due, overdue and submitted, by country; §7.9: under `projects`, the
    international projects active and closed, and their milestones reached and late today."""
    wait_for(system, (foreign_requests, personnel_register), wait_for_, response)
    now, schema = clock.now(), system.settings.projection_schema
    with system.pool.connection() as conn:
        figures = foreign_requests.monitoring(conn, schema, since=since, until=until, now=now)
        trips = personnel_register.trip_monitoring(conn, schema, since=since, until=until, now=now)
        projects = international_projects.monitoring(conn, schema, on=court_date(now))
        return figures | {"trips": trips, "projects": projects}

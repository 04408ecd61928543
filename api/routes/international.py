"""Commands and registers of the international context: foreign requests from receipt
to closure, each step with its actor and reason; the §13 signing register.

Every command answers with the request's new version (also the ETag) and the log
position of its event; `If-Match` and `Idempotency-Key` work as for cases.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.access import request_levels
from api.bounded import CourtInstant, StrictInput
from api.command_steps import add_step
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routes.proceedings import IdempotencyKey
from api.schemas import LogPosition
from contexts.international import RequestRecorded
from contexts.proceedings import command_ref
from domain.actor import Role
from domain.court_time import court_date
from domain.international.jurisdiction import Competence, Matter, check_court_competent, competent_court
from domain.international.request import (
    ForeignRequest,
    Party,
    RequestedAction,
    RequestKind,
    RequestParticulars,
    Treaty,
)
from domain.international.signing import Capacity, SigningAuthority
from projections import foreign_requests
from sotflow.identity import User

router = APIRouter(prefix="/international", tags=["international"])

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


ACTION_COMPETENCE = {
    RequestedAction.SERVICE_OF_DOCUMENTS: Competence.SERVICE_OF_DOCUMENTS,
    RequestedAction.TAKING_EVIDENCE: Competence.TAKING_EVIDENCE,
    RequestedAction.RECOGNITION: Competence.RECOGNITION,
    RequestedAction.OTHER: Competence.SERVICE_OF_DOCUMENTS,
}


def _answer(system, recorded: RequestRecorded, response: Response) -> RequestCommandAccepted:
    response.headers["ETag"] = f'"{recorded.version}"'
    response.headers["Location"] = f"/international/requests/{recorded.id}"
    if recorded.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return RequestCommandAccepted(
        id=recorded.id, version=recorded.version, stage=str(system.international.get_request(recorded.id).stage),
        log_position=log_position(system.settings, "international", str(recorded.id), recorded.position),
    )  # fmt: skip


@router.post("/requests", status_code=status.HTTP_201_CREATED, response_model=RequestCommandAccepted)
def receive(
    body: RequestCreate, user: Officer, system: SotflowDep, response: Response, idempotency_key: IdempotencyKey = None
) -> RequestCommandAccepted:
    """Record a foreign request received (or a Kazakh court's request to be sent abroad)."""
    command = command_ref(user.id, idempotency_key, "receive", body.model_dump(mode="json"))
    request_id = body.request_id or (uuid.UUID(command.id) if command else uuid.uuid4())
    particulars = RequestParticulars(
        kind=body.kind, requesting=Party(**body.requesting.model_dump()),
        requested=Party(**body.requested.model_dump()),
        treaty=body.treaty, language=body.language, action=body.action, related_case=body.related_case,
        confidential=body.confidential, pretrial_discovery=body.pretrial_discovery,
        received_electronically=body.received_electronically,
    )  # fmt: skip
    request = ForeignRequest.receive(
        request_id, particulars=particulars, received_at=body.received_at, actor=user.as_actor(), command=command
    )
    return _answer(system, system.international.receive(request), response)


def _step(path: str, name: str, model: type[BaseModel], who, doc: str, act: Callable) -> None:
    """POST /international/requests/{request_id}/<path>: `act(system, request, body, user, actor, command)`."""
    add_step(
        router, id_name="request_id", prefix="/requests", path=path, name=name, model=model, who=who, doc=doc,
        answer_model=RequestCommandAccepted, execute=lambda system: system.international.execute, answer=_answer,
        act=act,
    )  # fmt: skip


def _forward(system, r, b, user, actor, command):
    on = court_date(datetime.now(UTC))
    competence = ACTION_COMPETENCE[r.particulars.action]
    if r.particulars.kind == RequestKind.RECOGNITION_PETITION:
        competence = Competence.RECOGNITION
    choice = (
        check_court_competent(b.court, competence, on, matter=b.matter)
        if b.court
        else competent_court(b.region, competence, on, matter=b.matter)
    )
    r.forward(choice=choice, reason=b.reason, actor=actor, command=command)


def _sign_off(system, r, b, user, actor, command):
    """§13: the signer's authority is looked up at the signing instant and recorded with the signature."""
    now = datetime.now(UTC)
    authority = system.international.authority_at(user.id, now)
    r.sign_off(document=b.document, authority=authority, signed_at=now, actor=actor, command=command)


_step(
    "registration",
    "register",
    RegistrationCreate,
    Officer,
    "Register the request with its number.",
    lambda s, r, b, u, a, c: r.register(registration_number=b.registration_number, reason=b.reason, actor=a, command=c),
)
_step(
    "translation-requests",
    "request_translation",
    TranslationRequestCreate,
    Officer,
    "Order a certified translation into Kazakh or Russian.",
    lambda s, r, b, u, a, c: r.request_translation(into=b.into, reason=b.reason, actor=a, command=c),
)
_step(
    "translations",
    "receive_translation",
    TranslationCreate,
    Officer,
    "Record the translation received.",
    lambda s, r, b, u, a, c: r.receive_translation(
        language=b.language, certified=b.certified, reason=b.reason, actor=a, command=c
    ),
)
_step(
    "study",
    "study",
    StudyCreate,
    Officer,
    "Record the study of the request and its findings.",
    lambda s, r, b, u, a, c: r.study(findings=b.findings, actor=a, command=c),
)
_step(
    "sign-offs",
    "sign_off",
    SignOffCreate,
    Signer,
    "Sign off an outgoing document (§13: the supervising deputy head or the person acting for him).",
    _sign_off,
)
_step(
    "forwarding",
    "forward",
    ForwardingCreate,
    Officer,
    "Forward to the competent Kazakh court, chosen from the jurisdiction table (ГПК 476; 1 month to execute).",
    _forward,
)
_step(
    "dispatch",
    "send_abroad",
    DispatchCreate,
    Officer,
    "Send a Kazakh court's request to the foreign court or central authority.",
    lambda s, r, b, u, a, c: r.send_abroad(
        addressee=b.addressee, electronically=b.electronically, reason=b.reason, actor=a, command=c
    ),
)
_step(
    "originals",
    "post_original",
    OriginalCreate,
    Officer,
    "Record the original of an electronically sent request posted (УПК 560(4), within 3 days).",
    lambda s, r, b, u, a, c: r.post_original(postal_ref=b.postal_ref, actor=a, command=c),
)
_step(
    "return",
    "return_request",
    ReasonCreate,
    Officer,
    "Return the request unexecuted, with the reason.",
    lambda s, r, b, u, a, c: r.return_request(reason=b.reason, actor=a, command=c),
)
_step(
    "refusal",
    "refuse",
    RefusalCreate,
    Officer,
    "Refuse execution with its ground (e.g. pre-trial discovery, Hague Evidence Convention art. 23).",
    lambda s, r, b, u, a, c: r.refuse(ground=b.ground, legal_basis=b.legal_basis, actor=a, command=c),
)
_step(
    "execution-reports",
    "report_execution",
    ExecutionReportCreate,
    Officer,
    "Record the report on execution.",
    lambda s, r, b, u, a, c: r.report_execution(
        executed=b.executed, reported_at=b.reported_at, reason=b.reason, actor=a, command=c
    ),
)
_step(
    "documents-returns",
    "return_documents",
    DocumentsReturnCreate,
    Officer,
    "Send the execution documents back to the requesting side.",
    lambda s, r, b, u, a, c: r.return_documents(to=b.to, reason=b.reason, actor=a, command=c),
)
_step("closure", "close", ReasonCreate, Officer, "Close the request.",
      lambda s, r, b, u, a, c: r.close(reason=b.reason, actor=a, command=c))  # fmt: skip


@router.post("/signing-authorities", status_code=status.HTTP_201_CREATED, response_model=LogPosition)
def record_authority(body: AuthorityCreate, user: Head, system: SotflowDep) -> LogPosition:
    """Record who may sign international legal assistance documents, and for which period (§13)."""
    authority = SigningAuthority(body.user_id, body.capacity, body.valid_from, body.valid_to, body.basis)
    position = system.international.record_authority(authority, actor=user.as_actor())
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
    user: Reader, system: SotflowDep, response: Response, wait_for_: WaitFor = None,
    since: date | None = None, until: date | None = None,
) -> dict[str, Any]:  # fmt: skip
    """§7.27: volumes, median and 90th-percentile days per step, overdue counts, by country, treaty and kind."""
    wait_for(system, (foreign_requests,), wait_for_, response)
    with system.pool.connection() as conn:
        return foreign_requests.monitoring(conn, system.settings.projection_schema, since=since, until=until)

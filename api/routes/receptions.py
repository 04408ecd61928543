"""Personal receptions of citizens by the chairs (seed 000 §7.2.3): scheduling,
rescheduling and cancellation by the secretariat, the reference material prepared by a
consultant (the applicant's earlier applications found in the register by ИИН/БИН), the
reception held by the chair, and the register and card of receptions.

Commands answer with the reception's version (also the ETag) and the log position;
`If-Match` and `Idempotency-Key` work as for applications.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.access import cleared_levels, may_see
from api.bounded import CourtDate, CourtInstant, StrictInput
from api.command_headers import IdempotencyKey, IfMatch, command_headers, expected_version
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routes.applications import ApplicantCreate
from api.routing import OneHopRoute
from api.schemas import LogPosition
from contexts.applications import ReceptionRecorded
from domain.actor import Role
from domain.applications.application import Applicant, Subject
from domain.applications.reception import ChairPost, HandedIn, SignUp
from projections import applications_register, receptions_register
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/receptions", tags=["receptions"])

# The secretariat of the applications unit schedules; consultants prepare the material
# (§7.2(3)); the chairs (head, deputy head) hold receptions and may call one off.
Secretariat = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.CONSULTANT))]
Canceller = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.CONSULTANT, Role.HEAD, Role.DEPUTY_HEAD))]
Consultant = Annotated[User, Depends(require_role(Role.CONSULTANT))]
Chair = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD))]


class ReceptionCommandAccepted(BaseModel):
    id: UUID
    version: int
    status: str
    log_position: LogPosition
    application_id: UUID | None = Field(default=None, description="The application registered at the reception.")
    warnings: list[str] = Field(default_factory=list)


class ReceiverCreate(StrictInput):
    user_id: str = Field(min_length=1, max_length=64, description="A user in the head or deputy head role.")
    post: ChairPost


class ReceptionCreate(StrictInput):
    reception_id: UUID | None = None
    receiver: ReceiverCreate
    scheduled_for: CourtInstant
    place: str = Field(min_length=1, max_length=300)
    applicant: ApplicantCreate
    subject: str = Field(min_length=3, max_length=2000, description="What the applicant wants to raise.")
    related_case: str | None = Field(default=None, max_length=200)
    sign_up: SignUp
    confidential: bool = False


class ReasonCreate(StrictInput):
    reason: str = Field(min_length=3, max_length=2000)


class RescheduleCreate(ReasonCreate):
    scheduled_for: CourtInstant
    place: str | None = Field(default=None, max_length=300, description="Default: the same place.")
    receiver: ReceiverCreate | None = Field(default=None, description="Default: the same chair.")


class MaterialCreate(StrictInput):
    summary: str = Field(min_length=3, max_length=8000)
    related_cases: list[str] = Field(default_factory=list, max_length=50)
    earlier_applications: list[UUID] = Field(
        default_factory=list, max_length=200,
        description="Added to those the register holds under the applicant's ИИН/БИН (found by the server).",
    )  # fmt: skip


class ApplicationAtReception(StrictInput):
    subject: Subject
    summary: str = Field(min_length=3, max_length=4000)
    related_case: str | None = Field(default=None, max_length=200)
    confidential: bool = False


class HeldCreate(StrictInput):
    held_at: CourtInstant
    requests: str = Field(min_length=3, max_length=8000, description="What the applicant asked.")
    instructions: list[str] = Field(default_factory=list, max_length=50, description="The chair's instructions.")
    application: ApplicationAtReception | None = Field(
        default=None, description="An application handed in at the reception: registered and linked both ways."
    )


def _answer(system, recorded: ReceptionRecorded, response: Response) -> ReceptionCommandAccepted:
    command_headers(response, recorded, f"/receptions/{recorded.id}")
    return ReceptionCommandAccepted(
        id=recorded.id, version=recorded.version, status=recorded.status,
        log_position=log_position(system.settings, "applications", str(recorded.id), recorded.position),
        application_id=recorded.application_id,
        warnings=["held without reference material (§7.2(3))"] if recorded.held_without_material else [],
    )  # fmt: skip


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ReceptionCommandAccepted)
def schedule(
    body: ReceptionCreate, user: Secretariat, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ReceptionCommandAccepted:  # fmt: skip
    """Schedule a citizen's personal reception by a chair or deputy."""
    recorded = system.applications.schedule_reception(
        reception_id=body.reception_id, receiver_id=body.receiver.user_id, post=body.receiver.post,
        scheduled_for=body.scheduled_for, place=body.place, applicant=Applicant(**body.applicant.model_dump()),
        subject=body.subject, related_case=body.related_case, sign_up=body.sign_up, confidential=body.confidential,
        actor=user.as_actor(), idempotency_key=idempotency_key,
    )  # fmt: skip
    return _answer(system, recorded, response)


STEP = "/{reception_id}"


@router.post(f"{STEP}/rescheduling", response_model=ReceptionCommandAccepted)
def reschedule_reception(
    reception_id: UUID, body: RescheduleCreate, user: Secretariat, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ReceptionCommandAccepted:  # fmt: skip
    """Move the reception to another time, place or chair, with the reason."""
    recorded = system.applications.reschedule_reception(
        reception_id, scheduled_for=body.scheduled_for, place=body.place,
        receiver_id=body.receiver.user_id if body.receiver else None,
        post=body.receiver.post if body.receiver else None, reason=body.reason, actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/cancellation", response_model=ReceptionCommandAccepted)
def cancel_reception(
    reception_id: UUID, body: ReasonCreate, user: Canceller, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ReceptionCommandAccepted:  # fmt: skip
    """Call the reception off, with the reason."""
    recorded = system.applications.cancel_reception(
        reception_id, reason=body.reason, actor=user.as_actor(), idempotency_key=idempotency_key,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/reference-material", response_model=ReceptionCommandAccepted)
def prepare_reception_material(
    reception_id: UUID, body: MaterialCreate, user: Consultant, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ReceptionCommandAccepted:  # fmt: skip
    """Record the chair's reference material (§7.2(3)), linking the applicant's earlier applications."""
    recorded = system.applications.prepare_reception_material(
        reception_id, summary=body.summary, related_cases=tuple(body.related_cases),
        earlier_applications=tuple(body.earlier_applications), actor=user.as_actor(),
        idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


@router.post(f"{STEP}/held", response_model=ReceptionCommandAccepted)
def hold_reception(
    reception_id: UUID, body: HeldCreate, user: Chair, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
) -> ReceptionCommandAccepted:  # fmt: skip
    """Record the reception held by its chair: what was asked, the instructions, an application handed in."""
    a = body.application
    recorded = system.applications.hold_reception(
        reception_id, held_at=body.held_at, requests=body.requests, instructions=tuple(body.instructions),
        handed_in=HandedIn(a.subject, a.summary, a.related_case, a.confidential) if a else None,
        actor=user.as_actor(), idempotency_key=idempotency_key, expected_version=expected_version(if_match),
    )  # fmt: skip
    return _answer(system, recorded, response)


def _visible(user: User, row: dict[str, Any]) -> bool:
    return may_see(user.role, "confidential" if row["confidential"] else "public")


class ReceptionEntry(BaseModel):
    """A reception as the register has it: its steps, reference material and outcome."""

    reception_id: UUID
    receiver_id: str
    receiver_name: str
    receiver_post: str
    scheduled_for: datetime
    place: str
    applicant_name: str
    applicant_kind: str
    applicant_identifier: str | None
    subject: str
    related_case: str | None
    sign_up: str
    confidential: bool
    status: str = Field(description="scheduled, cancelled or held.")
    times_rescheduled: int
    cancel_reason: str | None
    material_prepared_by: str | None
    material_summary: str | None
    earlier_applications: list[str]
    related_cases: list[str]
    held_at: datetime | None
    requests: str | None
    instructions: list[str]
    application_id: UUID | None
    held_with_material: bool | None
    steps: list[dict[str, Any]] = Field(description="Every step: step, at, actor_id, actor_role, reason.")
    log_position: int


class ReceptionPage(BaseModel):
    items: list[ReceptionEntry]
    next_after: str | None = Field(description=NEXT_AFTER)


@router.get("", response_model=ReceptionPage)
def list_receptions(
    user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None,
    receiver: Annotated[str | None, Query(max_length=64, description="The receiving chair's user id.")] = None,
    since: Annotated[CourtDate | None, Query(alias="from", description="First day (court time), included.")] = None,
    until: Annotated[CourtDate | None, Query(alias="to", description="Last day (court time), included.")] = None,
    applicant: Annotated[str | None, Query(pattern=r"^\d{12}$", description="The applicant's ИИН/БИН.")] = None,
    status_: Annotated[str | None, Query(alias="status", pattern="^(scheduled|cancelled|held)$")] = None,
    after: Cursor = None, limit: PageLimit = 50, reverse: Reverse = False,
) -> ReceptionPage:  # fmt: skip
    """The register of receptions in the order they take place, by chair, days and applicant, a page at a time."""
    cursor = parse_time_cursor(after, UUID) if after else None
    wait_for(system, (receptions_register,), wait_for_, response)
    with system.pool.connection() as conn:
        rows = receptions_register.page(
            conn, system.settings.projection_schema, levels=cleared_levels(user.role), receiver=receiver,
            applicant=applicant, since=since, until=until, status=status_, after=cursor, limit=limit + 1,
            reverse=reverse,
        )  # fmt: skip
    return ReceptionPage(
        items=[ReceptionEntry.model_validate(r) for r in rows[:limit]],
        next_after=next_time_cursor(rows, limit, "scheduled_for", "reception_id"),
    )


@router.get("/{reception_id}")
def get_reception(
    reception_id: UUID, user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None
) -> dict[str, Any]:
    """One reception's card: its steps, the reference material and the applicant's earlier applications."""
    wait_for(system, (receptions_register, applications_register), wait_for_, response)
    schema = system.settings.projection_schema
    with system.pool.connection() as conn:
        row = receptions_register.entry(conn, schema, reception_id)
        if row is None or not _visible(user, row):
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"No reception {reception_id} (yet).")
        in_material = set(row["earlier_applications"])
        by_applicant = (
            applications_register.listing(conn, schema, applicant=row["applicant_identifier"])
            if row["applicant_identifier"] else []
        )  # fmt: skip
        listed = {str(a["application_id"]) for a in by_applicant}
        named = applications_register.entries(conn, schema, sorted(in_material - listed))
    earlier = [
        a | {"in_reference_material": str(a["application_id"]) in in_material}
        for a in [*by_applicant, *named]
        if a["reception_id"] != row["reception_id"] and _visible(user, a)
    ]  # fmt: skip
    return {"reception": row, "earlier_applications": earlier}

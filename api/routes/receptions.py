"""Personal receptions of citizens by the chairs (seed 000 §7.2.3): scheduling,
rescheduling and cancellation by the secretariat, the reference material prepared by a
consultant (the applicant's earlier applications found in the register by ИИН/БИН), the
reception held by the chair, and the register and card of receptions.

Commands answer with the reception's version (also the ETag) and the log position;
`If-Match` and `Idempotency-Key` work as for applications.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from api.access import cleared_levels, may_see
from api.bounded import CourtDate, CourtInstant, StrictInput
from api.command_steps import add_step
from api.consistency import WaitFor, log_position, wait_for
from api.dependencies import SotflowDep, StaffReader, require_role
from api.pagination import NEXT_AFTER, Cursor, PageLimit, Reverse, next_time_cursor, parse_time_cursor
from api.routes.applications import ApplicantCreate
from api.routes.proceedings import IdempotencyKey
from api.schemas import LogPosition
from contexts.applications import ApplicationRecorded
from contexts.proceedings import command_ref
from domain.actor import Role
from domain.applications.application import Applicant, Application, Channel, Subject
from domain.applications.errors import ReceiverNotAChairError
from domain.applications.reception import ChairPost, Receiver, Reception, SignUp
from projections import applications_register, receptions_register
from sotflow.identity import User

router = APIRouter(prefix="/receptions", tags=["receptions"])

# The secretariat of the applications unit schedules; consultants prepare the material
# (§7.2(3)); the chairs (head, deputy head) hold receptions and may call one off.
Secretariat = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.CONSULTANT))]
Canceller = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.CONSULTANT, Role.HEAD, Role.DEPUTY_HEAD))]
Consultant = Annotated[User, Depends(require_role(Role.CONSULTANT))]
Chair = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD))]
CHAIR_ROLES = (Role.HEAD, Role.DEPUTY_HEAD)
APPLICATION_NAMESPACE = uuid.UUID("0b7f6c1e-5a2d-4e8f-9c3b-1d2e3f4a5b6c")


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


def _receiver(system, body: ReceiverCreate) -> Receiver:
    user = next((u for u in system.users.list() if u.id == body.user_id), None)
    if user is None or user.role not in CHAIR_ROLES:
        raise ReceiverNotAChairError(body.user_id)
    return Receiver(user.id, user.name, body.post)


def _answer(system, recorded: ApplicationRecorded, response: Response) -> ReceptionCommandAccepted:
    reception = system.applications.get_reception(recorded.id)
    response.headers["ETag"] = f'"{recorded.version}"'
    response.headers["Location"] = f"/receptions/{recorded.id}"
    if recorded.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return ReceptionCommandAccepted(
        id=recorded.id, version=recorded.version, status=str(reception.status),
        log_position=log_position(system.settings, "applications", str(recorded.id), recorded.position),
        application_id=reception.application_id,
        warnings=["held without reference material (§7.2(3))"]
        if reception.status == "held" and reception.material is None else [],
    )  # fmt: skip


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ReceptionCommandAccepted)
def schedule(
    body: ReceptionCreate, user: Secretariat, system: SotflowDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ReceptionCommandAccepted:  # fmt: skip
    """Schedule a citizen's personal reception by a chair or deputy."""
    command = command_ref(user.id, idempotency_key, "schedule_reception", body.model_dump(mode="json"))
    reception_id = body.reception_id or (uuid.UUID(command.id) if command else uuid.uuid4())
    reception = Reception.schedule(
        reception_id, receiver=_receiver(system, body.receiver), scheduled_for=body.scheduled_for, place=body.place,
        applicant=Applicant(**body.applicant.model_dump()), subject=body.subject, related_case=body.related_case,
        sign_up=body.sign_up, confidential=body.confidential, actor=user.as_actor(), now=datetime.now(UTC),
        command=command,
    )  # fmt: skip
    return _answer(system, system.applications.schedule_reception(reception), response)


def _step(path: str, name: str, model: type[BaseModel], who, doc: str, act: Callable) -> None:
    """POST /receptions/{reception_id}/<path>: `act(system, reception, body, actor, command)`."""

    def step(system, reception: Reception, body, user, actor, command):
        return act(system, reception, body, actor, command)

    add_step(
        router, id_name="reception_id", path=path, name=name, model=model, who=who, doc=doc,
        answer_model=ReceptionCommandAccepted, execute=lambda system: system.applications.execute_reception,
        answer=_answer, act=step,
    )  # fmt: skip


def _reschedule(system, r: Reception, b: RescheduleCreate, actor, command) -> None:
    receiver = _receiver(system, b.receiver) if b.receiver else None
    r.reschedule(scheduled_for=b.scheduled_for, place=b.place, receiver=receiver, reason=b.reason, actor=actor,
                 now=datetime.now(UTC), command=command)  # fmt: skip


def _prepare(system, r: Reception, b: MaterialCreate, actor, command) -> None:
    """The applicant's earlier applications as the register has them now (by ИИН/БИН)."""
    found: list[str] = []
    if r.applicant.identifier:
        with system.pool.connection() as conn:
            rows = applications_register.listing(conn, system.settings.projection_schema,
                                                 applicant=r.applicant.identifier)  # fmt: skip
        found = [
            str(row["application_id"])
            for row in sorted(rows, key=lambda x: (x["received_at"], str(x["application_id"])))
        ]
    r.prepare_material(summary=b.summary, earlier_applications=(*found, *map(str, b.earlier_applications)),
                       related_cases=tuple(b.related_cases), actor=actor, command=command)  # fmt: skip


def _hold(system, r: Reception, b: HeldCreate, actor, command) -> tuple[Application, ...]:
    """The application handed in is registered with the reception's applicant and linked both ways, in one save."""
    application = None
    if b.application is not None:
        a = b.application
        application = Application.register(
            uuid.uuid5(APPLICATION_NAMESPACE, str(r.id)), applicant=r.applicant, channel=Channel.RECEPTION,
            subject=a.subject, summary=a.summary, related_case=a.related_case, received_at=b.held_at,
            confidential=a.confidential, actor=actor,
        )  # fmt: skip
        application.link_reception(reception_id=str(r.id), actor=actor)
    r.hold(held_at=b.held_at, requests=b.requests, instructions=tuple(b.instructions), actor=actor,
           now=datetime.now(UTC), application_id=str(application.id) if application else None,
           command=command)  # fmt: skip
    return (application,) if application else ()


_step("rescheduling", "reschedule_reception", RescheduleCreate, Secretariat,
      "Move the reception to another time, place or chair, with the reason.", _reschedule)  # fmt: skip
_step("cancellation", "cancel_reception", ReasonCreate, Canceller, "Call the reception off, with the reason.",
      lambda system, r, b, actor, c: r.cancel(reason=b.reason, actor=actor, command=c))  # fmt: skip
_step("reference-material", "prepare_reception_material", MaterialCreate, Consultant,
      "Record the chair's reference material (§7.2(3)), linking the applicant's earlier applications.",
      _prepare)  # fmt: skip
_step("held", "hold_reception", HeldCreate, Chair,
      "Record the reception held by its chair: what was asked, the instructions, an application handed in.",
      _hold)  # fmt: skip


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

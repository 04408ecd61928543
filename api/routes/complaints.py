"""Registration of incoming items: every kind, and the older complaints-only route."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Response, status
from pydantic import BaseModel, Field

from api.access import may_see
from api.answers import answer
from api.bounded import StrictInput
from api.consistency import log_position
from api.dependencies import Registrar, SotflowDep, require_role
from api.routing import OneHopRoute
from api.schemas import (
    AdmissibilityPublic,
    ComplaintCreate,
    ComplaintRegistered,
    FindingPublic,
    IncomingItemCreate,
    LogPosition,
)
from domain.actor import Role
from domain.registry.errors import ItemNotFoundError
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, tags=["registration"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        min_length=1,
        max_length=200,
        description="Any unique string per request; a retry with the same key registers nothing new "
        "and answers as the first time (header Idempotent-Replayed: true).",
    ),
]


@router.post("/incoming-items", status_code=status.HTTP_201_CREATED, response_model=ComplaintRegistered)
def register_item(
    body: IncomingItemCreate,
    user: Registrar,
    system: SotflowDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Register any incoming item. Admissibility rules run on it; an item that fails one is
    registered all the same and returned with the ground (see `admissibility`)."""
    return answer(*registration(body, user, system, idempotency_key))


@router.post("/complaints", status_code=status.HTTP_201_CREATED, response_model=ComplaintRegistered)
def register_complaint(
    body: ComplaintCreate,
    user: Registrar,
    system: SotflowDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Register a cassation complaint received by the court (УПК 488): `/incoming-items` with kind
    `cassation_complaint`."""
    return answer(*registration(body, user, system, idempotency_key))


def registration(
    body: ComplaintCreate, user, system, idempotency_key: str | None
) -> tuple[ComplaintRegistered, int, dict[str, str]]:
    """The registration, and the answer's status and headers (the console shows the model itself)."""
    recorded = system.registry.register_filing(body.to_filing(), actor=user.as_actor(), idempotency_key=idempotency_key)
    headers = {"Location": f"/registers/incoming/{recorded.id}"}
    if recorded.replayed:
        headers["Idempotent-Replayed"] = "true"
    decision = recorded.admissibility
    registered = ComplaintRegistered(
        id=recorded.id,
        registration_number=recorded.registration_number,
        log_position=log_position(system.settings, "registry", str(recorded.id), recorded.position),
        admissibility=AdmissibilityPublic(
            admissible=decision.admissible,
            ground=decision.ground or None,
            findings=[FindingPublic(**vars(f)) for f in decision.findings],
        ),
    )
    return registered, status.HTTP_201_CREATED, headers


TermChecker = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.JUDGE))]


class FilingTermCheckCreate(StrictInput):
    confirmed: bool = Field(description="True: the term was kept (or none applies); false: it was missed.")
    note: str = Field(min_length=3, max_length=2000, description="What was found, e.g. the facts the rules lacked.")


class FilingTermChecked(BaseModel):
    id: UUID
    log_position: LogPosition


@router.post("/incoming-items/{item_id}/filing-term-check", response_model=FilingTermChecked)
def check_filing_term(
    item_id: UUID, body: FilingTermCheckCreate, user: TermChecker, system: SotflowDep, response: Response
) -> FilingTermChecked:
    """Confirm the filing term of an item admitted though the term could not be checked at
    registration (`to_be_checked` in the registers). Recorded once: 409 if there is nothing to
    confirm. A term found missed is the judge's ground to return the item (УПК 489)."""
    item = system.registry.get_item(item_id)
    if not may_see(user.role, item.particulars.confidentiality):
        raise ItemNotFoundError(item_id)  # as for an item that does not exist
    recorded = system.registry.confirm_filing_term(
        item_id, confirmed=body.confirmed, note=body.note, actor=user.as_actor()
    )
    response.headers["Location"] = f"/registers/incoming/{item_id}"
    return FilingTermChecked(
        id=recorded.id, log_position=log_position(system.settings, "registry", str(recorded.id), recorded.position)
    )

"""Registration of incoming items: every kind, and the older complaints-only route."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from api.consistency import log_position
from api.dependencies import Registrar, SotflowDep
from api.schemas import (
    AdmissibilityPublic,
    ComplaintCreate,
    ComplaintRegistered,
    FindingPublic,
    IncomingItemCreate,
)

router = APIRouter(tags=["registration"])

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
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ComplaintRegistered:
    """Register any incoming item. Admissibility rules run on it; an item that fails one is
    registered all the same and returned with the ground (see `admissibility`)."""
    return _register(body, user, system, response, idempotency_key)


@router.post("/complaints", status_code=status.HTTP_201_CREATED, response_model=ComplaintRegistered)
def register_complaint(
    body: ComplaintCreate,
    user: Registrar,
    system: SotflowDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ComplaintRegistered:
    """Register a cassation complaint received by the court (УПК 488): `/incoming-items` with kind
    `cassation_complaint`."""
    return _register(body, user, system, response, idempotency_key)


def _register(body: ComplaintCreate, user, system, response: Response, idempotency_key: str | None):
    recorded = system.registry.register_filing(body.to_filing(), actor=user.as_actor(), idempotency_key=idempotency_key)
    if recorded.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    response.headers["Location"] = f"/registers/incoming/{recorded.id}"
    decision = recorded.admissibility
    return ComplaintRegistered(
        id=recorded.id,
        registration_number=recorded.registration_number,
        log_position=log_position(system.settings, "registry", str(recorded.id), recorded.position),
        admissibility=AdmissibilityPublic(
            admissible=decision.admissible,
            ground=decision.ground or None,
            findings=[FindingPublic(**vars(f)) for f in decision.findings],
        ),
    )

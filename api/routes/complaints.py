"""Commands on cassation complaints."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from api.dependencies import Registrar, SotflowDep
from api.schemas import ComplaintCreate, ComplaintRegistered, LogPosition

router = APIRouter(prefix="/complaints", tags=["complaints"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ComplaintRegistered)
def register_complaint(
    body: ComplaintCreate,
    user: Registrar,
    system: SotflowDep,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            min_length=1,
            max_length=200,
            description="Any unique string per request; a retry with the same key registers nothing new "
            "and answers as the first time (header Idempotent-Replayed: true).",
        ),
    ] = None,
) -> ComplaintRegistered:
    """Register a cassation complaint received by the court (УПК 488)."""
    recorded = system.registry.register_complaint(
        body.to_filing(),
        court=system.settings.default_court,
        number_format=system.settings.registration_number_format,
        actor=user.as_actor(),
        now=datetime.now(UTC),
        idempotency_key=idempotency_key,
    )
    if recorded.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    response.headers["Location"] = f"/registers/incoming/{recorded.id}"
    return ComplaintRegistered(
        id=recorded.id,
        registration_number=recorded.registration_number,
        log_position=LogPosition(context="registry", position=recorded.position),
    )

"""Commands on cassation complaints."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Response, status

from api.dependencies import Registrar, SotflowDep
from api.schemas import CommandAccepted, ComplaintCreate, LogPosition

router = APIRouter(prefix="/complaints", tags=["complaints"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CommandAccepted)
def register_complaint(
    body: ComplaintCreate, user: Registrar, system: SotflowDep, response: Response
) -> CommandAccepted:
    """Register a cassation complaint received by the court (УПК 488)."""
    recorded = system.registry.register_complaint(body.to_filing(), actor=user.as_actor(), now=datetime.now(UTC))
    response.headers["Location"] = f"/registers/incoming/{recorded.id}"
    return CommandAccepted(id=recorded.id, log_position=LogPosition(context="registry", position=recorded.position))

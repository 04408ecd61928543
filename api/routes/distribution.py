"""The cases waiting for distribution: registered, but their court cannot distribute yet."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from api.bounded import MAX_BIGINT
from api.dependencies import SotflowDep, require_role
from api.pagination import Reverse
from api.routing import OneHopRoute
from consumers import waiting_cases
from domain.actor import Role
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/distribution", tags=["judges and distribution"])

# Those who keep the rosters and settings (and so can end the wait), and auditors.
WaitingReader = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD, Role.AUDITOR))]


class WaitingCasePublic(BaseModel):
    case_id: str
    court: str
    log_position: int = Field(
        description="Position of the registration in the registry's log: the order of distribution."
    )
    place_in_court_queue: int = Field(description="1 for the court's first waiting case; later ones queue behind it.")
    specialisation: str
    procedure: str
    registered_at: datetime | None
    waiting_since: datetime
    reason_code: Literal["no-roster", "no-settings-in-force", "pool-too-small"]
    reason: str = Field(description="Why the court cannot distribute, as the last attempt found.")
    last_attempt_at: datetime
    attempts: int


class WaitingPage(BaseModel):
    items: list[WaitingCasePublic]
    next_after: int | None = Field(description="Pass as `after` to get the next page; null on the last page.")


@router.get("/waiting", response_model=WaitingPage)
def list_waiting(
    user: WaitingReader,
    system: SotflowDep,
    court: Annotated[str | None, Query(max_length=64)] = None,
    after: Annotated[
        int | None, Query(ge=0, le=MAX_BIGINT, description="The `next_after` of the previous page.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    reverse: Reverse = False,
) -> WaitingPage:
    """Cases waiting for their court's roster, settings or judges, in order of registration."""
    with system.pool.connection() as conn:
        rows = waiting_cases.page(
            conn, system.settings.db_schema, court=court, after=after, limit=limit + 1, reverse=reverse
        )
    items = [WaitingCasePublic.model_validate(row) for row in rows[:limit]]
    return WaitingPage(items=items, next_after=items[-1].log_position if len(rows) > limit else None)

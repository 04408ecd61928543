"""Records a consumer could not apply and parked (consumers/parking.py): for the staff who
oversee the registers and for auditors, who must know what a register does not show."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from api.dependencies import SotflowDep, require_role
from api.pagination import NEXT_AFTER, PageLimit
from api.routing import OneHopRoute
from domain.actor import Role
from projections import parked_records
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, tags=["operations"])

Overseer = Annotated[User, Depends(require_role(Role.AUDITOR, Role.HEAD, Role.DEPUTY_HEAD))]


class ParkedRecord(BaseModel):
    seq: int = Field(description="The order parked records were parked in.")
    consumer: str = Field(description="The projection or consumer that parked it (its name).")
    topic: str
    partition: int
    offset: int
    log_position: int | None
    event_id: str | None
    event_type: str | None
    subject: str | None
    error_class: str
    error_message: str
    parked_at: datetime


class ParkedPage(BaseModel):
    items: list[ParkedRecord]
    next_after: int | None = Field(description=NEXT_AFTER)


@router.get("/parked-records", response_model=ParkedPage)
def list_parked_records(
    user: Overseer,
    system: SotflowDep,
    consumer: Annotated[str | None, Query(max_length=100, description="One consumer's, e.g. case_register.")] = None,
    after: Annotated[int | None, Query(ge=0, description="The previous page's `next_after`.")] = None,
    limit: PageLimit = 50,
) -> ParkedPage:
    """Records on the log that a consumer could not apply and set aside, the latest first:
    where each is (topic, partition, offset; the event's id, type, subject and log
    position) and why. A parked record is repaired by a corrective event (docs/operations.md)."""
    with system.pool.connection() as conn:
        rows = parked_records.page(
            conn, system.settings.projection_schema, consumer=consumer, after=after, limit=limit + 1
        )
    items = [ParkedRecord.model_validate(r) for r in rows[:limit]]
    return ParkedPage(items=items, next_after=items[-1].seq if len(rows) > limit else None)

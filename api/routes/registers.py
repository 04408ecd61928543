"""Registers kept by the projections (read side)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from api.dependencies import SotflowDep, StaffReader
from api.schemas import RegisterEntryPublic, RegisterPage
from projections import incoming_register

router = APIRouter(prefix="/registers", tags=["registers"])


@router.get("/incoming", response_model=RegisterPage)
def list_incoming(
    user: StaffReader,
    system: SotflowDep,
    after: Annotated[int | None, Query(ge=0, description="Log position of the last entry already seen.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> RegisterPage:
    """The incoming register in order of registration (keyset pagination)."""
    with system.pool.connection() as conn:
        rows = incoming_register.page(conn, system.settings.projection_schema, after=after or 0, limit=limit + 1)
    items = [RegisterEntryPublic.model_validate(r) for r in rows[:limit]]
    next_after = items[-1].log_position if len(rows) > limit else None
    return RegisterPage(items=items, next_after=next_after)


@router.get("/incoming/{item_id}", response_model=RegisterEntryPublic)
def get_incoming(item_id: UUID, user: StaffReader, system: SotflowDep) -> RegisterEntryPublic:
    """One entry of the incoming register."""
    with system.pool.connection() as conn:
        row = incoming_register.entry(conn, system.settings.projection_schema, item_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No register entry {item_id} (yet).")
    return RegisterEntryPublic.model_validate(row)

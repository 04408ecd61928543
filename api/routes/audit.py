"""The auditor's proofs: inclusion receipts for single events, consistency between checkpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from api.bounded import MAX_BIGINT
from api.dependencies import SotflowDep, require_role
from api.pagination import NEXT_AFTER, PageLimit, Reverse
from api.routing import OneHopRoute
from audit import store
from audit.receipts import (
    NoSuchCheckpointError,
    NotYetCheckpointedError,
    UnknownEventError,
    consistency,
    inclusion_receipt,
)
from domain.actor import Role
from sotflow.identity import User
from sotflow.topics import CONTEXTS

router = APIRouter(route_class=OneHopRoute, prefix="/audit", tags=["audit"])

# Auditors; and integration services, so that an e-filing portal can hand a party the
# receipt for its filing.
AuditReader = Annotated[User, Depends(require_role(Role.AUDITOR, Role.INTEGRATION_SERVICE))]


def _context(context: str) -> str:
    if context not in CONTEXTS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No context {context!r}; known: {', '.join(CONTEXTS)}.")
    return context


class CheckpointEntry(BaseModel):
    tree_size: int
    cause: str
    signed_at: datetime
    checkpoint: str = Field(description="The signed checkpoint note (C2SP tlog-checkpoint).")


class CheckpointPage(BaseModel):
    items: list[CheckpointEntry]
    next_after: int | None = Field(description=NEXT_AFTER)


@router.get("/{context}/checkpoints", response_model=CheckpointPage)
def list_checkpoints(
    context: str,
    user: AuditReader,
    system: SotflowDep,
    after: Annotated[
        int | None, Query(ge=0, le=MAX_BIGINT, description="The previous page's `next_after` (a tree size).")
    ] = None,
    limit: PageLimit = 50,
    reverse: Reverse = False,
) -> CheckpointPage:
    """The context's published signed checkpoints (C2SP notes), smallest first (or the latest
    first), a page at a time."""
    with system.pool.connection() as conn:
        rows = store.checkpoints(
            conn, system.settings.db_schema, _context(context), after=after, limit=limit + 1, reverse=reverse
        )
    items = [
        CheckpointEntry(tree_size=r["tree_size"], cause=r["cause"], signed_at=r["signed_at"], checkpoint=r["note"])
        for r in rows[:limit]
    ]
    return CheckpointPage(items=items, next_after=items[-1].tree_size if len(rows) > limit else None)


@router.get("/{context}/receipts/{event_id}")
def get_receipt(context: str, event_id: str, user: AuditReader, system: SotflowDep) -> dict[str, Any]:
    """Inclusion receipt: the event's leaf, its RFC 9162 inclusion proof and the signed checkpoint it leads to."""
    with system.pool.connection() as conn:
        try:
            return inclusion_receipt(conn, system.settings.db_schema, _context(context), event_id)
        except UnknownEventError as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
        except NotYetCheckpointedError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None


@router.get("/{context}/consistency")
def get_consistency(
    context: str,
    user: AuditReader,
    system: SotflowDep,
    first: Annotated[int, Query(ge=0, le=MAX_BIGINT, description="Tree size of the earlier checkpoint.")],
    second: Annotated[int, Query(ge=0, le=MAX_BIGINT, description="Tree size of the later checkpoint.")],
) -> dict[str, Any]:
    """Consistency proof: the earlier signed checkpoint is a prefix of the later one."""
    with system.pool.connection() as conn:
        try:
            return consistency(conn, system.settings.db_schema, _context(context), first, second)
        except NoSuchCheckpointError as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
        except ValueError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None

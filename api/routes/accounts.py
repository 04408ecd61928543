"""Who the caller is (`/me`); for auditors and the heads, the accounts and every change to
them (accounts are administered with `sotflow users`, on the server)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from api.bounded import MAX_BIGINT
from api.dependencies import CurrentUser, SotflowDep, require_role
from api.pagination import NEXT_AFTER, PageLimit, Reverse
from api.routing import OneHopRoute
from domain.actor import Role
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, tags=["accounts"])

Overseer = Annotated[User, Depends(require_role(Role.AUDITOR, Role.HEAD))]


class AccountPublic(BaseModel):
    id: str
    name: str
    role: Role
    judge_court: str | None = Field(description="A judge's account: the court whose roster has its judge.")
    judge_id: str | None = Field(description="A judge's account: its judge's id on that roster.")
    active: bool = Field(description="False once withdrawn: its token no longer works.")


class AccountChange(BaseModel):
    seq: int = Field(description="The change's number: changes are numbered in the order they were made.")
    at: datetime
    user_id: str
    name: str
    role: Role
    change: str = Field(description="created, judge-linked, token-rotated, deactivated or activated.")
    detail: str = Field(description="The role and judge made, the judge linked, or the reason given.")
    changed_by: str = Field(description="The operator's login on the machine where `sotflow users` ran.")


class AccountChangePage(BaseModel):
    items: list[AccountChange]
    next_after: int | None = Field(description=NEXT_AFTER)


def _public(user: User) -> AccountPublic:
    return AccountPublic(
        id=user.id, name=user.name, role=user.role, judge_court=user.judge_court, judge_id=user.judge_id,
        active=user.active,
    )  # fmt: skip


@router.get("/me", response_model=AccountPublic)
async def me(user: CurrentUser) -> AccountPublic:
    """The account the bearer token belongs to (and, for a judge's account, its judge)."""
    return _public(user)


@router.get("/accounts", response_model=list[AccountPublic])
def accounts(user: Overseer, system: SotflowDep) -> list[AccountPublic]:
    """Every account, in the order made; never a token."""
    return [_public(account) for account in system.users.list()]


@router.get("/accounts/history", response_model=AccountChangePage)
def account_history(
    user: Overseer,
    system: SotflowDep,
    name: Annotated[str | None, Query(max_length=300, description="One account's changes.")] = None,
    after: Annotated[int | None, Query(ge=0, le=MAX_BIGINT, description="The previous page's `next_after`.")] = None,
    limit: PageLimit = 100,
    reverse: Reverse = False,
) -> AccountChangePage:
    """Every change to the accounts, oldest first (or the latest first), a page at a time."""
    rows = system.users.history(name, after=after, limit=limit + 1, reverse=reverse)
    items = [AccountChange.model_validate(row) for row in rows[:limit]]
    return AccountChangePage(items=items, next_after=items[-1].seq if len(rows) > limit else None)

"""Dependency aliases shared by the routes: the wired system and the caller's identity.

They are coroutines that do no blocking I/O: FastAPI runs a plain `def` dependency in
its thread pool, and a hop there and back per dependency cost more than the work. The
one lookup that needs the database (a token not seen lately) goes to the pool itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from contexts.clock import Clock
from domain.actor import Role
from sotflow.bootstrap import Sotflow
from sotflow.identity import User

bearer = HTTPBearer(auto_error=False, description="A token made by `sotflow users add`.")


async def get_sotflow(request: Request) -> Sotflow:
    return request.app.state.sotflow


SotflowDep = Annotated[Sotflow, Depends(get_sotflow)]


async def get_clock(system: SotflowDep) -> Clock:
    """The process's clock: what "now" and "today" are for the court (a test may set it)."""
    return system.clock


ClockDep = Annotated[Clock, Depends(get_clock)]


async def current_user(
    system: SotflowDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> User:
    if credentials is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "A bearer token is required.")
    user = system.users.recently_authenticated(credentials.credentials)
    if user is None:
        user = await run_in_threadpool(system.users.authenticate, credentials.credentials)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "The bearer token is not valid.")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def require_role(*roles: Role) -> Callable[[User], User]:
    allowed = frozenset(roles)

    async def check(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"Role {user.role} may not do this; allowed: {', '.join(sorted(allowed))}.",
            )
        return user

    check.roles = allowed  # type: ignore[attr-defined]  # read by api/openapi.py for 403 and x-roles
    return check


STAFF_READERS = (
    Role.REGISTRAR,
    Role.JUDGE,
    Role.CONSULTANT,
    Role.INTERNATIONAL_OFFICER,
    Role.HEAD,
    Role.DEPUTY_HEAD,
    Role.AUDITOR,
    Role.ARCHIVIST,
    Role.ANALYST,
    Role.PERSONNEL_OFFICER,
)
Registrar = Annotated[User, Depends(require_role(Role.REGISTRAR, Role.INTEGRATION_SERVICE))]
StaffReader = Annotated[User, Depends(require_role(*STAFF_READERS))]

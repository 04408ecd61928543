"""A step of an aggregate's life as a command route: POST <prefix>/{<id>}/<path>, whose body
is the step's model, with Idempotency-Key (a retry records nothing new) and If-Match (the
version last read). The applications, receptions and foreign requests are driven this way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel

from api.dependencies import SotflowDep
from api.routes.proceedings import IdempotencyKey, IfMatch, _version
from contexts.proceedings import command_ref

# act(system, aggregate, body, user, actor, command): the step itself, on the loaded aggregate.
Act = Callable[[Any, Any, Any, Any, Any, Any], Any]


def add_step(
    router: APIRouter,
    *,
    id_name: str,
    prefix: str = "",
    path: str,
    name: str,
    model: type[BaseModel],
    who: Any,
    doc: str,
    answer_model: type[BaseModel],
    execute: Callable[[Any], Callable[..., Any]],
    answer: Callable[[Any, Any, Response], BaseModel],
    act: Act,
) -> None:
    """`execute(system)` runs a function on the aggregate and saves it (the context's
    execute); `answer(system, recorded, response)` makes the reply."""

    def route(
        item_id: UUID, body: BaseModel, user: Any, system: SotflowDep, response: Response,
        idempotency_key: IdempotencyKey = None, if_match: IfMatch = None,
    ) -> BaseModel:  # fmt: skip
        command = command_ref(user.id, idempotency_key, name, {id_name: str(item_id), **body.model_dump(mode="json")})
        actor = user.as_actor()
        recorded = execute(system)(
            item_id, lambda aggregate: act(system, aggregate, body, user, actor, command),
            command=command, expected_version=_version(if_match),
        )  # fmt: skip
        return answer(system, recorded, response)

    # The path's id, body and role types are this step's: give FastAPI the objects.
    route.__annotations__ |= {
        "item_id": Annotated[UUID, Path(alias=id_name)], "body": model, "user": who, "return": answer_model,
    }  # fmt: skip
    route.__doc__ = doc
    route.__name__ = name
    router.post(f"{prefix}/{{{id_name}}}/{path}", response_model=answer_model)(route)

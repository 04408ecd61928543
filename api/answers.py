"""Answers sent as they are, serialised on the route's own thread.

FastAPI validates what a route returns against its response model, then serialises it,
on the event loop (api/routing.py). A route that already holds its answer as its response
model, or that sets its own status and headers, gives it here: serialised once by
pydantic, not validated again. The route keeps `response_model` for its documentation."""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def answer(model: BaseModel, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        model.model_dump_json(by_alias=True), status_code=status_code, media_type="application/json", headers=headers
    )

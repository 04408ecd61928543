"""Answers sent as they are, serialised on the request's own thread.

FastAPI validates and serialises what a plain (sync) route returns in its thread pool: a
second hand-off between threads per request, after the one that ran the route. A route
that already holds its answer as its response model gives it here, serialised once by
pydantic; the route keeps `response_model` for its documentation."""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def answer(model: BaseModel, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        model.model_dump_json(by_alias=True), status_code=status_code, media_type="application/json", headers=headers
    )

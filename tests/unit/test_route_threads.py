"""Every route of the API is a coroutine to FastAPI (api/routing.py): a plain route runs on
a thread of the API's pool once, and its answer is validated on the event loop, not handed
to a second thread. The request's context variables (its request id, its trace) go with it."""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import threading

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from api.main import create_app
from api.routing import OneHopRoute, on_route_thread
from sotflow.settings import Settings


def api_routes():
    app = create_app(Settings())
    return [
        r.original_route
        for r in iter_route_contexts(app.routes)
        if isinstance(r.original_route, APIRoute) and r.original_route.include_in_schema
    ]


def test_every_api_route_is_a_coroutine_of_one_hop() -> None:
    routes = api_routes()
    assert len(routes) > 100
    assert [r.path for r in routes if not isinstance(r, OneHopRoute)] == []
    assert [r.path for r in routes if not inspect.iscoroutinefunction(r.endpoint)] == []


def test_a_wrapped_route_keeps_its_signature_for_fastapi() -> None:
    def route(case_id: str, limit: int = 50) -> dict:
        return {"case_id": case_id, "limit": limit}

    wrapped = on_route_thread(route)
    assert inspect.iscoroutinefunction(wrapped)
    assert inspect.signature(wrapped) == inspect.signature(route)
    assert inspect.unwrap(wrapped) is route


def test_the_route_runs_on_another_thread_with_the_request_context() -> None:
    request_id = contextvars.ContextVar("request_id")
    seen = {}

    def route(n: int) -> int:
        seen["thread"] = threading.current_thread().name
        seen["request_id"] = request_id.get()
        return n * 2

    async def request() -> int:
        request_id.set("req-17")
        return await on_route_thread(route)(n=21)

    assert asyncio.run(request()) == 42
    assert seen["request_id"] == "req-17"
    assert seen["thread"].startswith("api-route")


def test_a_route_failure_reaches_the_caller() -> None:
    def route() -> None:
        raise LookupError("no such case")

    async def request() -> None:
        await on_route_thread(route)()

    with pytest.raises(LookupError, match="no such case"):
        asyncio.run(request())

"""The API's routes: a plain (sync) route runs on a thread of the API's own pool, once.

FastAPI runs a sync route in anyio's thread pool and then, for a route with a response
model, hands the answer to that pool again to validate it: two hand-offs per request,
each through anyio's cancel scopes and capacity limiter. Profiled under bench/read, the
hand-offs took about a fifth of the API's CPU. Here a sync route is wrapped as a coroutine
that runs it on a thread of `ROUTE_THREADS` by asyncio's executor (with the request's
context variables: its request id and trace), and FastAPI, seeing a coroutine, validates
the answer on the event loop. The route function itself is unchanged: the console calls
it directly, and FastAPI reads its parameters and annotations through `__wrapped__`.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.routing import APIRoute

# As many threads as anyio's default limiter allows: a read waiting for a log position
# (up to 5 s) holds one, and others must not queue behind it.
ROUTE_THREADS = ThreadPoolExecutor(max_workers=40, thread_name_prefix="api-route")


def on_route_thread(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Any:
        call = functools.partial(contextvars.copy_context().run, endpoint, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(ROUTE_THREADS, call)

    return run


class OneHopRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = on_route_thread(endpoint)
        super().__init__(path, endpoint, **kwargs)

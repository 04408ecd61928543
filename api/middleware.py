"""ASGI middleware: request ids and trace ids on every log line, the request metrics, and a
cap on request bodies."""

from __future__ import annotations

import json
import time
import uuid

import structlog

from sotflow import metrics
from sotflow.tracing import child_of, current_trace, parse_traceparent

log = structlog.get_logger("api")

REQUEST_ID_HEADER = b"x-request-id"
TRACEPARENT_HEADER = b"traceparent"
TRACESTATE_HEADER = b"tracestate"


class RequestContext:
    """Binds a request id (the caller's X-Request-ID, or a new one) to every log line; holds the
    caller's W3C trace context, if any, for the events the request records (sotflow/tracing.py);
    counts and times the request by its route's template."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(REQUEST_ID_HEADER, b"").decode("latin-1")[:100] or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        caller = parse_traceparent(
            headers.get(TRACEPARENT_HEADER, b"").decode("latin-1"),
            headers.get(TRACESTATE_HEADER, b"").decode("latin-1"),
        )
        trace = child_of(caller) if caller else None
        trace_token = current_trace.set(trace)
        if trace:
            structlog.contextvars.bind_contextvars(trace_id=trace.trace_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((REQUEST_ID_HEADER, request_id.encode("latin-1")))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            metrics.observe_request(scope["method"], metrics.route_template(scope), status, elapsed)
            log.info(
                "http.request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_ms=round(elapsed * 1000, 2),
            )
            current_trace.reset(trace_token)
            structlog.contextvars.unbind_contextvars("request_id", "trace_id")


class BodySizeLimit:
    """Refuses bodies over the limit with 413 problem+json before the route sees them."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0
        too_large = False

        async def counting_receive():
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _BodyTooLarge:
            await self._refuse(scope, send)

    async def _refuse(self, scope, send) -> None:
        body = json.dumps(
            {
                "type": "https://sotflow.kz/problems/body-too-large",
                "title": "Request body too large",
                "status": 413,
                "detail": f"The request body exceeds {self.max_bytes} bytes.",
                "instance": scope["path"],
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass

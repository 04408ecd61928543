"""W3C trace context (https://www.w3.org/TR/trace-context/) from an HTTP command to the log.

The API reads a request's `traceparent` (and `tracestate`) and holds it in a context
variable while the command runs; the event store's mapper (`TracingMapper`, named by
`sotflow.eventstore`) writes it beside each event the command records, the relay puts it
into the CloudEvents envelope (the distributed-tracing extension's `traceparent` and
`tracestate` attributes), and the consumers log it when they apply the event. One trace-id
so leads from the request to every row it caused. A request without a valid traceparent
records none: nothing is invented for it.
"""

from __future__ import annotations

import re
import secrets
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from eventsourcing.domain import Snapshot
from eventsourcing.persistence import Mapper, StoredEvent

# version "00" has exactly these four fields; a later version may append more after a dash.
_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\s]*)?$")
# The specification's limit for tracestate (32 members of at most 256 characters) is far
# above what a proxy sends; a longer header is cut rather than carried into every event.
TRACESTATE_MAX = 512


@dataclass(frozen=True)
class TraceContext:
    traceparent: str
    tracestate: str | None = None

    @property
    def trace_id(self) -> str:
        return self.traceparent.split("-")[1]


def parse_traceparent(traceparent: str | None, tracestate: str | None = None) -> TraceContext | None:
    """The caller's trace context, or None when its traceparent is absent or not valid."""
    if not traceparent:
        return None
    match = _TRACEPARENT.match(traceparent.strip())
    if match is None:
        return None
    version, trace_id, parent_id, flags, rest = match.groups()
    if version == "ff" or (version == "00" and rest) or set(trace_id) == {"0"} or set(parent_id) == {"0"}:
        return None
    state = tracestate.strip()[:TRACESTATE_MAX] if tracestate and tracestate.strip() else None
    return TraceContext(f"{version}-{trace_id}-{parent_id}-{flags}", state)


def child_of(parent: TraceContext) -> TraceContext:
    """The trace context of our own handling of a request: the caller's trace, a span id of ours."""
    _, trace_id, _, flags = parent.traceparent.split("-")[:4]
    return TraceContext(f"00-{trace_id}-{secrets.token_hex(8)}-{flags}", parent.tracestate)


current_trace: ContextVar[TraceContext | None] = ContextVar("sotflow_trace", default=None)


@contextmanager
def tracing(trace: TraceContext | None):
    """Events recorded inside the block carry `trace`."""
    token = current_trace.set(trace)
    try:
        yield
    finally:
        current_trace.reset(token)


class TracingMapper(Mapper):
    """The library's mapper, writing the current trace context into each stored event's state.

    The library restores an event's state as the event's attributes, so the relay reads
    `traceparent` back with getattr; an event recorded without one simply has none."""

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        trace = current_trace.get()
        if trace is not None and not isinstance(domain_event, Snapshot):
            # The event is frozen; its state is what the mapper stores, so the trace joins it there.
            object.__setattr__(domain_event, "traceparent", trace.traceparent)
            if trace.tracestate:
                object.__setattr__(domain_event, "tracestate", trace.tracestate)
        return super().to_stored_event(domain_event)

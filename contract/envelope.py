"""CloudEvents 1.0 envelopes (structured JSON mode) for public events.

Extension attributes (lower-case, at most 20 characters, as CloudEvents requires):
- ``logposition``: the event's position in its context's log (notification id);
- ``streamversion``: its version within its aggregate's stream (1 = first event);
- ``actorid``, ``actorrole``, ``actoronbehalfof``: who did it;
- ``reason``: the reason or legal basis, where the command gave one;
- ``correlationid``, ``causationid``: the request that led to it;
- ``traceparent``, ``tracestate``: the W3C trace context of the HTTP command that recorded
  it (CloudEvents' distributed-tracing extension), where the request carried one.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

import orjson

from contract.catalogue import PublicEventType, public_types_of

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"
SCHEMA_BASE = "https://sotflow.kz/schemas/events/"
# Event ids are derived from the stream position and the public type, so
# re-publishing an event always yields the same id and consumers can de-duplicate
# by it; the versions of one event published during a transition differ in id.
EVENT_ID_NAMESPACE = uuid.UUID("6f1d2a6e-2c55-4a3e-9d5e-7a4f0b1c9e21")
_NAMESPACE_BYTES = EVENT_ID_NAMESPACE.bytes


class MissingActorError(ValueError):
    """Every event records who did it; an event without an actor is a bug."""


def event_id(originator_id: object, originator_version: int, event_type: str) -> str:
    """UUIDv5 (RFC 9562) of "<case id>/<stream version>/<type>" in sotflow's namespace."""
    digest = bytearray(
        hashlib.sha1(_NAMESPACE_BYTES + f"{originator_id}/{originator_version}/{event_type}".encode()).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def to_cloudevents(domain_event: Any, *, position: int) -> list[dict[str, Any]]:
    """One envelope per public version of the event, oldest version first."""
    return [
        to_cloudevent(domain_event, position=position, public=p)
        for p in public_types_of(domain_event)
        if p.published_for(domain_event)
    ]


def to_cloudevent(domain_event: Any, *, position: int, public: PublicEventType) -> dict[str, Any]:
    actor = getattr(domain_event, "actor", None)
    if actor is None:
        raise MissingActorError(f"{type(domain_event).__qualname__} at position {position} has no actor")
    timestamp: datetime = domain_event.timestamp
    envelope: dict[str, Any] = {
        "specversion": SPEC_VERSION,
        "id": event_id(domain_event.originator_id, domain_event.originator_version, public.type),
        "source": f"/sotflow/{public.context}",
        "type": public.type,
        "subject": public.subject(domain_event),
        "time": timestamp.isoformat(),
        "datacontenttype": "application/json",
        "dataschema": SCHEMA_BASE + public.schema_file,
        "logposition": position,
        "streamversion": domain_event.originator_version,
        "actorid": actor.user_id,
        "actorrole": str(actor.role),
        "data": public.to_data(domain_event),
    }
    if actor.on_behalf_of:
        envelope["actoronbehalfof"] = actor.on_behalf_of
    for attr in ("reason", "correlation_id", "causation_id", "traceparent", "tracestate"):
        value = getattr(domain_event, attr, None)
        if value:
            envelope[attr.replace("_", "")] = str(value)
    return envelope


def encode(envelope: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON (orjson: several times faster than the standard library here)."""
    return orjson.dumps(envelope)


class UndecodableMessageError(ValueError):
    pass


REQUIRED_ATTRIBUTES = ("specversion", "id", "source", "type", "subject", "time", "logposition", "actorid")


def decode(value: bytes) -> dict[str, Any]:
    try:
        envelope = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise UndecodableMessageError(f"not JSON: {exc}") from None
    if not isinstance(envelope, dict):
        raise UndecodableMessageError("not a JSON object")
    missing = [a for a in REQUIRED_ATTRIBUTES if a not in envelope]
    if missing:
        raise UndecodableMessageError(f"missing CloudEvents attributes: {', '.join(missing)}")
    if envelope["specversion"] != SPEC_VERSION:
        raise UndecodableMessageError(f"unsupported specversion {envelope['specversion']!r}")
    return envelope

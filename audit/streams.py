"""Which stream (aggregate) a public event belongs to, for the stream-version check.

The envelope's subject is the case, not always the stream: a court roster's events
about a case carry the case as subject but the roster's stream version. So the
stream is named per type here, beside the catalogue; a type missing from this table
is not checked for version continuity (the verifier's report counts such events).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Envelope = dict[str, Any]


def _by_subject(kind: str) -> Callable[[Envelope], str]:
    return lambda e: f"{kind}/{e['subject']}"


def _journal(e: Envelope) -> str:
    return f"journal/{e['data']['court']}/{e['data']['year']}"


def _roster(e: Envelope) -> str:
    return f"roster/{e['data']['court']}"


STREAMS: dict[str, Callable[[Envelope], str]] = {
    "kz.sotflow.registry.complaint-registered": _by_subject("complaint"),
    "kz.sotflow.registry.registration-journal-opened": _by_subject("journal"),
    "kz.sotflow.registry.registration-number-assigned": _journal,
    **{
        f"kz.sotflow.assignment.{name}": _roster
        for name in (
            "court-roster-opened",
            "judge-enrolled",
            "absence-recorded",
            "distribution-settings-adopted",
            "case-distributed",
            "distribution-pool-below-minimum",
            "judge-recused",
            "case-reassigned",
        )
    },
}


def stream_of(envelope: Envelope) -> str | None:
    """The stream's name, or None when this type's stream is not known here."""
    kind = STREAMS.get(envelope["type"].rpartition(".v")[0])
    if kind is None:
        return None
    try:
        return f"{envelope['source']}:{kind(envelope)}"
    except (KeyError, TypeError):
        return None

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


def _by_data(kind: str, field: str) -> Callable[[Envelope], str]:
    return lambda e: f"{kind}/{e['data'][field]}"


# One stored event published as two types (complaint-registered and item-registered; a
# type and its renamed successor) is one step of its stream: both name the same stream.
STREAMS: dict[str, Callable[[Envelope], str]] = {
    "kz.sotflow.registry.complaint-registered": _by_subject("item"),
    "kz.sotflow.registry.item-registered": _by_subject("item"),
    "kz.sotflow.registry.item-returned": _by_subject("item"),
    "kz.sotflow.registry.filing-term-confirmed": _by_subject("item"),
    "kz.sotflow.registry.filing-recorded": _by_data("filing-index", "filing_index_id"),
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
            "distribution-pool-fell-below-minimum",
            "judge-recused",
            "case-reassigned",
            "load-share-drifted",
            "load-released",
        )
    },
    **{
        f"kz.sotflow.proceedings.{name}": _by_subject("case")
        for name in (
            "case-accepted",
            "item-returned",
            "case-file-requested",
            "case-file-received",
            "parties-notified",
            "hearing-scheduled",
            "hearing-postponed",
            "hearing-held",
            "ruling-entered",
            "judicial-act-entered",
            "act-published",
            "complaint-withdrawn",
            "complaints-joined",
            "joined-into",
            "execution-suspended",
        )
    },  # fmt: skip
    **{
        f"kz.sotflow.deadlines.deadline-{name}": _by_data("deadline", "deadline_id")
        for name in (
            "started",
            "extended",
            "suspended",
            "resumed",
            "closed",
            "met",
            "approaching",
            "approached",
            "missed",
            "recomputed",
        )
    },
    "kz.sotflow.deadlines.calendar-opened": _by_subject("calendar"),
    "kz.sotflow.deadlines.calendar-order-entered": _by_subject("calendar"),
    **{
        f"kz.sotflow.international.{name}": _by_subject("foreign-request")
        for name in (
            "request-received",
            "request-registered",
            "translation-requested",
            "translation-received",
            "request-studied",
            "request-signed-off",
            "request-forwarded",
            "request-sent-abroad",
            "original-posted",
            "request-returned",
            "request-refused",
            "execution-reported",
            "documents-returned",
            "request-closed",
        )
    },  # fmt: skip
    **{
        f"kz.sotflow.international.project-{name}": _by_subject("international-project")
        for name in ("registered", "milestone-planned", "milestone-reached", "report-submitted", "closed")
    },
    "kz.sotflow.international.signing-register-opened": _by_subject("signing"),
    "kz.sotflow.international.signing-authority-recorded": _by_subject("signing"),
    **{
        f"kz.sotflow.applications.{name}": _by_subject("application")
        for name in (
            "application-registered",
            "application-redirected",
            "consultant-assigned",
            "answer-drafted",
            "answer-approved",
            "answer-sent",
            "answer-term-extended",
            "extension-notified",
            "application-received-at-reception",
        )
    },  # fmt: skip
    **{
        f"kz.sotflow.applications.reception-{name}": _by_subject("reception")
        for name in ("scheduled", "rescheduled", "cancelled", "material-prepared", "held")
    },
    **{
        f"kz.sotflow.archive.{name}": _by_subject("archive-file")
        for name in (
            "file-handed-over",
            "file-issued",
            "file-returned",
            "hold-placed",
            "hold-lifted",
            "file-destroyed",
        )
    },  # fmt: skip
    "kz.sotflow.archive.archive-journal-opened": _by_subject("archive-journal"),
    "kz.sotflow.archive.archive-number-assigned": lambda e: f"archive-journal/{e['data']['court']}/{e['data']['year']}",
    "kz.sotflow.archive.destruction-act-drawn-up": _by_subject("destruction-act"),
    "kz.sotflow.archive.destruction-act-approved": _by_subject("destruction-act"),
    **{
        f"kz.sotflow.inforequests.{name}": _by_subject("information-request")
        for name in (
            "request-registered",
            "request-assigned",
            "answer-drafted",
            "answer-signed-off",
            "answer-sent",
            "answer-term-extended",
        )
    },  # fmt: skip
    # One stream per staff record (its versions): a leave's and a trip's events have the
    # absence as their subject but are the record's, so the stream is read from the data.
    **{
        f"kz.sotflow.personnel.{name}": lambda e: f"staff-member/{e['data']['staff_id']}"
        for name in (
            "staff-appointed",
            "staff-transferred",
            "staff-dismissed",
            "leave-granted",
            "trip-sent",
            "absence-cancelled",
            "trip-reported",
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

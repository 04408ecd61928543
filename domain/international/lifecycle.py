"""The steps of a foreign request and the commands that move it between them.

This table is the single source of the lifecycle: the aggregate refuses a command
from a stage not listed here; docs/international-and-applications.md shows it.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    RECEIVED = "received"
    REGISTERED = "registered"
    TRANSLATION_REQUESTED = "translation_requested"
    TRANSLATED = "translated"
    STUDIED = "studied"
    FORWARDED = "forwarded"  # to the competent Kazakh court
    SENT_ABROAD = "sent_abroad"  # to the foreign court or central authority
    EXECUTION_REPORTED = "execution_reported"
    DOCUMENTS_RETURNED = "documents_returned"
    RETURNED = "returned"  # sent back unexecuted (incomplete, not ours)
    REFUSED = "refused"  # refused with a ground (e.g. pre-trial discovery)
    CLOSED = "closed"


FINAL = frozenset({Stage.CLOSED})
OPEN = frozenset(Stage) - FINAL

# command -> (stages it may be given in, stage it leads to; None: the stage stays)
TRANSITIONS: dict[str, tuple[frozenset[Stage], Stage | None]] = {
    "register": (frozenset({Stage.RECEIVED}), Stage.REGISTERED),
    "request_translation": (frozenset({Stage.REGISTERED, Stage.STUDIED}), Stage.TRANSLATION_REQUESTED),
    "receive_translation": (frozenset({Stage.TRANSLATION_REQUESTED}), Stage.TRANSLATED),
    "study": (frozenset({Stage.REGISTERED, Stage.TRANSLATED}), Stage.STUDIED),
    # A signature does not move the request; the outgoing step that follows uses it.
    "sign_off": (frozenset({Stage.STUDIED, Stage.EXECUTION_REPORTED}), None),
    "forward": (frozenset({Stage.STUDIED}), Stage.FORWARDED),
    "send_abroad": (frozenset({Stage.STUDIED}), Stage.SENT_ABROAD),
    "post_original": (frozenset({Stage.SENT_ABROAD, Stage.EXECUTION_REPORTED}), None),
    "return_request": (frozenset({Stage.REGISTERED, Stage.STUDIED}), Stage.RETURNED),
    "refuse": (frozenset({Stage.STUDIED}), Stage.REFUSED),
    "report_execution": (frozenset({Stage.FORWARDED, Stage.SENT_ABROAD}), Stage.EXECUTION_REPORTED),
    "return_documents": (frozenset({Stage.EXECUTION_REPORTED}), Stage.DOCUMENTS_RETURNED),
    "close": (frozenset({Stage.DOCUMENTS_RETURNED, Stage.RETURNED, Stage.REFUSED}), Stage.CLOSED),
}
# Steps that send a document out: each needs a sign-off (§13).
SIGNED_STEPS = frozenset({"forward", "send_abroad", "refuse", "return_documents"})


def mermaid() -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {Stage.RECEIVED.value}: receive"]
    for command, (sources, target) in TRANSITIONS.items():
        for source in sorted(sources) if target is not None else ():
            lines.append(f"    {source.value} --> {target.value}: {command}")
    lines.append(f"    {Stage.CLOSED.value} --> [*]")
    return "\n".join(lines) + "\n"

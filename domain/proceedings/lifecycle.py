"""The stages of a case in proceedings and the commands that move it between them.

This table is the single source of the lifecycle: the aggregate refuses a command
from a stage not listed here, and docs/case-lifecycle.md is generated from it.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    ACCEPTED = "accepted"
    CASE_FILE_REQUESTED = "case_file_requested"
    CASE_FILE_RECEIVED = "case_file_received"
    HEARING_SCHEDULED = "hearing_scheduled"
    HEARING_POSTPONED = "hearing_postponed"
    HEARD = "heard"
    RULED = "ruled"
    ACT_ENTERED = "act_entered"
    PUBLISHED = "published"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    JOINED = "joined"


FINAL = frozenset({Stage.RETURNED, Stage.WITHDRAWN, Stage.JOINED, Stage.PUBLISHED})
# The case is disposed of (the panel's work is done): its judges' loads are released.
DISPOSED = frozenset({Stage.RETURNED, Stage.WITHDRAWN, Stage.JOINED, Stage.ACT_ENTERED, Stage.PUBLISHED})
BEFORE_HEARING = frozenset(
    {
        Stage.ACCEPTED,
        Stage.CASE_FILE_REQUESTED,
        Stage.CASE_FILE_RECEIVED,
        Stage.HEARING_SCHEDULED,
        Stage.HEARING_POSTPONED,
    }
)
OPEN = frozenset(Stage) - FINAL

# command -> (stages it may be given in, stage it leads to; None: the stage stays)
TRANSITIONS: dict[str, tuple[frozenset[Stage], Stage | None]] = {
    "request_case_file": (frozenset({Stage.ACCEPTED}), Stage.CASE_FILE_REQUESTED),
    "receive_case_file": (frozenset({Stage.ACCEPTED, Stage.CASE_FILE_REQUESTED}), Stage.CASE_FILE_RECEIVED),
    # Notices go out around the scheduling of a hearing and do not move the case on.
    "notify_parties": (
        frozenset({Stage.CASE_FILE_RECEIVED, Stage.HEARING_SCHEDULED, Stage.HEARING_POSTPONED}),
        None,
    ),
    "schedule_hearing": (frozenset({Stage.CASE_FILE_RECEIVED, Stage.HEARING_POSTPONED}), Stage.HEARING_SCHEDULED),
    "postpone_hearing": (frozenset({Stage.HEARING_SCHEDULED}), Stage.HEARING_POSTPONED),
    "hold_hearing": (frozenset({Stage.HEARING_SCHEDULED}), Stage.HEARD),
    "enter_ruling": (frozenset({Stage.HEARD}), Stage.RULED),
    "enter_judicial_act": (frozenset({Stage.RULED}), Stage.ACT_ENTERED),
    "publish_act": (frozenset({Stage.ACT_ENTERED}), Stage.PUBLISHED),
    "withdraw": (BEFORE_HEARING, Stage.WITHDRAWN),
    "join_into": (BEFORE_HEARING, Stage.JOINED),
    "join_others": (BEFORE_HEARING, None),
    "suspend_execution": (OPEN, None),
}
# How a case comes into proceedings: accepted, or returned without being accepted (УПК 489).
OPENING = {"accept": Stage.ACCEPTED, "return_item": Stage.RETURNED}


def mermaid() -> str:
    """The lifecycle as a Mermaid state diagram (commands that keep the stage are left out)."""
    lines = ["stateDiagram-v2"]
    for command, stage in OPENING.items():
        lines.append(f"    [*] --> {stage.value}: {command}")
    for command, (sources, target) in TRANSITIONS.items():
        for source in sorted(sources) if target is not None else ():
            lines.append(f"    {source.value} --> {target.value}: {command}")
    for stage in sorted(FINAL):
        lines.append(f"    {stage.value} --> [*]")
    return "\n".join(lines) + "\n"

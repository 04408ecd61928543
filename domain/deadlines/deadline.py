"""A procedural deadline: started under one version of a rule, then extended,
suspended and resumed, recomputed when the calendar changes, met, and, as time
passes, approached and missed.

The aggregate keeps everything its due instant was computed from (base time, term,
roll-over, each extension and suspension in order), so that a changed calendar
recomputes it from the start, and it records the calendar revision it used. The
watcher's events (approached, missed) are decided here too: each is recorded at
most once for a given due instant, whoever asks and however often.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import register_topic

from domain.actor import Actor
from domain.calendar.working_days import WorkingCalendar
from domain.court_time import not_after
from domain.deadlines.errors import (
    AlreadySuspendedError,
    DeadlineClosedError,
    ExtensionAfterDueError,
    ExtensionNotAllowedError,
    MetBeforeStartError,
    MetInTheFutureError,
    NotAuthorisedToExtendError,
    NotExtendableError,
    NotSuspendedError,
    TimeRunsBackwardsError,
)
from domain.deadlines.rules import Rule
from domain.deadlines.terms import Term, extended_due, shifted_by_suspension, term_end

DEADLINE_NAMESPACE = uuid.UUID("e3f1a9c4-7b2d-4c8e-a5f6-0d9e8c7b6a51")


class Status(StrEnum):
    OPEN = "open"
    SUSPENDED = "suspended"
    MET = "met"
    CLOSED = "closed"  # the case was disposed of before the term was met: nothing is due any more


# A deadline that no longer runs: nothing is recorded on it any more, and it is never missed.
ENDED = frozenset({Status.MET, Status.CLOSED})


@dataclass(frozen=True)
class BaseEvent:
    """The public event a deadline was started by."""

    type: str
    event_id: str
    context: str
    log_position: int


class Deadline(Aggregate):
    @staticmethod
    def create_id(rule_id: str, subject: str, cycle: int) -> uuid.UUID:
        """The n-th deadline of a rule for a case: found again from the same facts."""
        return uuid.uuid5(DEADLINE_NAMESPACE, f"{rule_id}/{subject}/{cycle}")

    @classmethod
    def start(
        cls,
        rule: Rule,
        *,
        subject: str,
        cycle: int,
        base_time: datetime,
        base_event: BaseEvent | None,
        calendar: WorkingCalendar,
        calendar_revision: str,
        actor: Actor,
    ) -> Deadline:
        return cls._create(
            cls.Started,
            id=cls.create_id(rule.rule_id, subject, cycle),
            rule_id=rule.rule_id,
            rule_version=rule.version,
            rule_set=rule.rule_set,
            clause=rule.clause,
            subject=subject,
            cycle=cycle,
            base_time=base_time,
            base_event=base_event,
            term=rule.term,
            rolls_over=rule.rolls_over,
            due_at=rule.due(base_time, calendar),
            calendar_revision=calendar_revision,
            actor=actor,
        )

    class Started(Aggregate.Created):
        rule_id: str
        rule_version: int
        rule_set: str
        clause: str
        subject: str
        cycle: int
        base_time: datetime
        base_event: BaseEvent | None
        term: Term
        rolls_over: bool
        due_at: datetime
        calendar_revision: str
        actor: Actor

    @event(Started)
    def __init__(
        self,
        *,
        rule_id: str,
        rule_version: int,
        rule_set: str,
        clause: str,
        subject: str,
        cycle: int,
        base_time: datetime,
        base_event: BaseEvent | None,
        term: Term,
        rolls_over: bool,
        due_at: datetime,
        calendar_revision: str,
        actor: Actor,
    ) -> None:
        self.rule_id = rule_id
        self.rule_version = rule_version
        self.subject = subject
        self.cycle = cycle
        self.base_time = base_time
        self.base_event = base_event
        self.term = term
        self.rolls_over = rolls_over
        self.due_at = due_at
        self.calendar_revision = calendar_revision
        self.status = Status.OPEN
        self.extensions = 0
        # ("extension", Term) and ("suspension", suspended_at, resumed_at | None), in order.
        self.adjustments: list[tuple] = []
        self.approaching_for: datetime | None = None
        self.missed_for: datetime | None = None
        self.last_change = base_time

    # -- extension --------------------------------------------------------------
    def extend(
        self, rule: Rule, *, term: Term | None, grounds: str, actor: Actor, now: datetime, calendar: WorkingCalendar
    ) -> None:
        self._check_status(Status.OPEN)
        policy = rule.extension
        if policy is None:
            raise NotExtendableError(rule.rule_id)
        if now > self.due_at:
            raise ExtensionAfterDueError()
        if actor.role not in policy.by_roles:
            allowed = ", ".join(str(r) for r in policy.by_roles)
            raise NotAuthorisedToExtendError(f"role {actor.role} may not extend this term; allowed: {allowed}")
        if policy.max_times is not None and self.extensions >= policy.max_times:
            raise ExtensionNotAllowedError(f"this term may be extended at most {policy.max_times} time(s)")
        if policy.step is not None:
            if term is not None and term != policy.step:
                raise ExtensionNotAllowedError(f"this term is extended by {policy.step} at a time")
            term = policy.step
        if term is None:
            raise ExtensionNotAllowedError("the decision must state for how long the term is extended")
        due = extended_due(self.due_at, term, calendar, rolls_over=self.rolls_over)
        longest = rule.longest_due(self.base_time, calendar)
        if longest is not None and due > longest:
            raise ExtensionNotAllowedError(f"the whole term may not exceed {policy.max_total}")
        self._extended(
            rule_id=self.rule_id, subject=self.subject, term=term, reason=grounds,
            previous_due=self.due_at, due_at=due, at=now, actor=actor,
        )  # fmt: skip

    @event("Extended")
    def _extended(
        self, *, rule_id: str, subject: str, term: Term, reason: str, previous_due: datetime, due_at: datetime,
        at: datetime, actor: Actor,
    ) -> None:  # fmt: skip
        self.extensions += 1
        self.adjustments.append(("extension", term))
        self.due_at = due_at
        self.last_change = at

    # -- suspension ---------------------------------------------------------------
    def suspend(self, *, grounds: str, actor: Actor, now: datetime) -> None:
        if self.status == Status.SUSPENDED:
            raise AlreadySuspendedError()
        self._check_status(Status.OPEN)
        if now < self.last_change:
            raise TimeRunsBackwardsError("a suspension")
        self._suspended(rule_id=self.rule_id, subject=self.subject, reason=grounds, at=now, actor=actor)

    @event("Suspended")
    def _suspended(self, *, rule_id: str, subject: str, reason: str, at: datetime, actor: Actor) -> None:
        self.status = Status.SUSPENDED
        self.adjustments.append(("suspension", at, None))
        self.last_change = at

    def resume(self, *, grounds: str, actor: Actor, now: datetime, calendar: WorkingCalendar) -> None:
        if self.status != Status.SUSPENDED:
            raise NotSuspendedError()
        _, suspended_at, _ = self.adjustments[-1]
        if now < suspended_at:
            raise TimeRunsBackwardsError("a resumption")
        due = shifted_by_suspension(
            self.due_at, self.term.unit, suspended_at, now, calendar, rolls_over=self.rolls_over
        )
        self._resumed(
            rule_id=self.rule_id, subject=self.subject, reason=grounds, suspended_at=suspended_at,
            previous_due=self.due_at, due_at=due, at=now, actor=actor,
        )  # fmt: skip

    @event("Resumed")
    def _resumed(
        self, *, rule_id: str, subject: str, reason: str, suspended_at: datetime, previous_due: datetime,
        due_at: datetime, at: datetime, actor: Actor,
    ) -> None:  # fmt: skip
        self.status = Status.OPEN
        self.adjustments[-1] = ("suspension", suspended_at, at)
        self.due_at = due_at
        self.last_change = at

    # -- met ------------------------------------------------------------------
    def record_met(self, *, met_at: datetime, now: datetime, actor: Actor) -> None:
        """Staff record that what the term required was done: at an instant between the
        term's start and now (the starter's `meet` takes the event's own time instead)."""
        if met_at < self.base_time:
            raise MetBeforeStartError(met_at, self.base_time)
        if not not_after(met_at, now):
            raise MetInTheFutureError(met_at)
        self.meet(met_at=met_at, met_by="command", event_id=None, actor=actor)

    def meet(self, *, met_at: datetime, met_by: str, event_id: str | None, actor: Actor) -> None:
        if self.status in ENDED:
            raise DeadlineClosedError(self.status)
        self._met(
            rule_id=self.rule_id, subject=self.subject, met_at=met_at, met_by=met_by, event_id=event_id,
            due_at=self.due_at, on_time=met_at <= self.due_at, actor=actor,
        )  # fmt: skip

    @event("Met")
    def _met(
        self, *, rule_id: str, subject: str, met_at: datetime, met_by: str, event_id: str | None, due_at: datetime,
        on_time: bool, actor: Actor,
    ) -> None:  # fmt: skip
        self.status = Status.MET

    # -- closed with the case -----------------------------------------------------
    def close(self, *, reason: str, at: datetime, closed_by: str, event_id: str | None, actor: Actor) -> bool:
        """Close a term still running because its case was disposed of (published, returned,
        withdrawn, joined into another): nothing is due any more. False when it already ended."""
        if self.status in ENDED:
            return False
        self._closed(
            rule_id=self.rule_id, subject=self.subject, reason=reason, closed_at=at, closed_by=closed_by,
            event_id=event_id, due_at=self.due_at, actor=actor,
        )  # fmt: skip
        return True

    @event("Closed")
    def _closed(
        self, *, rule_id: str, subject: str, reason: str, closed_at: datetime, closed_by: str, event_id: str | None,
        due_at: datetime, actor: Actor,
    ) -> None:  # fmt: skip
        self.status = Status.CLOSED

    # -- time passing ---------------------------------------------------------
    def note_approaching(self, *, now: datetime, window: timedelta, actor: Actor) -> bool:
        """Record once per due instant that it is near; False when there is nothing to record."""
        if self.status != Status.OPEN or self.approaching_for == self.due_at:
            return False
        if not (self.due_at - window <= now < self.due_at):
            return False
        self._approached(
            rule_id=self.rule_id, subject=self.subject, due_at=self.due_at,
            window_hours=window.total_seconds() / 3600, noticed_at=now, actor=actor,
        )  # fmt: skip
        return True

    @event("Approached")
    def _approached(
        self, *, rule_id: str, subject: str, due_at: datetime, window_hours: float, noticed_at: datetime, actor: Actor
    ) -> None:
        self.approaching_for = due_at

    def note_missed(self, *, now: datetime, actor: Actor) -> bool:
        """Record once per due instant that it passed unmet; False when there is nothing to record."""
        if self.status != Status.OPEN or self.missed_for == self.due_at or now <= self.due_at:
            return False
        self._missed(rule_id=self.rule_id, subject=self.subject, due_at=self.due_at, noticed_at=now, actor=actor)
        return True

    @event("Missed")
    def _missed(self, *, rule_id: str, subject: str, due_at: datetime, noticed_at: datetime, actor: Actor) -> None:
        self.missed_for = due_at

    # -- calendar changes -------------------------------------------------------
    def recompute(self, *, calendar: WorkingCalendar, revision: str, reason: str, actor: Actor) -> bool:
        """Recompute the due instant under another calendar revision; a term already
        missed or met stays as it was. False when there is nothing to record."""
        if self.status in ENDED or self.missed_for is not None or revision == self.calendar_revision:
            return False
        self._recomputed(
            rule_id=self.rule_id, subject=self.subject, previous_due=self.due_at, due_at=self.due_under(calendar),
            calendar_revision=revision, reason=reason, actor=actor,
        )  # fmt: skip
        return True

    @event("Recomputed")
    def _recomputed(
        self, *, rule_id: str, subject: str, previous_due: datetime, due_at: datetime, calendar_revision: str,
        reason: str, actor: Actor,
    ) -> None:  # fmt: skip
        self.due_at = due_at
        self.calendar_revision = calendar_revision

    def due_under(self, calendar: WorkingCalendar) -> datetime:
        """The due instant from the start, through every extension and suspension, under a calendar."""
        due = term_end(self.base_time, self.term, calendar, rolls_over=self.rolls_over)
        for adjustment in self.adjustments:
            if adjustment[0] == "extension":
                due = extended_due(due, adjustment[1], calendar, rolls_over=self.rolls_over)
            elif adjustment[2] is not None:
                due = shifted_by_suspension(
                    due, self.term.unit, adjustment[1], adjustment[2], calendar, rolls_over=self.rolls_over
                )
        return due

    def _check_status(self, wanted: Status) -> None:
        if self.status != wanted:
            raise DeadlineClosedError(self.status)


# Stored events keep, forever, the name of the class that recorded them. Until 2026-12
# this event was `Deadline.Approaching` (not past tense, as event names must be); the
# library resolves the old topic to the renamed class, whose fields are unchanged.
register_topic("domain.deadlines.deadline:Deadline.Approaching", Deadline.Approached)

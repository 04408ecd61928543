"""The deadlines context's application: the court's calendar and its deadlines.

Every command is safe to repeat: a deadline's id is derived from its rule, its case
and its cycle (the n-th time that rule started for that case), the starting event is
recorded with it, and the watcher's notices are decided by the aggregate once per due
instant. Commands that lose a race (another process changed the same deadline) are
decided again on the fresh state, so at-least-once callers have exactly-once effects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from contexts.clock import Clocked
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.calendar.amendments import (
    CalendarOrder,
    CourtCalendar,
    calendar_with,
    recomputation_reason,
    revision_of,
)
from domain.calendar.editions import EDITIONS, Edition, edition_on
from domain.calendar.working_days import WorkingCalendar
from domain.court_time import court_date
from domain.deadlines.deadline import ENDED, BaseEvent, Deadline
from domain.deadlines.errors import DeadlineAlreadyOpenError, DeadlineNotFoundError
from domain.deadlines.rule_sets import rule_book
from domain.deadlines.rules import RuleBook
from domain.deadlines.terms import Term

T = TypeVar("T")
ATTEMPTS = 20


@dataclass(frozen=True)
class DeadlineRecorded(Recorded):
    """A command's answer on one deadline; its events are keyed by its subject (the case)."""

    subject: str
    changed: bool = True  # False: nothing recorded (it already was so)


@dataclass(frozen=True)
class DeadlineStarted(Recorded):
    rule_id: str
    rule_version: int
    due_at: datetime
    new: bool  # False: the same start had already been recorded
    subject: str = ""


@dataclass(frozen=True)
class OrderRecorded(Recorded):
    number: int


class Deadlines(Clocked, Application[UUID]):
    name = "deadlines"

    def __init__(self, env=None, *, rules: RuleBook | None = None, editions: Sequence[Edition] = EDITIONS) -> None:
        super().__init__(env)
        self.rules = rules or rule_book()
        # The built-in calendar's editions this release knows (an older release knew fewer).
        self.editions = tuple(editions)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, BaseEvent, Term, CalendarOrder)

    # -- the calendar ---------------------------------------------------------------
    def _calendar(self) -> CourtCalendar | None:
        try:
            return self.repository.get(CourtCalendar.create_id())
        except AggregateNotFoundError:
            return None

    def calendar_in_effect(self, on: date | None = None) -> tuple[WorkingCalendar, str]:
        """The calendar (edition and orders) in effect on a date (the clock's today by default), and its revision."""
        edition, orders = self._in_effect(on or court_date(self.clock.now()))
        return calendar_with(orders, edition), revision_of(orders, edition)

    def _in_effect(self, on: date) -> tuple[Edition, list[CalendarOrder]]:
        book = self._calendar()
        return edition_on(on, self.editions), (book.in_effect(on) if book else [])

    def orders(self) -> list[CalendarOrder]:
        book = self._calendar()
        return list(book.orders) if book else []

    def enter_transfer_order(
        self, *, from_day: date, to_day: date, effective_from: date, source: str, actor: Actor
    ) -> OrderRecorded:
        def decide(book: CourtCalendar) -> CalendarOrder:
            return book.enter_transfer(
                from_day=from_day, to_day=to_day, effective_from=effective_from, source=source, actor=actor
            )

        return self._enter_order(decide, actor)

    def enter_kurban_ait(self, *, day: date, effective_from: date, source: str, actor: Actor) -> OrderRecorded:
        return self._enter_order(
            lambda book: book.enter_kurban_ait(day=day, effective_from=effective_from, source=source, actor=actor),
            actor,
        )

    def _enter_order(self, decide: Callable[[CourtCalendar], CalendarOrder], actor: Actor) -> OrderRecorded:
        for _ in range(ATTEMPTS):
            book = self._calendar() or CourtCalendar(actor=actor)
            order = decide(book)
            try:
                recordings = self.save(book)
            except IntegrityError:
                continue  # another order was entered meanwhile: decide again on the new calendar
            return OrderRecorded(book.id, recordings[-1].notification.id, order.number)
        raise IntegrityError("the calendar kept changing; try again")

    # -- starting and meeting -----------------------------------------------------
    def start(
        self,
        rule_id: str,
        *,
        subject: str,
        base_time: datetime,
        actor: Actor,
        base_event: BaseEvent | None = None,
        as_of: date | None = None,
    ) -> DeadlineStarted:
        """Start the rule's term for a case. Started by an event, the same event
        starts it once; started by a command, a rule already open for the case is refused."""
        rule = self.rules.in_force(rule_id, as_of or court_date(base_time))
        calendar, revision = self.calendar_in_effect()
        for _ in range(ATTEMPTS):
            cycle, existing = 1, None
            while (found := self._find(Deadline.create_id(rule_id, subject, cycle))) is not None:
                if base_event is not None and _same_start(found.base_event, base_event):
                    return self._started(found, new=False)
                if found.status not in ENDED:
                    existing = found
                    break
                cycle += 1
            if existing is not None:
                if base_event is None:
                    raise DeadlineAlreadyOpenError(rule_id, subject)
                # A repeated starting event (a second request for the same file, say)
                # while the first term still runs: that term goes on.
                return self._started(existing, new=False)
            deadline = Deadline.start(
                rule, subject=subject, cycle=cycle, base_time=base_time, base_event=base_event,
                calendar=calendar, calendar_revision=revision, actor=actor,
            )  # fmt: skip
            try:
                recordings = self.save(deadline)
            except IntegrityError:
                continue  # started concurrently: look again
            return DeadlineStarted(
                deadline.id, recordings[-1].notification.id, rule.rule_id, rule.version, deadline.due_at, True,
                subject=subject,
            )  # fmt: skip
        raise IntegrityError("could not start the deadline; try again")

    def _started(self, deadline: Deadline, *, new: bool) -> DeadlineStarted:
        position = self.recorder.max_notification_id() or 0
        return DeadlineStarted(
            deadline.id, position, deadline.rule_id, deadline.rule_version, deadline.due_at, new,
            subject=deadline.subject,
        )  # fmt: skip

    def open_deadline(self, rule_id: str, subject: str) -> Deadline | None:
        """The case's deadline of this rule that is still running (open or suspended)."""
        cycle, last = 1, None
        while (found := self._find(Deadline.create_id(rule_id, subject, cycle))) is not None:
            last = found
            cycle += 1
        return last if last is not None and last.status not in ENDED else None

    def open_deadlines_of(self, subject: str) -> list[Deadline]:
        """Every deadline of a case still running (open or suspended), of any rule."""
        found = (self.open_deadline(rule_id, subject) for rule_id in self.rules.ids())
        return [d for d in found if d is not None]

    def close_with_case(
        self, subject: str, *, reason: str, at: datetime, closed_by: str, event_id: str | None, actor: Actor
    ) -> list[DeadlineRecorded]:
        """Close every deadline of a disposed case still running, with the reason; not one started
        after the disposal (the return of its archived file, say), read before it from another topic."""
        closed = []
        for deadline in self.open_deadlines_of(subject):
            if deadline.base_time > at:
                continue
            recorded = self.close_deadline(
                deadline.id, reason=reason, at=at, closed_by=closed_by, event_id=event_id, actor=actor
            )
            if recorded is not None:
                closed.append(recorded)
        return closed

    def close_deadline(
        self, deadline_id: UUID, *, reason: str, at: datetime, closed_by: str, event_id: str | None, actor: Actor
    ) -> DeadlineRecorded | None:
        """Close one running deadline of a disposed case; None when it had already ended."""
        return self._decide(
            deadline_id, lambda d: d.close(reason=reason, at=at, closed_by=closed_by, event_id=event_id, actor=actor)
        )

    def meet(
        self, deadline_id: UUID, *, met_at: datetime, met_by: str, event_id: str | None, actor: Actor
    ) -> DeadlineRecorded | None:
        """Record the deadline as met; None when it already was."""
        return self._meet(deadline_id, lambda d: d.meet(met_at=met_at, met_by=met_by, event_id=event_id, actor=actor))

    # -- commands on one deadline -------------------------------------------------------
    # Each decides at the process's clock's instant unless handed another (the starter
    # extends a term at the time of the decision's event).
    def record_met(
        self, deadline_id: UUID, *, met_at: datetime | None = None, actor: Actor, now: datetime | None = None
    ) -> DeadlineRecorded:
        """Staff record the deadline as met (at `met_at`, by default now); a deadline already
        met records nothing and answers unchanged."""
        now = now or self.clock.now()
        recorded = self._meet(deadline_id, lambda d: d.record_met(met_at=met_at or now, now=now, actor=actor))
        return recorded or self._unchanged(deadline_id)

    def _meet(self, deadline_id: UUID, meet: Callable[[Deadline], None]) -> DeadlineRecorded | None:
        def decide(deadline: Deadline) -> bool:
            if deadline.status in ENDED:
                return False
            meet(deadline)
            return True

        return self._decide(deadline_id, decide)

    def extend(
        self, deadline_id: UUID, *, term: Term | None, grounds: str, actor: Actor, now: datetime | None = None
    ) -> DeadlineRecorded:
        """Extend the term by a reasoned decision, by whom and as far as its rule allows."""
        now = now or self.clock.now()
        calendar, _ = self.calendar_in_effect()

        def decide(deadline: Deadline) -> bool:
            rule = self.rules.version(deadline.rule_id, deadline.rule_version)
            deadline.extend(rule, term=term, grounds=grounds, actor=actor, now=now, calendar=calendar)
            return True

        return self._decide(deadline_id, decide)

    def suspend(
        self, deadline_id: UUID, *, grounds: str, actor: Actor, now: datetime | None = None
    ) -> DeadlineRecorded:
        """Stop the term running (proceedings suspended, e.g. for legal assistance abroad, УПК 45)."""
        now = now or self.clock.now()
        return self._decide(deadline_id, lambda d: d.suspend(grounds=grounds, actor=actor, now=now) or True)

    def resume(self, deadline_id: UUID, *, grounds: str, actor: Actor, now: datetime | None = None) -> DeadlineRecorded:
        """Let the term run again; its due instant moves by the time it was suspended."""
        now = now or self.clock.now()
        calendar, _ = self.calendar_in_effect()
        return self._decide(
            deadline_id, lambda d: d.resume(grounds=grounds, actor=actor, now=now, calendar=calendar) or True
        )

    # -- time passing (the watcher) -------------------------------------------------------
    def note_approaching(self, deadline_id: UUID, *, now: datetime, window: timedelta, actor: Actor) -> bool:
        return self._decide(deadline_id, lambda d: d.note_approaching(now=now, window=window, actor=actor)) is not None

    def note_missed(self, deadline_id: UUID, *, now: datetime, actor: Actor) -> bool:
        return self._decide(deadline_id, lambda d: d.note_missed(now=now, actor=actor)) is not None

    def recompute(self, deadline_id: UUID, *, actor: Actor, now: datetime) -> bool:
        """Bring an open deadline to the calendar (edition and orders) in effect on `now`'s day."""
        edition, orders = self._in_effect(court_date(now))
        calendar, revision = calendar_with(orders, edition), revision_of(orders, edition)

        def decide(d: Deadline) -> bool:
            reason = recomputation_reason(d.calendar_revision, orders, edition)
            return d.recompute(calendar=calendar, revision=revision, reason=reason, actor=actor)

        return self._decide(deadline_id, decide) is not None

    # -- reading -----------------------------------------------------------------------
    def get(self, deadline_id: UUID) -> Deadline:
        deadline = self._find(deadline_id)
        if deadline is None:
            raise DeadlineNotFoundError(deadline_id)
        return deadline

    def _find(self, deadline_id: UUID) -> Deadline | None:
        try:
            found = self.repository.get(deadline_id)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, Deadline) else None  # the calendar shares the store

    def _decide(self, deadline_id: UUID, decide: Callable[[Deadline], bool]) -> DeadlineRecorded | None:
        """Get, decide, save; on a concurrent change decide again. None: nothing to record."""
        for _ in range(ATTEMPTS):
            deadline = self.get(deadline_id)
            if not decide(deadline):
                return None
            try:
                recordings = self.save(deadline)
            except IntegrityError:
                continue
            return DeadlineRecorded(deadline.id, recordings[-1].notification.id, deadline.subject)
        raise IntegrityError(f"deadline {deadline_id} kept changing; try again")

    def _unchanged(self, deadline_id: UUID) -> DeadlineRecorded:
        # The deadline's events are at or before the log's head: a read waiting for it sees them.
        position = self.recorder.max_notification_id() or 0
        return DeadlineRecorded(deadline_id, position, self.get(deadline_id).subject, changed=False)


def _same_start(recorded: BaseEvent | None, event: BaseEvent) -> bool:
    """The same event, whichever public version of it was read (they share a position)."""
    return recorded is not None and (recorded.context, recorded.log_position) == (event.context, event.log_position)

"""The deadlines' use cases without HTTP: the context's named methods on the real event
store, with the process's clock set by the test."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from contexts.clock import SetClock
from domain.actor import Actor, Role
from domain.court_time import COURT_ZONE
from domain.deadlines.deadline import BaseEvent, Status
from domain.deadlines.errors import DeadlineAlreadyOpenError, ExtensionAfterDueError, MetInTheFutureError
from sotflow.bootstrap import bootstrap

CONSULTANT = Actor("u-consultant", Role.CONSULTANT)
PROSECUTOR = Actor("u-prosecutor", Role.INTEGRATION_SERVICE)
JUDGE = Actor("u-judge", Role.JUDGE)
HEAD = Actor("u-head", Role.HEAD)
# A Monday morning at the court, mid-2026: every test's day is fixed.
MONDAY = datetime(2026, 6, 1, 10, 0, tzinfo=COURT_ZONE).astimezone(UTC)


@pytest.fixture
def clocked(settings):
    clock = SetClock(MONDAY)
    system = bootstrap(settings, clock=clock)
    yield system, clock
    system.close()


def test_a_deadline_started_extended_suspended_resumed_and_met_at_the_clocks_instants(clocked):
    system, clock = clocked
    deadlines = system.deadlines
    started = deadlines.start(
        "cassation.prosecutor-protest-decision", subject="case-1", base_time=clock.now(), actor=CONSULTANT
    )
    assert (started.subject, started.new, started.rule_version) == ("case-1", True, 1)
    with pytest.raises(DeadlineAlreadyOpenError):  # by command, a rule runs once at a time for a case
        deadlines.start("cassation.prosecutor-protest-decision", subject="case-1", base_time=clock.now(), actor=HEAD)

    extended = deadlines.extend(started.id, term=None, grounds="the file runs to 40 volumes", actor=PROSECUTOR)
    assert (extended.id, extended.subject, extended.changed) == (started.id, "case-1", True)
    due = deadlines.get(started.id).due_at
    assert due > started.due_at

    clock.advance(timedelta(days=1))
    deadlines.suspend(started.id, grounds="legal assistance requested abroad", actor=JUDGE)
    clock.advance(timedelta(days=10))  # suspended for ten days by the clock
    resumed = deadlines.resume(started.id, grounds="assistance executed", actor=JUDGE)
    assert resumed.position > extended.position
    assert deadlines.get(started.id).due_at >= due + timedelta(days=10)

    clock.advance(timedelta(hours=2))
    met = deadlines.record_met(started.id, actor=CONSULTANT)  # met "now": the clock's now
    deadline = deadlines.get(started.id)
    assert deadline.status == Status.MET and met.changed
    events = list(deadlines.repository.event_store.get(started.id))
    assert [type(e).__name__ for e in events][-1] == "Met" and events[-1].met_at == clock.now()
    again = deadlines.record_met(started.id, actor=CONSULTANT)
    assert (again.id, again.subject, again.changed) == (started.id, "case-1", False)
    assert len(list(deadlines.repository.event_store.get(started.id))) == len(events)  # nothing recorded again


def test_an_event_started_deadline_starts_once_for_the_same_event(clocked):
    system, clock = clocked
    event = BaseEvent(type="kz.sotflow.registry.item-registered.v1", event_id="e-1", context="registry", log_position=7)
    first = system.deadlines.start(
        "cassation.return-inadmissible", subject="item-1", base_time=clock.now(), base_event=event, actor=HEAD
    )
    replayed = system.deadlines.start(
        "cassation.return-inadmissible", subject="item-1", base_time=clock.now(), base_event=event, actor=HEAD
    )
    assert (replayed.id, replayed.new, replayed.due_at, replayed.subject) == (first.id, False, first.due_at, "item-1")
    assert len(list(system.deadlines.repository.event_store.get(first.id))) == 1


def test_the_clock_decides_what_is_too_late_and_what_is_in_the_future(clocked):
    system, clock = clocked
    started = system.deadlines.start(
        "cassation.prosecutor-protest-decision", subject="case-2", base_time=clock.now(), actor=CONSULTANT
    )
    with pytest.raises(MetInTheFutureError):
        system.deadlines.record_met(started.id, met_at=clock.now() + timedelta(days=1), actor=CONSULTANT)
    clock.instant = started.due_at + timedelta(minutes=1)
    with pytest.raises(ExtensionAfterDueError):  # an extension is decided before the term ends
        system.deadlines.extend(started.id, term=None, grounds="decided too late", actor=PROSECUTOR)
    assert system.deadlines.get(started.id).extensions == 0


def test_calendar_orders_apply_from_their_date_by_the_clock(clocked):
    system, clock = clocked
    deadlines = system.deadlines
    transfer = deadlines.enter_transfer_order(
        from_day=date(2026, 7, 11), to_day=date(2026, 7, 10), effective_from=date(2026, 6, 15),
        source="Government decree No. 7 (test)", actor=HEAD,
    )  # fmt: skip
    kurban = deadlines.enter_kurban_ait(
        day=date(2027, 5, 17), effective_from=date(2026, 6, 20), source="DUMK (test)", actor=HEAD
    )
    assert (transfer.number, kurban.number) == (1, 2)
    calendar, revision = deadlines.calendar_in_effect()  # the clock's today: neither yet
    assert "+" not in revision and calendar.is_working_day(date(2026, 7, 10))
    clock.instant = datetime(2026, 6, 15, 9, 0, tzinfo=COURT_ZONE)
    calendar, revision = deadlines.calendar_in_effect()
    assert revision.endswith("+1") and not calendar.is_working_day(date(2026, 7, 10))
    assert calendar.is_working_day(date(2026, 7, 11))
    clock.advance(timedelta(days=5))
    calendar, revision = deadlines.calendar_in_effect()
    assert revision.endswith("+1,2") and not calendar.is_working_day(date(2027, 5, 17))

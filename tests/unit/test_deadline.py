"""The Deadline aggregate: started under a rule version, extended by whom the rule
allows, suspended and resumed, recomputed when the calendar changes, met, and the
watcher's approaching and missed recorded once per due instant."""

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.actor import Actor, Role
from domain.calendar.amendments import BUILTIN_REVISION, CourtCalendar, recomputation_reason
from domain.calendar.editions import KZ_2026_1, KZ_2026_2
from domain.calendar.working_days import WorkingCalendar
from domain.court_time import COURT_ZONE
from domain.deadlines.deadline import BaseEvent, Deadline, Status
from domain.deadlines.errors import (
    AlreadySuspendedError,
    DeadlineClosedError,
    ExtensionAfterDueError,
    ExtensionNotAllowedError,
    MetBeforeStartError,
    MetInTheFutureError,
    NotExtendableError,
    NotSuspendedError,
)
from domain.deadlines.rule_sets import rule_book
from domain.deadlines.terms import Term, Unit

CAL = WorkingCalendar()
BOOK = rule_book()
SYSTEM = Actor("system:deadline-starter", Role.SYSTEM)
HEAD = Actor("u-head", Role.HEAD)
PROSECUTOR = Actor("u-gp-system", Role.INTEGRATION_SERVICE, on_behalf_of="Prosecutor General's Office")
WATCHER = Actor("system:deadline-watcher", Role.SYSTEM)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=COURT_ZONE).astimezone(UTC)


def local(instant: datetime) -> str:
    return instant.astimezone(COURT_ZONE).isoformat()


def started(rule_id: str, base: str, subject: str = "case-1") -> Deadline:
    rule = BOOK.in_force(rule_id, at(base).astimezone(COURT_ZONE).date())
    return Deadline.start(
        rule, subject=subject, cycle=1, base_time=at(base),
        base_event=BaseEvent("kz.sotflow.registry.complaint-registered.v1", "e-1", "registry", 7),
        calendar=CAL, calendar_revision=BUILTIN_REVISION, actor=SYSTEM,
    )  # fmt: skip


def test_started_records_the_rule_version_base_and_due():
    deadline = started("cassation.return-inadmissible", "2025-09-01T10:30")
    (event,) = deadline.collect_events()
    assert (event.rule_id, event.rule_version, event.rule_set, event.clause) == (
        "cassation.return-inadmissible", 1, "upk-2025", "УПК 489",
    )  # fmt: skip
    assert event.base_time == at("2025-09-01T10:30") and event.due_at == at("2025-09-04T23:59:59")
    assert event.term == Term(3, Unit.CALENDAR_DAYS) and event.rolls_over
    assert deadline.id == Deadline.create_id("cassation.return-inadmissible", "case-1", 1)


def test_a_prosecutor_extends_by_one_month_at_a_time_and_a_head_may_not():
    deadline = started("cassation.prosecutor-protest-decision", "2025-11-14T12:00")  # due Mon 15 Dec
    rule = BOOK.version(deadline.rule_id, deadline.rule_version)
    with pytest.raises(ExtensionNotAllowedError, match="role head"):
        deadline.extend(rule, term=None, grounds="g", actor=HEAD, now=at("2025-12-01T10:00"), calendar=CAL)
    with pytest.raises(ExtensionNotAllowedError, match="1 month at a time"):
        deadline.extend(rule, term=Term(2, Unit.MONTHS), grounds="g", actor=PROSECUTOR, now=at("2025-12-01T10:00"),
                        calendar=CAL)  # fmt: skip
    now = at("2025-12-01T10:00")
    deadline.extend(rule, term=None, grounds="file is large", actor=PROSECUTOR, now=now, calendar=CAL)
    assert local(deadline.due_at) == "2026-01-15T23:59:59+05:00"
    deadline.extend(rule, term=None, grounds="more time", actor=PROSECUTOR, now=at("2026-01-10T10:00"), calendar=CAL)
    assert local(deadline.due_at) == "2026-02-16T23:59:59+05:00"  # 15 Feb is a Sunday
    extended = [e for e in deadline.collect_events() if isinstance(e, Deadline.Extended)]
    assert [e.reason for e in extended] == ["file is large", "more time"]


def test_an_application_answer_is_extended_to_at_most_two_months():
    deadline = started("applications.answer", "2025-03-03T10:00")  # due 28 March
    rule = BOOK.version(deadline.rule_id, 1)
    with pytest.raises(ExtensionNotAllowedError, match="must state"):
        deadline.extend(rule, term=None, grounds="g", actor=HEAD, now=at("2025-03-20T10:00"), calendar=CAL)
    with pytest.raises(ExtensionNotAllowedError, match="2 months"):
        deadline.extend(rule, term=Term(30, Unit.WORKING_DAYS), grounds="g", actor=HEAD, now=at("2025-03-20T10:00"),
                        calendar=CAL)  # fmt: skip
    deadline.extend(rule, term=Term(20, Unit.WORKING_DAYS), grounds="expert opinion needed", actor=HEAD,
                    now=at("2025-03-20T10:00"), calendar=CAL)  # fmt: skip
    assert deadline.due_at <= at("2025-05-05T23:59:59")


def test_no_extension_where_the_rule_has_none_or_after_the_term_ran_out():
    deadline = started("cassation.return-inadmissible", "2025-09-01T10:30")
    with pytest.raises(NotExtendableError):
        deadline.extend(BOOK.version(deadline.rule_id, 1), term=None, grounds="g", actor=HEAD,
                        now=at("2025-09-02T10:00"), calendar=CAL)  # fmt: skip
    prosecutor = started("cassation.prosecutor-protest-decision", "2025-11-14T12:00")
    with pytest.raises(ExtensionAfterDueError):
        prosecutor.extend(BOOK.version(prosecutor.rule_id, 1), term=None, grounds="g", actor=PROSECUTOR,
                          now=at("2025-12-16T09:00"), calendar=CAL)  # fmt: skip


def test_a_suspension_stops_the_term_and_the_resumption_moves_the_due_by_the_days_lost():
    deadline = started("cassation.decision", "2025-09-01T10:30")  # due Mon 2 March 2026
    deadline.suspend(grounds="legal assistance requested abroad (УПК 45(1)(5))", actor=HEAD, now=at("2025-10-01T12:00"))
    assert deadline.status == Status.SUSPENDED
    with pytest.raises(AlreadySuspendedError):
        deadline.suspend(grounds="again", actor=HEAD, now=at("2025-10-02T12:00"))
    # Nothing is noticed while suspended.
    assert not deadline.note_missed(now=at("2026-03-05T00:00"), actor=WATCHER)
    deadline.resume(grounds="assistance executed", actor=HEAD, now=at("2025-10-11T09:00"), calendar=CAL)
    # 10 days lost (1-10 October): 2 March + 10 days = 12 March 2026 (Thursday).
    assert local(deadline.due_at) == "2026-03-12T23:59:59+05:00"
    with pytest.raises(NotSuspendedError):
        deadline.resume(grounds="g", actor=HEAD, now=at("2025-10-12T09:00"), calendar=CAL)


def test_a_working_days_term_loses_only_the_working_days_of_a_suspension():
    deadline = started("applications.answer", "2025-03-03T10:00")  # due Fri 28 March
    deadline.suspend(grounds="g", actor=HEAD, now=at("2025-03-07T10:00"))  # Friday
    deadline.resume(grounds="g", actor=HEAD, now=at("2025-03-12T10:00"), calendar=CAL)  # Wednesday
    # Lost: 7 (Fri) and 11 (Tue) March: 8-9 weekend, 10 the moved day off. 28 March + 2 working days.
    assert local(deadline.due_at) == "2025-04-01T23:59:59+05:00"


def test_met_on_time_or_late_and_only_once():
    deadline = started("cassation.return-inadmissible", "2025-09-01T10:30")
    deadline.meet(met_at=at("2025-09-03T15:00"), met_by="kz.sotflow.proceedings.case-accepted.v1", event_id="e-9",
                  actor=SYSTEM)  # fmt: skip
    assert deadline.status == Status.MET
    with pytest.raises(DeadlineClosedError):
        deadline.meet(met_at=at("2025-09-03T16:00"), met_by="x", event_id=None, actor=SYSTEM)
    assert deadline.collect_events()[-1].on_time is True
    late = started("cassation.return-inadmissible", "2025-09-01T10:30", subject="case-2")
    late.meet(met_at=at("2025-09-05T09:00"), met_by="command", event_id=None, actor=HEAD)
    assert late.collect_events()[-1].on_time is False


def test_approaching_and_missed_are_recorded_once_per_due_instant():
    deadline = started("cassation.prosecutor-protest-decision", "2025-11-14T12:00")  # due 15 Dec 23:59:59
    window = timedelta(hours=48)
    assert not deadline.note_approaching(now=at("2025-12-13T20:00"), window=window, actor=WATCHER)  # too early
    assert deadline.note_approaching(now=at("2025-12-14T09:00"), window=window, actor=WATCHER)
    assert not deadline.note_approaching(now=at("2025-12-14T10:00"), window=window, actor=WATCHER)
    assert not deadline.note_missed(now=at("2025-12-15T23:00"), actor=WATCHER)  # not yet
    deadline.extend(BOOK.version(deadline.rule_id, 1), term=None, grounds="g", actor=PROSECUTOR,
                    now=at("2025-12-15T10:00"), calendar=CAL)  # fmt: skip
    # A new due instant may approach again.
    assert deadline.note_approaching(now=at("2026-01-14T09:00"), window=window, actor=WATCHER)
    assert deadline.note_missed(now=at("2026-01-16T00:00:01"), actor=WATCHER)
    assert not deadline.note_missed(now=at("2026-01-17T00:00"), actor=WATCHER)
    # Met late after it was missed: recorded, not on time.
    deadline.meet(met_at=at("2026-01-20T10:00"), met_by="command", event_id=None, actor=HEAD)
    names = [type(e).__name__ for e in deadline.collect_events()]
    assert names == ["Started", "Approached", "Extended", "Approached", "Missed", "Met"]


def test_a_deadline_long_past_due_is_missed_without_approaching():
    deadline = started("cassation.return-inadmissible", "2025-09-01T10:30")
    assert not deadline.note_approaching(now=at("2025-09-12T10:00"), window=timedelta(hours=48), actor=WATCHER)
    assert deadline.note_missed(now=at("2025-09-12T10:00"), actor=WATCHER)


def test_a_transfer_order_recomputes_an_open_deadline():
    deadline = started("cassation.case-file-dispatch", "2026-12-02T10:00")  # 7 days: Wednesday 9 December
    assert local(deadline.due_at) == "2026-12-09T23:59:59+05:00"
    calendar = CourtCalendar(actor=HEAD)
    calendar.enter_transfer(from_day=date(2026, 12, 12), to_day=date(2026, 12, 9), effective_from=date(2026, 12, 1),
                            source="Government decree (test)", actor=HEAD)  # fmt: skip
    assert deadline.recompute(calendar=calendar.calendar(), revision=calendar.revision(), reason="order 1",
                              actor=WATCHER)  # fmt: skip
    assert local(deadline.due_at) == "2026-12-10T23:59:59+05:00"
    assert deadline.calendar_revision == BUILTIN_REVISION + "+1"
    assert not deadline.recompute(calendar=calendar.calendar(), revision=calendar.revision(), reason="again",
                                  actor=WATCHER)  # fmt: skip


def test_recomputation_keeps_extensions_and_suspensions_and_spares_met_and_missed():
    deadline = started("cassation.prosecutor-protest-decision", "2026-11-20T12:00")  # 30 days: Sun 20 Dec -> 21 Dec
    rule = BOOK.version(deadline.rule_id, 1)
    deadline.extend(rule, term=None, grounds="g", actor=PROSECUTOR, now=at("2026-12-01T10:00"), calendar=CAL)
    assert local(deadline.due_at) == "2027-01-21T23:59:59+05:00"
    calendar = CourtCalendar(actor=HEAD)
    calendar.enter_transfer(from_day=date(2026, 12, 19), to_day=date(2026, 12, 21), effective_from=date(2026, 12, 1),
                            source="Government decree (test)", actor=HEAD)  # fmt: skip
    deadline.recompute(calendar=calendar.calendar(), revision=calendar.revision(), reason="order 1", actor=WATCHER)
    # 21 Dec is now off: the first term ends 22 Dec, and the month's extension on 22 January.
    assert local(deadline.due_at) == "2027-01-22T23:59:59+05:00"
    met = started("cassation.return-inadmissible", "2025-09-01T10:30", subject="case-met")
    met.meet(met_at=at("2025-09-02T10:00"), met_by="command", event_id=None, actor=HEAD)
    assert not met.recompute(calendar=calendar.calendar(), revision=calendar.revision(), reason="r", actor=WATCHER)
    missed = started("cassation.return-inadmissible", "2025-09-01T10:30", subject="case-missed")
    missed.note_missed(now=at("2025-09-10T10:00"), actor=WATCHER)
    assert not missed.recompute(calendar=calendar.calendar(), revision=calendar.revision(), reason="r", actor=WATCHER)


def test_staff_record_a_term_met_between_its_start_and_now():
    deadline = started("cassation.return-inadmissible", "2025-09-01T10:30")
    now = at("2025-09-04T12:00")
    with pytest.raises(MetBeforeStartError):
        deadline.record_met(met_at=at("2025-09-01T10:29"), now=now, actor=HEAD)
    with pytest.raises(MetInTheFutureError):
        deadline.record_met(met_at=now + timedelta(hours=1), now=now, actor=HEAD)
    assert deadline.status == Status.OPEN and not deadline.collect_events()[1:]
    deadline.record_met(met_at=at("2025-09-03T15:00"), now=now, actor=HEAD)
    met = deadline.collect_events()[-1]
    assert deadline.status == Status.MET and (met.met_by, met.on_time) == ("command", True)


# -- the 2026 edition: 30 August no longer Constitution Day ------------------------
@pytest.mark.parametrize(
    ("rule_id", "base", "due_old", "due_new"),
    [
        # 7 calendar days end on Sunday 30 August and roll over: past Monday 31 August
        # (a day off under kz-2026.1) to 1 September; to 31 August under kz-2026.2.
        ("cassation.case-file-dispatch", "2026-08-23T11:00", "2026-09-01", "2026-08-31"),
        # 5 working days from Tuesday 25 August: 26, 27, 28 August, then 31 August counts.
        ("proceedings.judicial-act-entry", "2026-08-25T15:00", "2026-09-02", "2026-09-01"),
        # 15 working days from 20 August run one day shorter.
        ("applications.answer", "2026-08-20T10:00", "2026-09-11", "2026-09-10"),
    ],
)
def test_a_term_across_the_end_of_august_2026_is_due_a_day_earlier_under_the_2026_edition(
    rule_id, base, due_old, due_new
):
    rule = BOOK.in_force(rule_id, date.fromisoformat(base[:10]))
    deadline = Deadline.start(
        rule, subject="case-aug", cycle=1, base_time=at(base), base_event=None,
        calendar=WorkingCalendar.of(KZ_2026_1), calendar_revision="kz-2026.1", actor=SYSTEM,
    )  # fmt: skip
    assert local(deadline.due_at) == f"{due_old}T23:59:59+05:00"
    reason = recomputation_reason(deadline.calendar_revision, [], KZ_2026_2)
    assert deadline.recompute(calendar=WorkingCalendar.of(KZ_2026_2), revision="kz-2026.2", reason=reason,
                              actor=WATCHER)  # fmt: skip
    assert local(deadline.due_at) == f"{due_new}T23:59:59+05:00"
    started_event, recomputed = deadline.collect_events()
    # The edition each due instant was computed under stays in the deadline's events.
    assert started_event.calendar_revision == "kz-2026.1" and recomputed.calendar_revision == "kz-2026.2"
    assert recomputed.previous_due == at(f"{due_old}T23:59:59") and "was kz-2026.1" in recomputed.reason
    assert local(Deadline.start(
        rule, subject="case-new", cycle=1, base_time=at(base), base_event=None,
        calendar=WorkingCalendar.of(KZ_2026_2), calendar_revision="kz-2026.2", actor=SYSTEM,
    ).due_at) == f"{due_new}T23:59:59+05:00"  # fmt: skip


def test_a_disposed_cases_deadline_is_closed_once_and_never_missed_met_or_moved():
    deadline = started("cassation.hearing-notice", "2026-03-02T10:00:00+05:00")
    deadline.suspend(grounds="legal assistance abroad", actor=HEAD, now=at("2026-03-03T10:00:00+05:00"))
    closed_at = at("2026-03-04T10:00:00+05:00")
    assert deadline.close(reason="case disposed: withdrawn", at=closed_at, closed_by="withdrawn", event_id="e-1",
                          actor=SYSTEM)  # fmt: skip
    assert deadline.status == Status.CLOSED
    assert not deadline.close(reason="again", at=closed_at, closed_by="withdrawn", event_id="e-1", actor=SYSTEM)
    long_after = deadline.due_at + timedelta(days=60)
    assert not deadline.note_missed(now=long_after, actor=WATCHER)
    assert not deadline.note_approaching(now=deadline.due_at - timedelta(hours=1), window=timedelta(days=2),
                                         actor=WATCHER)  # fmt: skip
    assert not deadline.recompute(calendar=CAL, revision="another", reason="order 1", actor=WATCHER)
    with pytest.raises(DeadlineClosedError, match="closed"):
        deadline.meet(met_at=long_after, met_by="x", event_id=None, actor=SYSTEM)
    closed = [e for e in deadline.collect_events() if type(e).__name__ == "Closed"]
    assert [(e.reason, e.closed_at) for e in closed] == [("case disposed: withdrawn", closed_at)]


def test_the_rule_book_names_what_disposes_of_a_case_and_why():
    assert BOOK.disposal_by("proceedings", "act-published", {}) == "case disposed: published"
    assert BOOK.disposal_by("proceedings", "joined-into", {"main_case_id": "c"}).endswith("joined into another case")
    assert BOOK.disposal_by("registry", "item-returned", {}) == "case disposed: returned"
    assert BOOK.disposal_by("proceedings", "judicial-act-entered", {"publishable": False}) is not None
    assert BOOK.disposal_by("proceedings", "judicial-act-entered", {"publishable": True}) is None  # publication next
    assert BOOK.disposal_by("proceedings", "ruling-entered", {}) is None

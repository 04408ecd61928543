"""Fixed, realistic examples of the deadlines context's events, for the docs."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from domain.actor import Actor, Role
from domain.calendar.amendments import CourtCalendar, recomputation_reason
from domain.calendar.editions import edition_on
from domain.court_time import COURT_ZONE
from domain.deadlines.deadline import BaseEvent, Deadline
from domain.deadlines.rule_sets import rule_book

CASE_ID = "9a491ce0-6964-4cf9-821b-0958c5fa29ec"


def _scenario() -> dict[type, object]:
    book = rule_book()
    head = Actor("u-5b1e07aa41c2", Role.HEAD)
    starter = Actor("system:deadline-starter", Role.SYSTEM)
    watcher = Actor("system:deadline-watcher", Role.SYSTEM)
    prosecutor = Actor("u-7c2d19e0aa31", Role.INTEGRATION_SERVICE, on_behalf_of="Prosecutor General's Office")
    now = datetime(2025, 9, 1, 5, 31, 12, tzinfo=UTC)

    calendar = CourtCalendar(actor=head)
    calendar.enter_transfer(
        from_day=date(2026, 1, 3), to_day=date(2026, 1, 5), effective_from=date(2025, 12, 15),
        source="Government decree No. 1111 of 10 December 2025 (example)", actor=head,
    )  # fmt: skip
    events: dict[type, object] = {type(e): dataclasses.replace(e, timestamp=now) for e in calendar.collect_events()}

    received = datetime(2025, 9, 1, 10, 30, tzinfo=COURT_ZONE)
    returned = Deadline.start(
        book.in_force("cassation.return-inadmissible", date(2025, 9, 1)), subject=CASE_ID, cycle=1,
        base_time=received,
        base_event=BaseEvent("kz.sotflow.registry.complaint-registered.v1", "06083542-4792-5c17-b4c1-2cc29ec01b65",
                             "registry", 18),
        calendar=calendar.calendar(as_of=date(2025, 9, 1)), calendar_revision=calendar.revision(as_of=date(2025, 9, 1)),
        actor=starter,
    )  # fmt: skip
    returned.note_approaching(now=datetime(2025, 9, 3, 10, 0, tzinfo=COURT_ZONE), window=timedelta(hours=48),
                              actor=watcher)  # fmt: skip
    returned.meet(
        met_at=datetime(2025, 9, 3, 15, 2, tzinfo=COURT_ZONE), met_by="kz.sotflow.proceedings.case-accepted.v1",
        event_id="5d0e3b1c-1f7a-5a9e-8c42-7f3e2b1d0c9a", actor=starter,
    )  # fmt: skip

    protest = Deadline.start(
        book.in_force("cassation.prosecutor-protest-decision", date(2025, 11, 14)), subject=CASE_ID, cycle=1,
        base_time=datetime(2025, 11, 14, 12, 0, tzinfo=COURT_ZONE), base_event=None,
        calendar=calendar.calendar(as_of=date(2025, 11, 14)),
        calendar_revision=calendar.revision(as_of=date(2025, 11, 14)), actor=head,
    )  # fmt: skip
    protest.extend(
        book.version(protest.rule_id, 1), term=None, grounds="the case file runs to 40 volumes", actor=prosecutor,
        now=datetime(2025, 12, 1, 10, 0, tzinfo=COURT_ZONE), calendar=calendar.calendar(),
    )  # fmt: skip
    protest.suspend(grounds="legal assistance requested from Uzbekistan (УПК 45(1)(5))", actor=head,
                    now=datetime(2025, 12, 5, 10, 0, tzinfo=COURT_ZONE))  # fmt: skip
    protest.resume(grounds="assistance executed", actor=head, now=datetime(2025, 12, 19, 10, 0, tzinfo=COURT_ZONE),
                   calendar=calendar.calendar())  # fmt: skip
    # The watcher on 15 December 2025, when order 1 takes effect.
    on = date(2025, 12, 15)
    reason = recomputation_reason(protest.calendar_revision, calendar.in_effect(on), edition_on(on))
    protest.recompute(calendar=calendar.calendar(as_of=on), revision=calendar.revision(as_of=on), reason=reason,
                      actor=watcher)  # fmt: skip
    protest.note_missed(now=datetime(2026, 1, 30, 9, 0, tzinfo=COURT_ZONE), actor=watcher)
    notice = Deadline.start(
        book.in_force("cassation.hearing-notice", date(2025, 10, 6)), subject=CASE_ID, cycle=1,
        base_time=datetime(2025, 10, 6, 11, 0, tzinfo=COURT_ZONE),
        base_event=BaseEvent("kz.sotflow.proceedings.case-file-received.v1", "7b3f0d2e-41a9-5c6e-9f10-2d8c4b7a1e53",
                             "proceedings", 41),
        calendar=calendar.calendar(as_of=date(2025, 10, 6)),
        calendar_revision=calendar.revision(as_of=date(2025, 10, 6)), actor=starter,
    )  # fmt: skip
    notice.close(
        reason="case disposed: withdrawn", at=datetime(2025, 10, 9, 16, 20, tzinfo=COURT_ZONE),
        closed_by="kz.sotflow.proceedings.complaint-withdrawn.v1", event_id="c41e9a07-5d2b-5f3e-8a61-0b9d7e2f4c18",
        actor=starter,
    )  # fmt: skip
    for deadline in (returned, protest, notice):
        for e in deadline.collect_events():
            events.setdefault(type(e), dataclasses.replace(e, timestamp=now))
    return events


DEADLINE_EXAMPLES = {cls: (lambda e=e: e) for cls, e in _scenario().items()}

"""Deadlines do not outlive their case: each disposal (publication, return, withdrawal,
joinder) closes every deadline of the case still running, with the reason, on the real
event store, Kafka and register."""

import threading
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
from psycopg.rows import dict_row

from consumers.deadline_starter import run_starter
from consumers.projection_worker import ProjectionWorker
from domain.actor import Actor, Role
from domain.deadlines.deadline import Deadline, Status
from domain.proceedings.case import DefendantOutcome, Outcome
from projections import deadline_register
from tests.support import registrar, relay_all, sample_particulars

HEAD = Actor("u-head", Role.HEAD)  # the court has no roster here: the head's office accepts
CLERK = Actor("u-clerk", Role.REGISTRAR)
PANEL = ("judge-1", "judge-2", "judge-3")
JUDGE = Actor("u-judge-1", Role.JUDGE, judge_court="cassation-criminal", judge_id="judge-1")


def registered(system, n: int, **changes) -> uuid.UUID:
    now = datetime.now(UTC)
    return system.registry.register_item(sample_particulars(n, now, **changes), actor=registrar(), now=now).id


def with_case_file(system, case_id: uuid.UUID) -> None:
    """Accepted, the case file requested and received: the hearing notice's ten days run."""
    p = system.proceedings
    p.accept_case(case_id, reason="admissible", actor=HEAD)
    p.request_case_file(case_id, from_court=None, actor=CLERK)
    p.receive_case_file(case_id, received_at=datetime.now(UTC), case_file_item_id=None, actor=CLERK)


def test_every_disposal_closes_every_deadline_of_its_case(system, settings):
    p = system.proceedings
    published, returned, withdrawn = (registered(system, n) for n in (1, 2, 3))
    main, joined = (registered(system, n, lower_court_case_ref="1-77/2025") for n in (4, 5))
    # Published: heard, ruled and published without the parties' notice being recorded.
    with_case_file(system, published)
    now = datetime.now(UTC)
    p.schedule_hearing(published, hearing_id="h-1", scheduled_for=now, room="2", public=True, actor=CLERK)
    p.hold_hearing(published, "h-1", held_at=now, panel=PANEL, substitution_reason="not distributed here", actor=CLERK)
    p.enter_ruling(published, outcomes=(DefendantOutcome("A.", Outcome.LEFT_UNCHANGED, "УПК 494"),), actor=JUDGE)
    p.enter_judicial_act(published, document_ref="dms://1", document_sha256="ab" * 32, publishable=True, actor=JUDGE)
    p.publish_act(published, portal_ref="https://office.sud.kz/acts/1", redacted=True, actor=CLERK)
    # Returned before acceptance (УПК 489); withdrawn and joined while the case file was awaited or in.
    p.return_item(returned, reason="not signed", legal_basis="УПК 489", actor=HEAD)
    p.accept_case(withdrawn, reason="admissible", actor=HEAD)
    p.request_case_file(withdrawn, from_court=None, actor=CLERK)  # the lower court's seven days run
    p.withdraw_complaint(withdrawn, reason="the convict's letter", actor=CLERK)
    with_case_file(system, main)
    with_case_file(system, joined)
    p.join_cases(main, [joined], reason="one lower-court case", actor=HEAD)

    relay_all(system, settings)
    starter = run_starter(system, threading.Event(), catch_up=True)
    relay_all(system, settings)  # the closures, for the register
    ProjectionWorker(deadline_register, settings, system.pool).run(threading.Event(), catch_up=True)

    published, returned, withdrawn, main, joined = (str(c) for c in (published, returned, withdrawn, main, joined))
    expected = {
        published: "case disposed: published",
        returned: "case disposed: returned",
        withdrawn: "case disposed: withdrawn",
        joined: "case disposed: joined into another case",
    }
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        for case_id, reason in expected.items():
            assert system.deadlines.open_deadlines_of(case_id) == [], case_id
            rows = deadline_register.of_subject(conn, settings.projection_schema, case_id)
            assert rows and all(r["status"] in ("met", "closed") for r in rows), (case_id, rows)
            assert {r["closed_reason"] for r in rows if r["status"] == "closed"} <= {reason}
        # What was still running at the disposal was closed, not met: the notice nobody sent,
        # the case file the lower court never sent.
        still_running = {published: "cassation.hearing-notice", withdrawn: "cassation.case-file-dispatch",
                         joined: "cassation.hearing-notice"}  # fmt: skip
        closed = {
            case_id: [(r["status"], r["closed_reason"]) for r in deadline_register.of_subject(
                conn, settings.projection_schema, case_id) if r["rule_id"] == rule_id]
            for case_id, rule_id in still_running.items()
        }  # fmt: skip
        assert closed == {case_id: [("closed", expected[case_id])] for case_id in still_running}
        # The main case goes on: its notice still runs.
        main_rows = deadline_register.of_subject(conn, settings.projection_schema, main)
        assert [r["status"] for r in main_rows if r["rule_id"] == "cassation.hearing-notice"] == ["open"]
    assert starter.closed >= 3

    # Closed is final: the watcher never reports it missed, long after its due instant.
    notice = system.deadlines.get(Deadline.create_id("cassation.hearing-notice", published, 1))
    assert notice.status == Status.CLOSED
    assert system.deadlines.note_missed(notice.id, now=notice.due_at + timedelta(days=30), actor=HEAD) is False

    # Read again (a restarted starter), nothing is closed twice.
    again = run_starter(system, threading.Event(), catch_up=True)
    assert again.closed == 0

"""The proceedings' use cases without HTTP: the context's named methods on the real event
store, with the process's clock set by the test."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from contexts.clock import SetClock
from domain.actor import Actor, JudgeNotEntitledError, Role
from domain.proceedings.case import DefendantOutcome, Outcome
from domain.proceedings.errors import (
    CaseAlreadyOpenError,
    ItemCannotOpenCaseError,
    NotYetHappenedError,
    VersionMismatchError,
)
from domain.registry.filing import ItemKind
from sotflow.bootstrap import bootstrap
from tests.support import registrar, sample_particulars

CLERK = Actor("u-clerk", Role.REGISTRAR)
PANEL = ("judge-1", "judge-2", "judge-3")


@pytest.fixture
def clocked(settings):
    clock = SetClock(datetime.now(UTC).replace(microsecond=0))
    system = bootstrap(settings, clock=clock)
    yield system, clock
    system.close()


def registered(system, n: int, **changes):
    now = system.clock.now()
    return system.registry.register_item(sample_particulars(n, now, **changes), actor=registrar(), now=now).id


def test_a_case_from_acceptance_to_publication_through_the_named_use_cases(clocked):
    system, clock = clocked
    proceedings = system.proceedings
    case_id = registered(system, 1)
    judge = Actor("u-judge", Role.JUDGE, judge_court="cassation-criminal", judge_id="judge-1")
    head = Actor("u-head", Role.HEAD)  # the court has no roster: no judge sits on the case, the head's office accepts

    with pytest.raises(JudgeNotEntitledError, match="not distributed yet"):
        proceedings.accept_case(case_id, reason="admissible", actor=judge)
    accepted = proceedings.accept_case(case_id, reason="admissible", actor=head, idempotency_key="k-accept")
    again = proceedings.accept_case(case_id, reason="admissible", actor=head, idempotency_key="k-accept")
    assert (accepted.stage, again.replayed, again.version) == ("accepted", True, accepted.version)

    requested = proceedings.request_case_file(case_id, from_court=None, actor=CLERK)
    assert proceedings.get_case(case_id).stage == requested.stage == "case_file_requested"
    with pytest.raises(VersionMismatchError):  # a step based on a stale read
        proceedings.receive_case_file(
            case_id, received_at=clock.now(), case_file_item_id=None, actor=CLERK, expected_version=accepted.version
        )
    proceedings.receive_case_file(case_id, received_at=clock.now(), case_file_item_id=None, actor=CLERK)
    hearing_at = clock.now() + timedelta(days=9)
    proceedings.schedule_hearing(
        case_id, hearing_id="h-1", scheduled_for=hearing_at, room="Hall 3", public=True, actor=CLERK
    )
    # The clock is the process's: nine days before the hearing, it has not happened yet.
    with pytest.raises(NotYetHappenedError):
        proceedings.hold_hearing(
            case_id, "h-1", held_at=hearing_at, panel=PANEL, substitution_reason="not distributed here", actor=CLERK
        )
    clock.advance(timedelta(days=9, hours=2))
    proceedings.hold_hearing(
        case_id, "h-1", held_at=hearing_at, panel=PANEL, substitution_reason="not distributed here", actor=CLERK
    )
    proceedings.enter_ruling(
        case_id, outcomes=(DefendantOutcome("Filer 1", Outcome.CHANGED, "УПК 494(1)(4)"),), actor=judge
    )
    clock.advance(timedelta(hours=3))
    proceedings.enter_judicial_act(
        case_id, document_ref="dms://acts/1", document_sha256="ab" * 32, publishable=True, actor=judge
    )
    published = proceedings.publish_act(case_id, portal_ref="https://office.sud.kz/acts/1", redacted=True,
                                        actor=CLERK)  # fmt: skip
    assert published.stage == "published"
    events = list(proceedings.repository.event_store.get(case_id))
    (act,) = [e for e in events if type(e).__name__ == "JudicialActEntered"]
    assert act.hours_after_hearing == 5.0  # by the clock set here: held at +9 d 0 h, entered at +9 d 5 h


def test_an_item_that_joins_a_case_does_not_open_one(clocked):
    system, _ = clocked
    case_id = registered(system, 2)
    case_file = registered(system, 3, kind=ItemKind.CASE_FILE, related_item_id=str(case_id))
    with pytest.raises(ItemCannotOpenCaseError):
        system.proceedings.accept_case(case_file, reason="admissible", actor=CLERK)
    assert dataclasses.is_dataclass(system.proceedings.accept_case(case_id, reason="admissible", actor=CLERK))


def test_a_process_whose_cached_case_is_behind_decides_again_on_the_stored_case(clocked, settings):
    """Two API processes: each keeps the cases it saved in its cache and decides the next
    command there without reading. When the other process moved the case meanwhile, the
    save finds its version taken; the command is decided again on the stored case, and
    recorded once, conditional and idempotent as ever."""
    first, clock = clocked
    second = bootstrap(settings, clock=clock)
    try:
        case_id = registered(first, 5)
        head = Actor("u-head", Role.HEAD)
        accepted = first.proceedings.accept_case(case_id, reason="admissible", actor=head)
        first.proceedings.receive_case_file(case_id, received_at=clock.now(), case_file_item_id=None, actor=CLERK)

        # The second process schedules the hearing: the first one's copy is now behind.
        hearing_at = clock.now()
        moved = second.proceedings.schedule_hearing(
            case_id, hearing_id="h-1", scheduled_for=hearing_at, room="Hall 3", public=True, actor=CLERK,
            idempotency_key="k-schedule",
        )  # fmt: skip
        assert moved.version == accepted.version + 2

        # A retry of that request sent to the first process is recognised, and records nothing.
        again = first.proceedings.schedule_hearing(
            case_id, hearing_id="h-1", scheduled_for=hearing_at, room="Hall 3", public=True, actor=CLERK,
            idempotency_key="k-schedule",
        )  # fmt: skip
        assert (again.replayed, again.version) == (True, moved.version)
        # If-Match of the current version is not refused for the first process's stale copy...
        clock.advance(timedelta(minutes=5))
        held = first.proceedings.hold_hearing(
            case_id, "h-1", held_at=clock.now(), panel=PANEL, substitution_reason="not distributed here",
            actor=CLERK, expected_version=moved.version,
        )  # fmt: skip
        assert (held.stage, held.version, held.replayed) == ("heard", moved.version + 1, False)
        # ...and a version already passed is refused, whichever process is asked.
        with pytest.raises(VersionMismatchError):
            second.proceedings.enter_ruling(
                case_id, outcomes=(DefendantOutcome("Filer 5", Outcome.CHANGED, "УПК 494(1)(4)"),),
                actor=Actor("u-judge", Role.JUDGE, judge_court="cassation-criminal", judge_id="judge-1"),
                expected_version=moved.version,
            )  # fmt: skip

        stored = list(first.proceedings.repository.event_store.get(case_id))
        assert [type(e).__name__ for e in stored] == ["Accepted", "CaseFileReceived", "HearingScheduled", "HearingHeld"]
        assert [e.originator_version for e in stored] == [1, 2, 3, 4]
        # A second acceptance, through either process, is refused and records nothing.
        for system in (first, second):
            with pytest.raises(CaseAlreadyOpenError):
                system.proceedings.accept_case(case_id, reason="admissible", actor=head)
        assert len(list(second.proceedings.repository.event_store.get(case_id))) == 4
    finally:
        second.close()

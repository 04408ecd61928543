"""The proceedings' use cases without HTTP: the context's named methods on the real event
store, with the process's clock set by the test."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from contexts.clock import SetClock
from domain.actor import Actor, JudgeNotEntitledError, Role
from domain.proceedings.case import DefendantOutcome, Outcome
from domain.proceedings.errors import ItemCannotOpenCaseError, NotYetHappenedError, VersionMismatchError
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

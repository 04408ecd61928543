"""Proceedings rules (pure domain), each test naming the clause or lifecycle rule it checks."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.actor import Actor, JudgeNotEntitledError, Role
from domain.procedure import Procedure
from domain.proceedings.case import CommandRef, DefendantOutcome, Outcome, ProceedingsCase, SuspensionAuthority
from domain.proceedings.errors import (
    CommandNotAllowedNowError,
    DuplicateDefendantError,
    HeldBeforeScheduledDayError,
    IdempotencyKeyReusedError,
    JoinDifferentCaseError,
    NoOutcomesError,
    NotPublishableError,
    NotYetHappenedError,
    PanelSizeError,
    SubstitutionReasonRequiredError,
    SuspensionTooLongError,
    UnknownHearingError,
)
from domain.proceedings.lifecycle import DISPOSED, FINAL, OPENING, TRANSITIONS, Stage, mermaid

JUDGE = Actor("u-judge", Role.JUDGE, judge_court="cc", judge_id="judge-1")
CLERK = Actor("u-clerk", Role.REGISTRAR)
T0 = datetime(2025, 9, 2, 5, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=60)  # "now" when a hearing is recorded as held
HEARD_AT = T0 + timedelta(days=14)  # the scheduled hearing's day
PANEL = ("judge-1", "judge-2", "judge-3")


def accepted(procedure=Procedure.CASSATION, ref="1-2231/2024") -> ProceedingsCase:
    return ProceedingsCase.accept(
        uuid.uuid4(), court="cc", procedure=procedure, lower_court_case_ref=ref, registration_number="cc-CC-1/2025",
        reason="admissible", actor=JUDGE,
    )  # fmt: skip


def scheduled(procedure=Procedure.CASSATION) -> ProceedingsCase:
    case = accepted(procedure)
    case.request_case_file(from_court="Almaty City Court", actor=CLERK)
    case.receive_case_file(received_at=T0, case_file_item_id=None, now=T0, actor=CLERK)
    case.schedule_hearing(hearing_id="h-1", scheduled_for=HEARD_AT, room="3", public=True, actor=CLERK)
    return case


def heard(panel=PANEL) -> ProceedingsCase:
    case = scheduled()
    case.hold_hearing(
        hearing_id="h-1", held_at=HEARD_AT, panel=panel, assigned_panel=PANEL, substitution_reason=None,
        now=LATER, actor=CLERK,
    )  # fmt: skip
    return case


def test_upk_489_an_item_is_returned_with_its_ground_without_being_accepted():
    case = ProceedingsCase.return_item(
        uuid.uuid4(), court="cc", reason="not signed by the filer", legal_basis="УПК 489", actor=JUDGE
    )
    assert case.stage == Stage.RETURNED
    (event,) = case.collect_events()
    assert (event.legal_basis, event.reason) == ("УПК 489", "not signed by the filer")
    with pytest.raises(CommandNotAllowedNowError):
        case.request_case_file(from_court="x", actor=CLERK)


def test_the_whole_lifecycle_from_acceptance_to_publication():
    case = heard()
    case.enter_ruling(outcomes=(DefendantOutcome("A.", Outcome.CHANGED, "УПК 494(1)(4)"),), actor=JUDGE)
    case.enter_judicial_act(
        document_ref="dms://1", document_sha256="ab" * 32, publishable=True, now=T0 + timedelta(days=15, hours=3),
        actor=JUDGE,
    )  # fmt: skip
    case.publish_act(portal_ref="portal://1", redacted=True, actor=CLERK)
    assert case.stage == Stage.PUBLISHED
    names = [type(e).__name__ for e in case.collect_events()]
    assert names == [
        "Accepted", "CaseFileRequested", "CaseFileReceived", "HearingScheduled", "HearingHeld", "RulingEntered",
        "JudicialActEntered", "ActPublished",
    ]  # fmt: skip


def test_timely_entry_the_time_from_hearing_to_entered_act_is_recorded():
    case = heard()
    case.enter_ruling(outcomes=(DefendantOutcome("A.", Outcome.LEFT_UNCHANGED, "УПК 494(1)(1)"),), actor=JUDGE)
    case.enter_judicial_act(
        document_ref="dms://1", document_sha256="ab" * 32, publishable=False, now=T0 + timedelta(days=16, hours=6),
        actor=JUDGE,
    )  # fmt: skip
    event = case.collect_events()[-1]
    assert event.hours_after_hearing == 54.0
    assert event.hearing_held_at == T0 + timedelta(days=14)
    with pytest.raises(NotPublishableError):
        case.publish_act(portal_ref="portal://1", redacted=False, actor=CLERK)


def test_upk_492_a_cassation_panel_is_three_judges_and_upk_592_extradition_one():
    with pytest.raises(PanelSizeError):
        heard(panel=("judge-1", "judge-2"))
    with pytest.raises(PanelSizeError):
        heard(panel=("judge-1", "judge-1", "judge-2"))
    single = scheduled(Procedure.EXTRADITION)
    single.hold_hearing(
        hearing_id="h-1", held_at=HEARD_AT, panel=("judge-5",), assigned_panel=("judge-5",), substitution_reason=None,
        now=LATER, actor=CLERK,
    )  # fmt: skip
    assert single.stage == Stage.HEARD


def test_a_panel_other_than_the_assigned_one_needs_a_written_reason():
    with pytest.raises(SubstitutionReasonRequiredError):
        heard(panel=("judge-1", "judge-2", "judge-9"))
    case = scheduled()
    case.hold_hearing(
        hearing_id="h-1", held_at=HEARD_AT, panel=("judge-1", "judge-2", "judge-9"), assigned_panel=PANEL,
        substitution_reason="judge-3 fell ill on the day; replaced by the chair's order No. 12", now=LATER,
        actor=CLERK,
    )  # fmt: skip
    event = case.collect_events()[-1]
    assert event.as_assigned is False and "fell ill" in event.reason


def test_a_postponed_hearing_is_rescheduled_and_only_the_current_hearing_can_be_held():
    case = scheduled()
    case.postpone_hearing(hearing_id="h-1", reason="the defender is ill", actor=CLERK)
    with pytest.raises(CommandNotAllowedNowError):
        case.hold_hearing(
            hearing_id="h-1", held_at=HEARD_AT, panel=PANEL, assigned_panel=PANEL, substitution_reason=None,
            now=LATER, actor=CLERK,
        )  # fmt: skip
    case.schedule_hearing(hearing_id="h-2", scheduled_for=T0 + timedelta(days=30), room="3", public=True, actor=CLERK)
    with pytest.raises(UnknownHearingError):
        case.hold_hearing(
            hearing_id="h-1", held_at=HEARD_AT, panel=PANEL, assigned_panel=PANEL, substitution_reason=None,
            now=LATER, actor=CLERK,
        )  # fmt: skip
    case.hold_hearing(
        hearing_id="h-2", held_at=T0 + timedelta(days=30), panel=PANEL, assigned_panel=PANEL, substitution_reason=None,
        now=LATER, actor=CLERK,
    )  # fmt: skip
    assert case.stage == Stage.HEARD


def test_a_ruling_states_one_outcome_per_defendant_with_its_legal_basis():
    with pytest.raises(NoOutcomesError):
        heard().enter_ruling(outcomes=(), actor=JUDGE)
    twice = (DefendantOutcome("A.", Outcome.CHANGED, "x"), DefendantOutcome("A.", Outcome.CANCELLED, "y"))
    with pytest.raises(DuplicateDefendantError):
        heard().enter_ruling(outcomes=twice, actor=JUDGE)
    with pytest.raises(CommandNotAllowedNowError):
        scheduled().enter_ruling(outcomes=(DefendantOutcome("A.", Outcome.CHANGED, "x"),), actor=JUDGE)


def test_only_a_judge_who_sat_at_the_hearing_enters_the_ruling_and_the_act():
    sat = ("judge-1", "judge-2", "judge-4")  # judge-4 sat in place of judge-3
    case = scheduled()
    case.hold_hearing(
        hearing_id="h-1", held_at=HEARD_AT, panel=sat, assigned_panel=PANEL, substitution_reason="judge-3 is ill",
        now=LATER, actor=CLERK,
    )  # fmt: skip
    ruling = (DefendantOutcome("A.", Outcome.CHANGED, "УПК 494(1)(4)"),)
    not_entitled = [
        Actor("u-3", Role.JUDGE, judge_court="cc", judge_id="judge-3"),  # assigned, but did not sit
        Actor("u-x", Role.JUDGE, judge_court="other-court", judge_id="judge-4"),  # same id, another court
        Actor("u-none", Role.JUDGE),  # an account linked to no judge
    ]
    for actor in not_entitled:
        with pytest.raises(JudgeNotEntitledError, match="did not sit at hearing h-1"):
            case.enter_ruling(outcomes=ruling, actor=actor)
    assert case.stage == Stage.HEARD
    case.enter_ruling(outcomes=ruling, actor=Actor("u-4", Role.JUDGE, judge_court="cc", judge_id="judge-4"))
    act = {"document_ref": "dms://1", "document_sha256": "ab" * 32, "publishable": False, "now": T0}
    with pytest.raises(JudgeNotEntitledError):
        case.enter_judicial_act(**act, actor=not_entitled[0])
    case.enter_judicial_act(**act, actor=JUDGE)
    assert case.stage == Stage.ACT_ENTERED


def test_an_actor_names_its_judge_by_both_court_and_id():
    with pytest.raises(ValueError, match="both"):
        Actor("u-1", Role.JUDGE, judge_id="judge-1")


@pytest.mark.parametrize(("until", "allowed"), [(date(2026, 3, 10), True), (date(2026, 3, 11), False)])
def test_upk_493_execution_is_suspended_for_at_most_six_months(until, allowed):
    case = accepted()
    suspend = lambda: case.suspend_execution(  # noqa: E731
        authority=SuspensionAuthority.PROSECUTOR_GENERAL, decided_on=date(2025, 9, 10), until=until,
        reason="pending the review", actor=Actor("svc-gp", Role.INTEGRATION_SERVICE),
    )  # fmt: skip
    if allowed:
        suspend()
        assert case.suspended_until == until and case.stage == Stage.ACCEPTED
    else:
        with pytest.raises(SuspensionTooLongError):
            suspend()


def test_a_complaint_may_be_withdrawn_before_the_hearing_only():
    case = scheduled()
    case.withdraw(reason="the convict's letter", actor=CLERK)
    assert case.stage == Stage.WITHDRAWN
    with pytest.raises(CommandNotAllowedNowError):
        heard().withdraw(reason="too late", actor=CLERK)


def test_complaints_on_the_same_lower_court_case_are_joined_and_the_joined_ones_close():
    main, other = accepted(), accepted()
    main.join([other], reason="two complaints against one verdict", actor=JUDGE)
    assert main.joined_cases == [str(other.id)]
    assert (other.stage, other.joined_into) == (Stage.JOINED, str(main.id))
    with pytest.raises(JoinDifferentCaseError):
        accepted().join([accepted(ref="1-999/2025")], reason="x", actor=JUDGE)


def test_a_retried_command_changes_nothing_and_a_reused_key_with_other_content_is_refused():
    case = accepted()
    ref = CommandRef("cmd-1", "digest-a")
    case.request_case_file(from_court="x", actor=CLERK, command=ref)
    assert case.already_done(ref)
    assert not case.already_done(CommandRef("cmd-2", "digest-a"))
    with pytest.raises(IdempotencyKeyReusedError):
        case.already_done(CommandRef("cmd-1", "digest-b"))


def test_the_lifecycle_table_is_consistent_and_drawn_whole():
    reachable = set(OPENING.values()) | {t for _, t in TRANSITIONS.values() if t}
    assert reachable == set(Stage), "every stage can be reached"
    assert all(not (sources & FINAL) for sources, _ in TRANSITIONS.values()), "nothing leaves a final stage"
    assert FINAL <= DISPOSED
    diagram = mermaid()
    for command, (sources, target) in TRANSITIONS.items():
        for source in sources if target else ():
            assert f"{source} --> {target}: {command}" in diagram


def test_a_hearing_is_held_on_its_day_or_later_and_recorded_once_it_has_happened():
    case = scheduled()
    hold = dict(hearing_id="h-1", panel=PANEL, assigned_panel=PANEL, substitution_reason=None, actor=CLERK)
    with pytest.raises(HeldBeforeScheduledDayError):
        case.hold_hearing(held_at=HEARD_AT - timedelta(days=1), now=LATER, **hold)
    with pytest.raises(NotYetHappenedError) as future:
        case.hold_hearing(held_at=HEARD_AT, now=HEARD_AT - timedelta(hours=1), **hold)
    assert future.value.field == "held_at" and case.stage == Stage.HEARING_SCHEDULED
    case.hold_hearing(held_at=HEARD_AT + timedelta(hours=2), now=HEARD_AT + timedelta(hours=2), **hold)
    assert case.stage == Stage.HEARD


def test_a_case_file_is_received_no_later_than_now():
    case = accepted()
    case.request_case_file(from_court="Almaty City Court", actor=CLERK)
    with pytest.raises(NotYetHappenedError) as future:
        case.receive_case_file(received_at=T0 + timedelta(days=1), case_file_item_id=None, now=T0, actor=CLERK)
    assert future.value.field == "received_at"
    case.receive_case_file(received_at=T0, case_file_item_id=None, now=T0, actor=CLERK)

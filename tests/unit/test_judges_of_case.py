"""Whose judge's account may act on a case: its panel, or the court's chairs before distribution."""

import pytest

from domain.actor import Actor, JudgeNotEntitledError, Role
from domain.proceedings.judges_of_case import JudgesOfCase

COURT = "cassation-criminal"


def judge(judge_id: str, court: str = COURT) -> Actor:
    return Actor(f"u-{judge_id}", Role.JUDGE, judge_court=court, judge_id=judge_id)


DISTRIBUTED = JudgesOfCase(COURT, ("judge-8", "judge-5", "judge-9"), chairs=())
WAITING = JudgesOfCase(COURT, None, chairs=("judge-0",))


def test_a_judge_on_the_panel_acts_and_one_off_it_is_refused():
    DISTRIBUTED.check(judge("judge-5"), "accept")
    with pytest.raises(JudgeNotEntitledError, match="judge judge-1 of cassation-criminal does not sit on this case"):
        DISTRIBUTED.check(judge("judge-1"), "accept")


def test_a_chair_is_no_judge_of_a_case_distributed_to_others():
    with pytest.raises(JudgeNotEntitledError, match="panel: judge-8, judge-5, judge-9"):
        distributed = JudgesOfCase(COURT, ("judge-8", "judge-5", "judge-9"), chairs=("judge-1",))
        distributed.check(judge("judge-1"), "return_item")


def test_the_same_judge_id_of_another_court_is_refused():
    with pytest.raises(JudgeNotEntitledError):
        DISTRIBUTED.check(judge("judge-5", court="appeal-civil"), "schedule_hearing")


def test_before_distribution_only_the_courts_chairs_act():
    WAITING.check(judge("judge-0"), "accept")
    with pytest.raises(JudgeNotEntitledError, match="not distributed yet.*chairs \\(judge-0\\)"):
        WAITING.check(judge("judge-3"), "accept")
    with pytest.raises(JudgeNotEntitledError, match="none on the roster"):
        JudgesOfCase(COURT, None).check(judge("judge-0"), "return_item")


def test_an_account_linked_to_no_judge_is_refused_and_other_roles_are_not_judged_here():
    with pytest.raises(JudgeNotEntitledError, match="linked to no judge"):
        DISTRIBUTED.check(Actor("u-j", Role.JUDGE), "withdraw")
    for role in (Role.REGISTRAR, Role.HEAD, Role.DEPUTY_HEAD, Role.INTEGRATION_SERVICE):
        DISTRIBUTED.check(Actor("u-x", role), "accept")
        JudgesOfCase(COURT, None).check(Actor("u-x", role), "accept")


def test_the_ruling_and_the_act_are_left_to_the_panel_that_sat():
    # A substitute who sat enters them (ProceedingsCase._check_sat decides), though not assigned.
    for step in ("enter_ruling", "enter_judicial_act"):
        DISTRIBUTED.check(judge("judge-1"), step)

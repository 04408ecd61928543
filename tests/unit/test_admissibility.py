"""Admissibility rules, one table per rule, each naming the clause it encodes."""

import dataclasses
from datetime import date, datetime, timedelta

import pytest

from domain.court_time import COURT_ZONE
from domain.registry.admissibility import (
    RULES,
    CheckContext,
    EarlierItem,
    Outcome,
    add_months,
    decide,
    rules_in_force,
    weekend_roll_over,
)
from domain.registry.filing import (
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    ItemParticulars,
    JudicialActKind,
    Offence,
    OffenceCategory,
    ProceduralRole,
)

CTX = CheckContext(weekend_roll_over)


def item(received: date, **changes) -> ItemParticulars:
    base = ItemParticulars(
        kind=ItemKind.CASSATION_COMPLAINT,
        court="cassation-criminal",
        received_at=datetime(received.year, received.month, received.day, 10, 0, tzinfo=COURT_ZONE),
        channel=FilingChannel.PAPER,
        filer=Filer("Abenov A.", ProceduralRole.VICTIM),
        lower_court_case_ref="1-2231/2024",
        contested_act=ContestedAct("Almaty City Court", JudicialActKind.VERDICT, date(2025, 7, 1), date(2025, 8, 1)),
        specialisation="criminal",
        offence=Offence("188 ч.2", OffenceCategory.MEDIUM),
        improves_position=False,
    )
    return dataclasses.replace(base, **changes)


def finding(particulars: ItemParticulars, rule_id: str, ctx: CheckContext = CTX):
    (found,) = [f for f in decide(particulars, ctx).findings if f.rule_id == rule_id]
    return found


# -- УПК 487: no term when improving; one year from entry into force when worsening ------
@pytest.mark.parametrize(
    ("received", "improves", "entered", "expected"),
    [
        (date(2026, 8, 1), False, date(2025, 8, 1), Outcome.PASSED),  # the last day of the year
        (date(2026, 8, 4), False, date(2025, 8, 1), Outcome.FAILED),
        (date(2030, 1, 9), True, date(2025, 8, 1), Outcome.PASSED),  # improving: no term at all
        (date(2026, 1, 9), None, date(2025, 8, 1), Outcome.NOT_CHECKABLE),
        (date(2026, 1, 9), False, None, Outcome.NOT_CHECKABLE),
    ],
)
def test_upk_487_filing_term(received, improves, entered, expected):
    act = ContestedAct("Almaty City Court", JudicialActKind.VERDICT, date(2025, 7, 1), entered)
    found = finding(item(received, improves_position=improves, contested_act=act), "filing-term.cassation")
    assert (found.clause, found.outcome) == ("УПК 487", expected)


def test_upk_487_last_day_on_a_saturday_rolls_over_to_monday():
    act = ContestedAct("Almaty City Court", JudicialActKind.VERDICT, date(2025, 7, 1), date(2025, 8, 1))
    # 1 August 2026 is a Saturday: a filing on Monday 3 August is in time (УПК 48).
    found = finding(item(date(2026, 8, 3), contested_act=act), "filing-term.cassation")
    assert found.outcome == Outcome.PASSED


# -- УПК 484(2): misdemeanours and minor crimes are not reviewable; lifted from 1 July 2027 --
@pytest.mark.parametrize(
    ("received", "category", "version", "expected"),
    [
        (date(2026, 3, 2), OffenceCategory.MISDEMEANOUR, 1, Outcome.FAILED),
        (date(2026, 3, 2), OffenceCategory.MINOR, 1, Outcome.FAILED),
        (date(2026, 3, 2), OffenceCategory.MEDIUM, 1, Outcome.PASSED),
        (date(2027, 6, 30), OffenceCategory.MINOR, 1, Outcome.FAILED),
        (date(2027, 7, 1), OffenceCategory.MINOR, 2, Outcome.PASSED),
        (date(2027, 7, 1), OffenceCategory.MISDEMEANOUR, 2, Outcome.PASSED),
    ],
)
def test_upk_484_2_non_reviewable_categories_by_rule_version(received, category, version, expected):
    particulars = item(received, improves_position=True, offence=Offence("190 ч.1", category))
    found = finding(particulars, "not-reviewable-category")
    assert found.clause.startswith("УПК 484(2)")
    assert (found.rule_version, found.outcome) == (version, expected)


# -- УПК ch. 52-1: six months after the cassation ruling when worsening -------------------
@pytest.mark.parametrize(
    ("received", "improves", "expected"),
    [(date(2026, 1, 12), False, Outcome.PASSED), (date(2026, 1, 13), False, Outcome.FAILED),
     (date(2028, 1, 1), True, Outcome.PASSED)],
)  # fmt: skip
def test_upk_52_1_exceptional_review_term(received, improves, expected):
    ruling = ContestedAct("Cassation court", JudicialActKind.RESOLUTION, date(2025, 7, 10))
    # 10 Jan 2026 + roll-over: a Saturday, so the term ends on Monday 12 January.
    particulars = item(received, kind=ItemKind.JUDGE_SUBMISSION, improves_position=improves, contested_act=ruling)
    found = finding(particulars, "filing-term.exceptional-review")
    assert (found.clause, found.outcome) == ("УПК гл. 52-1", expected)


# -- УПК 592: ten days from receiving the extradition decision's copy ---------------------
@pytest.mark.parametrize(
    ("received", "served", "expected"),
    [(date(2025, 9, 11), date(2025, 9, 1), Outcome.PASSED), (date(2025, 9, 12), date(2025, 9, 1), Outcome.FAILED),
     (date(2025, 9, 12), None, Outcome.NOT_CHECKABLE)],
)  # fmt: skip
def test_upk_592_extradition_complaint_term(received, served, expected):
    decision = ContestedAct("Prosecutor General", JudicialActKind.EXTRADITION_DECISION, date(2025, 8, 29), None, served)
    particulars = item(received, kind=ItemKind.EXTRADITION_COMPLAINT, contested_act=decision)
    found = finding(particulars, "filing-term.extradition")
    assert (found.clause, found.outcome) == ("УПК 592", expected)


# -- Petitions under the old procedure (УПК 490-491, repealed from 1 July 2025) -----------
@pytest.mark.parametrize(
    ("received", "expected"), [(date(2025, 6, 30), Outcome.PASSED), (date(2025, 7, 1), Outcome.FAILED)]
)
def test_legacy_petitions_only_before_1_july_2025(received, expected):
    particulars = item(received, kind=ItemKind.LEGACY_PETITION, improves_position=True)
    found = finding(particulars, "legacy-petition-closed")
    assert found.clause.startswith("УПК 490-491")
    assert found.outcome == expected


# -- Duplicates (returned under УПК 489) -------------------------------------------------
def test_a_duplicate_of_a_pending_item_fails_and_names_the_earlier_number():
    ctx = CheckContext(weekend_roll_over, (EarlierItem("id-1", "cc-CC-7/2025", returned=False),))
    found = finding(item(date(2025, 9, 1), improves_position=True), "not-a-duplicate", ctx)
    assert (found.clause, found.outcome) == ("УПК 489", Outcome.FAILED)
    assert "cc-CC-7/2025" in found.explanation


def test_refiling_after_a_return_is_not_a_duplicate():
    ctx = CheckContext(weekend_roll_over, (EarlierItem("id-1", "cc-CC-7/2025", returned=True),))
    assert finding(item(date(2025, 9, 1), improves_position=True), "not-a-duplicate", ctx).outcome == Outcome.PASSED


# -- The decision ---------------------------------------------------------------------
def test_the_decision_is_admissible_unless_a_rule_failed_and_its_ground_names_the_clauses():
    late_minor = item(date(2027, 1, 4), offence=Offence("190 ч.1", OffenceCategory.MINOR))
    decision = decide(late_minor, CTX)
    assert not decision.admissible
    assert {f.clause for f in decision.failed} == {"УПК 487", "УПК 484(2)"}
    assert "(УПК 487)" in decision.ground and "(УПК 484(2))" in decision.ground
    unclear = item(date(2026, 1, 5), improves_position=None)
    assert decide(unclear, CTX).admissible  # not checkable is for a person to look at, not a refusal


def test_case_files_have_no_admissibility_rules():
    assert rules_in_force(ItemKind.CASE_FILE, date(2026, 1, 1)) == []


def test_every_rule_names_a_clause_and_versions_of_one_rule_are_numbered_from_one():
    by_id: dict[str, list[int]] = {}
    for rule in RULES:
        assert rule.clause and rule.summary
        by_id.setdefault(rule.id, []).append(rule.version)
    assert all(sorted(v) == list(range(1, len(v) + 1)) for v in by_id.values())


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [(date(2025, 1, 31), 1, date(2025, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
     (date(2024, 2, 29), 12, date(2025, 2, 28)), (date(2025, 8, 31), 6, date(2026, 2, 28)),
     (date(2025, 12, 15), 1, date(2026, 1, 15))],
)  # fmt: skip
def test_months_end_on_the_same_day_or_the_months_last(start, months, expected):
    assert add_months(start, months) == expected


def test_rolling_over_skips_the_weekend_only():
    assert weekend_roll_over(date(2026, 8, 1)) == date(2026, 8, 3)
    assert weekend_roll_over(date(2026, 8, 3)) == date(2026, 8, 3)
    assert weekend_roll_over(date(2026, 8, 1) + timedelta(days=1)) == date(2026, 8, 3)

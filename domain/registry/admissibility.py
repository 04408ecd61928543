"""Admissibility of an incoming item: rules, each with its clause and its versions.

A rule never throws the item away: it yields a finding, and the findings together
make the decision recorded with the registration. An inadmissible item is still
registered, numbered and then returned with the ground (УПК 489), so nothing the
court received is lost. A rule's version is chosen by the date of receipt: the law
in force when the item was filed decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.court_time import court_date
from domain.registry.filing import ItemKind, ItemParticulars, OffenceCategory

# The day a term's last day falls on, moved to the next working day when it is a day
# off (УПК 48(3)). The working-day calendar is data held outside the domain.
RollOver = Callable[[date], date]

CURRENT_FLOW_FROM = date(2025, 7, 1)  # cassation court and УПК ch. 52-1 (Law of 2025 on the cassation courts)
CASSATION_KINDS = frozenset({ItemKind.CASSATION_COMPLAINT, ItemKind.PROSECUTOR_PROTEST})
EXCEPTIONAL_REVIEW_KINDS = frozenset({ItemKind.JUDGE_SUBMISSION, ItemKind.EXCEPTIONAL_REVIEW_APPLICATION})


FILING_TERM = "filing-term."  # the ids of the rules on filing terms start so


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_CHECKABLE = "not_checkable"  # a fact the rule needs was not filed; a person must look


@dataclass(frozen=True)
class Finding:
    rule_id: str
    rule_version: int
    clause: str
    outcome: Outcome
    explanation: str


@dataclass(frozen=True)
class AdmissibilityDecision:
    findings: tuple[Finding, ...]

    @property
    def admissible(self) -> bool:
        return all(f.outcome != Outcome.FAILED for f in self.findings)

    @property
    def failed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.outcome == Outcome.FAILED)

    @property
    def unchecked_filing_term(self) -> tuple[Finding, ...]:
        """The filing-term rules that could not be checked on what was filed: the item is
        admitted, and a registrar or judge confirms the term (IncomingItem.confirm_filing_term)."""
        return tuple(
            f for f in self.findings if f.outcome == Outcome.NOT_CHECKABLE and f.rule_id.startswith(FILING_TERM)
        )

    @property
    def ground(self) -> str:
        return "; ".join(f"{f.explanation} ({f.clause})" for f in self.failed)


@dataclass(frozen=True)
class EarlierItem:
    """An item registered before with the same fingerprint."""

    item_id: str
    registration_number: str | None
    returned: bool


@dataclass(frozen=True)
class CheckContext:
    roll_over: RollOver
    earlier_items: tuple[EarlierItem, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    version: int
    clause: str
    effective_from: date
    kinds: frozenset[ItemKind]
    check: Callable[[ItemParticulars, CheckContext], tuple[Outcome, str]]
    summary: str


def add_months(day: date, months: int) -> date:
    """The same day-of-month `months` later, or that month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _within(received: date, last_day: date, ctx: CheckContext) -> bool:
    return received <= ctx.roll_over(last_day)


def _cassation_filing_term(item: ItemParticulars, ctx: CheckContext) -> tuple[Outcome, str]:
    if item.improves_position:
        return Outcome.PASSED, "no term applies to a complaint that would improve the convict's position"
    if item.improves_position is None:
        return Outcome.NOT_CHECKABLE, "whether the request improves or worsens the convict's position was not stated"
    entered = item.contested_act.entered_into_force
    if entered is None:
        return Outcome.NOT_CHECKABLE, "the date the act entered into force was not stated"
    last_day = add_months(entered, 12)
    received = court_date(item.received_at)
    if _within(received, last_day, ctx):
        return Outcome.PASSED, f"filed within one year of the act's entry into force (until {last_day})"
    return (
        Outcome.FAILED,
        f"filed on {received}, more than one year after the act entered into force on {entered}; "
        "the term cannot be restored",
    )


def _exceptional_review_term(item: ItemParticulars, ctx: CheckContext) -> tuple[Outcome, str]:
    if item.improves_position:
        return Outcome.PASSED, "no term applies when the review would improve the convict's position"
    if item.improves_position is None:
        return Outcome.NOT_CHECKABLE, "whether the request improves or worsens the convict's position was not stated"
    ruling = item.contested_act.act_date
    last_day = add_months(ruling, 6)
    received = court_date(item.received_at)
    if _within(received, last_day, ctx):
        return Outcome.PASSED, f"filed within six months of the cassation ruling (until {last_day})"
    return Outcome.FAILED, f"filed on {received}, more than six months after the cassation ruling of {ruling}"


def _extradition_term(item: ItemParticulars, ctx: CheckContext) -> tuple[Outcome, str]:
    served = item.contested_act.copy_received_on
    if served is None:
        return Outcome.NOT_CHECKABLE, "the date the person received the copy of the decision was not stated"
    last_day = served + timedelta(days=10)
    received = court_date(item.received_at)
    if _within(received, last_day, ctx):
        return Outcome.PASSED, f"filed within 10 days of receiving the decision's copy (until {last_day})"
    return Outcome.FAILED, f"filed on {received}, more than 10 days after the copy was received on {served}"


def _not_reviewable_category(item: ItemParticulars, ctx: CheckContext) -> tuple[Outcome, str]:  # noqa: ARG001
    if item.offence is None:
        return Outcome.NOT_CHECKABLE, "the offence and its category were not stated"
    if item.offence.category in (OffenceCategory.MISDEMEANOUR, OffenceCategory.MINOR):
        return (
            Outcome.FAILED,
            f"acts in cases of {item.offence.category.value} offences are not reviewable in cassation",
        )
    return Outcome.PASSED, f"a {item.offence.category.value} offence is reviewable in cassation"


def _every_category_reviewable(item: ItemParticulars, ctx: CheckContext) -> tuple[Outcome, str]:  # noqa: ARG001
    return Outcome.PASSED, "from 1 July 2027 acts in cases of every category are reviewable in cassation"


def _legacy_petition_closed(item: ItemParticulars, ctx: CheckContext) -> tuple[Outcome, str]:  # noqa: ARG001
    received = court_date(item.received_at)
    if received < CURRENT_FLOW_FROM:
        return Outcome.PASSED, "received while the petition procedure was in force"
    return (
        Outcome.FAILED,
        f"received on {received}, after the petition procedure was abolished on {CURRENT_FLOW_FROM}; "
        "a cassation complaint is filed with the cassation court instead",
    )


def _not_a_duplicate(item: ItemParticulars, ctx: CheckContext) -> tuple[Outcome, str]:  # noqa: ARG001
    pending = [e for e in ctx.earlier_items if not e.returned]
    if not pending:
        return Outcome.PASSED, "no earlier registration of the same request is pending"
    numbers = ", ".join(e.registration_number or e.item_id for e in pending)
    return Outcome.FAILED, f"duplicate of the request already registered as {numbers}"


FILED_REQUESTS = CASSATION_KINDS | EXCEPTIONAL_REVIEW_KINDS | {ItemKind.LEGACY_PETITION, ItemKind.EXTRADITION_COMPLAINT}

RULES: tuple[Rule, ...] = (
    Rule(
        "filing-term.cassation",
        1,
        "УПК 487",
        CURRENT_FLOW_FROM,
        CASSATION_KINDS,
        _cassation_filing_term,
        "No term when the request improves the convict's position; otherwise one year from the act's "
        "entry into force, which cannot be restored.",
    ),
    Rule(
        "filing-term.exceptional-review",
        1,
        "УПК гл. 52-1",
        CURRENT_FLOW_FROM,
        EXCEPTIONAL_REVIEW_KINDS,
        _exceptional_review_term,
        "No term when the review improves the convict's position; otherwise six months after the cassation ruling.",
    ),
    Rule(
        "filing-term.extradition",
        1,
        "УПК 592",
        date(2015, 1, 1),
        frozenset({ItemKind.EXTRADITION_COMPLAINT}),
        _extradition_term,
        "Ten days from the person's receipt of the copy of the Prosecutor General's extradition decision.",
    ),
    Rule(
        "not-reviewable-category",
        1,
        "УПК 484(2)",
        CURRENT_FLOW_FROM,
        CASSATION_KINDS,
        _not_reviewable_category,
        "Acts in cases of criminal misdemeanours and crimes of minor gravity are not reviewable in cassation.",
    ),
    Rule(
        "not-reviewable-category",
        2,
        "УПК 484(2), as amended from 1 July 2027",
        date(2027, 7, 1),
        CASSATION_KINDS,
        _every_category_reviewable,
        "The exclusion of misdemeanours and minor crimes is lifted: every category is reviewable.",
    ),
    Rule(
        "legacy-petition-closed",
        1,
        "УПК 490-491 (repealed from 1 July 2025)",
        date(2015, 1, 1),
        frozenset({ItemKind.LEGACY_PETITION}),
        _legacy_petition_closed,
        "Petitions under the old procedure are accepted only if received before 1 July 2025.",
    ),
    Rule(
        "not-a-duplicate",
        1,
        "УПК 489",
        date(2015, 1, 1),
        FILED_REQUESTS,
        _not_a_duplicate,
        "The same request from the same filer against the same act is registered once while it is pending.",
    ),
)


def rules_in_force(kind: ItemKind, on: date, rules: tuple[Rule, ...] = RULES) -> list[Rule]:
    """For each rule id, the latest version in force on the day, if it applies to the kind."""
    latest: dict[str, Rule] = {}
    for rule in rules:
        if kind in rule.kinds and rule.effective_from <= on:
            if rule.id not in latest or rule.version > latest[rule.id].version:
                latest[rule.id] = rule
    return list(latest.values())


def decide(item: ItemParticulars, ctx: CheckContext, rules: tuple[Rule, ...] = RULES) -> AdmissibilityDecision:
    findings = []
    for rule in rules_in_force(item.kind, court_date(item.received_at), rules):
        outcome, explanation = rule.check(item, ctx)
        findings.append(Finding(rule.id, rule.version, rule.clause, outcome, explanation))
    return AdmissibilityDecision(tuple(findings))


def weekend_roll_over(day: date) -> date:
    """The roll-over with only weekends as days off: for callers without the calendar."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day

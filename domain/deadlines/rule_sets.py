"""The rule sets in force: every term in the shared domain facts, as data.

A change in the law is a new version of a rule (with its effective-from date) or a
new rule set, added here; a published version is never edited, because deadlines
started under it keep it. Rules without start events are started by a command
(their starting event is not on sotflow's log yet, or the term is computed for an
admissibility check rather than watched).

Two points the statute list leaves open are rule parameters (settings):
- whether the 6 months of УПК 492 run from the complaint or from the case file;
- the term for entering a judicial act after the hearing (the court's own rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from domain.actor import Role
from domain.deadlines.rules import EventType, ExtensionPolicy, Rule, RuleBook
from domain.deadlines.terms import Term, Unit

CURRENT_SET = "upk-2025"  # criminal cassation and exceptional review from 1 July 2025
LEGACY_SET = "upk-legacy"  # the Supreme Court's criminal collegium until 30 June 2025
UPK = "upk"  # УПК provisions unchanged by the 2025 reform
APPK = "appk"  # Administrative Procedure and Process Code
GPK = "gpk"  # Civil Procedure Code
COURT = "court"  # the court's own rules

REFORM = date(2025, 7, 1)
UPK_2014 = date(2015, 1, 1)  # the Criminal Procedure Code of 2014 in force
GPK_2015 = date(2016, 1, 1)  # the Civil Procedure Code of 2015 in force
APPK_2020 = date(2021, 7, 1)  # the Administrative Procedure and Process Code in force


def days(n: int) -> Term:
    return Term(n, Unit.CALENDAR_DAYS)


def months(n: int) -> Term:
    return Term(n, Unit.MONTHS)


def working_days(n: int) -> Term:
    return Term(n, Unit.WORKING_DAYS)


def registry(name: str, **where) -> EventType:
    return EventType("registry", name, tuple(sorted(where.items())))


def proceedings(name: str) -> EventType:
    return EventType("proceedings", name)


def applications(name: str) -> EventType:
    return EventType("applications", name)


def archive(name: str) -> EventType:
    return EventType("archive", name)


def inforequests(name: str) -> EventType:
    return EventType("inforequests", name)


def personnel(name: str, **where) -> EventType:
    return EventType("personnel", name, tuple(sorted(where.items())))


def international(name: str, **where) -> EventType:
    return EventType("international", name, tuple(sorted(where.items())))


# An application leaves the court's hands when answered or redirected (АППК 76).
APPLICATION_DONE = (applications("answer-sent"), applications("application-redirected"))


# A cassation complaint or a prosecutor's protest registered. `complaint-registered`
# is the older public type of the same registration (complaints only): both are read,
# and the starter takes one registration once whichever it reads.
CASSATION_FILED = (
    registry("complaint-registered"),
    registry("item-registered", kind="cassation_complaint"),
    registry("item-registered", kind="prosecutor_protest"),
)

# What ends the cassation proceedings without a ruling on the merits: the case no
# longer needs deciding.
CASE_CLOSED = (proceedings("complaint-withdrawn"), proceedings("item-returned"), registry("item-returned"))
EXTRADITION_COMPLAINT = "extradition_complaint"

# What disposes of a case for good (its final stages, domain/proceedings/lifecycle.py): every
# deadline of the case still running is then closed with the reason, so none outlives
# the case and turns missed later. An act not to be published ends the case when entered.
CASE_DISPOSED = (
    (proceedings("act-published"), "case disposed: published"),
    (EventType("proceedings", "judicial-act-entered", (("publishable", False),)), "case disposed: act entered, "
     "not to be published"),
    (proceedings("item-returned"), "case disposed: returned"),
    (registry("item-returned"), "case disposed: returned"),
    (proceedings("complaint-withdrawn"), "case disposed: withdrawn"),
    (proceedings("joined-into"), "case disposed: joined into another case"),
)  # fmt: skip


@dataclass(frozen=True)
class RuleParameters:
    decision_term_from: Literal["complaint", "case_file"] = "complaint"
    act_entry_working_days: int = 5


def current_rules(p: RuleParameters) -> list[Rule]:
    decision_start = CASSATION_FILED
    if p.decision_term_from == "case_file":
        decision_start = (proceedings("case-file-received"),)
    return [
        Rule(
            "cassation.filing-to-worsen", 1, CURRENT_SET, "УПК 487",
            "Cassation complaint or protest that would worsen the convict's position, or attacks an acquittal or "
            "termination: filed within 1 year of the act's entry into force",
            months(12), REFORM,
            note="Computed for the admissibility check from the act's entry into force; cannot be restored. "
            "No term when the complaint would improve the convict's position.",
        ),
        Rule(
            "cassation.return-inadmissible", 1, CURRENT_SET, "УПК 489",
            "An inadmissible complaint is returned by letter within 3 days (суток) of receipt",
            days(3), REFORM,
            starts_on=CASSATION_FILED,
            met_by=(proceedings("case-accepted"), proceedings("item-returned"), registry("item-returned")),
            base_time_field="received_at",
        ),
        Rule(
            "cassation.case-file-dispatch", 1, CURRENT_SET, "УПК 486(4)",
            "A court sends a case file the cassation court requested within 7 days",
            days(7), REFORM,
            starts_on=(proceedings("case-file-requested"),),
            met_by=(proceedings("case-file-received"),),
        ),
        Rule(
            "cassation.hearing-notice", 1, CURRENT_SET, "УПК 492",
            "Within 10 days of receiving the case file the parties get copies of the complaint and notice of the "
            "hearing",
            days(10), REFORM,
            starts_on=(proceedings("case-file-received"),),
            met_by=(proceedings("parties-notified"), *CASE_CLOSED),
            base_time_field="received_at",
            note="Article as the domain facts place it; the paragraph was not verified.",
        ),
        Rule(
            "cassation.decision", 1, CURRENT_SET, "УПК 492",
            "The case is decided in a reasonable time, at most 6 months from receipt",
            months(6), REFORM,
            starts_on=decision_start,
            met_by=(proceedings("ruling-entered"), *CASE_CLOSED),
            base_time_field="received_at",
            note=f"Runs from the {p.decision_term_from.replace('_', ' ')} (setting "
            "SOTFLOW_DEADLINE_DECISION_TERM_FROM); the statute leaves it open.",
        ),
        Rule(
            "cassation.prosecutor-protest-decision", 1, CURRENT_SET, "УПК 486",
            "The prosecutor decides on a request to bring a protest within 30 days of getting the case file",
            days(30), REFORM,
            extension=ExtensionPolicy(
                (Role.INTEGRATION_SERVICE,), step=months(1),
                note="Extended by 1 month at a time, by the prosecutor's office (through its system).",
            ),
        ),
        Rule(
            "cassation.execution-suspension", 1, CURRENT_SET, "УПК 493",
            "Execution suspended by the Supreme Court Chair or the Prosecutor General for up to 6 months",
            months(6), REFORM,
            starts_on=(proceedings("execution-suspended"),),
            met_by=(proceedings("ruling-entered"), *CASE_CLOSED),
            note="The end of the longest suspension; met when the case is decided.",
        ),
        Rule(
            "supreme.exceptional-review-to-worsen", 1, CURRENT_SET, "УПК 498-1 to 498-4 (ch. 52-1)",
            "A submission or protest for exceptional review that would worsen the convict's position: within 6 "
            "months of the cassation ruling",
            months(6), REFORM,
            note="Computed for the admissibility check; no term when it would improve the convict's position.",
        ),
    ]  # fmt: skip


def legacy_rules() -> list[Rule]:
    head = ExtensionPolicy((Role.HEAD, Role.DEPUTY_HEAD), step=months(1), note="Extended by 1 month at a time.")
    return [
        Rule(
            "legacy.petition-study", 1, LEGACY_SET, "УПК 490 (text until 30 June 2025)",
            "A petition is studied by a judge within 10 days", days(10), UPK_2014, retired_from=REFORM,
            starts_on=(registry("item-registered", kind="legacy_petition"),), base_time_field="received_at",
        ),
        Rule(
            "legacy.preliminary-review", 1, LEGACY_SET, "УПК 491 (text until 30 June 2025)",
            "Preliminary review by three judges within 30 days of receipt (or of receipt of the requested file)",
            days(30), UPK_2014, retired_from=REFORM, extension=head,
        ),
        Rule(
            "legacy.transfer-to-hearing", 1, LEGACY_SET, "УПК 491 (text until 30 June 2025)",
            "A petition passed to the hearing is transferred within 5 days", days(5), UPK_2014, retired_from=REFORM,
        ),
        Rule(
            "legacy.hearing", 1, LEGACY_SET, "УПК 492 (text until 30 June 2025)",
            "The hearing within 30 days of transfer", days(30), UPK_2014, retired_from=REFORM, extension=head,
        ),
    ]  # fmt: skip


def other_rules(p: RuleParameters) -> list[Rule]:
    return [
        Rule(
            "extradition.complaint-filing", 1, UPK, "УПК 592",
            "A complaint against the Prosecutor General's extradition decision: within 10 days of receiving its copy",
            days(10), UPK_2014, note="The person's own term, computed when the complaint arrives.",
        ),
        Rule(
            "extradition.complaint-forwarding", 1, UPK, "УПК 592",
            "The detention facility forwards the complaint within 24 hours",
            Term(24, Unit.HOURS), UPK_2014,
        ),
        Rule(
            "extradition.materials-dispatch", 1, UPK, "УПК 592",
            "The Prosecutor General sends the materials to the court within 10 days", days(10), UPK_2014,
        ),
        Rule(
            "extradition.complaint-decision", 1, UPK, "УПК 592",
            "One Supreme Court judge decides the complaint in open session within 1 month",
            months(1), UPK_2014,
            starts_on=(registry("item-registered", kind=EXTRADITION_COMPLAINT),),
            met_by=(proceedings("ruling-entered"), *CASE_CLOSED),
            base_time_field="received_at",
            extension=ExtensionPolicy(
                (Role.HEAD, Role.DEPUTY_HEAD),
                note="Extendable in exceptional cases; the decision states for how long.",
            ),
        ),
        Rule(
            "applications.answer", 1, APPK, "АППК 76",
            "An application of an individual or legal entity is answered within 15 working days of receipt",
            working_days(15), APPK_2020,
            extension=ExtensionPolicy(
                (Role.HEAD, Role.DEPUTY_HEAD), max_total=months(2),
                note="By a reasoned decision of the head or a deputy, to at most 2 months in all.",
            ),
            starts_on=(applications("application-registered"),),
            met_by=APPLICATION_DONE,
            base_time_field="received_at",
            note="Not for complaints that are procedural acts (АППК 3(4)(1)): those follow the УПК.",
            # The head's decision in the applications context moves this term to its new last day.
            extended_by=(applications("answer-term-extended"),),
        ),
        Rule(
            "applications.extension-notice", 1, APPK, "АППК 76",
            "The applicant is told of the extension within 3 working days",
            working_days(3), APPK_2020,
            # Either record of the extension starts the notice term; the second finds it
            # open and starts nothing (Deadlines.start).
            starts_on=(
                EventType("deadlines", "deadline-extended", (("rule_id", "applications.answer"),)),
                applications("answer-term-extended"),
            ),
            met_by=(applications("extension-notified"), *APPLICATION_DONE),
        ),
        Rule(
            "applications.redirect", 1, APPK, "АППК 76",
            "An application outside the body's competence is forwarded within 3 working days, the applicant "
            "notified", working_days(3), APPK_2020,
            # Every application is decided on competence within 3 working days: assigning it
            # to a consultant decides it is the court's; redirecting it decides it is not.
            starts_on=(applications("application-registered"),),
            met_by=(applications("application-redirected"), applications("consultant-assigned"),
                    applications("answer-sent")),
            base_time_field="received_at",
        ),
        Rule(
            "international.original-by-post", 1, UPK, "УПК 560(4)",
            "The original of a request sent electronically follows by post within 3 days", days(3), UPK_2014,
            starts_on=(international("request-sent-abroad", electronically=True),),
            met_by=(international("original-posted"), international("request-closed")),
        ),
        Rule(
            "international.foreign-court-order", 1, GPK, "ГПК 476",
            "A foreign court's order (Hague Service Convention 1965) is carried out within 1 month of the addressed "
            "court receiving it", months(1), GPK_2015,
            starts_on=(international("request-forwarded", kind="incoming_letter_rogatory"),),
            met_by=(international("execution-reported"), international("request-closed")),
            note="Runs from forwarding: the addressed court's receipt is not on sotflow's log.",
        ),
        Rule(
            "proceedings.judicial-act-entry", 1, COURT, "the court's rules on entering judicial acts (a setting)",
            f"The judicial act is entered within {p.act_entry_working_days} working days after the hearing",
            working_days(p.act_entry_working_days), REFORM,
            starts_on=(proceedings("hearing-held"),),
            met_by=(proceedings("judicial-act-entered"),),
            base_time_field="held_at",
            note="Term set by SOTFLOW_DEADLINE_ACT_ENTRY_WORKING_DAYS; a deadline records the term it ran with.",
        ),
        Rule(
            "inforequests.answer", 1, APPK, "АППК 76 (applied: 000 §7.3 sets no term)",
            "A request for information or analysis is answered within 15 working days of receipt",
            working_days(15), APPK_2020,
            extension=ExtensionPolicy(
                (Role.HEAD, Role.DEPUTY_HEAD), max_total=months(2),
                note="By a reasoned decision of the head or a deputy, to at most 2 months in all (as АППК 76).",
            ),
            starts_on=(inforequests("request-registered"),),
            met_by=(inforequests("answer-sent"),),
            base_time_field="received_at",
            extended_by=(inforequests("answer-term-extended"),),
            note="Neither the statute (000 §7.3) nor the domain facts set a term for these requests: the general "
            "term for answering applications (АППК 76) is applied, as for applications [U].",
        ),
        Rule(
            "archive.file-return", 1, COURT, "the court's records-management instruction [U] (004 §15.14)",
            "An archived file issued on request is returned within 1 month", months(1), REFORM,
            starts_on=(archive("file-issued"),),
            met_by=(archive("file-returned"),),
            base_time_field="issued_at",
            note="The archive records the due instant with the issue (the same rule and calendar); a file not "
            "returned by then is reported missed and shows overdue in the register of files issued.",
        ),
        Rule(
            "personnel.trip-report", 1, COURT, "003 §7.11; the term is the court's instruction [U]",
            "The final report of a foreign business trip is submitted within 5 working days of the return",
            working_days(5), REFORM,
            starts_on=(personnel("trip-sent", foreign=True),),
            met_by=(personnel("trip-reported"), personnel("absence-cancelled", kind="business_trip")),
            base_time_field="returns_at",
            note="003 §7.11 has the department monitor foreign trips and post their final reports, with no term; "
            "5 working days from the return day is an assumption to confirm. The personnel context records the "
            "due instant with the trip (the same rule and calendar); a report not submitted by then is missed.",
        ),
    ]  # fmt: skip


def rule_book(parameters: RuleParameters | None = None) -> RuleBook:
    p = parameters or RuleParameters()
    return RuleBook([*current_rules(p), *legacy_rules(), *other_rules(p)], CASE_DISPOSED)

"""Every rule of the rule sets, table-driven: its clause, and the due instant it
gives for a start, in the court's zone. Then the counting rules of УПК 48, the
versions, and the property that a rolled-over term never ends on a day off."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.calendar.working_days import WorkingCalendar
from domain.court_time import COURT_ZONE, court_date
from domain.deadlines.errors import NoRuleInForceError, UnknownRuleError
from domain.deadlines.rule_sets import RuleParameters, rule_book
from domain.deadlines.rules import EventType, Rule, RuleBook
from domain.deadlines.terms import Term, Unit, add_months, extended_due

CAL = WorkingCalendar()
BOOK = rule_book()

# (rule id, clause, start (court time), due (court time), why)
RULE_TABLE = [
    ("cassation.return-inadmissible", "УПК 489", "2025-09-01T10:30", "2025-09-04T23:59:59", "3 days from receipt"),
    ("cassation.return-inadmissible", "УПК 489", "2025-10-22T16:00", "2025-10-28T23:59:59",
     "ends on Republic Day (Sat): 26 Sun, 27 moved day off, so Tue 28"),
    ("cassation.case-file-dispatch", "УПК 486(4)", "2025-09-01T09:00", "2025-09-08T23:59:59", "7 days"),
    ("cassation.case-file-dispatch", "УПК 486(4)", "2025-12-26T09:00", "2026-01-05T23:59:59",
     "year end: 2 Jan holiday, weekend, Monday 5 Jan"),
    ("cassation.hearing-notice", "УПК 492", "2025-08-20T11:00", "2025-09-02T23:59:59",
     "ends 30 Aug (Sat, Constitution Day); 1 Sep is the moved day off"),
    ("cassation.decision", "УПК 492", "2025-09-01T10:30", "2026-03-02T23:59:59", "6 months: 1 March is a Sunday"),
    ("cassation.decision", "УПК 492", "2025-08-31T10:30", "2026-03-02T23:59:59",
     "31 Aug + 6 months = 28 Feb (Sat), then Monday"),
    ("cassation.prosecutor-protest-decision", "УПК 486", "2025-11-14T12:00", "2025-12-15T23:59:59",
     "30 days end on a Sunday"),
    ("cassation.execution-suspension", "УПК 493", "2025-07-10T12:00", "2026-01-12T23:59:59", "6 months, Sat 10 Jan"),
    ("cassation.filing-to-worsen", "УПК 487", "2025-07-07T00:00", "2026-07-07T23:59:59", "1 year"),
    ("cassation.filing-to-worsen", "УПК 487", "2024-02-29T00:00", "2025-02-28T23:59:59", "1 year from a leap day"),
    ("supreme.exceptional-review-to-worsen", "УПК 498-1 to 498-4 (ch. 52-1)", "2025-09-30T15:00",
     "2026-03-30T23:59:59", "6 months"),
    ("legacy.petition-study", "УПК 490 (text until 30 June 2025)", "2025-03-12T10:00", "2025-03-26T23:59:59",
     "ends on Nauryz (22 Mar, Sat): 23 Sun, 24-25 moved days off"),
    ("legacy.preliminary-review", "УПК 491 (text until 30 June 2025)", "2025-05-02T10:00", "2025-06-02T23:59:59",
     "30 days end on a Sunday"),
    ("legacy.transfer-to-hearing", "УПК 491 (text until 30 June 2025)", "2025-06-01T10:00", "2025-06-09T23:59:59",
     "5 days end on Kurban Ait (Fri), then the weekend"),
    ("legacy.hearing", "УПК 492 (text until 30 June 2025)", "2025-06-10T10:00", "2025-07-10T23:59:59", "30 days"),
    ("extradition.complaint-filing", "УПК 592", "2025-12-22T10:00", "2026-01-05T23:59:59", "10 days, New Year"),
    ("extradition.complaint-forwarding", "УПК 592", "2025-09-06T15:20", "2025-09-07T16:00:00",
     "24 hours from the next full hour; no roll-over for hours"),
    ("extradition.materials-dispatch", "УПК 592", "2025-09-01T10:00", "2025-09-11T23:59:59", "10 days"),
    ("extradition.complaint-decision", "УПК 592", "2025-01-31T10:00", "2025-02-28T23:59:59", "31 Jan + 1 month"),
    ("extradition.complaint-decision", "УПК 592", "2024-01-31T10:00", "2024-02-29T23:59:59",
     "31 Jan + 1 month in a leap year"),
    ("applications.answer", "АППК 76", "2025-03-03T10:00", "2025-03-28T23:59:59",
     "15 working days across 8 March and Nauryz"),
    ("applications.extension-notice", "АППК 76", "2025-12-31T10:00", "2026-01-08T23:59:59",
     "3 working days across New Year and Christmas"),
    ("applications.redirect", "АППК 76", "2025-05-06T10:00", "2025-05-13T23:59:59", "3 working days, 7 and 9 May"),
    ("international.original-by-post", "УПК 560(4)", "2025-07-04T10:00", "2025-07-08T23:59:59",
     "ends on the day off moved from Capital Day"),
    ("international.foreign-court-order", "ГПК 476", "2026-01-31T10:00", "2026-03-02T23:59:59",
     "31 Jan + 1 month = 28 Feb (Sat), then Monday"),
    ("proceedings.judicial-act-entry", "the court's rules on entering judicial acts (a setting)", "2025-08-28T17:00",
     "2025-09-05T23:59:59", "5 working days (default setting) across the moved Constitution Day"),
    ("archive.file-return", "the court's records-management instruction [U] (004 §15.14)", "2026-02-28T10:00",
     "2026-03-30T23:59:59", "28 Feb + 1 month = 28 Mar (Sat), then Monday"),
    ("inforequests.answer", "АППК 76 (applied: 000 §7.3 sets no term)", "2026-03-02T10:00", "2026-03-27T23:59:59",
     "15 working days across 9 March (8 March moved) and Nauryz with its moved days"),
    ("personnel.trip-report", "003 §7.11; the term is the court's instruction [U]", "2026-04-09T00:00",
     "2026-04-16T23:59:59", "back on Thursday 9 April: 5 working days from Friday, over the weekend"),
]  # fmt: skip


# A filing term runs from the act's entry into force, which may precede the rule in
# force when the complaint is filed: the version is chosen as of the filing.
AS_OF = {("cassation.filing-to-worsen", "2024-02-29T00:00"): date(2025, 7, 15)}


def court_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=COURT_ZONE)


@pytest.mark.parametrize(("rule_id", "clause", "start", "due", "why"), RULE_TABLE, ids=[r[0] for r in RULE_TABLE])
def test_rule(rule_id, clause, start, due, why):
    rule = BOOK.in_force(rule_id, AS_OF.get((rule_id, start)) or court_date(court_time(start)))
    assert rule.clause == clause
    got = rule.due(court_time(start), CAL)
    assert got.tzinfo == UTC
    local = got.astimezone(COURT_ZONE).replace(tzinfo=None)
    assert local == datetime.fromisoformat(due), f"{rule_id} ({why}): {got.astimezone(COURT_ZONE).isoformat()}"


def test_every_rule_is_in_the_table():
    assert {r[0] for r in RULE_TABLE} == set(BOOK.ids())


def test_every_term_in_the_domain_facts_is_encoded():
    terms = {(r.rule_id, str(r.term)) for r in BOOK}
    assert {
        ("cassation.return-inadmissible", "3 calendar days"),
        ("cassation.case-file-dispatch", "7 calendar days"),
        ("cassation.hearing-notice", "10 calendar days"),
        ("cassation.decision", "6 months"),
        ("cassation.prosecutor-protest-decision", "30 calendar days"),
        ("extradition.complaint-decision", "1 month"),
        ("legacy.petition-study", "10 calendar days"),
        ("legacy.preliminary-review", "30 calendar days"),
        ("legacy.transfer-to-hearing", "5 calendar days"),
        ("legacy.hearing", "30 calendar days"),
        ("applications.answer", "15 working days"),
        ("applications.extension-notice", "3 working days"),
        ("applications.redirect", "3 working days"),
        ("international.foreign-court-order", "1 month"),
        ("proceedings.judicial-act-entry", "5 working days"),
    } <= terms


def test_the_utc_instant_is_the_end_of_the_court_day():
    rule = BOOK.in_force("cassation.return-inadmissible", date(2025, 9, 1))
    assert rule.due(court_time("2025-09-01T10:30"), CAL) == datetime(2025, 9, 4, 18, 59, 59, tzinfo=UTC)


def test_the_last_day_ends_at_the_later_midnight_when_the_zone_changed():
    # Kazakhstan moved from UTC+6 to UTC+5 at midnight on 1 March 2024: 29 February
    # had two 23:59:59s, and its term ends at the second one.
    rule = BOOK.in_force("extradition.complaint-decision", date(2024, 1, 31))
    assert rule.due(court_time("2024-01-31T10:00"), CAL) == datetime(2024, 2, 29, 18, 59, 59, tzinfo=UTC)


def test_the_start_day_is_not_counted_even_just_before_midnight():
    rule = BOOK.in_force("cassation.return-inadmissible", date(2025, 9, 1))
    # 23:30 in Almaty is 18:30 UTC the same day; 00:10 in Almaty is still the previous day in UTC.
    assert rule.due(court_time("2025-09-01T23:30"), CAL) == court_time("2025-09-04T23:59:59")
    assert rule.due(court_time("2025-09-02T00:10"), CAL) == court_time("2025-09-05T23:59:59")


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [("2025-01-31", 1, "2025-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2024-02-29", 12, "2025-02-28"),
     ("2025-08-31", 6, "2026-02-28"), ("2025-12-15", 1, "2026-01-15"), ("2025-03-31", 1, "2025-04-30")],
)  # fmt: skip
def test_months_end_on_the_same_date_or_the_last_day_of_a_shorter_month(start, months, end):
    assert add_months(date.fromisoformat(start), months) == date.fromisoformat(end)


def test_detention_terms_do_not_roll_over():
    detention = Rule("test.detention", 1, "test", "УПК 48", "a detention term", Term(3, Unit.CALENDAR_DAYS),
                     date(2015, 1, 1), detention=True)  # fmt: skip
    ordinary = Rule("test.ordinary", 1, "test", "УПК 48", "ordinary", Term(3, Unit.CALENDAR_DAYS), date(2015, 1, 1))
    start = court_time("2025-10-22T16:00")  # 3 days end on Saturday 25 October (Republic Day)
    assert detention.due(start, CAL) == court_time("2025-10-25T23:59:59")
    assert ordinary.due(start, CAL) == court_time("2025-10-28T23:59:59")
    assert not detention.rolls_over and ordinary.rolls_over


def test_legacy_and_current_rules_coexist_by_date():
    assert BOOK.in_force("legacy.hearing", date(2025, 6, 30)).rule_set == "upk-legacy"
    with pytest.raises(NoRuleInForceError):
        BOOK.in_force("legacy.hearing", date(2025, 7, 1))
    with pytest.raises(NoRuleInForceError):
        BOOK.in_force("cassation.return-inadmissible", date(2025, 6, 30))
    assert BOOK.in_force("cassation.return-inadmissible", date(2025, 7, 1)).rule_set == "upk-2025"
    with pytest.raises(UnknownRuleError):
        BOOK.in_force("no.such-rule", date(2025, 7, 1))


def test_a_new_version_applies_from_its_effective_date_and_the_old_one_stays_readable():
    v1 = Rule("x.term", 1, "upk-2025", "УПК 1", "v1", Term(10, Unit.CALENDAR_DAYS), date(2025, 7, 1))
    v2 = Rule("x.term", 2, "upk-2027", "УПК 1", "v2", Term(15, Unit.CALENDAR_DAYS), date(2027, 7, 1))
    book = RuleBook([v2, v1])
    assert book.in_force("x.term", date(2027, 6, 30)) is v1
    assert book.in_force("x.term", date(2027, 7, 1)) is v2
    assert book.version("x.term", 1) is v1


def test_events_start_and_meet_rules():
    registered = court_time("2025-09-01T12:00")
    complaint = {"complaint_id": "c-1", "received_at": "2025-09-01T10:30:00+05:00"}
    started = BOOK.started_by("registry", "complaint-registered", complaint, registered)
    assert [(r.rule_id, base) for r, base in started] == [
        ("cassation.decision", court_time("2025-09-01T10:30")),
        ("cassation.return-inadmissible", court_time("2025-09-01T10:30")),
    ]
    item = {"kind": "prosecutor_protest", "received_at": "2025-09-01T10:30:00+05:00"}
    assert len(BOOK.started_by("registry", "item-registered", item, registered)) == 2
    # Received under the old law (registered after the reform): the new rules do not apply...
    before = {"kind": "cassation_complaint", "received_at": "2025-06-30T17:00:00+05:00"}
    assert BOOK.started_by("registry", "item-registered", before, court_time("2025-07-01T09:00")) == []
    # ...and a legacy petition received then gets the legacy term.
    petition = {"kind": "legacy_petition", "received_at": "2025-06-30T17:00:00+05:00"}
    (legacy,) = BOOK.started_by("registry", "item-registered", petition, court_time("2025-07-02T09:00"))
    assert legacy[0].rule_id == "legacy.petition-study" and legacy[0].rule_set == "upk-legacy"
    extradition = BOOK.started_by("registry", "item-registered", {"kind": "extradition_complaint"}, registered)
    assert [r.rule_id for r, _ in extradition] == ["extradition.complaint-decision"]
    assert BOOK.started_by("registry", "item-registered", {"kind": "case_file"}, registered) == []
    assert BOOK.rule_ids_met_by("proceedings", "case-accepted", {}) == ["cassation.return-inadmissible"]
    assert "proceedings" in BOOK.source_contexts() and "registry" in BOOK.source_contexts()


def test_the_decision_term_may_run_from_the_case_file():
    book = rule_book(RuleParameters(decision_term_from="case_file"))
    assert book.in_force("cassation.decision", date(2025, 9, 1)).starts_on == (
        EventType("proceedings", "case-file-received"),
    )
    assert book.in_force("proceedings.judicial-act-entry", date(2025, 9, 1)).term == Term(5, Unit.WORKING_DAYS)
    assert rule_book(RuleParameters(act_entry_working_days=3)).in_force(
        "proceedings.judicial-act-entry", date(2025, 9, 1)
    ).term == Term(3, Unit.WORKING_DAYS)


ROLLING_RULES = [r for r in BOOK if r.rolls_over or r.term.unit == Unit.WORKING_DAYS]
starts = st.datetimes(min_value=datetime(2022, 1, 1), max_value=datetime(2026, 6, 30), timezones=st.just(COURT_ZONE))


@settings(max_examples=400, deadline=None)
@given(rule=st.sampled_from(ROLLING_RULES), start=starts, extensions=st.integers(min_value=0, max_value=3))
def test_a_rolled_over_term_never_ends_on_a_non_working_day(rule, start, extensions):
    due = rule.due(start, CAL)
    assert CAL.is_working_day(court_date(due)), (rule.rule_id, start, due)
    assert due > start
    for _ in range(extensions):
        due = extended_due(due, Term(1, Unit.MONTHS), CAL, rolls_over=True)
        assert CAL.is_working_day(court_date(due))
    assert due.astimezone(COURT_ZONE).time().isoformat() == "23:59:59"


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=40))
def test_working_days_terms_count_exactly_n_working_days(start, n):
    end = CAL.add_working_days(court_date(start), n)
    assert CAL.working_days_between(court_date(start) + timedelta(days=1), end) == n
    assert CAL.is_working_day(end)


def test_the_heads_extension_of_an_application_extends_the_answer_term_to_its_day():
    """АППК 76: `answer-term-extended` names the new last day of `applications.answer`, nothing else."""
    book = rule_book()
    data = {"application_id": "a-1", "until": "2025-10-15"}
    assert book.extensions_by("applications", "answer-term-extended", data) == [
        ("applications.answer", date(2025, 10, 15))
    ]
    assert book.extensions_by("applications", "answer-sent", data) == []
    assert book.extensions_by("applications", "answer-term-extended", {"application_id": "a-1"}) == []

"""The АППК 76 and international legal assistance rules start and stop on the
international and applications contexts' public events."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.deadlines.rule_sets import rule_book

T = datetime(2025, 9, 1, 5, tzinfo=UTC)
RECEIVED = {"received_at": "2025-09-01T10:00:00+05:00"}


def started(context, name, data):
    return {rule.rule_id for rule, _ in rule_book().started_by(context, name, data, T)}


def test_an_application_starts_the_answer_and_redirect_terms_from_receipt():
    """АППК 76: 15 working days to answer; 3 working days to redirect."""
    rules = rule_book().started_by("applications", "application-registered", RECEIVED, T)
    assert {r.rule_id for r, _ in rules} == {"applications.answer", "applications.redirect"}
    assert all(base == datetime.fromisoformat(RECEIVED["received_at"]) for _, base in rules)


def test_answer_and_redirect_meet_the_application_terms():
    book = rule_book()
    assert "applications.answer" in book.rule_ids_met_by("applications", "answer-sent", {})
    assert "applications.answer" in book.rule_ids_met_by("applications", "application-redirected", {})
    assert "applications.redirect" in book.rule_ids_met_by("applications", "consultant-assigned", {})


def test_an_extension_starts_the_notice_term_met_by_the_notice():
    """АППК 76: the applicant is told of the extension within 3 working days."""
    assert started("applications", "answer-term-extended", {}) == {"applications.extension-notice"}
    assert rule_book().rule_ids_met_by("applications", "extension-notified", {}) == ["applications.extension-notice"]


def test_a_request_sent_electronically_starts_the_original_by_post_term():
    """УПК 560(4): the original follows by post within 3 days."""
    assert started("international", "request-sent-abroad", {"electronically": True}) == {
        "international.original-by-post"
    }
    assert started("international", "request-sent-abroad", {"electronically": False}) == set()
    assert "international.original-by-post" in rule_book().rule_ids_met_by("international", "original-posted", {})


def test_forwarding_an_incoming_letter_rogatory_starts_the_one_month_execution_term():
    """ГПК 476: carried out within 1 month of the addressed court receiving it."""
    data = {"kind": "incoming_letter_rogatory"}
    assert started("international", "request-forwarded", data) == {"international.foreign-court-order"}
    assert started("international", "request-forwarded", {"kind": "recognition_petition"}) == set()
    met = rule_book().rule_ids_met_by("international", "execution-reported", {})
    assert met == ["international.foreign-court-order"]


def test_the_starter_reads_both_new_contexts():
    assert {"applications", "international"} <= set(rule_book().source_contexts())

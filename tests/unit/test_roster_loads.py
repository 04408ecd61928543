"""Loads over a case's life: released when the case is disposed of, an alert when a
judge's share drifts, and seats redrawn when a judge is absent for long."""

import dataclasses
from datetime import date, timedelta

import pytest

from domain.assignment.draw import rerun
from domain.assignment.roster import Absence, AbsenceKind, JudgeProfile, Post
from tests.unit.test_distribution import CHAIR, NOW, SYSTEM, distribute, roster, settings_v1


def events_named(court, name):
    return [e for e in court.collect_events() if type(e).__name__ == name]


def test_releasing_a_case_takes_exactly_its_load_off_its_panel_once():
    court = roster()
    before = dict(court.loads)
    protocol = distribute(court, 1)
    assert sum(court.loads.values()) == pytest.approx(2.0)  # rapporteur 1 + two members at 0.5
    assert court.release(case_id="case-1", reason="judicial act entered", actor=SYSTEM) is True
    assert court.loads == pytest.approx(before)
    assert court.release(case_id="case-1", reason="again", actor=SYSTEM) is False
    (released,) = events_named(court, "LoadReleased")
    assert released.panel == protocol.panel


def test_a_released_reassigned_case_releases_the_judges_now_on_it():
    court = roster()
    first = distribute(court, 1)
    court.reassign(case_id="case-1", seat=0, reason="decision of the head No. 5", actor=CHAIR, now=NOW)
    court.release(case_id="case-1", reason="withdrawn", actor=SYSTEM)
    assert all(load == pytest.approx(0.0) for load in court.loads.values())
    assert court.distributions["case-1"].panel[0] != first.panel[0]


def test_an_alert_is_raised_once_when_a_judge_drifts_beyond_the_bound():
    court = roster(judges=5)
    # The head sets a tight bound; a judge on leave falls behind while the others work.
    court.adopt_settings(
        dataclasses.replace(settings_v1(), version=2, effective_from=date(2025, 7, 2), max_load_deviation=3.0),
        actor=CHAIR, now=NOW,
    )  # fmt: skip
    later = NOW + timedelta(days=1)
    court.record_absence(Absence("j04", AbsenceKind.LEAVE, date(2025, 7, 2), date(2025, 7, 20)), actor=CHAIR, now=NOW)
    for n in range(12):
        distribute(court, n, when=later)
    alerts = events_named(court, "LoadShareDrifted")
    assert [a.judge_id for a in alerts] == ["j04"], "once, for the judge left behind"
    assert alerts[0].normalised_load == 0.0 and alerts[0].pool_mean > 3.0 and alerts[0].bound == 3.0


def test_an_absence_longer_than_the_setting_redraws_the_judges_seats_in_open_cases():
    court = roster(judges=6)
    protocols = [distribute(court, n) for n in range(6)]
    absent = protocols[0].panel[0]
    on_cases = {f"case-{n}" for n, p in enumerate(protocols) if absent in p.panel}
    released = sorted(on_cases)[0]
    court.release(case_id=released, reason="act entered", actor=SYSTEM)
    court.collect_events()

    start = date(2025, 7, 2)
    court.record_absence(Absence(absent, AbsenceKind.ILLNESS, start, start + timedelta(days=30)), actor=CHAIR, now=NOW)
    reassigned = events_named(court, "CaseReassigned")
    assert {e.case_id for e in reassigned} == on_cases - {released}, "open cases only"
    for e in reassigned:
        assert e.replaced_judge == absent and "absence: illness of 31 days" in e.reason
        assert absent not in court.distributions[e.case_id].panel
        assert rerun(e.protocol) == e.protocol.panel
        assert {x.judge_id: x.reason for x in e.protocol.exclusions}[absent] in {"recused", "already_on_panel"}


def test_an_absence_up_to_the_setting_keeps_the_panels():
    court = roster(judges=6)
    distribute(court, 1)
    court.collect_events()
    judge = court.distributions["case-1"].panel[0]
    start = date(2025, 7, 2)
    court.record_absence(Absence(judge, AbsenceKind.LEAVE, start, start + timedelta(days=29)), actor=CHAIR, now=NOW)
    assert events_named(court, "CaseReassigned") == []


def test_enrolling_a_judge_later_does_not_disturb_the_loads():
    court = roster(judges=3)
    distribute(court, 1)
    court.enrol(JudgeProfile("j99", "Judge 99", "criminal", ("criminal",), Post.JUDGE), actor=CHAIR)
    assert court.loads["j99"] == 0.0

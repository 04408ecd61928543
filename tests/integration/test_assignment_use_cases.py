"""The assignment's and the registry's use cases without HTTP: the contexts' named methods
on the real event store, with the process's clock set by the test."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from contexts.assignment import UnknownCourtError
from contexts.clock import SetClock
from domain.actor import Actor, Role
from domain.assignment.errors import AlreadyRecusedError, BackdatedAbsenceError, SettingsNotAnnouncedAheadError
from domain.assignment.roster import Absence, AbsenceKind, DistributionSettings, JudgeProfile, Post, Procedure
from domain.court_time import COURT_ZONE, court_date
from domain.registry.errors import UnknownCourtNamedError
from domain.registry.filing import (
    Confidentiality,
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    JudicialActKind,
    Offence,
    OffenceCategory,
    ProceduralRole,
)
from domain.registry.intake import Filing
from sotflow.bootstrap import bootstrap
from tests.support import TEST_COURT, registrar

HEAD = Actor("u-head", Role.HEAD)
DISTRIBUTOR = Actor("system:distributor", Role.SYSTEM)
# 10:00 on a Wednesday at the court.
WEDNESDAY = datetime(2026, 6, 3, 10, 0, tzinfo=COURT_ZONE).astimezone(UTC)


@pytest.fixture
def clocked(settings):
    settings = settings.model_copy(
        update={"specialisation_by_article": {"188": "property"}, "other_courts": ["regional-court-7"]}
    )
    clock = SetClock(WEDNESDAY)
    system = bootstrap(settings, clock=clock)
    yield system, clock
    system.close()


def rules(version: int, effective_from: date) -> DistributionSettings:
    return DistributionSettings(
        version=version, effective_from=effective_from, source="test", post_coefficients={"judge": 1.0},
        complexity={"cassation": 1.0}, panel_member_share=0.5, panel_sizes={"cassation": 3}, min_pool_size=5,
    )  # fmt: skip


def opened_roster(system, court: str, judges: int = 7) -> None:
    for n in range(judges):
        profile = JudgeProfile(f"judge-{n}", f"Judge {n}", "criminal", ("criminal",), Post.JUDGE)
        system.assignment.enrol_judge(court, profile, actor=HEAD)
    system.assignment.adopt_settings(court, rules(1, court_date(system.clock.now())), actor=HEAD)


def test_a_roster_kept_and_a_panel_changed_through_the_named_use_cases(clocked):
    system, clock = clocked
    assignment = system.assignment
    opened_roster(system, TEST_COURT)
    today = court_date(clock.now())
    with pytest.raises(SettingsNotAnnouncedAheadError):  # a later version is announced ahead of the clock's today
        assignment.adopt_settings(TEST_COURT, rules(2, today), actor=HEAD)
    assignment.adopt_settings(TEST_COURT, rules(2, today + timedelta(days=1)), actor=HEAD)
    with pytest.raises(BackdatedAbsenceError):  # yesterday, by the clock
        assignment.record_absence(
            TEST_COURT, Absence("judge-6", AbsenceKind.LEAVE, today - timedelta(days=1), today), actor=HEAD
        )
    absence = Absence("judge-6", AbsenceKind.LEAVE, today + timedelta(days=2), today + timedelta(days=4))
    assignment.record_absence(TEST_COURT, absence, actor=HEAD)
    assert assignment.roster(TEST_COURT).absences["judge-6"] == [absence]

    protocol, _ = assignment.distribute(
        TEST_COURT, case_id="case-1", registration_event_id="event-1", specialisation="criminal",
        procedure=Procedure.CASSATION, actor=DISTRIBUTOR,
    )  # fmt: skip
    assert protocol.settings_version == 1  # version 2 is in force only from the clock's tomorrow
    panel = assignment.panel_of(TEST_COURT, "case-1").panel
    recused = assignment.recuse(
        TEST_COURT, case_id="case-1", judge_id=panel[1], grounds="a relative of the victim", self_recusal=False,
        actor=HEAD,
    )  # fmt: skip
    assert recused.redrawn and panel[1] not in recused.panel and len(recused.panel) == 3
    assert recused.panel == assignment.panel_of(TEST_COURT, "case-1").panel
    with pytest.raises(AlreadyRecusedError):
        assignment.recuse(
            TEST_COURT, case_id="case-1", judge_id=panel[1], grounds="a relative of the victim", self_recusal=False,
            actor=HEAD,
        )  # fmt: skip
    off_panel = next(j for j in (f"judge-{n}" for n in range(7)) if j not in recused.panel and j != panel[1])
    not_sitting = assignment.recuse(
        TEST_COURT, case_id="case-1", judge_id=off_panel, grounds="asked by the defence", self_recusal=False,
        actor=HEAD,
    )  # fmt: skip
    assert not not_sitting.redrawn and not_sitting.new_judge is None and not_sitting.panel == recused.panel

    reassigned = assignment.reassign(TEST_COURT, case_id="case-1", seat=0, reason="seconded to another court",
                                     actor=HEAD)  # fmt: skip
    assert reassigned.panel[0] == reassigned.new_judge != recused.panel[0]
    assert reassigned.position > not_sitting.position > recused.position
    clock.advance(timedelta(days=1))
    later, _ = assignment.distribute(
        TEST_COURT, case_id="case-2", registration_event_id="event-2", specialisation="criminal",
        procedure=Procedure.CASSATION, actor=DISTRIBUTOR,
    )  # fmt: skip
    assert later.settings_version == 2


def filing(n: int, now: datetime, **changes) -> Filing:
    return dataclasses.replace(
        Filing(
            kind=ItemKind.CASSATION_COMPLAINT,
            received_at=now - timedelta(minutes=5),
            channel=FilingChannel.PAPER,
            filer=Filer(name=f"Filer {n}", procedural_role=ProceduralRole.CONVICT),
            lower_court_case_ref=f"1-{n}/2025",
            contested_act=ContestedAct(
                court="Astana City Court", kind=JudicialActKind.VERDICT, act_date=date(2025, 1, 10)
            ),  # fmt: skip
            improves_position=True,
        ),
        **changes,
    )


def test_registration_fills_in_what_the_filing_leaves_unsaid(clocked):
    system, clock = clocked
    registry = system.registry
    complaint = registry.register_filing(
        filing(1, clock.now(), offence=Offence("188 ч.2", OffenceCategory.GRAVE)), actor=registrar(),
        idempotency_key="k-1",
    )  # fmt: skip
    item = registry.get_item(complaint.id).particulars
    assert (item.court, item.specialisation, item.confidentiality) == (
        system.settings.default_court, "property", Confidentiality.PUBLIC,
    )  # fmt: skip
    retried = registry.register_filing(
        filing(1, clock.now(), offence=Offence("188 ч.2", OffenceCategory.GRAVE)), actor=registrar(),
        idempotency_key="k-1",
    )  # fmt: skip
    assert (retried.replayed, retried.id, retried.registration_number) == (
        True, complaint.id, complaint.registration_number,
    )  # fmt: skip

    decision = ContestedAct(
        court="Prosecutor General's Office", kind=JudicialActKind.EXTRADITION_DECISION,
        act_date=court_date(clock.now()) - timedelta(days=3),
    )  # fmt: skip
    extradition = registry.register_filing(
        filing(2, clock.now(), kind=ItemKind.EXTRADITION_COMPLAINT, contested_act=decision), actor=registrar()
    )
    item = registry.get_item(extradition.id).particulars
    assert (item.court, item.specialisation, item.confidentiality) == (
        system.settings.supreme_court, "criminal", Confidentiality.CONFIDENTIAL,
    )  # fmt: skip


def test_a_named_court_must_register_items_here(clocked):
    system, clock = clocked
    before = system.registry.recorder.max_notification_id()
    with pytest.raises(UnknownCourtNamedError):
        system.registry.register_filing(filing(3, clock.now(), court="no-such-court"), actor=registrar())
    assert system.registry.recorder.max_notification_id() == before  # nothing recorded
    with pytest.raises(UnknownCourtError):  # a roster opens only for a court the deployment serves
        opened_roster(system, "no-such-court")
    opened_roster(system, "regional-court-7")  # a court the deployment serves registers items
    registered = system.registry.register_filing(filing(3, clock.now(), court="regional-court-7"), actor=registrar())
    assert system.registry.get_item(registered.id).particulars.court == "regional-court-7"


def test_the_registration_number_takes_the_year_of_the_clocks_court_day(clocked):
    system, clock = clocked
    # 00:30 on 1 January at the court is still the old year in UTC.
    clock.instant = datetime(2027, 1, 1, 0, 30, tzinfo=COURT_ZONE)
    assert clock.now().astimezone(UTC).year == 2026
    registered = system.registry.register_filing(filing(4, clock.now()), actor=registrar())
    assert registered.registration_number.endswith("/2027")

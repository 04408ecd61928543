"""A court's roster is snapshotted every so many events, and a process that starts
(an empty cache) loads the snapshot and the events after it into the same roster."""

from datetime import UTC, datetime, timedelta

from contexts.assignment import ROSTER_SNAPSHOT_INTERVAL, Assignment
from domain.actor import Actor, Role
from domain.assignment.roster import Absence, AbsenceKind, CourtRoster, DistributionSettings, JudgeProfile, Post
from domain.court_time import court_date
from domain.procedure import Procedure

HEAD = Actor("u-head", Role.HEAD)
SYSTEM = Actor("system:distributor", Role.SYSTEM)
COURT = "cassation-criminal"


def test_a_started_process_loads_the_roster_from_its_snapshot_as_it_was(system, settings, monkeypatch):
    from sotflow.bootstrap import bootstrap

    assert Assignment.snapshotting_intervals[CourtRoster] == ROSTER_SNAPSHOT_INTERVAL
    monkeypatch.setattr(system.assignment, "snapshotting_intervals", {CourtRoster: 10})
    now = datetime.now(UTC)
    today = court_date(now)
    assignment = system.assignment
    for n in range(7):
        profile = JudgeProfile(f"judge-{n}", f"Judge {n}", "criminal", ("criminal",), Post.JUDGE)
        assignment.enrol_judge(COURT, profile, actor=HEAD)
    rules = DistributionSettings(
        version=1, effective_from=today, source="test", post_coefficients={"judge": 1.0},
        complexity={"cassation": 1.0}, panel_member_share=0.5, panel_sizes={"cassation": 3}, min_pool_size=5,
        max_load_deviation=0.1,  # so that loads drift, and the roster's set of drifting specialisations fills
    )  # fmt: skip
    assignment.adopt_settings(COURT, rules, actor=HEAD, now=now)
    for start in (2, 9):  # two absences of one judge: a list in the roster's state
        absence = Absence(
            "judge-6", AbsenceKind.LEAVE, today + timedelta(days=start), today + timedelta(days=start + 1)
        )
        assignment.record_absence(COURT, absence, actor=HEAD, now=now)
    for n in range(25):
        assignment.distribute(
            COURT, case_id=f"case-{n}", registration_event_id=f"event-{n}", specialisation="criminal",
            procedure=Procedure.CASSATION, actor=SYSTEM, now=now,
        )  # fmt: skip
        if n % 3 == 0:
            assignment.release(COURT, case_id=f"case-{n}", reason="act entered", actor=SYSTEM)
    panel = assignment.panel_of(COURT, "case-1").panel
    assignment.recuse(
        COURT, case_id="case-1", judge_id=panel[1], grounds="relative of the victim", self_recusal=False, actor=HEAD,
        now=now,
    )  # fmt: skip
    assignment.reassign(COURT, case_id="case-2", seat=0, reason="seconded to another court", actor=HEAD, now=now)
    assignment.distribute(
        COURT, case_id="case-last", registration_event_id="event-last", specialisation="criminal",
        procedure=Procedure.CASSATION, actor=SYSTEM, now=now,
    )  # fmt: skip

    live = assignment.roster(COURT)
    assert live.drifting and live.distributions["case-1"].recused and len(live.absences["judge-6"]) == 2
    (snapshot,) = assignment.snapshots.get(live.id, desc=True, limit=1)
    assert 0 < snapshot.originator_version < live.version, "the last snapshot, with events after it"
    assert snapshot.originator_version % 10 == 0

    started = bootstrap(settings)  # another process: nothing cached
    try:
        loaded = started.assignment.roster(COURT)
        assert vars(loaded) == vars(live)
        assert type(loaded.distributions["case-1"].recused) is frozenset
        assert type(loaded.distributions["case-1"].panel) is tuple and type(loaded.drifting) is set
        # And it goes on as the live one would: the same draw for the same case.
        protocol, _ = started.assignment.distribute(
            COURT, case_id="case-next", registration_event_id="event-next", specialisation="criminal",
            procedure=Procedure.CASSATION, actor=SYSTEM, now=now,
        )  # fmt: skip
        assert protocol == live.distribute(
            case_id="case-next", registration_event_id="event-next", specialisation="criminal",
            procedure=Procedure.CASSATION, actor=SYSTEM, now=now,
        )  # fmt: skip
    finally:
        started.close()

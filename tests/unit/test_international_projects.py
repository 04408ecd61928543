"""An international project (003 §7.7-7.9): its period, milestones, reports and closure."""

from datetime import date
from uuid import uuid4

import pytest

from domain.actor import Actor, Role
from domain.international.errors import (
    FinalReportRequiredError,
    ProjectPeriodError,
    StepNotAllowedNowError,
    UnknownMilestoneError,
)
from domain.international.project import Milestone, Project, ProjectReportKind

OFFICER = Actor("u-int", Role.INTERNATIONAL_OFFICER)


def project() -> Project:
    return Project.register(uuid4(), title="CEPEJ cooperation", partner="CEPEJ", decision_ref="order 18",
                            starts_on=date(2026, 2, 1), ends_on=date(2026, 12, 31), coordinator="u-int",
                            actor=OFFICER)  # fmt: skip


def test_a_project_runs_from_milestones_to_its_final_report():
    with pytest.raises(ProjectPeriodError) as reversed_:
        Project.register(uuid4(), title="t", partner="p", decision_ref="d", starts_on=date(2026, 2, 1),
                         ends_on=date(2026, 1, 1), coordinator="u", actor=OFFICER)  # fmt: skip
    assert reversed_.value.field == "ends_on"
    p = project()
    with pytest.raises(ProjectPeriodError) as outside:
        p.plan_milestone(Milestone("m0", "too late", date(2027, 1, 5)), actor=OFFICER)
    assert outside.value.field == "due_on"
    p.plan_milestone(Milestone("m1", "data collection", date(2026, 4, 30)), actor=OFFICER)
    with pytest.raises(UnknownMilestoneError):
        p.reach_milestone(milestone_id="m9", reached_on=date(2026, 4, 28), note="", actor=OFFICER)
    p.reach_milestone(milestone_id="m1", reached_on=date(2026, 4, 28), note="sent", actor=OFFICER)
    with pytest.raises(UnknownMilestoneError):  # reached once
        p.reach_milestone(milestone_id="m1", reached_on=date(2026, 4, 29), note="", actor=OFFICER)
    p.submit_report(report_id="r1", kind=ProjectReportKind.INTERIM, report_ref="r-1", summary="half way",
                    submitted_on=date(2026, 6, 30), actor=OFFICER)  # fmt: skip
    with pytest.raises(FinalReportRequiredError):
        p.close(on=date(2026, 12, 31), reason="done", actor=OFFICER)
    p.submit_report(report_id="r2", kind=ProjectReportKind.FINAL, report_ref="r-2", summary="the results",
                    submitted_on=date(2026, 12, 20), actor=OFFICER)  # fmt: skip
    p.close(on=date(2026, 12, 31), reason="completed", actor=OFFICER)
    with pytest.raises(StepNotAllowedNowError):
        p.plan_milestone(Milestone("m2", "after", date(2026, 12, 31)), actor=OFFICER)
    names = ["Registered", "MilestonePlanned", "MilestoneReached", "ReportSubmitted", "ReportSubmitted", "Closed"]
    assert [type(e).__name__ for e in p.collect_events()] == names

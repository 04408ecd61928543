"""Public events of the international projects (seed 003 §7.7-7.9), on the international
log: data models, the mapping from each domain event, and one fixed example of each."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contract.public_type import PublicEventType
from domain.actor import Actor, Role
from domain.international.project import Milestone, Project, ProjectReportKind


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProjectData(Data):
    project_id: str = Field(description="The project (also the subject).")


class ProjectRegisteredData(ProjectData):
    title: str
    partner: str = Field(description="The international organisation or foreign partner.")
    decision_ref: str = Field(description="The decision that approved the project (§7.8).")
    starts_on: str = Field(description="ISO date.")
    ends_on: str = Field(description="ISO date.")
    coordinator: str = Field(description="The officer who coordinates it (user id).")


class MilestonePlannedData(ProjectData):
    milestone_id: str
    title: str
    due_on: str = Field(description="ISO date: late if not reached by then.")


class MilestoneReachedData(ProjectData):
    milestone_id: str
    reached_on: str = Field(description="ISO date.")
    note: str


class ProjectReportSubmittedData(ProjectData):
    report_id: str
    kind: ProjectReportKind
    report_ref: str
    summary: str
    submitted_on: str = Field(description="ISO date.")


class ProjectClosedData(ProjectData):
    on: str = Field(description="ISO date.")


def _project(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"project_id": str(e.originator_id)} | fields(e)


EVENTS: list[tuple[type, str, type[Data], Callable[[Any], dict[str, Any]], str, str]] = [
    (Project.Registered, "project-registered", ProjectRegisteredData,
     _project(lambda e: {"title": e.title, "partner": e.partner, "decision_ref": e.decision_ref,
                         "starts_on": e.starts_on.isoformat(), "ends_on": e.ends_on.isoformat(),
                         "coordinator": e.coordinator}),
     "International project registered", "A project of international cooperation approved by a decision (003 §7.8)."),
    (Project.MilestonePlanned, "project-milestone-planned", MilestonePlannedData,
     _project(lambda e: {"milestone_id": e.milestone.milestone_id, "title": e.milestone.title,
                         "due_on": e.milestone.due_on.isoformat()}),
     "Project milestone planned", "A milestone of the project with the day it is due (§7.9: timely execution)."),
    (Project.MilestoneReached, "project-milestone-reached", MilestoneReachedData,
     _project(lambda e: {"milestone_id": e.milestone_id, "reached_on": e.reached_on.isoformat(), "note": e.note}),
     "Project milestone reached", "A milestone was reached on the day given."),
    (Project.ReportSubmitted, "project-report-submitted", ProjectReportSubmittedData,
     _project(lambda e: {"report_id": e.report_id, "kind": str(e.kind), "report_ref": e.report_ref,
                         "summary": e.summary, "submitted_on": e.submitted_on.isoformat()}),
     "Project report submitted", "An interim or the final report of the project."),
    (Project.Closed, "project-closed", ProjectClosedData, _project(lambda e: {"on": e.on.isoformat()}),
     "Project closed", "The project was closed on its final report."),
]  # fmt: skip


def catalogue_entries() -> dict[type, tuple]:
    return {
        cls: (
            PublicEventType(
                context="international", name=name, version=1, to_data=to_data,
                subject=lambda e: str(e.originator_id), title=title, description=description, data_model=model,
                subject_description="The project id.",
            ),
        )
        for cls, name, model, to_data, title, description in EVENTS
    }  # fmt: skip


def _project_events() -> dict[type, object]:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    officer = Actor("u-international", Role.INTERNATIONAL_OFFICER)
    project = Project.register(
        UUID("4d3c2b1a-0f9e-4d8c-9b7a-6f5e4d3c2b1a"), title="Court efficiency with CEPEJ", partner="CEPEJ",
        decision_ref="order No. 18 of 20 Jan 2026", starts_on=date(2026, 2, 1), ends_on=date(2026, 12, 31),
        coordinator="u-international", actor=officer,
    )  # fmt: skip
    project.plan_milestone(Milestone("m-1", "data collection for the evaluation cycle", date(2026, 4, 30)),
                           actor=officer)  # fmt: skip
    project.reach_milestone(milestone_id="m-1", reached_on=date(2026, 4, 28), note="sent to CEPEJ", actor=officer)
    project.submit_report(report_id="r-1", kind=ProjectReportKind.FINAL, report_ref="report No. 4",
                          summary="clearance rate and disposition time reported", submitted_on=date(2026, 12, 20),
                          actor=officer)  # fmt: skip
    project.close(on=date(2026, 12, 31), reason="completed", actor=officer)
    return {type(e): dataclasses.replace(e, timestamp=now) for e in project.collect_events()}


PROJECT_EXAMPLES = {cls: (lambda e=e: e) for cls, e in _project_events().items()}

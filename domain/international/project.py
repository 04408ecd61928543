"""An international project of the Supreme Court or the Judicial Administration (seed 003
§7.7-7.9): registered with its partner, the approving decision and its period, planned
milestones, each reached on a day, interim and final reports, closed on the final report.
Its timely execution is monitored: a milestone not reached by its day is late (a register
reads it against the day; no statute sets a term, so no deadline rule is started)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.international.errors import (
    FinalReportRequiredError,
    IdempotencyKeyReusedError,
    ProjectPeriodError,
    ReasonRequiredError,
    StepNotAllowedNowError,
    UnknownMilestoneError,
)
from domain.proceedings.case import CommandRef
from domain.remembered_requests import RemembersRequests


class ProjectStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class ProjectReportKind(StrEnum):
    INTERIM = "interim"
    FINAL = "final"


@dataclass(frozen=True)
class Milestone:
    milestone_id: str
    title: str
    due_on: date


class Project(Aggregate, RemembersRequests):
    key_reused = IdempotencyKeyReusedError

    class Registered(Aggregate.Created):
        title: str
        partner: str
        decision_ref: str
        starts_on: date
        ends_on: date
        coordinator: str
        actor: Actor
        command: CommandRef | None

    @classmethod
    def register(
        cls, project_id: UUID, *, title: str, partner: str, decision_ref: str, starts_on: date, ends_on: date,
        coordinator: str, actor: Actor, command: CommandRef | None = None,
    ) -> Project:  # fmt: skip
        if ends_on < starts_on:
            raise ProjectPeriodError("ends_on", f"a project cannot end on {ends_on}, before it starts on {starts_on}")
        return cls._create(
            cls.Registered, id=project_id, title=title, partner=partner, decision_ref=decision_ref,
            starts_on=starts_on, ends_on=ends_on, coordinator=coordinator, actor=actor, command=command,
        )  # fmt: skip

    def __init__(
        self, *, title: str, partner: str, decision_ref: str, starts_on: date, ends_on: date, coordinator: str,
        command: CommandRef | None,
    ) -> None:  # fmt: skip
        self.title = title
        self.starts_on, self.ends_on = starts_on, ends_on
        self.status = ProjectStatus.ACTIVE
        self.milestones: dict[str, Milestone] = {}
        self.reached: set[str] = set()
        self.final_report = False
        self.commands: dict[str, str] = {}
        self._note(command)

    def plan_milestone(self, milestone: Milestone, *, actor: Actor, command: CommandRef | None = None) -> None:
        self._check_active("plan_milestone")
        if not self.starts_on <= milestone.due_on <= self.ends_on:
            raise ProjectPeriodError("due_on", f"a milestone falls within the project ({self.starts_on} to "
                                     f"{self.ends_on}), not on {milestone.due_on}")  # fmt: skip
        self._milestone_planned(milestone=milestone, actor=actor, command=command)

    @event("MilestonePlanned")
    def _milestone_planned(self, *, milestone: Milestone, actor: Actor, command: CommandRef | None) -> None:
        self.milestones[milestone.milestone_id] = milestone
        self._note(command)

    def reach_milestone(self, *, milestone_id: str, reached_on: date, note: str, actor: Actor,
                        command: CommandRef | None = None) -> None:  # fmt: skip
        self._check_active("reach_milestone")
        if milestone_id not in self.milestones or milestone_id in self.reached:
            raise UnknownMilestoneError(milestone_id)
        if reached_on < self.starts_on:
            raise ProjectPeriodError("reached_on", f"the project starts on {self.starts_on}, not before")
        self._milestone_reached(milestone_id=milestone_id, reached_on=reached_on, note=note, actor=actor,
                                command=command)  # fmt: skip

    @event("MilestoneReached")
    def _milestone_reached(self, *, milestone_id: str, reached_on: date, note: str, actor: Actor,
                           command: CommandRef | None) -> None:  # fmt: skip
        self.reached.add(milestone_id)
        self._note(command)

    def submit_report(
        self, *, report_id: str, kind: ProjectReportKind, report_ref: str, summary: str, submitted_on: date,
        actor: Actor, command: CommandRef | None = None,
    ) -> None:  # fmt: skip
        self._check_active("submit_report")
        if not summary.strip():
            raise ReasonRequiredError("a report's summary")
        self._report_submitted(report_id=report_id, kind=kind, report_ref=report_ref, summary=summary,
                               submitted_on=submitted_on, actor=actor, command=command)  # fmt: skip

    @event("ReportSubmitted")
    def _report_submitted(self, *, report_id: str, kind: ProjectReportKind, report_ref: str, summary: str,
                          submitted_on: date, actor: Actor, command: CommandRef | None) -> None:  # fmt: skip
        self.final_report = self.final_report or kind == ProjectReportKind.FINAL
        self._note(command)

    def close(self, *, on: date, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check_active("close")
        if not self.final_report:
            raise FinalReportRequiredError()
        if not reason.strip():
            raise ReasonRequiredError("closing a project")
        self._closed(on=on, reason=reason, actor=actor, command=command)

    @event("Closed")
    def _closed(self, *, on: date, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.status = ProjectStatus.CLOSED
        self._note(command)

    def _check_active(self, command: str) -> None:
        if self.status != ProjectStatus.ACTIVE:
            raise StepNotAllowedNowError(command, self.status)

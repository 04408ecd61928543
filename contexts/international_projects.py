"""The international context's use cases for its projects (seed 003 §7.7-7.9): registered
with the approving decision, milestones planned and reached, interim and final reports,
closed on the final one. Mixed into `International`: the projects' events are on the
international log beside the foreign requests'."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from contexts.loading import load_of_kind
from contexts.proceedings import command_ref
from contexts.registry import Recorded
from domain.actor import Actor
from domain.international.errors import ProjectAlreadyRegisteredError, ProjectNotFoundError, VersionMismatchError
from domain.international.project import Milestone, Project, ProjectReportKind
from domain.proceedings.case import CommandRef


@dataclass(frozen=True)
class ProjectRecorded(Recorded):
    """A command's answer: the project, its log position, version (for If-Match) and status,
    and the milestone or report the command recorded (its id), if any."""

    version: int
    status: str
    created_id: str | None = None
    replayed: bool = False


class ProjectUseCases:
    def get_project(self, project_id: UUID) -> Project:
        return load_of_kind(self, project_id, Project, ProjectNotFoundError)

    def register_project(
        self, *, title: str, partner: str, decision_ref: str, starts_on: date, ends_on: date, coordinator: str,
        actor: Actor, idempotency_key: str | None = None,
    ) -> ProjectRecorded:  # fmt: skip
        """Register a project approved by a decision (§7.8); its id is its request's."""
        content = {"title": title, "partner": partner, "decision_ref": decision_ref, "starts_on": starts_on,
                   "ends_on": ends_on, "coordinator": coordinator}  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, "register_project", content)
        project = Project.register(
            uuid.UUID(command.id) if command else uuid.uuid4(), title=title, partner=partner,
            decision_ref=decision_ref, starts_on=starts_on, ends_on=ends_on, coordinator=coordinator, actor=actor,
            command=command,
        )  # fmt: skip
        try:
            existing = self.get_project(project.id)
        except ProjectNotFoundError:
            recordings = self.save(project)
            return self._project_recorded(project, recordings[-1].notification.id)
        if existing.already_done(command):
            return self._project_recorded(existing, self._project_position(), replayed=True)
        raise ProjectAlreadyRegisteredError(project.id)

    def plan_milestone(
        self, project_id: UUID, *, title: str, due_on: date, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ProjectRecorded:  # fmt: skip
        def plan(p: Project, command: CommandRef | None) -> str:
            milestone_id = command.id if command else str(uuid.uuid4())
            p.plan_milestone(Milestone(milestone_id, title, due_on), actor=actor, command=command)
            return milestone_id

        return self._project_step(project_id, "plan_milestone", {"title": title, "due_on": due_on}, actor,
                                  idempotency_key, expected_version, plan)  # fmt: skip

    def reach_milestone(
        self, project_id: UUID, *, milestone_id: str, reached_on: date, note: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> ProjectRecorded:  # fmt: skip
        content = {"milestone_id": milestone_id, "reached_on": reached_on, "note": note}
        return self._project_step(
            project_id, "reach_milestone", content, actor, idempotency_key, expected_version,
            lambda p, command: p.reach_milestone(milestone_id=milestone_id, reached_on=reached_on, note=note,
                                                 actor=actor, command=command),
        )  # fmt: skip

    def submit_project_report(
        self, project_id: UUID, *, kind: ProjectReportKind, report_ref: str, summary: str, submitted_on: date,
        actor: Actor, idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> ProjectRecorded:  # fmt: skip
        def submit(p: Project, command: CommandRef | None) -> str:
            report_id = command.id if command else str(uuid.uuid4())
            p.submit_report(report_id=report_id, kind=kind, report_ref=report_ref, summary=summary,
                            submitted_on=submitted_on, actor=actor, command=command)  # fmt: skip
            return report_id

        content = {"kind": kind, "report_ref": report_ref, "summary": summary, "submitted_on": submitted_on}
        return self._project_step(project_id, "submit_project_report", content, actor, idempotency_key,
                                  expected_version, submit)  # fmt: skip

    def close_project(
        self, project_id: UUID, *, on: date, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ProjectRecorded:  # fmt: skip
        return self._project_step(
            project_id, "close_project", {"on": on, "reason": reason}, actor, idempotency_key, expected_version,
            lambda p, command: p.close(on=on, reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def _project_step(
        self, project_id: UUID, name: str, content: dict[str, Any], actor: Actor, idempotency_key: str | None,
        expected_version: int | None, act: Callable[[Project, CommandRef | None], str | None],
    ) -> ProjectRecorded:  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, name, {"project_id": str(project_id), **content})
        project = self.get_project(project_id)
        if project.already_done(command):
            created = command.id if name in ("plan_milestone", "submit_project_report") else None
            return self._project_recorded(project, self._project_position(), replayed=True, created_id=created)
        if expected_version is not None and expected_version != project.version:
            raise VersionMismatchError(expected_version, project.version)
        created = act(project, command)
        recordings = self.save(project)
        return self._project_recorded(project, recordings[-1].notification.id, created_id=created)

    def _project_position(self) -> int:
        return self.recorder.max_notification_id() or 0

    @staticmethod
    def _project_recorded(project: Project, position: int, replayed: bool = False,
                          created_id: str | None = None) -> ProjectRecorded:  # fmt: skip
        return ProjectRecorded(project.id, position, project.version, str(project.status), created_id, replayed)

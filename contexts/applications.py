"""The applications context's application: applications of individuals and legal entities."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import Application as EventsourcedApplication
from eventsourcing.persistence import JSONTranscoder

from contexts.clock import Clocked
from contexts.loading import load_of_kind
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.applications.application import Applicant, Application
from domain.applications.errors import (
    ApplicationAlreadyRegisteredError,
    ApplicationNotFoundError,
    ReceptionAlreadyScheduledError,
    ReceptionNotFoundError,
    VersionMismatchError,
)
from domain.applications.reception import Receiver, Reception, ReferenceMaterial
from domain.proceedings.case import CommandRef


@dataclass(frozen=True)
class ApplicationRecorded(Recorded):
    version: int
    replayed: bool = False


class Applications(Clocked, EventsourcedApplication[UUID]):
    name = "applications"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, Applicant, Receiver, ReferenceMaterial)

    def get_application(self, application_id: UUID) -> Application:
        return load_of_kind(self, application_id, Application, ApplicationNotFoundError)

    def register(self, application: Application) -> ApplicationRecorded:
        try:
            existing = self.get_application(application.id)
        except ApplicationNotFoundError:
            recordings = self.save(application)
            return ApplicationRecorded(application.id, recordings[-1].notification.id, application.version)
        if existing.already_done(application.collect_events()[0].command):
            return self._replayed(existing)
        raise ApplicationAlreadyRegisteredError(application.id)

    def execute(
        self,
        application_id: UUID,
        action: Callable[[Application], Any],
        *,
        command: CommandRef | None,
        expected_version: int | None = None,
    ) -> ApplicationRecorded:
        """Load the application, run one step and save; a retry records nothing, a stale If-Match is refused."""
        application = self.get_application(application_id)
        if application.already_done(command):
            return self._replayed(application)
        if expected_version is not None and expected_version != application.version:
            raise VersionMismatchError(expected_version, application.version)
        action(application)
        recordings = self.save(application)
        return ApplicationRecorded(application.id, recordings[-1].notification.id, application.version)

    def _replayed(self, application: Application) -> ApplicationRecorded:
        position = self.recorder.max_notification_id() or 0
        return ApplicationRecorded(application.id, position, application.version, replayed=True)

    # -- personal receptions (§7.2.3) ------------------------------------------------
    def get_reception(self, reception_id: UUID) -> Reception:
        return load_of_kind(self, reception_id, Reception, ReceptionNotFoundError)

    def schedule_reception(self, reception: Reception) -> ApplicationRecorded:
        try:
            existing = self.get_reception(reception.id)
        except ReceptionNotFoundError:
            recordings = self.save(reception)
            return ApplicationRecorded(reception.id, recordings[-1].notification.id, reception.version)
        if existing.already_done(reception.collect_events()[0].command):
            return self._replayed(existing)
        raise ReceptionAlreadyScheduledError(reception.id)

    def execute_reception(
        self,
        reception_id: UUID,
        action: Callable[[Reception], tuple[Application, ...] | None],
        *,
        command: CommandRef | None,
        expected_version: int | None = None,
    ) -> ApplicationRecorded:
        """One step of a reception; an application registered at it is saved in the same transaction."""
        reception = self.get_reception(reception_id)
        if reception.already_done(command):
            return self._replayed(reception)
        if expected_version is not None and expected_version != reception.version:
            raise VersionMismatchError(expected_version, reception.version)
        others = action(reception) or ()
        recordings = self.save(reception, *others)
        return ApplicationRecorded(reception.id, recordings[-1].notification.id, reception.version)

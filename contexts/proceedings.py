"""The proceedings context's application: cases from acceptance to the entered act."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder

from contexts.loading import load_of_kind
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.proceedings.case import CommandRef, DefendantOutcome, ProceedingsCase
from domain.proceedings.errors import CaseAlreadyOpenError, CaseNotFoundError, VersionMismatchError

COMMAND_NAMESPACE = uuid.UUID("b7e4c2a9-1d3f-4e8a-9c6b-2f5e7d1a3c90")


def command_ref(user_id: str, idempotency_key: str | None, name: str, content: dict[str, Any]) -> CommandRef | None:
    """The request's identity (same user, same key) and a digest of what it asked."""
    if idempotency_key is None:
        return None
    command_id = uuid.uuid5(COMMAND_NAMESPACE, f"{user_id}\n{idempotency_key}")
    canonical = json.dumps({"command": name, **content}, sort_keys=True, default=str, ensure_ascii=False)
    return CommandRef(str(command_id), hashlib.sha256(canonical.encode()).hexdigest())


@dataclass(frozen=True)
class CaseRecorded(Recorded):
    """A command's answer: the case, its log position and its version (for If-Match)."""

    version: int
    stage: str
    replayed: bool = False


class Proceedings(Application[UUID]):
    name = "proceedings"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, DefendantOutcome)

    def get_case(self, case_id: UUID) -> ProceedingsCase:
        return load_of_kind(self, case_id, ProceedingsCase, CaseNotFoundError)

    def open(self, case: ProceedingsCase) -> CaseRecorded:
        """Save a newly accepted or returned case (refused if the case is already open)."""
        try:
            existing = self.get_case(case.id)
        except CaseNotFoundError:
            recordings = self.save(case)
            return CaseRecorded(case.id, recordings[-1].notification.id, case.version, case.stage)
        command = case.collect_events()[0].command
        if existing.already_done(command):
            return self._replayed(existing)
        raise CaseAlreadyOpenError(case.id)

    def execute(
        self,
        case_id: UUID,
        action: Callable[[ProceedingsCase], Any],
        *,
        command: CommandRef | None,
        expected_version: int | None = None,
        also_save: tuple[ProceedingsCase, ...] = (),
    ) -> CaseRecorded:
        """Load the case, run one command on it and save what it recorded.

        A repeated request (same idempotency key) records nothing and answers as the
        first time; an If-Match version other than the case's is refused (409), and so
        is a concurrent change that got in first (the event store's optimistic lock).
        """
        case = self.get_case(case_id)
        if case.already_done(command):
            return self._replayed(case)
        if expected_version is not None and expected_version != case.version:
            raise VersionMismatchError(expected_version, case.version)
        action(case)
        recordings = self.save(case, *also_save)
        # The answer's position is the case's own last event (others joined into it are keyed elsewhere).
        own = [r for r in recordings if r.domain_event.originator_id == case.id]
        return CaseRecorded(case.id, own[-1].notification.id, case.version, case.stage)

    def join(
        self,
        case_id: UUID,
        other_ids: list[UUID],
        *,
        reason: str,
        actor: Actor,
        command: CommandRef | None,
        expected_version: int | None = None,
    ) -> CaseRecorded:
        """Join complaints on the same lower-court case into this one, in one transaction."""
        others = tuple(self.get_case(other) for other in other_ids)
        return self.execute(
            case_id,
            lambda case: case.join(list(others), reason=reason, actor=actor, command=command),
            command=command,
            expected_version=expected_version,
            also_save=others,
        )

    def _replayed(self, case: ProceedingsCase) -> CaseRecorded:
        position = self.recorder.max_notification_id() or 0
        return CaseRecorded(case.id, position, case.version, case.stage, replayed=True)

"""The archive context's application: records management and the archive of the
cassation courts (seed 004 §15.14).

How the archive learns that a case is disposed of: the records officer hands the file
over by a command (`hand_over`), and the context checks the case's standing through a
port the composition root connects to the proceedings and the registry event stores
(`case_standing`): the case's court, number, kind, confidentiality and how (and when) it
was disposed of. No event is consumed: the handover is a physical act the archive
records when it happens, and the check reads the written side, so it needs no
projection to have caught up.

The return term of an issued file is the deadlines context's rule `archive.file-return`:
the composition root connects `return_due` to it, the file records the due instant, and
the deadline starter starts and meets the same rule from the file's events.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.application import Application as EventsourcedApplication
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from contexts.clock import Clocked
from contexts.loading import load_of_kind
from contexts.proceedings import command_ref
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.archive.destruction import DestructionAct
from domain.archive.errors import (
    AlreadyArchivedError,
    ArchiveBusyError,
    ArchiveFileNotFoundError,
    CaseUnknownError,
    DestructionActNotFoundError,
    VersionMismatchError,
)
from domain.archive.file import ArchiveFile, CaseStanding, HoldGround, Issue, RecipientKind, Volumes, check_disposed
from domain.archive.journal import ArchiveJournal
from domain.archive.retention import Retention, retention_for
from domain.court_time import court_date
from domain.proceedings.case import CommandRef

MAX_NUMBERING_ATTEMPTS = 50


@dataclass(frozen=True)
class FileRecorded(Recorded):
    """A command's answer: the file (or act), its log position, version (for If-Match) and status."""

    version: int
    status: str
    archive_number: str | None = None
    replayed: bool = False


class Archive(Clocked, EventsourcedApplication[UUID]):
    name = "archive"
    # case id -> the case's standing as proceedings and the registry have it; None: no such case.
    case_standing: Callable[[UUID], CaseStanding | None]
    # the instant an issued file is due back, by the deadline rule in force.
    return_due: Callable[[datetime], datetime]

    def __init__(self, env=None) -> None:
        super().__init__(env)
        self._lock = threading.Lock()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, Volumes, Retention, Issue)

    def get_file(self, file_id: UUID) -> ArchiveFile:
        return load_of_kind(self, file_id, ArchiveFile, ArchiveFileNotFoundError)

    def get_act(self, act_id: UUID) -> DestructionAct:
        return load_of_kind(self, act_id, DestructionAct, DestructionActNotFoundError)

    # -- handover ----------------------------------------------------------------------
    def hand_over(
        self, case_id: UUID, *, nomenclature_index: str, volumes: int, pages: int, handed_over_by: str, actor: Actor,
        idempotency_key: str | None = None,
    ) -> FileRecorded:  # fmt: skip
        """Register a disposed case's file in the archive: the next archive number of its court
        and year, its retention term by the schedule in force today."""
        content = {"case_id": str(case_id), "nomenclature_index": nomenclature_index, "volumes": volumes,
                   "pages": pages, "handed_over_by": handed_over_by}  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, "hand_over", content)
        standing = self.case_standing(case_id)
        if standing is None:
            raise CaseUnknownError(case_id)
        now = self.clock.now()
        year = court_date(now).year
        with self._lock:
            for attempt in range(MAX_NUMBERING_ATTEMPTS):
                existing = self._existing_file(case_id)
                if existing is not None:
                    if existing.already_done(command):
                        return self._recorded(existing, self._position(), replayed=True)
                    raise AlreadyArchivedError(case_id)
                _, disposed_on = check_disposed(standing)
                retention = retention_for(standing.category(), disposed_on=disposed_on, handed_over_on=court_date(now))
                journal = self._journal(standing.court, year, actor)
                sequence, number = journal.assign_number(file_id=str(case_id), actor=actor)
                archived = ArchiveFile.hand_over(
                    standing, archive_number=number, sequence=sequence, year=year,
                    volumes=Volumes(nomenclature_index, volumes, pages), handed_over_by=handed_over_by,
                    handed_over_at=now, retention=retention, actor=actor, command=command,
                )  # fmt: skip
                try:
                    recordings = self.save(archived, journal)
                except IntegrityError:
                    # Another process took this number (or archived this case) first: decide again.
                    time.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # noqa: S311 - jitter, not security
                    continue
                return self._recorded(archived, recordings[-1].notification.id)
        raise ArchiveBusyError(standing.court)

    # -- issue, return, holds -----------------------------------------------------------
    def issue_file(
        self, file_id: UUID, *, recipient_kind: RecipientKind, recipient: str, request_ref: str, reason: str,
        actor: Actor, idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> FileRecorded:  # fmt: skip
        """Issue the file on a request (a court, a judge, an authorised body), due back by the return rule."""

        def issue(f: ArchiveFile, command: CommandRef | None) -> None:
            now = self.clock.now()
            issue_id = command.id if command else str(uuid.uuid4())
            f.issue_to(Issue(issue_id, recipient_kind, recipient, request_ref, now, self.return_due(now)),
                       reason=reason, actor=actor, command=command)  # fmt: skip

        content = {"recipient_kind": recipient_kind, "recipient": recipient, "request_ref": request_ref,
                   "reason": reason}  # fmt: skip
        return self._step(file_id, "issue_file", content, actor, idempotency_key, expected_version, issue)

    def return_file(
        self, file_id: UUID, *, returned_at: datetime, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> FileRecorded:  # fmt: skip
        """Record an issued file back in the archive."""
        return self._step(
            file_id, "return_file", {"returned_at": returned_at, "reason": reason}, actor, idempotency_key,
            expected_version,
            lambda f, command: f.take_back(returned_at=returned_at, reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def place_hold(
        self, file_id: UUID, *, ground: HoldGround, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> FileRecorded:  # fmt: skip
        """Hold the file (a pending request, the case reopened): it cannot be destroyed while held."""

        def hold(f: ArchiveFile, command: CommandRef | None) -> None:
            f.place_hold(hold_id=command.id if command else str(uuid.uuid4()), ground=ground, reason=reason,
                         actor=actor, command=command)  # fmt: skip

        return self._step(file_id, "place_hold", {"ground": ground, "reason": reason}, actor, idempotency_key,
                          expected_version, hold)  # fmt: skip

    def lift_hold(
        self, file_id: UUID, *, hold_id: str, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> FileRecorded:  # fmt: skip
        return self._step(
            file_id, "lift_hold", {"hold_id": hold_id, "reason": reason}, actor, idempotency_key, expected_version,
            lambda f, command: f.lift_hold(hold_id=hold_id, reason=reason, actor=actor, command=command),
        )  # fmt: skip

    # -- destruction -------------------------------------------------------------------
    def draw_up_destruction_act(
        self, *, court: str, act_number: str, file_ids: list[UUID], reason: str, actor: Actor,
        idempotency_key: str | None = None,
    ) -> FileRecorded:  # fmt: skip
        """Draw up an act listing files whose term has ended, none held, for the head to approve."""
        content = {"court": court, "act_number": act_number, "file_ids": [str(f) for f in file_ids],
                   "reason": reason}  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, "draw_up_destruction_act", content)
        act_id = uuid.UUID(command.id) if command else uuid.uuid4()
        try:
            existing = self.get_act(act_id)
        except DestructionActNotFoundError:
            existing = None
        if existing is not None:
            if existing.already_done(command):
                return self._act_recorded(existing, self._position(), replayed=True)
            raise AlreadyArchivedError(act_id)
        files = [self.get_file(f) for f in file_ids]
        act = DestructionAct.draw_up(
            act_id, court=court, act_number=act_number, files=files, on=court_date(self.clock.now()), reason=reason,
            actor=actor, command=command,
        )  # fmt: skip
        recordings = self.save(act)
        return self._act_recorded(act, recordings[-1].notification.id)

    def approve_destruction_act(
        self, act_id: UUID, *, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> FileRecorded:  # fmt: skip
        """The head approves the act: its files are destroyed, each recorded as an event, in one transaction."""
        command = command_ref(actor.user_id, idempotency_key, "approve_destruction_act",
                              {"act_id": str(act_id), "reason": reason})  # fmt: skip
        act = self.get_act(act_id)
        if self._already_done(act, command, expected_version):
            return self._act_recorded(act, self._position(), replayed=True)
        files = [self.get_file(UUID(f)) for f in act.file_ids]
        act.approve(files, on=court_date(self.clock.now()), reason=reason, actor=actor, command=command)
        # A file held or issued meanwhile changed its version: the save fails and nothing is destroyed.
        recordings = self.save(act, *files)
        # The act's own position: a read of the act waits for it on the act's partition (the
        # files' events are keyed, and partitioned, by each file).
        position = next(r.notification.id for r in recordings if r.domain_event.originator_id == act.id)
        return self._act_recorded(act, position)

    # -- the steps' common part --------------------------------------------------------
    def _step(
        self, file_id: UUID, name: str, content: dict[str, Any], actor: Actor, idempotency_key: str | None,
        expected_version: int | None, act: Callable[[ArchiveFile, CommandRef | None], None],
    ) -> FileRecorded:  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, name, {"file_id": str(file_id), **content})
        archived = self.get_file(file_id)
        if self._already_done(archived, command, expected_version):
            return self._recorded(archived, self._position(), replayed=True)
        act(archived, command)
        recordings = self.save(archived)
        return self._recorded(archived, recordings[-1].notification.id)

    @staticmethod
    def _already_done(aggregate: ArchiveFile | DestructionAct, command: CommandRef | None,
                      expected_version: int | None) -> bool:  # fmt: skip
        if aggregate.already_done(command):
            return True
        if expected_version is not None and expected_version != aggregate.version:
            raise VersionMismatchError(expected_version, aggregate.version)
        return False

    def _existing_file(self, file_id: UUID) -> ArchiveFile | None:
        try:
            return self.get_file(file_id)
        except ArchiveFileNotFoundError:
            return None

    def _journal(self, court: str, year: int, actor: Actor) -> ArchiveJournal:
        try:
            return self.repository.get(ArchiveJournal.create_id(court, year))
        except AggregateNotFoundError:
            return ArchiveJournal(court=court, year=year, actor=actor)

    def _position(self) -> int:
        return self.recorder.max_notification_id() or 0

    @staticmethod
    def _recorded(archived: ArchiveFile, position: int, replayed: bool = False) -> FileRecorded:
        return FileRecorded(archived.id, position, archived.version, str(archived.status), archived.archive_number,
                            replayed)  # fmt: skip

    @staticmethod
    def _act_recorded(act: DestructionAct, position: int, replayed: bool = False) -> FileRecorded:
        return FileRecorded(act.id, position, act.version, str(act.status), act.act_number, replayed)

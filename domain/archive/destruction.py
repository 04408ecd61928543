"""An act for the destruction of archived files whose retention term has ended: drawn
up by the archive listing the files, approved by the head. Only the approval destroys:
each listed file is checked again then (a hold placed since refuses the whole act) and
records its destruction in the same transaction as the approval."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor, Role
from domain.archive.errors import (
    ActFilesRequiredError,
    ActOfOtherCourtError,
    ApproverNotHeadError,
    IdempotencyKeyReusedError,
    ReasonRequiredError,
    StepNotAllowedNowError,
)
from domain.archive.file import ArchiveFile
from domain.proceedings.case import CommandRef
from domain.remembered_requests import RemembersRequests


class ActStatus(StrEnum):
    DRAWN_UP = "drawn_up"
    APPROVED = "approved"


def check_listing(court: str, files: list[ArchiveFile], on: date) -> None:
    """Every listed file is once in the list, of this court's archive, and destructible on the day."""
    if not files or len({f.id for f in files}) != len(files):
        raise ActFilesRequiredError()
    for f in files:
        if f.court != court:
            raise ActOfOtherCourtError(f.archive_number, court)
        f.check_destructible(on)


class DestructionAct(Aggregate, RemembersRequests):
    key_reused = IdempotencyKeyReusedError

    class DrawnUp(Aggregate.Created):
        court: str
        act_number: str
        file_ids: tuple[str, ...]
        archive_numbers: tuple[str, ...]
        drawn_up_on: date
        reason: str
        actor: Actor
        command: CommandRef | None

    @classmethod
    def draw_up(
        cls, act_id: UUID, *, court: str, act_number: str, files: list[ArchiveFile], on: date, reason: str,
        actor: Actor, command: CommandRef | None = None,
    ) -> DestructionAct:  # fmt: skip
        if not reason.strip():
            raise ReasonRequiredError("a destruction act")
        check_listing(court, files, on)
        return cls._create(
            cls.DrawnUp, id=act_id, court=court, act_number=act_number, file_ids=tuple(str(f.id) for f in files),
            archive_numbers=tuple(f.archive_number for f in files), drawn_up_on=on, reason=reason, actor=actor,
            command=command,
        )  # fmt: skip

    def __init__(
        self, *, court: str, act_number: str, file_ids: tuple[str, ...], archive_numbers: tuple[str, ...],
        drawn_up_on: date, reason: str, actor: Actor, command: CommandRef | None,
    ) -> None:  # fmt: skip
        self.court = court
        self.act_number = act_number
        self.file_ids = tuple(file_ids)
        self.status = ActStatus.DRAWN_UP
        self.commands: dict[str, str] = {}
        self._note(command)
        self.drawn_up_by = actor.user_id

    def approve(self, files: list[ArchiveFile], *, on: date, reason: str, actor: Actor,
                command: CommandRef | None = None) -> None:  # fmt: skip
        """The head approves: every listed file checked again, then destroyed with the act's reference."""
        if self.status != ActStatus.DRAWN_UP:
            raise StepNotAllowedNowError("approve", self.status)
        if actor.role != Role.HEAD or actor.user_id == self.drawn_up_by:
            raise ApproverNotHeadError()
        if not reason.strip():
            raise ReasonRequiredError("approving a destruction act")
        if [str(f.id) for f in files] != list(self.file_ids):
            raise ActFilesRequiredError()
        check_listing(self.court, files, on)
        self._approved(approved_on=on, reason=reason, actor=actor, command=command)
        for f in files:
            f.destroy(act_id=str(self.id), act_number=self.act_number, on=on, reason=reason, actor=actor)

    @event("Approved")
    def _approved(self, *, approved_on: date, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.status = ActStatus.APPROVED
        self._note(command)

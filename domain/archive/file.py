"""An archived case file (seed 004 §15.14): handed over once the case is disposed of,
issued on request and returned, held, and destroyed only by an act the head approved.

Its id is the case's: one file per case, so a deadline on it (the return of an issued
file) is seen with the case's confidentiality.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.archive.errors import (
    AlreadyDestroyedError,
    FileUnderHoldError,
    IdempotencyKeyReusedError,
    NotDisposedError,
    PermanentFileError,
    ReasonRequiredError,
    RetentionNotEndedError,
    ReturnBeforeIssueError,
    StepNotAllowedNowError,
    UnknownHoldError,
)
from domain.archive.retention import Retention
from domain.proceedings.case import CommandRef
from domain.remembered_requests import RemembersRequests


class Disposal(StrEnum):
    """How the case was disposed of: what makes it ready for the archive."""

    PUBLISHED = "published"  # the act entered and published
    ACT_ENTERED = "act_entered"  # an act not to be published, entered
    RETURNED = "returned"  # the complaint returned (УПК 489)
    WITHDRAWN = "withdrawn"
    JOINED = "joined"  # joined into another case (its file goes with the main one's)


# Not decided on the merits: kept under the schedule's "returned" category.
WITHOUT_DECISION = frozenset({Disposal.RETURNED, Disposal.WITHDRAWN, Disposal.JOINED})


@dataclass(frozen=True)
class CaseStanding:
    """What the archive learns of a case from proceedings and the registry (through a port)."""

    case_id: str
    court: str
    registration_number: str | None
    kind: str  # the registered item's kind: the file's category in the retention schedule
    confidentiality: str
    stage: str
    disposal: Disposal | None  # None: not disposed of yet
    disposed_on: date | None

    def category(self) -> str:
        return "returned" if self.disposal in WITHOUT_DECISION else self.kind


def check_disposed(standing: CaseStanding) -> tuple[Disposal, date]:
    if standing.disposal is None or standing.disposed_on is None:
        raise NotDisposedError(standing.case_id, standing.stage)
    return standing.disposal, standing.disposed_on


class RecipientKind(StrEnum):
    COURT = "court"
    JUDGE = "judge"
    AUTHORISED_BODY = "authorised_body"  # a prosecutor's office, a body authorised by law


class HoldGround(StrEnum):
    PENDING_REQUEST = "pending_request"
    CASE_REOPENED = "case_reopened"
    LITIGATION = "litigation"


class FileStatus(StrEnum):
    ARCHIVED = "archived"
    ISSUED = "issued"
    DESTROYED = "destroyed"


@dataclass(frozen=True)
class Volumes:
    nomenclature_index: str  # the file-nomenclature index the file is kept under
    volumes: int
    pages: int


@dataclass(frozen=True)
class Issue:
    issue_id: str
    recipient_kind: RecipientKind
    recipient: str
    request_ref: str
    issued_at: datetime
    return_due_at: datetime


class ArchiveFile(Aggregate, RemembersRequests):
    key_reused = IdempotencyKeyReusedError

    class HandedOver(Aggregate.Created):
        court: str
        registration_number: str | None
        archive_number: str
        sequence: int
        year: int
        volumes: Volumes
        handed_over_by: str
        handed_over_at: datetime
        disposal: Disposal
        disposed_on: date
        confidentiality: str
        retention: Retention
        actor: Actor
        command: CommandRef | None

    @classmethod
    def hand_over(
        cls, standing: CaseStanding, *, archive_number: str, sequence: int, year: int, volumes: Volumes,
        handed_over_by: str, handed_over_at: datetime, retention: Retention, actor: Actor,
        command: CommandRef | None = None,
    ) -> ArchiveFile:  # fmt: skip
        disposal, disposed_on = check_disposed(standing)
        return cls._create(
            cls.HandedOver, id=UUID(standing.case_id), court=standing.court,
            registration_number=standing.registration_number, archive_number=archive_number, sequence=sequence,
            year=year, volumes=volumes, handed_over_by=handed_over_by, handed_over_at=handed_over_at,
            disposal=disposal, disposed_on=disposed_on, confidentiality=standing.confidentiality,
            retention=retention, actor=actor, command=command,
        )  # fmt: skip

    def __init__(
        self, *, court: str, registration_number: str | None, archive_number: str, sequence: int, year: int,
        volumes: Volumes, handed_over_by: str, handed_over_at: datetime, disposal: Disposal, disposed_on: date,
        confidentiality: str, retention: Retention, command: CommandRef | None,
    ) -> None:  # fmt: skip
        self.court = court
        self.archive_number = archive_number
        self.retention = retention
        self.status = FileStatus.ARCHIVED
        self.issue: Issue | None = None
        self.holds: dict[str, str] = {}  # hold id -> its ground and reason
        self.commands: dict[str, str] = {}
        self._note(command)

    # -- issue on request and return ---------------------------------------------------
    def issue_to(self, issue: Issue, *, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        if self.status != FileStatus.ARCHIVED:
            raise StepNotAllowedNowError("issue", self.status)
        _reason_given(reason, "an issue")
        self._issued(issue=issue, reason=reason, actor=actor, command=command)

    @event("Issued")
    def _issued(self, *, issue: Issue, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.issue = issue
        self.status = FileStatus.ISSUED
        self._note(command)

    def take_back(self, *, returned_at: datetime, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        if self.status != FileStatus.ISSUED or self.issue is None:
            raise StepNotAllowedNowError("return", self.status)
        if returned_at < self.issue.issued_at:
            raise ReturnBeforeIssueError(returned_at, self.issue.issued_at)
        self._returned(issue_id=self.issue.issue_id, returned_at=returned_at, reason=reason, actor=actor,
                       command=command)  # fmt: skip

    @event("Returned")
    def _returned(self, *, issue_id: str, returned_at: datetime, reason: str, actor: Actor,
                  command: CommandRef | None) -> None:  # fmt: skip
        self.issue = None
        self.status = FileStatus.ARCHIVED
        self._note(command)

    # -- holds -------------------------------------------------------------------------
    def place_hold(self, *, hold_id: str, ground: HoldGround, reason: str, actor: Actor,
                   command: CommandRef | None = None) -> None:  # fmt: skip
        if self.status == FileStatus.DESTROYED:
            raise StepNotAllowedNowError("place_hold", self.status)
        _reason_given(reason, "a hold")
        self._hold_placed(hold_id=hold_id, ground=ground, reason=reason, actor=actor, command=command)

    @event("HoldPlaced")
    def _hold_placed(self, *, hold_id: str, ground: HoldGround, reason: str, actor: Actor,
                     command: CommandRef | None) -> None:  # fmt: skip
        self.holds[hold_id] = f"{ground}: {reason}"
        self._note(command)

    def lift_hold(self, *, hold_id: str, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        if hold_id not in self.holds:
            raise UnknownHoldError(hold_id)
        _reason_given(reason, "lifting a hold")
        self._hold_lifted(hold_id=hold_id, reason=reason, actor=actor, command=command)

    @event("HoldLifted")
    def _hold_lifted(self, *, hold_id: str, reason: str, actor: Actor, command: CommandRef | None) -> None:
        del self.holds[hold_id]
        self._note(command)

    # -- destruction -------------------------------------------------------------------
    def check_destructible(self, on: date) -> None:
        """A file is destroyed only after its term, never when permanent, held or out on issue."""
        if self.status == FileStatus.DESTROYED:
            raise AlreadyDestroyedError(self.archive_number)
        holds = list(self.holds.values())
        if self.status == FileStatus.ISSUED and self.issue is not None:
            holds.insert(0, f"issued to {self.issue.recipient}, not returned")
        if holds:
            raise FileUnderHoldError(self.archive_number, holds)
        if self.retention.permanent:
            raise PermanentFileError(self.archive_number)
        if not self.retention.ended_by(on):
            raise RetentionNotEndedError(self.archive_number, self.retention.ends_on)

    def destroy(self, *, act_id: str, act_number: str, on: date, reason: str, actor: Actor) -> None:
        self.check_destructible(on)
        self._destroyed(act_id=act_id, act_number=act_number, destroyed_on=on, reason=reason, actor=actor)

    @event("Destroyed")
    def _destroyed(self, *, act_id: str, act_number: str, destroyed_on: date, reason: str, actor: Actor) -> None:
        self.status = FileStatus.DESTROYED


def _reason_given(reason: str, step: str) -> None:
    if not reason.strip():
        raise ReasonRequiredError(step)

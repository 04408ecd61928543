"""The proceedings context's application: cases from acceptance to the entered act."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder
from pydantic_core import to_jsonable_python

from contexts.clock import Clocked
from contexts.loading import cached_copy, load_of_kind, remember_saved
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor, JudgeNotEntitledError, Role
from domain.assignment.errors import NotDistributedError
from domain.proceedings.case import CommandRef, DefendantOutcome, ProceedingsCase, SuspensionAuthority
from domain.proceedings.errors import (
    CaseAlreadyOpenError,
    CaseNotFoundError,
    ProceedingsError,
    VersionMismatchError,
)
from domain.proceedings.judges_of_case import JudgesOfCase
from domain.proceedings.opening import check_case_file_of, check_opens_a_case
from domain.registry.errors import ItemNotFoundError, RelatedItemNotFoundError
from domain.registry.incoming_item import IncomingItem

COMMAND_NAMESPACE = uuid.UUID("b7e4c2a9-1d3f-4e8a-9c6b-2f5e7d1a3c90")


def command_ref(user_id: str, idempotency_key: str | None, name: str, content: dict[str, Any]) -> CommandRef | None:
    """The request's identity (same user, same key) and a digest of what it asked."""
    if idempotency_key is None:
        return None
    command_id = uuid.uuid5(COMMAND_NAMESPACE, f"{user_id}\n{idempotency_key}")
    # Values as the API's JSON has them (instants in RFC 3339, enums as their values), so a
    # request's digest is the same whichever edge sent it.
    canonical = json.dumps({"command": name, **content}, sort_keys=True, default=to_jsonable_python, ensure_ascii=False)
    return CommandRef(str(command_id), hashlib.sha256(canonical.encode()).hexdigest())


@dataclass(frozen=True)
class CaseRecorded(Recorded):
    """A command's answer: the case, its log position and its version (for If-Match)."""

    version: int
    stage: str
    replayed: bool = False


class Proceedings(Clocked, Application[UUID]):
    """The proceedings' use cases, one method each: plain values, the actor, the request's
    idempotency key and (for a step on an open case) the version it was based on in; the
    answer is what the caller reports. The composition root connects the two things this
    context reads from others: a registered item (the registry), and a case's assigned
    panel and a court's chairs (the assignment), which decide whose judge's account may
    act on a case (domain/proceedings/judges_of_case.py)."""

    name = "proceedings"
    registered_item: Callable[[UUID], IncomingItem]
    assigned_panel: Callable[[str, str], tuple[str, ...]]
    court_chairs: Callable[[str], tuple[str, ...]]

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, DefendantOutcome)

    def get_case(self, case_id: UUID) -> ProceedingsCase:
        return load_of_kind(self, case_id, ProceedingsCase, CaseNotFoundError)

    def open(self, case: ProceedingsCase) -> CaseRecorded:
        """Save a newly accepted or returned case (refused if the case is already open).

        Saved without looking first: the store refuses a case's first event when the case
        has one (its version 1 is taken), and only then is the existing case read, to
        answer a retried request as the first time or refuse the second opening."""
        command = case.pending_events[0].command
        try:
            recordings = self.save(case)
        except IntegrityError:
            try:
                existing = self.get_case(case.id)
            except CaseNotFoundError:  # the id is another kind's: the store's refusal stands
                raise IntegrityError(f"case {case.id}: the id is taken") from None
            if existing.already_done(command):
                return self._replayed(existing)
            raise CaseAlreadyOpenError(case.id) from None
        recorded = CaseRecorded(case.id, recordings[-1].notification.id, case.version, case.stage)
        remember_saved(self, case)
        return recorded

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

        The command is first decided on this process's cached copy of the case, with no
        read: usually the process that saved a case's last command gets its next one too.
        If that copy was behind, the save finds its version taken and nothing is recorded;
        a refusal decided on it may be stale too. Either way the command is decided again
        on the case as the store has it, and that answer stands. (A joinder saves other
        cases too, loaded by the caller: it is decided on the current state only.)
        """
        cached = None if also_save else cached_copy(self, case_id, ProceedingsCase)
        if cached is not None:
            try:
                return self._decide_and_save(cached, action, command, expected_version, ())
            except (ProceedingsError, JudgeNotEntitledError, IntegrityError):
                pass  # perhaps decided on a stale copy: decided again below, on the current state
        return self._decide_and_save(self.get_case(case_id), action, command, expected_version, also_save)

    def _decide_and_save(
        self,
        case: ProceedingsCase,
        action: Callable[[ProceedingsCase], Any],
        command: CommandRef | None,
        expected_version: int | None,
        also_save: tuple[ProceedingsCase, ...],
    ) -> CaseRecorded:
        if case.already_done(command):
            return self._replayed(case)
        if expected_version is not None and expected_version != case.version:
            raise VersionMismatchError(expected_version, case.version)
        action(case)
        recordings = self.save(case, *also_save)
        # The answer's position is the case's own last event (others joined into it are keyed elsewhere).
        own = [r for r in recordings if r.domain_event.originator_id == case.id]
        recorded = CaseRecorded(case.id, own[-1].notification.id, case.version, case.stage)
        remember_saved(self, case, *also_save)
        return recorded

    def judges_of(self, court: str, case_id: UUID) -> JudgesOfCase:
        """The case's assigned panel (None while not distributed) and the court's chairs."""
        try:
            panel: tuple[str, ...] | None = self.assigned_panel(court, str(case_id))
        except (NotDistributedError, LookupError):
            panel = None
        try:
            chairs = self.court_chairs(court) if panel is None else ()
        except LookupError:  # no roster for the court
            chairs = ()
        return JudgesOfCase(court, panel, chairs)

    def check_judge(self, court: str, case_id: UUID, actor: Actor, step: str) -> None:
        """A judge's account acts only on its judge's cases (other roles: the API's role table)."""
        if actor.role == Role.JUDGE:
            self.judges_of(court, case_id).check(actor, step)

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
        main = self.get_case(case_id)
        if not main.already_done(command):  # the main case's judges decide the joinder
            self.check_judge(main.court, main.id, actor, "join_others")
        others = tuple(self.get_case(other) for other in other_ids)

        return self.execute(
            case_id,
            lambda case: case.join(list(others), reason=reason, actor=actor, command=command),
            command=command,
            expected_version=expected_version,
            also_save=others,
        )

    # -- use cases ---------------------------------------------------------------------
    def accept_case(
        self, case_id: UUID, *, reason: str, actor: Actor, idempotency_key: str | None = None
    ) -> CaseRecorded:
        """Accept a registered item into proceedings (УПК 489)."""
        item = self.registered_item(case_id)
        check_opens_a_case(item)
        self.check_judge(item.particulars.court, case_id, actor, "accept")
        command = command_ref(actor.user_id, idempotency_key, "accept", {"case_id": str(case_id), "reason": reason})
        return self.open(ProceedingsCase.accept(
            case_id, court=item.particulars.court, procedure=item.kind.procedure,
            lower_court_case_ref=item.particulars.lower_court_case_ref, registration_number=item.registration_number,
            reason=reason, actor=actor, command=command,
        ))  # fmt: skip

    def return_item(
        self, case_id: UUID, *, reason: str, legal_basis: str, actor: Actor, idempotency_key: str | None = None
    ) -> CaseRecorded:
        """Return the item to the filer with the ground instead of accepting it (УПК 489)."""
        item = self.registered_item(case_id)
        check_opens_a_case(item)
        self.check_judge(item.particulars.court, case_id, actor, "return_item")
        content = {"case_id": str(case_id), "reason": reason, "legal_basis": legal_basis}
        command = command_ref(actor.user_id, idempotency_key, "return", content)
        return self.open(ProceedingsCase.return_item(
            case_id, court=item.particulars.court, reason=reason, legal_basis=legal_basis, actor=actor,
            command=command,
        ))  # fmt: skip

    def request_case_file(
        self, case_id: UUID, *, from_court: str | None, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Request the case file from the lower court; by default the court whose act is contested."""
        court = from_court or self.registered_item(case_id).particulars.contested_act.court
        return self._step(
            case_id,
            "request_case_file",
            {"from_court": from_court},
            actor,
            idempotency_key,
            expected_version,
            lambda case, command: case.request_case_file(from_court=court, actor=actor, command=command),
        )

    def receive_case_file(
        self, case_id: UUID, *, received_at: datetime, case_file_item_id: UUID | None, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Record the case file's arrival, with its registration if it was registered."""
        if case_file_item_id is not None:
            try:
                check_case_file_of(self.registered_item(case_file_item_id), case_id)
            except ItemNotFoundError:
                raise RelatedItemNotFoundError(case_file_item_id) from None
        item_id = str(case_file_item_id) if case_file_item_id else None
        content = {"received_at": received_at, "case_file_item_id": item_id}
        return self._step(
            case_id, "receive_case_file", content, actor, idempotency_key, expected_version,
            lambda case, command: case.receive_case_file(
                received_at=received_at, case_file_item_id=item_id, now=self.clock.now(), actor=actor, command=command
            ),
        )  # fmt: skip

    def notify_parties(
        self, case_id: UUID, *, parties: tuple[str, ...], actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Record that the parties were sent the complaint's copies and the hearing's notice."""
        return self._step(
            case_id,
            "notify_parties",
            {"parties": list(parties)},
            actor,
            idempotency_key,
            expected_version,
            lambda case, command: case.notify_parties(parties=tuple(parties), actor=actor, command=command),
        )

    def schedule_hearing(
        self, case_id: UUID, *, hearing_id: str | None, scheduled_for: datetime, room: str, public: bool,
        actor: Actor, idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Schedule a hearing; its id is made up unless given."""
        content = {"hearing_id": hearing_id, "scheduled_for": scheduled_for, "room": room, "public": public}
        hearing_id = hearing_id or f"h-{uuid.uuid4().hex[:12]}"
        return self._step(
            case_id, "schedule_hearing", content, actor, idempotency_key, expected_version,
            lambda case, command: case.schedule_hearing(
                hearing_id=hearing_id, scheduled_for=scheduled_for, room=room, public=public, actor=actor,
                command=command,
            ),
        )  # fmt: skip

    def postpone_hearing(
        self, case_id: UUID, hearing_id: str, *, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Postpone the scheduled hearing, with the reason."""
        return self._step(
            case_id, f"postpone_hearing/{hearing_id}", {"reason": reason}, actor, idempotency_key, expected_version,
            lambda case, command: case.postpone_hearing(hearing_id=hearing_id, reason=reason, actor=actor,
                                                        command=command),
        )  # fmt: skip

    def hold_hearing(
        self, case_id: UUID, hearing_id: str, *, held_at: datetime, panel: tuple[str, ...],
        substitution_reason: str | None, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Record the hearing as held with the panel that sat (checked against the assigned one)."""
        content = {"held_at": held_at, "panel": list(panel), "substitution_reason": substitution_reason}
        return self._step(
            case_id, f"hold_hearing/{hearing_id}", content, actor, idempotency_key, expected_version,
            lambda case, command: case.hold_hearing(
                hearing_id=hearing_id, held_at=held_at, panel=tuple(panel), assigned_panel=self._assigned(case),
                substitution_reason=substitution_reason, now=self.clock.now(), actor=actor, command=command,
            ),
        )  # fmt: skip

    def _assigned(self, case: ProceedingsCase) -> tuple[str, ...]:
        """The panel the distribution assigned to the case (none while not distributed)."""
        try:
            return self.assigned_panel(case.court, str(case.id))
        except (NotDistributedError, LookupError):
            return ()

    def withdraw_complaint(
        self, case_id: UUID, *, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Record the filer's withdrawal before the hearing; the case closes."""
        return self._step(
            case_id,
            "withdraw",
            {"reason": reason},
            actor,
            idempotency_key,
            expected_version,
            lambda case, command: case.withdraw(reason=reason, actor=actor, command=command),
        )

    def suspend_execution(
        self, case_id: UUID, *, authority: SuspensionAuthority, decided_on: date, until: date, reason: str,
        actor: Actor, idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Record the suspension of execution for up to six months (УПК 493)."""
        content = {"authority": authority, "decided_on": decided_on, "until": until, "reason": reason}
        return self._step(
            case_id, "suspend_execution", content, actor, idempotency_key, expected_version,
            lambda case, command: case.suspend_execution(
                authority=authority, decided_on=decided_on, until=until, reason=reason, actor=actor, command=command
            ),
        )  # fmt: skip

    def join_cases(
        self, case_id: UUID, other_ids: list[UUID], *, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Join complaints on the same lower-court case into this one."""
        content = {"case_id": str(case_id), "case_ids": [str(c) for c in other_ids], "reason": reason}
        command = command_ref(actor.user_id, idempotency_key, "join", content)
        return self.join(
            case_id, other_ids, reason=reason, actor=actor, command=command, expected_version=expected_version
        )

    def enter_ruling(
        self, case_id: UUID, *, outcomes: tuple[DefendantOutcome, ...], actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Enter the ruling: one outcome per defendant, with its legal basis."""
        content = {"outcomes": [dataclasses.asdict(o) for o in outcomes]}
        return self._step(
            case_id,
            "enter_ruling",
            content,
            actor,
            idempotency_key,
            expected_version,
            lambda case, command: case.enter_ruling(outcomes=tuple(outcomes), actor=actor, command=command),
        )

    def enter_judicial_act(
        self, case_id: UUID, *, document_ref: str, document_sha256: str, publishable: bool, actor: Actor,
        text: str | None = None, idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """The judge enters the act itself (its text too, for the staff and, depersonalised, the
        public register); the time since the hearing is recorded."""
        content = {"document_ref": document_ref, "document_sha256": document_sha256, "publishable": publishable}
        if text is not None:  # keys sent before texts were kept keep their digest
            content["text"] = text
        return self._step(
            case_id, "enter_judicial_act", content, actor, idempotency_key, expected_version,
            lambda case, command: case.enter_judicial_act(
                document_ref=document_ref, document_sha256=document_sha256, publishable=publishable,
                now=self.clock.now(), actor=actor, command=command, text=text,
            ),
        )  # fmt: skip

    def publish_act(
        self, case_id: UUID, *, portal_ref: str, redacted: bool, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> CaseRecorded:  # fmt: skip
        """Record the act's publication on the public portal."""
        return self._step(
            case_id, "publish_act", {"portal_ref": portal_ref, "redacted": redacted}, actor, idempotency_key,
            expected_version,
            lambda case, command: case.publish_act(portal_ref=portal_ref, redacted=redacted, actor=actor,
                                                   command=command),
        )  # fmt: skip

    def _step(
        self, case_id: UUID, name: str, content: dict[str, Any], actor: Actor, idempotency_key: str | None,
        expected_version: int | None, act: Callable[[ProceedingsCase, CommandRef | None], None],
    ) -> CaseRecorded:  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, name, {"case_id": str(case_id), **content})

        def checked(case: ProceedingsCase) -> None:
            self.check_judge(case.court, case.id, actor, name.split("/")[0])
            act(case, command)

        return self.execute(case_id, checked, command=command, expected_version=expected_version)

    def _replayed(self, case: ProceedingsCase) -> CaseRecorded:
        position = self.recorder.max_notification_id() or 0
        return CaseRecorded(case.id, position, case.version, case.stage, replayed=True)

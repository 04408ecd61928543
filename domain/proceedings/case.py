"""A case in proceedings: one aggregate per case, its id the id of the registered item
that opened it (the complaint, protest, submission or extradition complaint).

Every command is checked against the lifecycle table (lifecycle.py) and recorded
with its actor; a command sent again with the same idempotency key changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor, JudgeNotEntitledError
from domain.court_time import court_date, not_after
from domain.procedure import Procedure
from domain.proceedings.errors import (
    CommandNotAllowedNowError,
    DuplicateDefendantError,
    HeldBeforeScheduledDayError,
    IdempotencyKeyReusedError,
    JoinDifferentCaseError,
    JoinSelfError,
    NoOutcomesError,
    NotPublishableError,
    NotYetHappenedError,
    PanelSizeError,
    SubstitutionReasonRequiredError,
    SuspensionEndsInPastError,
    SuspensionTooLongError,
    UnknownHearingError,
)
from domain.proceedings.lifecycle import OPENING, TRANSITIONS, Stage
from domain.registry.admissibility import add_months
from domain.remembered_requests import RemembersRequests

PANEL_SIZES = {Procedure.CASSATION: 3, Procedure.EXTRADITION: 1}
SUSPENSION_MONTHS = 6  # УПК 493


class Outcome(StrEnum):
    """What the cassation court decided for one defendant (УПК 494)."""

    LEFT_UNCHANGED = "left_unchanged"
    CANCELLED = "cancelled"
    CANCELLED_AND_REMANDED = "cancelled_and_remanded"
    CANCELLED_AND_TERMINATED = "cancelled_and_terminated"
    CHANGED = "changed"
    COMPLAINT_LEFT_WITHOUT_CONSIDERATION = "complaint_left_without_consideration"
    EXTRADITION_UPHELD = "extradition_upheld"  # УПК 592
    EXTRADITION_ANNULLED = "extradition_annulled"


class SuspensionAuthority(StrEnum):
    """Who may suspend execution (УПК 493)."""

    SUPREME_COURT_CHAIR = "supreme_court_chair"  # on the cassation court chair's proposal
    PROSECUTOR_GENERAL = "prosecutor_general"


@dataclass(frozen=True)
class CommandRef:
    """Which request caused an event: retrying that request changes nothing."""

    id: str
    digest: str  # of the request's content: the same key with other content is refused


@dataclass(frozen=True)
class DefendantOutcome:
    defendant: str
    outcome: Outcome
    legal_basis: str  # the clause, e.g. "УПК 494(1)(3)"


@dataclass
class Hearing:
    hearing_id: str
    scheduled_for: datetime
    held_at: datetime | None = None
    panel: tuple[str, ...] = ()


class ProceedingsCase(Aggregate, RemembersRequests):
    key_reused = IdempotencyKeyReusedError

    class Accepted(Aggregate.Created):
        court: str
        procedure: Procedure
        lower_court_case_ref: str
        registration_number: str | None
        reason: str
        actor: Actor
        command: CommandRef | None

        def apply(self, aggregate: ProceedingsCase) -> None:
            aggregate.stage = OPENING["accept"]
            aggregate.procedure = Procedure(self.procedure)
            aggregate.lower_court_case_ref = self.lower_court_case_ref

    class Returned(Aggregate.Created):
        """Returned to the filer by letter, with the ground (УПК 489), without being accepted."""

        court: str
        reason: str
        legal_basis: str
        actor: Actor
        command: CommandRef | None

        def apply(self, aggregate: ProceedingsCase) -> None:
            aggregate.stage = OPENING["return_item"]

    @classmethod
    def accept(
        cls,
        case_id: UUID,
        *,
        court: str,
        procedure: Procedure,
        lower_court_case_ref: str,
        registration_number: str | None,
        reason: str,
        actor: Actor,
        command: CommandRef | None = None,
    ) -> ProceedingsCase:
        return cls._create(
            cls.Accepted,
            id=case_id,
            court=court,
            procedure=procedure,
            lower_court_case_ref=lower_court_case_ref,
            registration_number=registration_number,
            reason=reason,
            actor=actor,
            command=command,
        )

    @classmethod
    def return_item(
        cls,
        case_id: UUID,
        *,
        court: str,
        reason: str,
        legal_basis: str,
        actor: Actor,
        command: CommandRef | None = None,
    ) -> ProceedingsCase:
        return cls._create(
            cls.Returned, id=case_id, court=court, reason=reason, legal_basis=legal_basis, actor=actor, command=command
        )

    def __init__(self, *, court: str, command: CommandRef | None) -> None:
        # Called for both opening events (eventsourcing passes the fields named here);
        # each opening event's apply() then sets what is its own.
        self.court = court
        self.stage = Stage.ACCEPTED
        self.procedure: Procedure | None = None
        self.lower_court_case_ref: str | None = None
        self.commands: dict[str, str] = {}
        self.hearings: dict[str, Hearing] = {}
        self.joined_cases: list[str] = []
        self.joined_into: str | None = None
        self.suspended_until: date | None = None
        self.outcomes: tuple[DefendantOutcome, ...] = ()
        self.publishable = False
        self.last_hearing: str | None = None
        self._note(command)

    # -- the lifecycle (idempotency: RemembersRequests) --------------------------
    def _check_allowed(self, command_name: str) -> None:
        sources, _ = TRANSITIONS[command_name]
        if self.stage not in sources:
            raise CommandNotAllowedNowError(command_name, self.stage)

    def _move(self, command_name: str, command: CommandRef | None) -> None:
        _, target = TRANSITIONS[command_name]
        if target is not None:
            self.stage = target
        self._note(command)

    # -- case file and notices ---------------------------------------------------
    def request_case_file(self, *, from_court: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check_allowed("request_case_file")
        self._case_file_requested(from_court=from_court, actor=actor, command=command)

    @event("CaseFileRequested")
    def _case_file_requested(self, *, from_court: str, actor: Actor, command: CommandRef | None) -> None:
        self._move("request_case_file", command)

    def receive_case_file(
        self, *, received_at: datetime, case_file_item_id: str | None, now: datetime, actor: Actor,
        command: CommandRef | None = None,
    ) -> None:  # fmt: skip
        self._check_allowed("receive_case_file")
        if not not_after(received_at, now):
            raise NotYetHappenedError("received_at", received_at)
        self._case_file_received(
            received_at=received_at, case_file_item_id=case_file_item_id, actor=actor, command=command
        )

    @event("CaseFileReceived")
    def _case_file_received(
        self, *, received_at: datetime, case_file_item_id: str | None, actor: Actor, command: CommandRef | None
    ) -> None:
        self._move("receive_case_file", command)

    def notify_parties(self, *, parties: tuple[str, ...], actor: Actor, command: CommandRef | None = None) -> None:
        self._check_allowed("notify_parties")
        self._parties_notified(parties=tuple(parties), actor=actor, command=command)

    @event("PartiesNotified")
    def _parties_notified(self, *, parties: tuple[str, ...], actor: Actor, command: CommandRef | None) -> None:
        self._move("notify_parties", command)

    # -- hearings ----------------------------------------------------------------
    def schedule_hearing(
        self,
        *,
        hearing_id: str,
        scheduled_for: datetime,
        room: str,
        public: bool,
        actor: Actor,
        command: CommandRef | None = None,
    ) -> None:
        self._check_allowed("schedule_hearing")
        self._hearing_scheduled(
            hearing_id=hearing_id, scheduled_for=scheduled_for, room=room, public=public, actor=actor, command=command
        )

    @event("HearingScheduled")
    def _hearing_scheduled(
        self,
        *,
        hearing_id: str,
        scheduled_for: datetime,
        room: str,
        public: bool,
        actor: Actor,
        command: CommandRef | None,
    ) -> None:
        self.hearings[hearing_id] = Hearing(hearing_id, scheduled_for)
        self.last_hearing = hearing_id
        self._move("schedule_hearing", command)

    def postpone_hearing(
        self, *, hearing_id: str, reason: str, actor: Actor, command: CommandRef | None = None
    ) -> None:
        self._check_allowed("postpone_hearing")
        self._check_current_hearing(hearing_id)
        self._hearing_postponed(hearing_id=hearing_id, reason=reason, actor=actor, command=command)

    @event("HearingPostponed")
    def _hearing_postponed(self, *, hearing_id: str, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self._move("postpone_hearing", command)

    def hold_hearing(
        self,
        *,
        hearing_id: str,
        held_at: datetime,
        panel: tuple[str, ...],
        assigned_panel: tuple[str, ...],
        substitution_reason: str | None,
        now: datetime,
        actor: Actor,
        command: CommandRef | None = None,
    ) -> None:
        """Record the hearing with the panel that sat; a panel other than the one the
        distribution assigned needs a written reason. It was held on its scheduled day or
        later (a hearing moved earlier is postponed and scheduled again), and not after now."""
        self._check_allowed("hold_hearing")
        self._check_current_hearing(hearing_id)
        scheduled_for = self.hearings[hearing_id].scheduled_for
        if court_date(held_at) < court_date(scheduled_for):
            raise HeldBeforeScheduledDayError(held_at, scheduled_for)
        if not not_after(held_at, now):
            raise NotYetHappenedError("held_at", held_at)
        expected = PANEL_SIZES[self.procedure]
        if len(set(panel)) != len(panel) or len(panel) != expected:
            raise PanelSizeError(len(set(panel)), expected)
        as_assigned = set(panel) == set(assigned_panel)
        if not as_assigned and not substitution_reason:
            raise SubstitutionReasonRequiredError(tuple(assigned_panel))
        self._hearing_held(
            hearing_id=hearing_id,
            held_at=held_at,
            panel=tuple(panel),
            as_assigned=as_assigned,
            reason=None if as_assigned else substitution_reason,
            actor=actor,
            command=command,
        )

    @event("HearingHeld")
    def _hearing_held(
        self,
        *,
        hearing_id: str,
        held_at: datetime,
        panel: tuple[str, ...],
        as_assigned: bool,
        reason: str | None,
        actor: Actor,
        command: CommandRef | None,
    ) -> None:
        hearing = self.hearings[hearing_id]
        hearing.held_at, hearing.panel = held_at, tuple(panel)
        self._move("hold_hearing", command)

    def _check_current_hearing(self, hearing_id: str) -> None:
        if hearing_id != self.last_hearing:
            raise UnknownHearingError(hearing_id)

    # -- ruling and act ---------------------------------------------------------
    def _check_sat(self, actor: Actor) -> None:
        """The ruling and the act are the panel's: only a judge who sat at the hearing enters them."""
        panel = self.hearings[self.last_hearing].panel
        if not actor.is_one_of(self.court, panel):
            who = (
                f"judge {actor.judge_id} of {actor.judge_court}" if actor.judge_id else "an account linked to no judge"
            )
            raise JudgeNotEntitledError(
                f"{who} did not sit at hearing {self.last_hearing} of this case (panel: {', '.join(panel)})"
            )

    def enter_ruling(
        self, *, outcomes: tuple[DefendantOutcome, ...], actor: Actor, command: CommandRef | None = None
    ) -> None:
        self._check_allowed("enter_ruling")
        self._check_sat(actor)
        if not outcomes:
            raise NoOutcomesError()
        seen: set[str] = set()
        for outcome in outcomes:
            if outcome.defendant in seen:
                raise DuplicateDefendantError(outcome.defendant)
            seen.add(outcome.defendant)
        self._ruling_entered(hearing_id=self.last_hearing, outcomes=tuple(outcomes), actor=actor, command=command)

    @event("RulingEntered")
    def _ruling_entered(
        self, *, hearing_id: str, outcomes: tuple[DefendantOutcome, ...], actor: Actor, command: CommandRef | None
    ) -> None:
        self.outcomes = tuple(outcomes)
        self._move("enter_ruling", command)

    def enter_judicial_act(
        self,
        *,
        document_ref: str,
        document_sha256: str,
        publishable: bool,
        now: datetime,
        actor: Actor,
        command: CommandRef | None = None,
        text: str | None = None,
    ) -> None:
        """The judge enters the act itself; the time since the hearing is recorded, for
        the secretariat's control of timely entry. The act's text, when given, is what the
        staff read and what the public register depersonalises once the act is published."""
        self._check_allowed("enter_judicial_act")
        self._check_sat(actor)
        held_at = self.hearings[self.last_hearing].held_at
        self._act_entered(
            document_ref=document_ref,
            document_sha256=document_sha256,
            publishable=publishable,
            hearing_held_at=held_at,
            hours_after_hearing=round((now - held_at).total_seconds() / 3600, 2),
            actor=actor,
            command=command,
            text=text,
        )

    @event("JudicialActEntered")
    def _act_entered(
        self,
        *,
        document_ref: str,
        document_sha256: str,
        publishable: bool,
        hearing_held_at: datetime,
        hours_after_hearing: float,
        actor: Actor,
        command: CommandRef | None,
        text: str | None = None,  # acts entered before texts were kept have none
    ) -> None:
        self.publishable = publishable
        self._move("enter_judicial_act", command)

    def publish_act(self, *, portal_ref: str, redacted: bool, actor: Actor, command: CommandRef | None = None) -> None:
        self._check_allowed("publish_act")
        if not self.publishable:
            raise NotPublishableError()
        self._act_published(portal_ref=portal_ref, redacted=redacted, actor=actor, command=command)

    @event("ActPublished")
    def _act_published(self, *, portal_ref: str, redacted: bool, actor: Actor, command: CommandRef | None) -> None:
        self._move("publish_act", command)

    # -- withdrawal, joinder, suspension ------------------------------------------
    def withdraw(self, *, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check_allowed("withdraw")
        self._withdrawn(reason=reason, actor=actor, command=command)

    @event("ComplaintWithdrawn")
    def _withdrawn(self, *, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self._move("withdraw", command)

    def join(
        self, others: list[ProceedingsCase], *, reason: str, actor: Actor, command: CommandRef | None = None
    ) -> None:
        """Join complaints on the same lower-court case into this one (they close as joined)."""
        self._check_allowed("join_others")
        for other in others:
            if other.id == self.id:
                raise JoinSelfError()
            other._check_allowed("join_into")
        for other in others:
            if other.lower_court_case_ref != self.lower_court_case_ref:
                raise JoinDifferentCaseError(other.id)
        ids = tuple(str(o.id) for o in others)
        self._joined_others(case_ids=ids, reason=reason, actor=actor, command=command)
        for other in others:
            other._joined_into(main_case_id=str(self.id), reason=reason, actor=actor, command=None)

    @event("ComplaintsJoined")
    def _joined_others(
        self, *, case_ids: tuple[str, ...], reason: str, actor: Actor, command: CommandRef | None
    ) -> None:
        self.joined_cases.extend(case_ids)
        self._move("join_others", command)

    @event("JoinedInto")
    def _joined_into(self, *, main_case_id: str, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.joined_into = main_case_id
        self._move("join_into", command)

    def suspend_execution(
        self,
        *,
        authority: SuspensionAuthority,
        decided_on: date,
        until: date,
        reason: str,
        actor: Actor,
        command: CommandRef | None = None,
    ) -> None:
        self._check_allowed("suspend_execution")
        if until < decided_on:
            raise SuspensionEndsInPastError()
        latest = add_months(decided_on, SUSPENSION_MONTHS)
        if until > latest:
            raise SuspensionTooLongError(latest)
        self._execution_suspended(
            authority=authority, decided_on=decided_on, until=until, reason=reason, actor=actor, command=command
        )

    @event("ExecutionSuspended")
    def _execution_suspended(
        self,
        *,
        authority: SuspensionAuthority,
        decided_on: date,
        until: date,
        reason: str,
        actor: Actor,
        command: CommandRef | None,
    ) -> None:
        self.suspended_until = until
        self._move("suspend_execution", command)

"""An application of an individual or legal entity (АППК 76): registered, redirected
when outside competence, or assigned, drafted, approved and answered, its term
extended by a reasoned decision of the head or a deputy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor, Role
from domain.applications.errors import (
    ApproverNotAllowedError,
    ExtensionNotLaterError,
    ExtensionTooLongError,
    IdempotencyKeyReusedError,
    NotFromReceptionError,
    ProceduralComplaintError,
    ReasonRequiredError,
    StepNotAllowedNowError,
)
from domain.court_time import court_date
from domain.proceedings.case import CommandRef
from domain.registry.admissibility import add_months
from domain.staged_record import StagedRecord

EXTENSION_MAX_MONTHS = 2  # АППК 76


class Subject(StrEnum):
    PENDING_PROCEEDINGS = "pending_proceedings"
    LEGAL_ASSISTANCE = "legal_assistance"
    INFORMATION_REQUEST = "information_request"
    COMPLAINT_ABOUT_STAFF = "complaint_about_staff"
    PROCEDURAL_COMPLAINT = "procedural_complaint"  # refused: not an application (АППК 3(4)(1))


class Channel(StrEnum):
    PAPER = "paper"
    E_OTINISH = "e_otinish"  # the state e-application portal
    EMAIL = "email"
    RECEPTION = "reception"  # handed in at a personal reception


class ApplicantKind(StrEnum):
    INDIVIDUAL = "individual"
    LEGAL_ENTITY = "legal_entity"


class Stage(StrEnum):
    REGISTERED = "registered"
    REDIRECTED = "redirected"
    ASSIGNED = "assigned"
    DRAFTED = "drafted"
    APPROVED = "approved"
    ANSWERED = "answered"


FINAL = frozenset({Stage.REDIRECTED, Stage.ANSWERED})
WORKING = frozenset({Stage.REGISTERED, Stage.ASSIGNED, Stage.DRAFTED, Stage.APPROVED})

# command -> (stages it may be given in, stage it leads to; None: the stage stays)
TRANSITIONS: dict[str, tuple[frozenset[Stage], Stage | None]] = {
    "redirect": (frozenset({Stage.REGISTERED, Stage.ASSIGNED}), Stage.REDIRECTED),
    "assign": (frozenset({Stage.REGISTERED, Stage.ASSIGNED}), Stage.ASSIGNED),
    "draft_answer": (frozenset({Stage.ASSIGNED, Stage.DRAFTED}), Stage.DRAFTED),
    "approve_answer": (frozenset({Stage.DRAFTED}), Stage.APPROVED),
    "send_answer": (frozenset({Stage.APPROVED}), Stage.ANSWERED),
    "extend_term": (WORKING, None),
    "notify_extension": (WORKING, None),
}


@dataclass(frozen=True)
class Applicant:
    name: str
    kind: ApplicantKind
    identifier: str | None  # ИИН/БИН, used to link earlier applications


class Application(Aggregate, StagedRecord):
    key_reused = IdempotencyKeyReusedError
    transitions = TRANSITIONS
    step_not_allowed = StepNotAllowedNowError
    reason_required = ReasonRequiredError

    class Registered(Aggregate.Created):
        applicant: Applicant
        channel: Channel
        subject: Subject
        summary: str
        related_case: str | None
        received_at: datetime
        confidential: bool
        actor: Actor
        command: CommandRef | None

    @classmethod
    def register(
        cls,
        application_id: UUID,
        *,
        applicant: Applicant,
        channel: Channel,
        subject: Subject,
        summary: str,
        related_case: str | None,
        received_at: datetime,
        actor: Actor,
        confidential: bool = False,
        command: CommandRef | None = None,
    ) -> Application:
        if subject == Subject.PROCEDURAL_COMPLAINT:
            raise ProceduralComplaintError()
        return cls._create(
            cls.Registered, id=application_id, applicant=applicant, channel=channel, subject=subject,
            summary=summary, related_case=related_case, received_at=received_at, confidential=confidential,
            actor=actor, command=command,
        )  # fmt: skip

    def __init__(
        self,
        *,
        applicant: Applicant,
        channel: Channel,
        subject: Subject,
        summary: str,
        related_case: str | None,
        received_at: datetime,
        confidential: bool,
        command: CommandRef | None,
    ) -> None:
        self.applicant = applicant
        self.channel = channel
        self.received_at = received_at
        self.reception_id: str | None = None
        self.stage = Stage.REGISTERED
        self.consultant: str | None = None
        self.drafted_by: str | None = None
        self.extended_until: date | None = None
        self.commands: dict[str, str] = {}
        self._note(command)

    # АППК 76: outside competence, forwarded within 3 working days, the applicant notified.
    def redirect(self, *, to_body: str, applicant_notified: bool, reason: str, actor: Actor,
                 command: CommandRef | None = None) -> None:  # fmt: skip
        self._check("redirect", reason)
        if not applicant_notified:
            raise ReasonRequiredError("redirect without notifying the applicant (АППК 76)")
        self._redirected(to_body=to_body, reason=reason, actor=actor, command=command)

    @event("Redirected")
    def _redirected(self, *, to_body: str, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self._move("redirect", command)

    def assign(self, *, consultant: str, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check("assign", reason)
        self._assigned(consultant=consultant, reason=reason, actor=actor, command=command)

    @event("Assigned")
    def _assigned(self, *, consultant: str, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.consultant = consultant
        self._move("assign", command)

    def draft_answer(self, *, document_ref: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check("draft_answer", document_ref)
        self._answer_drafted(document_ref=document_ref, reason="draft answer", actor=actor, command=command)

    @event("AnswerDrafted")
    def _answer_drafted(self, *, document_ref: str, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.drafted_by = actor.user_id
        self._move("draft_answer", command)

    def approve_answer(self, *, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check("approve_answer", reason)
        if actor.role not in (Role.HEAD, Role.DEPUTY_HEAD) or actor.user_id == self.drafted_by:
            raise ApproverNotAllowedError()
        self._answer_approved(reason=reason, actor=actor, command=command)

    @event("AnswerApproved")
    def _answer_approved(self, *, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self._move("approve_answer", command)

    def send_answer(self, *, sent_at: datetime, channel: Channel, actor: Actor,
                    command: CommandRef | None = None) -> None:  # fmt: skip
        self._check("send_answer")
        self._answer_sent(sent_at=sent_at, channel=channel, reason="answer sent", actor=actor, command=command)

    @event("AnswerSent")
    def _answer_sent(self, *, sent_at: datetime, channel: Channel, reason: str, actor: Actor,
                     command: CommandRef | None) -> None:  # fmt: skip
        self._move("send_answer", command)

    def extend_term(self, *, until: date, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        """АППК 76: by a reasoned decision of the head or a deputy, to at most 2 months from receipt."""
        self._check("extend_term", reason)
        if actor.role not in (Role.HEAD, Role.DEPUTY_HEAD):
            raise ApproverNotAllowedError()
        limit = add_months(court_date(self.received_at), EXTENSION_MAX_MONTHS)
        if until > limit:
            raise ExtensionTooLongError(until, limit)
        if self.extended_until is not None and until <= self.extended_until:
            raise ExtensionNotLaterError(until, self.extended_until)
        self._term_extended(until=until, reason=reason, actor=actor, command=command)

    @event("TermExtended")
    def _term_extended(self, *, until: date, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.extended_until = until
        self._move("extend_term", command)

    def notify_extension(self, *, notified_at: datetime, channel: Channel, actor: Actor,
                         command: CommandRef | None = None) -> None:  # fmt: skip
        """АППК 76: the applicant is told of the extension within 3 working days."""
        self._check("notify_extension")
        if self.extended_until is None:
            raise StepNotAllowedNowError("notify_extension", "not extended")
        self._extension_notified(notified_at=notified_at, channel=channel, reason="extension notice", actor=actor,
                                 command=command)  # fmt: skip

    @event("ExtensionNotified")
    def _extension_notified(self, *, notified_at: datetime, channel: Channel, reason: str, actor: Actor,
                            command: CommandRef | None) -> None:  # fmt: skip
        self._move("notify_extension", command)

    def link_reception(self, *, reception_id: str, actor: Actor) -> None:
        """Handed in at a personal reception (§7.2.3): the reception's `held` event names it back."""
        if self.channel != Channel.RECEPTION:
            raise NotFromReceptionError()
        if self.reception_id is not None:
            raise StepNotAllowedNowError("link_reception", f"linked to reception {self.reception_id}")
        self._received_at_reception(reception_id=reception_id, reason="handed in at a personal reception",
                                    actor=actor)  # fmt: skip

    @event("ReceivedAtReception")
    def _received_at_reception(self, *, reception_id: str, reason: str, actor: Actor) -> None:
        self.reception_id = reception_id

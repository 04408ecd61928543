"""A request for information or analysis (seed 000 §7.3.4): from the Presidential
Administration, a state body, a legal entity or an individual, for statistics or an
analysis of judicial practice. Registered, assigned to the practice-analysis sector,
drafted there, signed off by the head of the Secretariat or the person acting for him
(000 §13), sent; its term extended by a reasoned decision. Each step is an event.

The term is not the aggregate's to know: the context records the due instant the
deadline rule in force gives at registration (the deadlines context watches the same
rule), and passes the rule's longest term to an extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor, Role
from domain.court_time import court_date
from domain.inforequests.errors import (
    ExtenderNotAllowedError,
    ExtensionNotLaterError,
    ExtensionTooLongError,
    IdempotencyKeyReusedError,
    NotExtendableError,
    NotTheAssigneeError,
    ReasonRequiredError,
    ReceivedInTheFutureError,
    StepNotAllowedNowError,
)
from domain.international.signing import SigningAuthority
from domain.proceedings.case import CommandRef
from domain.staged_record import StagedRecord


class RequesterKind(StrEnum):
    PRESIDENTIAL_ADMINISTRATION = "presidential_administration"
    STATE_BODY = "state_body"
    LEGAL_ENTITY = "legal_entity"
    INDIVIDUAL = "individual"


class Subject(StrEnum):
    STATISTICS = "statistics"
    PRACTICE_ANALYSIS = "practice_analysis"


class Channel(StrEnum):
    PAPER = "paper"
    EMAIL = "email"
    E_OTINISH = "e_otinish"  # the state e-application portal
    ESEDO = "esedo"  # the state bodies' unified electronic document system


class Stage(StrEnum):
    REGISTERED = "registered"
    ASSIGNED = "assigned"
    DRAFTED = "drafted"
    SIGNED = "signed"
    ANSWERED = "answered"


WORKING = frozenset({Stage.REGISTERED, Stage.ASSIGNED, Stage.DRAFTED, Stage.SIGNED})

# command -> (stages it may be given in, stage it leads to; None: the stage stays)
TRANSITIONS: dict[str, tuple[frozenset[Stage], Stage | None]] = {
    "assign": (frozenset({Stage.REGISTERED, Stage.ASSIGNED, Stage.DRAFTED}), Stage.ASSIGNED),
    "draft_answer": (frozenset({Stage.ASSIGNED, Stage.DRAFTED}), Stage.DRAFTED),
    "sign_off": (frozenset({Stage.DRAFTED}), Stage.SIGNED),
    "send_answer": (frozenset({Stage.SIGNED}), Stage.ANSWERED),
    "extend_term": (WORKING, None),
}

EXTENDERS = (Role.HEAD, Role.DEPUTY_HEAD)


@dataclass(frozen=True)
class Requester:
    name: str
    kind: RequesterKind
    reference: str | None  # the requester's own letter: its number and date


class InformationRequest(Aggregate, StagedRecord):
    key_reused = IdempotencyKeyReusedError
    transitions = TRANSITIONS
    step_not_allowed = StepNotAllowedNowError
    reason_required = ReasonRequiredError

    class Registered(Aggregate.Created):
        requester: Requester
        subject: Subject
        channel: Channel
        summary: str
        received_at: datetime
        due_at: datetime
        actor: Actor
        command: CommandRef | None

    @classmethod
    def register(
        cls, request_id: UUID, *, requester: Requester, subject: Subject, channel: Channel, summary: str,
        received_at: datetime, registered_at: datetime, due_at: datetime, actor: Actor,
        command: CommandRef | None = None,
    ) -> InformationRequest:  # fmt: skip
        if received_at > registered_at:
            raise ReceivedInTheFutureError(received_at.isoformat())
        return cls._create(
            cls.Registered, id=request_id, requester=requester, subject=subject, channel=channel, summary=summary,
            received_at=received_at, due_at=due_at, actor=actor, command=command,
        )  # fmt: skip

    def __init__(
        self, *, requester: Requester, subject: Subject, channel: Channel, summary: str, received_at: datetime,
        due_at: datetime, command: CommandRef | None,
    ) -> None:  # fmt: skip
        self.requester = requester
        self.subject = subject
        self.received_at = received_at
        self.due_at = due_at
        self.stage = Stage.REGISTERED
        self.assignee: str | None = None
        self.drafted_by: str | None = None
        self.document_ref: str | None = None
        self.signed_by: str | None = None
        self.extended_until: date | None = None
        self.commands: dict[str, str] = {}
        self._note(command)

    # -- assignment to the practice-analysis sector ------------------------------------
    def assign(self, *, assignee: str, assignee_name: str, reason: str, actor: Actor,
               command: CommandRef | None = None) -> None:  # fmt: skip
        """To an analyst of the sector (the context checks the account); a drafted answer is
        redone by the new assignee."""
        self._check("assign", reason)
        self._assigned(assignee=assignee, assignee_name=assignee_name, reason=reason, actor=actor, command=command)

    @event("Assigned")
    def _assigned(self, *, assignee: str, assignee_name: str, reason: str, actor: Actor,
                  command: CommandRef | None) -> None:  # fmt: skip
        self.assignee = assignee
        self.drafted_by = self.document_ref = None
        self._move("assign", command)

    def draft_answer(self, *, document_ref: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check("draft_answer", document_ref)
        if actor.user_id != self.assignee:
            raise NotTheAssigneeError(self.assignee)
        self._answer_drafted(document_ref=document_ref, reason="answer drafted", actor=actor, command=command)

    @event("AnswerDrafted")
    def _answer_drafted(self, *, document_ref: str, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.drafted_by = actor.user_id
        self.document_ref = document_ref
        self._move("draft_answer", command)

    # -- sign-off (000 §13) ------------------------------------------------------------
    def sign_off(self, *, authority: SigningAuthority, signed_at: datetime, actor: Actor,
                 command: CommandRef | None = None) -> None:  # fmt: skip
        """Signed by the head of the Secretariat or the person acting for him: the context looks
        the authority up at the signing instant and it is recorded with the signature."""
        self._check("sign_off")
        self._signed_off(document_ref=self.document_ref or "", authority=authority, signed_at=signed_at,
                         reason="answer signed off (000 §13)", actor=actor, command=command)  # fmt: skip

    @event("SignedOff")
    def _signed_off(self, *, document_ref: str, authority: SigningAuthority, signed_at: datetime, reason: str,
                    actor: Actor, command: CommandRef | None) -> None:  # fmt: skip
        self.signed_by = actor.user_id
        self._move("sign_off", command)

    def send_answer(self, *, sent_at: datetime, channel: Channel, actor: Actor,
                    command: CommandRef | None = None) -> None:  # fmt: skip
        self._check("send_answer")
        self._answer_sent(sent_at=sent_at, channel=channel, reason="answer sent", actor=actor, command=command)

    @event("AnswerSent")
    def _answer_sent(self, *, sent_at: datetime, channel: Channel, reason: str, actor: Actor,
                     command: CommandRef | None) -> None:  # fmt: skip
        self._move("send_answer", command)

    # -- extension ---------------------------------------------------------------------
    @property
    def last_day(self) -> date:
        """The answer's last day: the extended one, or the due instant's day in the court's time."""
        return self.extended_until or court_date(self.due_at)

    def extend_term(self, *, until: date, limit: date | None, reason: str, actor: Actor,
                    command: CommandRef | None = None) -> None:  # fmt: skip
        """By a reasoned decision of the head or a deputy, to no later than the rule's longest
        term (`limit`; None: the rule allows no extension), and later than the term now."""
        self._check("extend_term", reason)
        if actor.role not in EXTENDERS:
            raise ExtenderNotAllowedError()
        if limit is None:
            raise NotExtendableError()
        if until > limit:
            raise ExtensionTooLongError(until, limit)
        if until <= self.last_day:
            raise ExtensionNotLaterError(until, self.last_day)
        self._term_extended(until=until, reason=reason, actor=actor, command=command)

    @event("TermExtended")
    def _term_extended(self, *, until: date, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.extended_until = until
        self._move("extend_term", command)

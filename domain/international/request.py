"""A foreign request: one aggregate per request (a letter rogatory received or to be
sent, a petition to recognise a foreign judicial act, other foreign correspondence).

Every step is an event with its actor and reason, checked against the lifecycle
table (lifecycle.py); a step sent again with the same idempotency key changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.international.errors import (
    IdempotencyKeyReusedError,
    PretrialDiscoveryError,
    ReasonRequiredError,
    SignOffRequiredError,
    StepNotAllowedNowError,
    TranslationRequiredError,
    WrongDirectionError,
)
from domain.international.jurisdiction import CourtChoice
from domain.international.lifecycle import SIGNED_STEPS, TRANSITIONS, Stage
from domain.international.signing import SigningAuthority
from domain.proceedings.case import CommandRef
from domain.staged_record import StagedRecord


class RequestKind(StrEnum):
    INCOMING_LETTER_ROGATORY = "incoming_letter_rogatory"  # from a foreign court
    OUTGOING_LETTER_ROGATORY = "outgoing_letter_rogatory"  # of a Kazakh court, to be sent abroad
    RECOGNITION_PETITION = "recognition_petition"  # recognise and enforce a foreign judicial act
    OTHER_CORRESPONDENCE = "other_correspondence"


INCOMING = frozenset({RequestKind.INCOMING_LETTER_ROGATORY, RequestKind.RECOGNITION_PETITION})


class Treaty(StrEnum):
    HAGUE_SERVICE_1965 = "hague_service_1965"
    HAGUE_EVIDENCE_1970 = "hague_evidence_1970"
    MINSK_1993 = "minsk_1993"
    CHISINAU_2002 = "chisinau_2002"
    BILATERAL = "bilateral"
    RECIPROCITY = "reciprocity"


class RequestedAction(StrEnum):
    SERVICE_OF_DOCUMENTS = "service_of_documents"
    TAKING_EVIDENCE = "taking_evidence"
    RECOGNITION = "recognition"
    OTHER = "other"


# Documents are accepted in Kazakh and/or Russian (Hague Service 1965, Kazakhstan's
# declaration); English requests under the Evidence Convention need a certified translation.
ACCEPTED_LANGUAGES = frozenset({"kk", "ru"})
TRANSLATION_TREATIES = frozenset({Treaty.HAGUE_SERVICE_1965, Treaty.HAGUE_EVIDENCE_1970})


@dataclass(frozen=True)
class Party:
    state: str  # ISO 3166-1 alpha-2
    authority: str


@dataclass(frozen=True)
class RequestParticulars:
    kind: RequestKind
    requesting: Party
    requested: Party
    treaty: Treaty
    language: str  # ISO 639-1
    action: RequestedAction
    related_case: str | None
    confidential: bool  # only if the request says so
    pretrial_discovery: bool = False  # a letter of request for pre-trial discovery of documents
    received_electronically: bool = False

    @property
    def foreign_state(self) -> str:
        return self.requesting.state if self.kind in INCOMING else self.requested.state


class ForeignRequest(Aggregate, StagedRecord):
    key_reused = IdempotencyKeyReusedError
    transitions = TRANSITIONS
    step_not_allowed = StepNotAllowedNowError
    reason_required = ReasonRequiredError

    class Received(Aggregate.Created):
        particulars: RequestParticulars
        received_at: datetime
        reason: str
        actor: Actor
        command: CommandRef | None

    @classmethod
    def receive(
        cls,
        request_id: UUID,
        *,
        particulars: RequestParticulars,
        received_at: datetime,
        actor: Actor,
        reason: str = "received",
        command: CommandRef | None = None,
    ) -> ForeignRequest:
        return cls._create(
            cls.Received, id=request_id, particulars=particulars, received_at=received_at, reason=reason,
            actor=actor, command=command,
        )  # fmt: skip

    def __init__(
        self, *, particulars: RequestParticulars, received_at: datetime, reason: str, command: CommandRef | None
    ) -> None:
        self.particulars = particulars
        self.received_at = received_at
        self.stage = Stage.RECEIVED
        self.translated = particulars.language in ACCEPTED_LANGUAGES
        self.signature: SigningAuthority | None = None
        self.forwarded_to: str | None = None
        self.commands: dict[str, str] = {}
        self._note(command)

    # -- the lifecycle (idempotency: RemembersRequests) --------------------------
    def _check(self, command_name: str, reason: str | None = "-") -> None:
        super()._check(command_name, reason)
        if command_name in SIGNED_STEPS and self.signature is None:
            raise SignOffRequiredError(command_name)

    def _move(self, command_name: str, command: CommandRef | None) -> None:
        if command_name in SIGNED_STEPS:
            self.signature = None  # one signature covers one outgoing document
        super()._move(command_name, command)

    # -- steps -------------------------------------------------------------------
    def register(self, *, registration_number: str, reason: str, actor: Actor, command: CommandRef | None = None):
        self._check("register", reason)
        self._registered(registration_number=registration_number, reason=reason, actor=actor, command=command)

    @event("Registered")
    def _registered(self, *, registration_number: str, reason: str, actor: Actor, command: CommandRef | None):
        self.registration_number = registration_number
        self._move("register", command)

    def request_translation(self, *, into: str, reason: str, actor: Actor, command: CommandRef | None = None):
        self._check("request_translation", reason)
        self._translation_requested(into=into, reason=reason, actor=actor, command=command)

    @event("TranslationRequested")
    def _translation_requested(self, *, into: str, reason: str, actor: Actor, command: CommandRef | None):
        self._move("request_translation", command)

    def receive_translation(
        self, *, language: str, certified: bool, reason: str, actor: Actor, command: CommandRef | None = None
    ):
        self._check("receive_translation", reason)
        self._translation_received(language=language, certified=certified, reason=reason, actor=actor,
                                   command=command)  # fmt: skip

    @event("TranslationReceived")
    def _translation_received(self, *, language: str, certified: bool, reason: str, actor: Actor,
                              command: CommandRef | None):  # fmt: skip
        self.translated = certified and language in ACCEPTED_LANGUAGES
        self._move("receive_translation", command)

    def study(self, *, findings: str, actor: Actor, command: CommandRef | None = None):
        self._check("study", findings)
        p = self.particulars
        if p.kind in INCOMING and p.treaty in TRANSLATION_TREATIES and not self.translated:
            raise TranslationRequiredError(p.language, p.treaty)
        self._studied(findings=findings, reason=findings, actor=actor, command=command)

    @event("Studied")
    def _studied(self, *, findings: str, reason: str, actor: Actor, command: CommandRef | None):
        self._move("study", command)

    def sign_off(self, *, document: str, authority: SigningAuthority, signed_at: datetime, actor: Actor,
                 command: CommandRef | None = None):  # fmt: skip
        """§13: the caller found the signer's authority at signing time (signing.authority_at)."""
        self._check("sign_off", document)
        self._signed_off(document=document, authority=authority, signed_at=signed_at, reason=document, actor=actor,
                         command=command)  # fmt: skip

    @event("SignedOff")
    def _signed_off(self, *, document: str, authority: SigningAuthority, signed_at: datetime, reason: str,
                    actor: Actor, command: CommandRef | None):  # fmt: skip
        self.signature = authority
        self._move("sign_off", command)

    def forward(self, *, choice: CourtChoice, reason: str, actor: Actor, command: CommandRef | None = None):
        """To the competent Kazakh court, chosen from the jurisdiction table (jurisdiction.py)."""
        if self.particulars.kind not in INCOMING:
            raise WrongDirectionError("forward", self.particulars.kind)
        p = self.particulars
        if p.treaty == Treaty.HAGUE_EVIDENCE_1970 and p.pretrial_discovery:
            raise PretrialDiscoveryError()
        self._check("forward", reason)
        self._forwarded(court=choice.court, why=choice.why, kind=p.kind, reason=reason, actor=actor, command=command)

    @event("Forwarded")
    def _forwarded(
        self, *, court: str, why: str, kind: RequestKind, reason: str, actor: Actor, command: CommandRef | None
    ):
        self.forwarded_to = court
        self._move("forward", command)

    def send_abroad(self, *, addressee: str, electronically: bool, reason: str, actor: Actor,
                    command: CommandRef | None = None):  # fmt: skip
        if self.particulars.kind in INCOMING:
            raise WrongDirectionError("send_abroad", self.particulars.kind)
        self._check("send_abroad", reason)
        self._sent_abroad(addressee=addressee, electronically=electronically, reason=reason, actor=actor,
                          command=command)  # fmt: skip

    @event("SentAbroad")
    def _sent_abroad(self, *, addressee: str, electronically: bool, reason: str, actor: Actor,
                     command: CommandRef | None):  # fmt: skip
        self._move("send_abroad", command)

    def post_original(self, *, postal_ref: str, actor: Actor, command: CommandRef | None = None):
        """УПК 560(4): the original of a request sent electronically follows by post."""
        self._check("post_original", postal_ref)
        self._original_posted(postal_ref=postal_ref, reason="original by post (УПК 560(4))", actor=actor,
                              command=command)  # fmt: skip

    @event("OriginalPosted")
    def _original_posted(self, *, postal_ref: str, reason: str, actor: Actor, command: CommandRef | None):
        self._move("post_original", command)

    def return_request(self, *, reason: str, actor: Actor, command: CommandRef | None = None):
        self._check("return_request", reason)
        self._returned(reason=reason, actor=actor, command=command)

    @event("Returned")
    def _returned(self, *, reason: str, actor: Actor, command: CommandRef | None):
        self._move("return_request", command)

    def refuse(self, *, ground: str, legal_basis: str, actor: Actor, command: CommandRef | None = None):
        self._check("refuse", ground)
        self._refused(ground=ground, legal_basis=legal_basis, reason=ground, actor=actor, command=command)

    @event("Refused")
    def _refused(self, *, ground: str, legal_basis: str, reason: str, actor: Actor, command: CommandRef | None):
        self._move("refuse", command)

    def report_execution(self, *, executed: bool, reported_at: datetime, reason: str, actor: Actor,
                         command: CommandRef | None = None):  # fmt: skip
        self._check("report_execution", reason)
        self._execution_reported(executed=executed, reported_at=reported_at, reason=reason, actor=actor,
                                 command=command)  # fmt: skip

    @event("ExecutionReported")
    def _execution_reported(self, *, executed: bool, reported_at: datetime, reason: str, actor: Actor,
                            command: CommandRef | None):  # fmt: skip
        self._move("report_execution", command)

    def return_documents(self, *, to: str, reason: str, actor: Actor, command: CommandRef | None = None):
        self._check("return_documents", reason)
        self._documents_returned(to=to, reason=reason, actor=actor, command=command)

    @event("DocumentsReturned")
    def _documents_returned(self, *, to: str, reason: str, actor: Actor, command: CommandRef | None):
        self._move("return_documents", command)

    def close(self, *, reason: str, actor: Actor, command: CommandRef | None = None):
        self._check("close", reason)
        self._closed(reason=reason, actor=actor, command=command)

    @event("Closed")
    def _closed(self, *, reason: str, actor: Actor, command: CommandRef | None):
        self._move("close", command)

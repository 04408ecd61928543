"""The international context's application: foreign requests, the signing register and
the international projects (their use cases in contexts/international_projects.py).

One method per use case: plain values, the actor, the request's idempotency key and (for
a step on a received request) the version it was based on; the answer is what the caller
reports. The signing instant and the day of forwarding are the context's clock's."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder

from contexts.clock import Clocked
from contexts.international_projects import ProjectUseCases
from contexts.loading import load_of_kind
from contexts.proceedings import command_ref
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor, Role
from domain.court_time import court_date
from domain.international.errors import RequestAlreadyReceivedError, RequestNotFoundError, VersionMismatchError
from domain.international.forwarding import court_to_forward_to
from domain.international.jurisdiction import Matter
from domain.international.project import Milestone
from domain.international.request import CommandRef, ForeignRequest, Party, RequestParticulars
from domain.international.signing import (
    LINE,
    REGISTER_ID,
    Capacity,
    SigningAuthorities,
    SigningAuthority,
    check_capacity,
)


@dataclass(frozen=True)
class RequestRecorded(Recorded):
    """A command's answer: the request, its log position, its version (for If-Match) and stage."""

    version: int
    stage: str
    replayed: bool = False


class International(ProjectUseCases, Clocked, Application[UUID]):
    name = "international"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, Party, RequestParticulars, SigningAuthority, Milestone)

    def get_request(self, request_id: UUID) -> ForeignRequest:
        return load_of_kind(self, request_id, ForeignRequest, RequestNotFoundError)

    # -- use cases: foreign requests ---------------------------------------------
    def receive_request(
        self, *, request_id: UUID | None, particulars: RequestParticulars, received_at: datetime, actor: Actor,
        idempotency_key: str | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Record a foreign request received (or a Kazakh court's request to be sent abroad);
        its id is the request's idempotency key's unless given."""
        content = {
            "request_id": str(request_id) if request_id else None, **dataclasses.asdict(particulars),
            "received_at": received_at,
        }  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, "receive", content)
        request_id = request_id or (uuid.UUID(command.id) if command else uuid.uuid4())
        request = ForeignRequest.receive(
            request_id, particulars=particulars, received_at=received_at, actor=actor, command=command
        )
        try:
            existing = self.get_request(request_id)
        except RequestNotFoundError:
            recordings = self.save(request)
            return RequestRecorded(request.id, recordings[-1].notification.id, request.version, str(request.stage))
        if existing.already_done(command):
            return self._replayed(existing)
        raise RequestAlreadyReceivedError(request_id)

    def register_request(
        self, request_id: UUID, *, registration_number: str, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Register the request with its number."""
        return self._step(
            request_id, "register", {"registration_number": registration_number, "reason": reason}, actor,
            idempotency_key, expected_version,
            lambda r, command: r.register(registration_number=registration_number, reason=reason, actor=actor,
                                          command=command),
        )  # fmt: skip

    def request_translation(
        self, request_id: UUID, *, into: str, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Order a certified translation into Kazakh or Russian."""
        return self._step(
            request_id, "request_translation", {"into": into, "reason": reason}, actor, idempotency_key,
            expected_version,
            lambda r, command: r.request_translation(into=into, reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def record_translation(
        self, request_id: UUID, *, language: str, certified: bool, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Record the translation received."""
        return self._step(
            request_id, "receive_translation", {"language": language, "certified": certified, "reason": reason},
            actor, idempotency_key, expected_version,
            lambda r, command: r.receive_translation(language=language, certified=certified, reason=reason,
                                                     actor=actor, command=command),
        )  # fmt: skip

    def study_request(
        self, request_id: UUID, *, findings: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Record the study of the request and its findings."""
        return self._step(
            request_id, "study", {"findings": findings}, actor, idempotency_key, expected_version,
            lambda r, command: r.study(findings=findings, actor=actor, command=command),
        )  # fmt: skip

    def sign_off_request(
        self, request_id: UUID, *, document: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Sign off an outgoing document (§13): the signer's authority is looked up at the
        signing instant and recorded with the signature."""

        def sign_off(r: ForeignRequest, command: CommandRef | None) -> None:
            now = self.clock.now()
            authority = self.authority_at(actor.user_id, now)
            r.sign_off(document=document, authority=authority, signed_at=now, actor=actor, command=command)

        return self._step(
            request_id, "sign_off", {"document": document}, actor, idempotency_key, expected_version, sign_off
        )

    def forward_request(
        self, request_id: UUID, *, region: str, court: str | None, matter: Matter, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Forward to the competent Kazakh court, the jurisdiction table's on the day (ГПК 476)."""

        def forward(r: ForeignRequest, command: CommandRef | None) -> None:
            on = court_date(self.clock.now())
            choice = court_to_forward_to(r.particulars, region=region, court=court, matter=matter, on=on)
            r.forward(choice=choice, reason=reason, actor=actor, command=command)

        content = {"region": region, "court": court, "matter": matter, "reason": reason}
        return self._step(request_id, "forward", content, actor, idempotency_key, expected_version, forward)

    def send_abroad(
        self, request_id: UUID, *, addressee: str, electronically: bool, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Send a Kazakh court's request to the foreign court or central authority."""
        return self._step(
            request_id, "send_abroad", {"addressee": addressee, "electronically": electronically, "reason": reason},
            actor, idempotency_key, expected_version,
            lambda r, command: r.send_abroad(addressee=addressee, electronically=electronically, reason=reason,
                                             actor=actor, command=command),
        )  # fmt: skip

    def post_original(
        self, request_id: UUID, *, postal_ref: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Record the original of an electronically sent request posted (УПК 560(4))."""
        return self._step(
            request_id, "post_original", {"postal_ref": postal_ref}, actor, idempotency_key, expected_version,
            lambda r, command: r.post_original(postal_ref=postal_ref, actor=actor, command=command),
        )  # fmt: skip

    def return_request(
        self, request_id: UUID, *, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Return the request unexecuted, with the reason."""
        return self._step(
            request_id, "return_request", {"reason": reason}, actor, idempotency_key, expected_version,
            lambda r, command: r.return_request(reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def refuse_execution(
        self, request_id: UUID, *, ground: str, legal_basis: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Refuse execution with its ground and legal basis."""
        return self._step(
            request_id, "refuse", {"ground": ground, "legal_basis": legal_basis}, actor, idempotency_key,
            expected_version,
            lambda r, command: r.refuse(ground=ground, legal_basis=legal_basis, actor=actor, command=command),
        )  # fmt: skip

    def report_execution(
        self, request_id: UUID, *, executed: bool, reported_at: datetime, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Record the report on execution."""
        return self._step(
            request_id, "report_execution", {"executed": executed, "reported_at": reported_at, "reason": reason},
            actor, idempotency_key, expected_version,
            lambda r, command: r.report_execution(executed=executed, reported_at=reported_at, reason=reason,
                                                  actor=actor, command=command),
        )  # fmt: skip

    def return_documents(
        self, request_id: UUID, *, to: str, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Send the execution documents back to the requesting side."""
        return self._step(
            request_id, "return_documents", {"to": to, "reason": reason}, actor, idempotency_key, expected_version,
            lambda r, command: r.return_documents(to=to, reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def close_request(
        self, request_id: UUID, *, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> RequestRecorded:  # fmt: skip
        """Close the request."""
        return self._step(
            request_id, "close", {"reason": reason}, actor, idempotency_key, expected_version,
            lambda r, command: r.close(reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def _step(
        self, request_id: UUID, name: str, content: dict[str, Any], actor: Actor, idempotency_key: str | None,
        expected_version: int | None, act: Callable[[ForeignRequest, CommandRef | None], None],
    ) -> RequestRecorded:  # fmt: skip
        """Load the request, run one step on it and save; a retry records nothing, a stale If-Match is refused."""
        command = command_ref(actor.user_id, idempotency_key, name, {"request_id": str(request_id), **content})
        request = self.get_request(request_id)
        if request.already_done(command):
            return self._replayed(request)
        if expected_version is not None and expected_version != request.version:
            raise VersionMismatchError(expected_version, request.version)
        act(request, command)
        recordings = self.save(request)
        return RequestRecorded(request.id, recordings[-1].notification.id, request.version, str(request.stage))

    def _replayed(self, request: ForeignRequest) -> RequestRecorded:
        position = self.recorder.max_notification_id() or 0
        return RequestRecorded(request.id, position, request.version, str(request.stage), replayed=True)

    # -- §13 sign-off authority --------------------------------------------------
    def signing_register(self, actor: Actor | None = None) -> SigningAuthorities:
        try:
            return self.repository.get(REGISTER_ID)
        except AggregateNotFoundError:
            return SigningAuthorities(actor=actor or Actor("system:international", Role.SYSTEM))

    def record_signing_authority(
        self, *, user_id: str, capacity: Capacity, valid_from: datetime, valid_to: datetime | None, basis: str,
        actor: Actor, line: str = LINE,
    ) -> int:  # fmt: skip
        """Record who may sign the line's documents (international legal assistance, 003 §13, or
        the Secretariat's, 000 §13), and for which period; the answer is the log position of the record."""
        check_capacity(capacity, line)
        register = self.signing_register(actor)
        register.record(authority=SigningAuthority(user_id, capacity, valid_from, valid_to, basis, line), actor=actor)
        recordings = self.save(register)
        return recordings[-1].notification.id

    def authority_at(self, user_id: str, at: datetime, line: str = LINE) -> SigningAuthority:
        return self.signing_register().authority_at(user_id, at, line)

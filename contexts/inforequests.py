"""The information-requests context's application: requests of the Presidential
Administration, state bodies, legal entities and individuals for statistics or an
analysis of judicial practice (seed 000 §7.3.4), answered by the practice-analysis sector
and signed off by the head of the Secretariat or the person acting for him (000 §13).

A context of its own rather than a kind of application: the requesters include state
bodies (not applicants under АППК 76), the answer is prepared by another unit (the
practice-analysis sector, not the consultants of §7.2) and signed under another rule
(000 §13, not the approval of a head or deputy), so the applications' lifecycle would
have needed exceptions at every step.

What the composition root connects:
- `account_of`: a user's account (name and role), to check the assignee is an analyst;
- `authority_at`: the §13 signing register the international context keeps (one
  register, by line of work), asked for the Secretariat's line at the signing instant;
- `answer_terms`: the due instant of rule `inforequests.answer` for a request received
  then, and the latest last day an extension may reach, from the deadlines context's
  rule book and calendar. The deadline starter starts, extends and meets the same rule
  from this context's events.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application as EventsourcedApplication
from eventsourcing.persistence import JSONTranscoder

from contexts.clock import Clocked
from contexts.loading import load_of_kind
from contexts.proceedings import command_ref
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor, Role
from domain.inforequests.errors import (
    AssigneeNotAnAnalystError,
    RequestAlreadyRegisteredError,
    RequestNotFoundError,
    VersionMismatchError,
)
from domain.inforequests.request import Channel, InformationRequest, Requester, Subject
from domain.international.signing import SigningAuthority
from domain.proceedings.case import CommandRef


@dataclass(frozen=True)
class InformationRequestRecorded(Recorded):
    """A command's answer: the request, its log position, version (for If-Match) and stage."""

    version: int
    stage: str
    replayed: bool = False


class InformationRequests(Clocked, EventsourcedApplication[UUID]):
    name = "inforequests"
    # user id -> (name, role) of the account, None if there is none.
    account_of: Callable[[str], tuple[str, Role] | None]
    # (user id, instant) -> the §13 authority on the Secretariat's line, or SignerNotAuthorisedError.
    authority_at: Callable[[str, datetime], SigningAuthority]
    # received at -> (the answer's due instant, the latest day an extension may reach; None: not extendable).
    answer_terms: Callable[[datetime], tuple[datetime, date | None]]

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, Requester, SigningAuthority)

    def get_request(self, request_id: UUID) -> InformationRequest:
        return load_of_kind(self, request_id, InformationRequest, RequestNotFoundError)

    def register_request(
        self, *, requester: Requester, subject: Subject, channel: Channel, summary: str, received_at: datetime,
        actor: Actor, idempotency_key: str | None = None,
    ) -> InformationRequestRecorded:  # fmt: skip
        """Register a request; its answer is due by the rule in force (its id is the idempotency key's)."""
        content = {
            "requester": {"name": requester.name, "kind": requester.kind, "reference": requester.reference},
            "subject": subject, "channel": channel, "summary": summary, "received_at": received_at,
        }  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, "register_request", content)
        request_id = uuid.UUID(command.id) if command else uuid.uuid4()
        try:
            existing = self.get_request(request_id)
        except RequestNotFoundError:
            existing = None
        if existing is not None:
            if existing.already_done(command):
                return self._recorded(existing, self._position(), replayed=True)
            raise RequestAlreadyRegisteredError(request_id)
        due_at, _ = self.answer_terms(received_at)
        request = InformationRequest.register(
            request_id, requester=requester, subject=subject, channel=channel, summary=summary,
            received_at=received_at, registered_at=self.clock.now(), due_at=due_at, actor=actor, command=command,
        )  # fmt: skip
        recordings = self.save(request)
        return self._recorded(request, recordings[-1].notification.id)

    def assign_request(
        self, request_id: UUID, *, assignee: str, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> InformationRequestRecorded:  # fmt: skip
        """Assign the request to an analyst of the practice-analysis sector."""

        def assign(r: InformationRequest, command: CommandRef | None) -> None:
            account = self.account_of(assignee)
            if account is None or account[1] != Role.ANALYST:
                raise AssigneeNotAnAnalystError(assignee)
            r.assign(assignee=assignee, assignee_name=account[0], reason=reason, actor=actor, command=command)

        return self._step(request_id, "assign", {"assignee": assignee, "reason": reason}, actor, idempotency_key,
                          expected_version, assign)  # fmt: skip

    def draft_answer(
        self, request_id: UUID, *, document_ref: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> InformationRequestRecorded:  # fmt: skip
        """The assignee records the drafted answer (the statistics or the analysis)."""
        return self._step(
            request_id, "draft_answer", {"document_ref": document_ref}, actor, idempotency_key, expected_version,
            lambda r, command: r.draft_answer(document_ref=document_ref, actor=actor, command=command),
        )  # fmt: skip

    def sign_off(
        self, request_id: UUID, *, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> InformationRequestRecorded:  # fmt: skip
        """Sign off the answer (000 §13): the signer's authority on the Secretariat's line is looked
        up at the signing instant and recorded with the signature."""

        def sign(r: InformationRequest, command: CommandRef | None) -> None:
            now = self.clock.now()
            r.sign_off(authority=self.authority_at(actor.user_id, now), signed_at=now, actor=actor, command=command)

        return self._step(request_id, "sign_off", {}, actor, idempotency_key, expected_version, sign)

    def send_answer(
        self, request_id: UUID, *, sent_at: datetime, channel: Channel, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> InformationRequestRecorded:  # fmt: skip
        """Record the signed answer sent: the request's term is met."""
        return self._step(
            request_id, "send_answer", {"sent_at": sent_at, "channel": channel}, actor, idempotency_key,
            expected_version,
            lambda r, command: r.send_answer(sent_at=sent_at, channel=channel, actor=actor, command=command),
        )  # fmt: skip

    def extend_term(
        self, request_id: UUID, *, until: date, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> InformationRequestRecorded:  # fmt: skip
        """Extend the answer's term by a reasoned decision of the head or a deputy, within the rule's longest term."""

        def extend(r: InformationRequest, command: CommandRef | None) -> None:
            _, limit = self.answer_terms(r.received_at)
            r.extend_term(until=until, limit=limit, reason=reason, actor=actor, command=command)

        return self._step(request_id, "extend_term", {"until": until, "reason": reason}, actor, idempotency_key,
                          expected_version, extend)  # fmt: skip

    # -- the steps' common part --------------------------------------------------------
    def _step(
        self, request_id: UUID, name: str, content: dict[str, Any], actor: Actor, idempotency_key: str | None,
        expected_version: int | None, act: Callable[[InformationRequest, CommandRef | None], None],
    ) -> InformationRequestRecorded:  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, name, {"request_id": str(request_id), **content})
        request = self.get_request(request_id)
        if request.already_done(command):
            return self._recorded(request, self._position(), replayed=True)
        if expected_version is not None and expected_version != request.version:
            raise VersionMismatchError(expected_version, request.version)
        act(request, command)
        recordings = self.save(request)
        return self._recorded(request, recordings[-1].notification.id)

    def _position(self) -> int:
        return self.recorder.max_notification_id() or 0

    @staticmethod
    def _recorded(request: InformationRequest, position: int, replayed: bool = False) -> InformationRequestRecorded:
        return InformationRequestRecorded(request.id, position, request.version, str(request.stage), replayed)

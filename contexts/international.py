"""The international context's application: foreign requests and the signing register."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder

from contexts.clock import Clocked
from contexts.loading import load_of_kind
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor, Role
from domain.international.errors import RequestAlreadyReceivedError, RequestNotFoundError, VersionMismatchError
from domain.international.request import CommandRef, ForeignRequest, Party, RequestParticulars
from domain.international.signing import REGISTER_ID, SigningAuthorities, SigningAuthority


@dataclass(frozen=True)
class RequestRecorded(Recorded):
    version: int
    replayed: bool = False


class International(Clocked, Application[UUID]):
    name = "international"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, Party, RequestParticulars, SigningAuthority)

    def get_request(self, request_id: UUID) -> ForeignRequest:
        return load_of_kind(self, request_id, ForeignRequest, RequestNotFoundError)

    def receive(self, request: ForeignRequest) -> RequestRecorded:
        try:
            existing = self.get_request(request.id)
        except RequestNotFoundError:
            recordings = self.save(request)
            return RequestRecorded(request.id, recordings[-1].notification.id, request.version)
        if existing.already_done(request.collect_events()[0].command):
            return self._replayed(existing)
        raise RequestAlreadyReceivedError(request.id)

    def execute(
        self,
        request_id: UUID,
        action: Callable[[ForeignRequest], Any],
        *,
        command: CommandRef | None,
        expected_version: int | None = None,
    ) -> RequestRecorded:
        """Load the request, run one step on it and save; a retry records nothing, a stale If-Match is refused."""
        request = self.get_request(request_id)
        if request.already_done(command):
            return self._replayed(request)
        if expected_version is not None and expected_version != request.version:
            raise VersionMismatchError(expected_version, request.version)
        action(request)
        recordings = self.save(request)
        return RequestRecorded(request.id, recordings[-1].notification.id, request.version)

    # -- §13 sign-off authority --------------------------------------------------
    def signing_register(self, actor: Actor | None = None) -> SigningAuthorities:
        try:
            return self.repository.get(REGISTER_ID)
        except AggregateNotFoundError:
            return SigningAuthorities(actor=actor or Actor("system:international", Role.SYSTEM))

    def record_authority(self, authority: SigningAuthority, *, actor: Actor) -> int:
        register = self.signing_register(actor)
        register.record(authority=authority, actor=actor)
        recordings = self.save(register)
        return recordings[-1].notification.id

    def authority_at(self, user_id: str, at: datetime) -> SigningAuthority:
        return self.signing_register().authority_at(user_id, at)

    def _replayed(self, request: ForeignRequest) -> RequestRecorded:
        position = self.recorder.max_notification_id() or 0
        return RequestRecorded(request.id, position, request.version, replayed=True)

"""The registry context's application: registers incoming items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder

from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.registry.complaint import Complaint, ComplaintFiling, ContestedAct, Filer
from domain.registry.errors import ComplaintNotFoundError


@dataclass(frozen=True)
class Recorded:
    """What a command answers: the aggregate's id and the log position of its last event."""

    id: UUID
    position: int


class Registry(Application[UUID]):
    name = "registry"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, Filer, ContestedAct, ComplaintFiling)

    def register_complaint(self, filing: ComplaintFiling, *, actor: Actor, now: datetime) -> Recorded:
        complaint = Complaint.register(filing, actor=actor, now=now)
        recordings = self.save(complaint)
        return Recorded(complaint.id, recordings[-1].notification.id)

    def get_complaint(self, complaint_id: UUID) -> Complaint:
        try:
            return self.repository.get(complaint_id)
        except AggregateNotFoundError:
            raise ComplaintNotFoundError(complaint_id) from None

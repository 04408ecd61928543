"""The registry context's application: registers incoming items."""

from __future__ import annotations

import random
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.court_time import court_date
from domain.registry.complaint import Complaint, ComplaintFiling, ContestedAct, Filer
from domain.registry.errors import ComplaintNotFoundError, IdempotencyKeyReusedError, RegistrationBusyError
from domain.registry.journal import DEFAULT_NUMBER_FORMAT, ItemKind, RegistrationJournal


@dataclass(frozen=True)
class Recorded:
    """What a command answers: the aggregate's id and the log position of its last event."""

    id: UUID
    position: int


@dataclass(frozen=True)
class Registered(Recorded):
    registration_number: str
    replayed: bool = False


IDEMPOTENCY_NAMESPACE = uuid.UUID("4b8e2f51-9c3a-4d7e-a1f0-6e5d4c3b2a19")


def item_id_for(user_id: str, idempotency_key: str) -> uuid.UUID:
    """The id a request with this key names: the same on every retry by the same user."""
    return uuid.uuid5(IDEMPOTENCY_NAMESPACE, f"{user_id}\n{idempotency_key}")


# Registrations racing for the same journal (from other processes: within one
# process they queue on a lock) retry, each retry taking the next number.
MAX_NUMBERING_ATTEMPTS = 50


class Registry(Application[UUID]):
    name = "registry"

    def __init__(self, env=None) -> None:
        super().__init__(env)
        self._locks_guard = threading.Lock()
        self._journal_locks: dict[tuple[str, int], threading.Lock] = {}

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, Filer, ContestedAct, ComplaintFiling)

    def register_complaint(
        self,
        filing: ComplaintFiling,
        *,
        court: str,
        actor: Actor,
        now: datetime,
        number_format: str = DEFAULT_NUMBER_FORMAT,
        idempotency_key: str | None = None,
    ) -> Registered:
        year = court_date(now).year
        requested_id = item_id_for(actor.user_id, idempotency_key) if idempotency_key else None
        with self._journal_lock(court, year):
            for attempt in range(MAX_NUMBERING_ATTEMPTS):
                if requested_id is not None and (earlier := self._existing(requested_id)) is not None:
                    return self._replay(earlier, filing)
                journal = self._journal(court, year, actor)
                item_id = requested_id or uuid.uuid4()
                number = journal.assign_number(
                    item_id=str(item_id),
                    kind=ItemKind.CASSATION_COMPLAINT,
                    number_format=number_format,
                    actor=actor,
                )
                complaint = Complaint.register(filing, actor=actor, now=now, registration_number=number, id=item_id)
                try:
                    recordings = self.save(complaint, journal)
                except IntegrityError:
                    # Another process took this number first: take the next one, after a
                    # short random pause so that the racers do not collide again.
                    time.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # noqa: S311 - jitter, not security
                    continue
                return Registered(complaint.id, recordings[-1].notification.id, number)
        raise RegistrationBusyError(court)

    def _existing(self, item_id: uuid.UUID) -> Complaint | None:
        try:
            return self.repository.get(item_id)
        except AggregateNotFoundError:
            return None

    def _replay(self, earlier: Complaint, filing: ComplaintFiling) -> Registered:
        """The answer to a retried request: the complaint it registered the first time."""
        if earlier.filing != filing:
            raise IdempotencyKeyReusedError()
        # The original events are at or before the log's head: a read that waits for
        # this position sees them.
        position = self.recorder.max_notification_id() or 0
        return Registered(earlier.id, position, earlier.registration_number, replayed=True)

    def _journal_lock(self, court: str, year: int) -> threading.Lock:
        with self._locks_guard:
            return self._journal_locks.setdefault((court, year), threading.Lock())

    def _journal(self, court: str, year: int, actor: Actor) -> RegistrationJournal:
        try:
            return self.repository.get(RegistrationJournal.create_id(court, year))
        except AggregateNotFoundError:
            return RegistrationJournal(court=court, year=year, actor=actor)

    def get_complaint(self, complaint_id: UUID) -> Complaint:
        try:
            return self.repository.get(complaint_id)
        except AggregateNotFoundError:
            raise ComplaintNotFoundError(complaint_id) from None

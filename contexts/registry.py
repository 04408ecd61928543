"""The registry context's application: registers incoming items."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from contexts.clock import Clocked
from contexts.group_commit import GroupCommit, Request
from contexts.loading import load_of_kind
from contexts.registry_legacy import register_legacy_names
from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.court_time import court_date
from domain.registry.admissibility import (
    AdmissibilityDecision,
    CheckContext,
    EarlierItem,
    Finding,
    RollOver,
    decide,
    weekend_roll_over,
)
from domain.registry.errors import (
    IdempotencyKeyReusedError,
    ItemNotFoundError,
    RegistrationBusyError,
    RelatedItemNotFoundError,
    UnknownCourtNamedError,
)
from domain.registry.filing import ContestedAct, Filer, ItemParticulars, Offence
from domain.registry.filing_index import FilingIndex
from domain.registry.incoming_item import IncomingItem, ItemStatus
from domain.registry.intake import CourtsOfFiling, Filing, particulars_of
from domain.registry.journal import DEFAULT_NUMBER_FORMAT, RegistrationJournal


@dataclass(frozen=True)
class Recorded:
    """What a command answers: the aggregate's id and the log position of its last event."""

    id: UUID
    position: int


@dataclass(frozen=True)
class Registered(Recorded):
    registration_number: str
    admissibility: AdmissibilityDecision
    replayed: bool = False


@dataclass(frozen=True)
class Intake:
    """The deployment's registration settings: its courts and its numbers' format."""

    courts: CourtsOfFiling
    configured_courts: tuple[str, ...]
    number_format: str = DEFAULT_NUMBER_FORMAT


IDEMPOTENCY_NAMESPACE = uuid.UUID("4b8e2f51-9c3a-4d7e-a1f0-6e5d4c3b2a19")


def item_id_for(user_id: str, idempotency_key: str) -> uuid.UUID:
    """The id a request with this key names: the same on every retry by the same user."""
    return uuid.uuid5(IDEMPOTENCY_NAMESPACE, f"{user_id}\n{idempotency_key}")


# Registrations racing for the same journal (from other processes: within one
# process they queue for it) retry, each retry taking the next number.
MAX_NUMBERING_ATTEMPTS = 50

# What a batch answers a registration it did not number: read again and queue again,
# at once (its batch saved the same request or filing first) or after a pause (another
# process saved first).
AGAIN = "again"
CONFLICT = "conflict"


class Numbering(Request):
    """A registration decided and waiting for its court's number."""

    def __init__(self, particulars, decision, index, item_id, actor, now, number_format) -> None:
        super().__init__()
        self.particulars: ItemParticulars = particulars
        self.decision: AdmissibilityDecision = decision
        self.index: FilingIndex = index
        self.item_id: UUID = item_id
        self.actor: Actor = actor
        self.now: datetime = now
        self.number_format: str = number_format


class Registry(Clocked, Application[UUID]):
    """Registration of incoming items. The composition root sets the deployment's intake
    and connects what this context reads from another: whether a court has a roster
    (the assignment)."""

    name = "registry"
    intake: Intake
    has_roster: Callable[[str], bool]

    def __init__(self, env=None, *, roll_over: RollOver = weekend_roll_over) -> None:
        super().__init__(env)
        self.roll_over = roll_over
        self._locks_guard = threading.Lock()
        self._numbering_queues: dict[tuple[str, int], GroupCommit] = {}

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_legacy_names(transcoder)
        register_value_objects(
            transcoder, Actor, Filer, ContestedAct, Offence, ItemParticulars, AdmissibilityDecision, Finding
        )

    # -- use cases ---------------------------------------------------------------------
    def register_filing(self, filing: Filing, *, actor: Actor, idempotency_key: str | None = None) -> Registered:
        """Register an item as filed (УПК 488): the court's defaults fill in what the filing
        leaves unsaid; a court it names must register items here (configured, or enrolled)."""
        named = filing.court
        if named is not None and named not in self.intake.configured_courts and not self.has_roster(named):
            raise UnknownCourtNamedError(named, list(self.intake.configured_courts))
        return self.register_item(
            particulars_of(filing, self.intake.courts), actor=actor, number_format=self.intake.number_format,
            idempotency_key=idempotency_key,
        )  # fmt: skip

    def register_item(
        self,
        particulars: ItemParticulars,
        *,
        actor: Actor,
        now: datetime | None = None,
        number_format: str = DEFAULT_NUMBER_FORMAT,
        idempotency_key: str | None = None,
    ) -> Registered:
        """Register particulars as given, at `now` (the process's clock unless given)."""
        now = now or self.clock.now()
        court = particulars.court
        year = court_date(now).year
        requested_id = item_id_for(actor.user_id, idempotency_key) if idempotency_key else None
        if particulars.related_item_id:
            self._check_related(particulars.related_item_id)
        for attempt in range(MAX_NUMBERING_ATTEMPTS):
            # Only the number needs the court's journal to itself: what else the item needs
            # is read before the queue for it, so other registrations' reads overlap. The
            # save is atomic and checks every aggregate's version, so a filing index or a
            # retried request that changed meanwhile fails it, and the next attempt reads again.
            if requested_id is not None and (earlier := self._existing(requested_id)) is not None:
                return self._replay(earlier, particulars)
            item_id = requested_id or uuid.uuid4()
            index = self._filing_index(particulars.fingerprint())
            earlier = self._earlier_items(index) if index else ()
            decision = decide(particulars, CheckContext(self.roll_over, earlier))
            if index is None:
                index = FilingIndex.first_filing(particulars.fingerprint(), item_id=str(item_id), actor=actor)
            else:
                index.add(item_id=str(item_id), actor=actor)
            request = Numbering(particulars, decision, index, item_id, actor, now, number_format)
            outcome = self._numbering(court, year).submit(request)
            if outcome is AGAIN:
                continue  # its batch numbered the same request or filing first: read again
            if outcome is CONFLICT:
                # Another process took this number (or filed the same request) first:
                # decide again, after a short random pause so the racers do not collide again.
                time.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # noqa: S311 - jitter, not security
                continue
            return outcome
        raise RegistrationBusyError(court)

    def _numbering(self, court: str, year: int) -> GroupCommit:
        with self._locks_guard:
            queue = self._numbering_queues.get((court, year))
            if queue is None:
                queue = GroupCommit(lambda batch: self._number_batch(court, year, batch))
                self._numbering_queues[court, year] = queue
            return queue

    def _number_batch(self, court: str, year: int, batch: list[Numbering]) -> None:
        """The registrations waiting for one court's journal, numbered one after the other
        and saved in one transaction (group commit, `contexts/group_commit.py`). One whose
        rules refuse it is answered with its error and takes no number; one naming an item
        or a filing index another of the batch already saves waits for the next (it must
        read what this one saves); a save that fails on a version (another process
        numbered, or saved the same request, meanwhile) sends them all to read again."""
        journal = self._journal(court, year, batch[0].actor)
        numbered: list[tuple[Numbering, IncomingItem]] = []
        aggregates: set[UUID] = set()
        for request in batch:
            if request.item_id in aggregates or request.index.id in aggregates:
                request.answer(AGAIN)
                continue
            try:
                item = IncomingItem.register(
                    request.particulars, admissibility=request.decision, actor=request.actor, now=request.now,
                    registration_number=journal.next_number(
                        kind=request.particulars.kind.code, number_format=request.number_format
                    ),
                    id=request.item_id,
                )  # fmt: skip
            except Exception as refused:  # noqa: BLE001 - its own answer; the others go on
                request.fail(refused)
                continue
            journal.assign_number(
                item_id=str(request.item_id), kind=request.particulars.kind.code,
                number_format=request.number_format, actor=request.actor,
            )  # fmt: skip
            numbered.append((request, item))
            aggregates |= {request.item_id, request.index.id}
        if not numbered:
            return
        try:
            # The journal last: each item's registration precedes its number on the log,
            # which the register's projection relies on (`projections/incoming_register.py`).
            recordings = self.save(*(a for request, item in numbered for a in (item, request.index)), journal)
        except IntegrityError:
            for request, _ in numbered:
                request.answer(CONFLICT)
            return
        # Each answer names its own number's position: a registration's events all go to its
        # item's partition, and the number is the last of them (read-your-writes waits for
        # that partition to reach it; the batch's last position may be on another partition).
        numbers = {
            getattr(r.domain_event, "item_id", None): r.notification.id
            for r in recordings
            if r.domain_event.originator_id == journal.id
        }
        for request, item in numbered:
            position = numbers[str(request.item_id)]
            request.answer(Registered(item.id, position, item.registration_number, request.decision))

    def _check_related(self, related_item_id: str) -> None:
        try:
            self.get_item(UUID(related_item_id))
        except (ValueError, ItemNotFoundError):
            raise RelatedItemNotFoundError(related_item_id) from None

    def _earlier_items(self, index: FilingIndex) -> tuple[EarlierItem, ...]:
        earlier = []
        for item_id in index.item_ids:
            item: IncomingItem = self.repository.get(UUID(item_id))
            earlier.append(EarlierItem(item_id, item.registration_number, item.status == ItemStatus.RETURNED))
        return tuple(earlier)

    def _filing_index(self, fingerprint: str) -> FilingIndex | None:
        try:
            return self.repository.get(FilingIndex.create_id(fingerprint))
        except AggregateNotFoundError:
            return None

    def _existing(self, item_id: uuid.UUID) -> IncomingItem | None:
        try:
            return self.repository.get(item_id)
        except AggregateNotFoundError:
            return None

    def _replay(self, earlier: IncomingItem, particulars: ItemParticulars) -> Registered:
        """The answer to a retried request: the item it registered the first time."""
        if earlier.particulars != particulars:
            raise IdempotencyKeyReusedError()
        # The original events are at or before the log's head: a read that waits for
        # this position sees them.
        position = self.recorder.max_notification_id() or 0
        return Registered(earlier.id, position, earlier.registration_number, earlier.admissibility, replayed=True)

    def _journal(self, court: str, year: int, actor: Actor) -> RegistrationJournal:
        """The court's journal, read for each group: another process may have numbered
        since this one's last group (its save would fail on the journal's version)."""
        try:
            return self.repository.get(RegistrationJournal.create_id(court, year))
        except AggregateNotFoundError:
            return RegistrationJournal(court=court, year=year, actor=actor)

    def confirm_filing_term(
        self, item_id: UUID, *, confirmed: bool, note: str, actor: Actor, now: datetime | None = None
    ) -> Recorded:
        """A registrar or judge confirms (or finds missed) the filing term of an item admitted
        though its term could not be checked at registration; recorded once (a second
        confirmation is refused, 409, so a retry changes nothing)."""
        item = self.get_item(item_id)
        item.confirm_filing_term(confirmed=confirmed, note=note, actor=actor, now=now or self.clock.now())
        recordings = self.save(item)
        return Recorded(item.id, recordings[-1].notification.id)

    def get_item(self, item_id: UUID) -> IncomingItem:
        return load_of_kind(self, item_id, IncomingItem, ItemNotFoundError)

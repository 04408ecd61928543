"""The archive's journal: archive numbers, per court and year of handover, without gaps.

As the registry's journal (domain/registry/journal.py): a number is taken in the same
transaction as the handover it numbers, and the journal's optimistic concurrency makes
two handovers that raced for one number retry, so no number is issued twice or skipped.
"""

from __future__ import annotations

import uuid

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor

JOURNAL_NAMESPACE = uuid.UUID("0b6c2a8e-5d41-4f3a-9e27-8c1d4b5a6f70")
ARCHIVE_NUMBER_FORMAT = "{court}-A-{sequence}/{year}"


class ArchiveJournal(Aggregate):
    @staticmethod
    def create_id(court: str, year: int) -> uuid.UUID:
        return uuid.uuid5(JOURNAL_NAMESPACE, f"{court}/{year}")

    @event("Opened")
    def __init__(self, *, court: str, year: int, actor: Actor) -> None:  # noqa: ARG002 - recorded in the event
        self.court = court
        self.year = year
        self.last_sequence = 0

    def assign_number(self, *, file_id: str, actor: Actor) -> tuple[int, str]:
        sequence = self.last_sequence + 1
        number = ARCHIVE_NUMBER_FORMAT.format(court=self.court, sequence=sequence, year=self.year)
        self._assigned(court=self.court, year=self.year, file_id=file_id, sequence=sequence, number=number,
                       actor=actor)  # fmt: skip
        return sequence, number

    @event("NumberAssigned")
    def _assigned(self, *, court: str, year: int, file_id: str, sequence: int, number: str, actor: Actor) -> None:
        self.last_sequence = sequence

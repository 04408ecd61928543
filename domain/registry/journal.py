"""The registry's journal: registration numbers, per court and year, without gaps.

A number is taken in the same transaction as the registration it numbers (both
aggregates are saved together), and the journal's optimistic concurrency makes two
registrations that raced for the same number retry: every number is issued once,
and none is skipped.
"""

from __future__ import annotations

import uuid

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor

JOURNAL_NAMESPACE = uuid.UUID("7f3d1c2b-4a5e-4f60-8b9a-0c1d2e3f4a5b")
DEFAULT_NUMBER_FORMAT = "{court}-{kind}-{sequence}/{year}"


class RegistrationJournal(Aggregate):
    @staticmethod
    def create_id(court: str, year: int) -> uuid.UUID:
        return uuid.uuid5(JOURNAL_NAMESPACE, f"{court}/{year}")

    @event("Opened")
    def __init__(self, *, court: str, year: int, actor: Actor) -> None:  # noqa: ARG002 - recorded in the event
        self.court = court
        self.year = year
        self.last_sequence = 0

    def next_number(self, *, kind: str, number_format: str) -> str:
        """The number `assign_number` would give next, recording nothing (a registration
        is checked with it before the number is taken, so one refused leaves no gap)."""
        return number_format.format(court=self.court, kind=kind, sequence=self.last_sequence + 1, year=self.year)

    def assign_number(self, *, item_id: str, kind: str, number_format: str, actor: Actor) -> str:
        number = self.next_number(kind=kind, number_format=number_format)
        self._assigned(
            court=self.court, year=self.year, item_id=item_id, kind=kind, sequence=self.last_sequence + 1,
            number=number, actor=actor,
        )  # fmt: skip
        return number

    @event("NumberAssigned")
    def _assigned(
        self, *, court: str, year: int, item_id: str, kind: str, sequence: int, number: str, actor: Actor
    ) -> None:
        self.last_sequence = sequence

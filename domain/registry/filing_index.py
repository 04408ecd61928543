"""Which items were filed as the same request: the input of the duplicate check.

One small aggregate per fingerprint (court, kind, filer, lower-court case, act),
saved in the same transaction as the item it lists: two identical filings racing
each other conflict on it, and the second is decided knowing the first. Its id is
derived from the fingerprint, so the filer's name is not stored in it.
"""

from __future__ import annotations

import uuid

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor

FILING_INDEX_NAMESPACE = uuid.UUID("3c7a9e10-2f4b-4d8c-9e61-5a0b7c3d2e18")


class FilingIndex(Aggregate):
    @staticmethod
    def create_id(fingerprint: str) -> uuid.UUID:
        return uuid.uuid5(FILING_INDEX_NAMESPACE, fingerprint)

    @classmethod
    def first_filing(cls, fingerprint: str, *, item_id: str, actor: Actor) -> FilingIndex:
        return cls._create(cls.FirstFiled, id=cls.create_id(fingerprint), item_id=item_id, actor=actor)

    class FirstFiled(Aggregate.Created):
        item_id: str
        actor: Actor

    @event(FirstFiled)
    def __init__(self, *, item_id: str, actor: Actor) -> None:  # noqa: ARG002 - recorded in the event
        self.item_ids: list[str] = [item_id]

    @event("Filed")
    def add(self, *, item_id: str, actor: Actor) -> None:  # noqa: ARG002 - recorded in the event
        self.item_ids.append(item_id)

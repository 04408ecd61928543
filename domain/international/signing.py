"""Who may sign outgoing documents, by line of work, at the time of signing: on
international legal assistance (003 §13) the deputy head supervising the line, or the
person acting for him; on the Secretariat's matters (000 §13, e.g. answers to requests
for information and analysis) the head of the Secretariat, or the person acting for him.

The records are data with validity periods (an acting order names its dates); the
sign-off checks them at the signing instant and records the record it relied on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.international.errors import CapacityNotOfLineError, SignerNotAuthorisedError

LINE = "international_legal_assistance"  # 003 §13
SECRETARIAT_LINE = "secretariat_documents"  # 000 §13: documents sent on the Secretariat's behalf
LINES = (LINE, SECRETARIAT_LINE)
REGISTER_ID = UUID("6f1c2b9e-3d4a-5e6f-8a7b-9c0d1e2f3a4b")  # one register per installation


class Capacity(StrEnum):
    SUPERVISING_DEPUTY_HEAD = "supervising_deputy_head"
    ACTING = "acting"  # acting for the supervising deputy head (or the head of the Secretariat) by an order
    SECRETARIAT_HEAD = "secretariat_head"  # 000 §13


# Who signs on each line: the international line's records never name the head of the
# Secretariat (its published v1 events know only its own two capacities).
CAPACITIES = {
    LINE: (Capacity.SUPERVISING_DEPUTY_HEAD, Capacity.ACTING),
    SECRETARIAT_LINE: (Capacity.SECRETARIAT_HEAD, Capacity.ACTING),
}


def check_capacity(capacity: Capacity, line: str) -> None:
    if capacity not in CAPACITIES.get(line, ()):
        raise CapacityNotOfLineError(str(capacity), line)


@dataclass(frozen=True)
class SigningAuthority:
    user_id: str
    capacity: Capacity
    valid_from: datetime
    valid_to: datetime | None  # exclusive; None: until revoked
    basis: str  # the appointing or acting order, e.g. "order No. 112 of 3 Nov 2025"
    line: str = LINE

    def covers(self, user_id: str, at: datetime, line: str = LINE) -> bool:
        return (
            self.user_id == user_id
            and self.line == line
            and self.capacity in CAPACITIES.get(line, ())  # a record made before capacities were checked
            and self.valid_from <= at
            and (self.valid_to is None or at < self.valid_to)
        )


def authority_at(records: list[SigningAuthority], user_id: str, at: datetime, line: str = LINE) -> SigningAuthority:
    """The record that lets the user sign on the line at that instant (§13), or a refusal."""
    for record in records:
        if record.covers(user_id, at, line):
            return record
    raise SignerNotAuthorisedError(user_id, at.isoformat(), line)


class SigningAuthorities(Aggregate):
    """The record of who may sign, kept as events so a past signature can be checked
    against the authority then in force."""

    @staticmethod
    def create_id() -> UUID:
        return REGISTER_ID

    @event("Opened")
    def __init__(self, *, actor: Actor) -> None:
        self.records: list[SigningAuthority] = []

    @event("AuthorityRecorded")
    def record(self, *, authority: SigningAuthority, actor: Actor) -> None:
        self.records.append(authority)

    def authority_at(self, user_id: str, at: datetime, line: str = LINE) -> SigningAuthority:
        return authority_at(self.records, user_id, at, line)

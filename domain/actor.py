"""Who did something: every event in every context records its actor."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    REGISTRAR = "registrar"
    JUDGE = "judge"
    CONSULTANT = "consultant"
    INTERNATIONAL_OFFICER = "international_officer"
    HEAD = "head"
    DEPUTY_HEAD = "deputy_head"
    AUDITOR = "auditor"
    INTEGRATION_SERVICE = "integration_service"
    SYSTEM = "system"  # sotflow's own processes (the distributor, the deadline watcher)


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: Role
    on_behalf_of: str | None = None

    def __post_init__(self) -> None:
        if not self.user_id:
            raise ValueError("an actor needs a user id")

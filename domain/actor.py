"""Who did something: every event in every context records its actor."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    REGISTRAR = "registrar"
    JUDGE = "judge"
    CONSULTANT = "consultant"
    INTERNATIONAL_OFFICER = "international_officer"
    ARCHIVIST = "archivist"  # records management and the archive (004 §15.14)
    ANALYST = "analyst"  # the judicial-practice analysis sector (000 §7.3)
    PERSONNEL_OFFICER = "personnel_officer"  # personal records of the staff (004 §15.7)
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
    # A judge's account is linked to the judge on a court's roster it belongs to: what
    # only the judges of a case may do is checked against these.
    judge_court: str | None = None
    judge_id: str | None = None

    def __post_init__(self) -> None:
        if not self.user_id:
            raise ValueError("an actor needs a user id")
        if (self.judge_court is None) != (self.judge_id is None):
            raise ValueError("a judge is named by both the court and the judge id")

    def is_judge(self, court: str, judge_id: str) -> bool:
        return (self.judge_court, self.judge_id) == (court, judge_id)

    def is_one_of(self, court: str, judge_ids: tuple[str, ...] | list[str]) -> bool:
        return self.judge_court == court and self.judge_id in judge_ids


class JudgeNotEntitledError(Exception):
    """A judge's account tried what only another judge, or a judge of the case, may do."""

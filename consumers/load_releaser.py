"""The load releaser: when a case is disposed of, its judges' loads drop it.

Reads the proceedings topic; on an act entered, a return, a withdrawal or a joinder
it asks the assignment context to release the case's load (idempotent: a case is
released once). Cases never distributed (returned before distribution) have no load;
one still waiting for its court's roster is taken off the distributor's waiting list.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any
from uuid import UUID

import structlog
from eventsourcing.persistence import IntegrityError

from consumers.log_follower import LogFollower
from consumers.waiting_cases import court_queue
from contexts.assignment import UnknownCourtError
from domain.actor import Actor, Role
from domain.assignment.errors import NotDistributedError
from sotflow.topics import event_topic

if TYPE_CHECKING:  # the composition root hands a consumer its system; the type only
    from sotflow.bootstrap import Sotflow

log = structlog.get_logger("load_releaser")

RELEASER = Actor(user_id="system:load-releaser", role=Role.SYSTEM)
DISPOSING = {
    "kz.sotflow.proceedings.judicial-act-entered.v1": "judicial act entered",
    "kz.sotflow.proceedings.item-returned.v1": "returned (УПК 489)",
    "kz.sotflow.proceedings.complaint-withdrawn.v1": "complaint withdrawn",
    "kz.sotflow.proceedings.joined-into.v1": "joined into another case",
}


class LoadReleaser(LogFollower):
    group = "load-releaser"
    client_id = "sotflow-load-releaser"

    def __init__(self, system: Sotflow) -> None:
        super().__init__(system.settings, system.pool)
        self.system = system
        self.released = 0

    def topics(self) -> list[str]:
        return [event_topic(self.settings, "proceedings")]

    def handle(self, envelope: dict[str, Any], stop: threading.Event) -> bool:
        reason = DISPOSING.get(envelope["type"])
        if reason is None:
            return True
        case_id = envelope["subject"]
        court = self.system.proceedings.get_case(UUID(case_id)).court
        while not stop.is_set():
            try:
                if self.system.assignment.release(court, case_id=case_id, reason=reason, actor=RELEASER):
                    self.released += 1
                    log.info("load.released", case_id=case_id, reason=reason)
                return True
            except (NotDistributedError, UnknownCourtError):
                self._stop_waiting(court, case_id, reason)  # never distributed: no load to release
                return True
            except IntegrityError:
                continue  # the roster changed meanwhile: decide again
        return False

    def _stop_waiting(self, court: str, case_id: str, reason: str) -> None:
        """A case disposed of while it waited for its court's roster is not to be distributed.
        Under the court's lock, as the distributor takes it (see consumers/distributor.py)."""
        with court_queue(self.system.pool, self.system.settings.db_schema, court) as queue:
            if queue.remove(case_id):
                log.info("distribution.skipped", case_id=case_id, court=court, reason=f"{reason} while waiting")

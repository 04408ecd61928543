"""The load releaser: when a case is disposed of, its judges' loads drop it.

Reads the proceedings topic; on an act entered, a return, a withdrawal or a joinder
it asks the assignment context to release the case's load (idempotent: a case is
released once). Cases never distributed (returned before distribution) are skipped.
"""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID

import structlog
from eventsourcing.persistence import IntegrityError

from consumers.log_follower import LogFollower
from contexts.assignment import UnknownCourtError
from domain.actor import Actor, Role
from domain.assignment.errors import NotDistributedError
from sotflow.bootstrap import Sotflow
from sotflow.topics import event_topic

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
        super().__init__(system.settings)
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
                return True  # never distributed: no load to release
            except IntegrityError:
                continue  # the roster changed meanwhile: decide again
        return False

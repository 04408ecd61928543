"""The distributor: turns each registered case into an automatic distribution.

Reads the registry's topic (its own consumer group) and asks the assignment context
to distribute every admissible registered item that opens a case (complaints,
protests, petitions, submissions, extradition complaints) to a judge or panel of
the item's court and specialisation. Returned items and items that join an
existing case (case files, extradition materials) are not distributed. At-least-once delivery plus an idempotent
command gives each case exactly one distribution: a case already distributed is
skipped. When the court cannot distribute yet (no roster, no settings in force, too
few judges), the worker waits and retries the same event: a registered case is never
dropped, and cases are distributed in the order they were registered.

A case disposed of before its turn came (returned under УПК 489, withdrawn or joined
while the court had no roster, say) is not distributed: no judge's load should count
it. One disposed of while it was being distributed is released at once, since the load
releaser may have read the disposal before there was a load to release.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import structlog
from eventsourcing.persistence import IntegrityError

from consumers.log_follower import LogFollower
from contexts.assignment import UnknownCourtError
from domain.actor import Actor, Role
from domain.assignment.errors import AlreadyDistributedError, NoSettingsInForceError, PoolTooSmallError
from domain.assignment.roster import Procedure
from domain.proceedings.errors import CaseNotFoundError
from domain.proceedings.lifecycle import DISPOSED
from sotflow.bootstrap import Sotflow
from sotflow.topics import event_topic

log = structlog.get_logger("distributor")

DISTRIBUTOR = Actor(user_id="system:distributor", role=Role.SYSTEM)
ITEM_REGISTERED = "kz.sotflow.registry.item-registered.v1"
NOT_YET_POSSIBLE = (UnknownCourtError, NoSettingsInForceError, PoolTooSmallError)


class Distributor(LogFollower):
    group = "distributor"
    client_id = "sotflow-distributor"

    def __init__(self, system: Sotflow, *, retry_seconds: float = 5.0) -> None:
        super().__init__(system.settings)
        self.system = system
        self.retry_seconds = retry_seconds
        self.distributed = 0

    def topics(self) -> list[str]:
        return [event_topic(self.settings, "registry")]

    def handle(self, envelope: dict[str, Any], stop: threading.Event) -> bool:
        if envelope["type"] != ITEM_REGISTERED:
            return True
        item = envelope["data"]
        if not item["admissibility"]["admissible"] or item["procedure"] is None:
            return True
        if self._disposed(envelope["subject"]):
            log.info("distribution.skipped", case_id=envelope["subject"], reason="disposed of before distribution")
            return True
        while not stop.is_set():
            try:
                protocol, _ = self.system.assignment.distribute(
                    item["court"],
                    case_id=envelope["subject"],
                    registration_event_id=envelope["id"],
                    specialisation=item["specialisation"],
                    procedure=Procedure(item["procedure"]),
                    actor=DISTRIBUTOR,
                    now=datetime.now(UTC),
                )
            except AlreadyDistributedError:
                return True
            except IntegrityError:
                continue  # the roster changed meanwhile (a judge enrolled, say): decide again
            except NOT_YET_POSSIBLE as exc:
                log.warning("distribution.waiting", case_id=envelope["subject"], reason=str(exc))
                stop.wait(self.retry_seconds)
                return False
            self.distributed += 1
            log.info("distribution.done", case_id=envelope["subject"], panel=list(protocol.panel))
            if self._disposed(envelope["subject"]):
                self._release(item["court"], envelope["subject"])
            return True
        return False

    def _disposed(self, case_id: str) -> bool:
        try:
            return self.system.proceedings.get_case(UUID(case_id)).stage in DISPOSED
        except CaseNotFoundError:
            return False  # not in proceedings yet

    def _release(self, court: str, case_id: str) -> None:
        while True:
            try:
                self.system.assignment.release(
                    court, case_id=case_id, reason="disposed of while it was being distributed", actor=DISTRIBUTOR
                )
                log.info("load.released", case_id=case_id, reason="disposed of while it was being distributed")
                return
            except IntegrityError:
                continue  # the roster changed meanwhile: decide again

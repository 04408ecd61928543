"""The distributor: turns each registered case into an automatic distribution.

Reads the registry's topic (its own consumer group) and asks the assignment context
to distribute every admissible registered item that opens a case (complaints,
protests, petitions, submissions, extradition complaints) to a judge or panel of
the item's court and specialisation. Returned items and items that join an
existing case (case files, extradition materials) are not distributed. At-least-once delivery plus an idempotent
command gives each case exactly one distribution: a case already distributed is
skipped.

When the court cannot distribute yet (no roster, no settings in force, too few
judges), the case waits in the distributor's waiting list in PostgreSQL
(consumers/waiting_cases.py), stored before the offset moves past its event, and the
distributor goes on with the next event: other courts' cases are not held up. A
court's later cases queue behind its waiting ones, since each draw depends on the
loads the earlier draws left: within a court, cases are distributed in the order
they were registered (their registry log positions). Waiting cases are retried every
`retry_seconds` (`SOTFLOW_DISTRIBUTOR_RETRY_SECONDS`), and at start, so a restarted
distributor resumes them; a retry is also what notices a court becoming ready by the
mere passing of time (settings whose effective date comes, an absence that ends).

A case disposed of before its turn came (returned under УПК 489, withdrawn or joined
while the court had no roster, say) is not distributed, nor kept waiting: no judge's
load should count it. One disposed of while it was being distributed is released at
once, since the load releaser may have read the disposal before there was a load to
release.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

import structlog
from eventsourcing.persistence import IntegrityError

from consumers.log_follower import LogFollower
from consumers.waiting_cases import CourtQueue, WaitingCase, court_queue, courts_waiting, create_table
from contexts.assignment import UnknownCourtError
from domain.actor import Actor, Role
from domain.assignment.errors import AlreadyDistributedError, NoSettingsInForceError, PoolTooSmallError
from domain.assignment.roster import Procedure
from domain.proceedings.errors import CaseNotFoundError
from domain.proceedings.lifecycle import DISPOSED
from sotflow.postgres import MIGRATION_LOCK_KEY
from sotflow.topics import event_topic

if TYPE_CHECKING:  # the composition root hands a consumer its system; the type only
    from sotflow.bootstrap import Sotflow

log = structlog.get_logger("distributor")

DISTRIBUTOR = Actor(user_id="system:distributor", role=Role.SYSTEM)
ITEM_REGISTERED = "kz.sotflow.registry.item-registered.v1"
# Why a court cannot distribute yet, as the waiting list names it.
NOT_YET_POSSIBLE = {
    UnknownCourtError: "no-roster",
    NoSettingsInForceError: "no-settings-in-force",
    PoolTooSmallError: "pool-too-small",
}


class NotYet(Exception):
    """The court cannot distribute yet; carries the reason's code and text."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class Distributor(LogFollower):
    group = "distributor"
    client_id = "sotflow-distributor"

    def __init__(self, system: Sotflow, *, retry_seconds: float | None = None) -> None:
        super().__init__(system.settings, system.pool)
        self.system = system
        self.schema = system.settings.db_schema
        self.retry_seconds = system.settings.distributor_retry_seconds if retry_seconds is None else retry_seconds
        self.distributed = 0
        self._last_retry: float | None = None
        # Also made by `sotflow db migrate`; made here too so that a distributor started
        # before the migration of an upgrade does not fail on its first waiting case.
        with system.pool.connection() as conn, conn.transaction():
            conn.execute("select pg_advisory_xact_lock(%s)", (MIGRATION_LOCK_KEY,))
            create_table(conn, self.schema)

    def topics(self) -> list[str]:
        return [event_topic(self.settings, "registry")]

    def handle(self, envelope: dict[str, Any], stop: threading.Event) -> bool:
        if envelope["type"] != ITEM_REGISTERED:
            return True
        item = envelope["data"]
        if not item["admissibility"]["admissible"] or item["procedure"] is None:
            return True
        case = WaitingCase(
            case_id=envelope["subject"],
            court=item["court"],
            log_position=int(envelope["logposition"]),
            registration_event_id=envelope["id"],
            specialisation=item["specialisation"],
            procedure=item["procedure"],
            registered_at=datetime.fromisoformat(item["registered_at"]) if item.get("registered_at") else None,
        )
        # The row (if the case must wait) is committed when the block ends, before the
        # caller commits the Kafka offset past the event. The disposal is looked at under
        # the court's lock: one recorded later reaches the load releaser, which takes the
        # same lock to take the case off the list, after this row is there.
        with court_queue(self.system.pool, self.schema, case.court) as queue:
            if self._disposed(case.case_id):
                log.info("distribution.skipped", case_id=case.case_id, reason="disposed of before distribution")
                return True
            ahead = queue.blocking_reason()
            if ahead is not None:
                self._wait(queue, case, *ahead, behind=True)
                return True
            try:
                return self._distribute(case, stop)
            except NotYet as not_yet:
                self._wait(queue, case, not_yet.code, not_yet.reason, behind=False)
                return True

    def tick(self, stop: threading.Event) -> None:
        """Retry the waiting cases, court by court, every `retry_seconds` (and at start)."""
        now = time.monotonic()
        if self._last_retry is not None and now - self._last_retry < self.retry_seconds:
            return
        self._last_retry = now
        for court in courts_waiting(self.system.pool, self.schema):
            if stop.is_set():
                return
            self.retry_court(court, stop)

    def retry_court(self, court: str, stop: threading.Event) -> None:
        """Distribute the court's waiting cases in registration order, until one still cannot be.
        One transaction per case, so that a distributor killed part way keeps what it did
        and the load releaser is not kept waiting for the court's lock by a long list."""
        distributed = 0
        while not stop.is_set():
            with court_queue(self.system.pool, self.schema, court) as queue:
                case = queue.first()
                if case is None:
                    break
                # The load releaser takes a case disposed of while waiting off the list; one
                # whose disposal it has not read yet is looked at here, before its draw.
                if self._disposed(case.case_id):
                    queue.remove(case.case_id)
                    log.info("distribution.skipped", case_id=case.case_id, court=court, reason="disposed of, waiting")
                    continue
                try:
                    if not self._distribute(case, stop):
                        return  # stopping: the case keeps waiting
                except NotYet as not_yet:
                    if queue.blocking_reason() != (not_yet.code, not_yet.reason):
                        log.warning(
                            "distribution.still_waiting", court=court, reason_code=not_yet.code, reason=not_yet.reason
                        )
                    queue.still_waiting(not_yet.code, not_yet.reason)
                    return
                queue.remove(case.case_id)
                distributed += 1
        if distributed:
            log.info("distribution.resumed", court=court, distributed=distributed)

    def _wait(self, queue: CourtQueue, case: WaitingCase, code: str, reason: str, *, behind: bool) -> None:
        if queue.add(case, code, reason):
            log.warning(
                "distribution.waiting", case_id=case.case_id, court=case.court, reason_code=code, reason=reason,
                queued_behind_earlier_cases=behind,
            )  # fmt: skip

    def _distribute(self, case: WaitingCase, stop: threading.Event) -> bool:
        """True when the case is distributed (now or before); NotYet if the court cannot yet;
        False only when stopping."""
        while not stop.is_set():
            try:
                protocol, _ = self.system.assignment.distribute(
                    case.court,
                    case_id=case.case_id,
                    registration_event_id=case.registration_event_id,
                    specialisation=case.specialisation,
                    procedure=Procedure(case.procedure),
                    actor=DISTRIBUTOR,
                )
            except AlreadyDistributedError:
                return True
            except IntegrityError:
                continue  # the roster changed meanwhile (a judge enrolled, say): decide again
            except tuple(NOT_YET_POSSIBLE) as exc:
                code = next(code for kind, code in NOT_YET_POSSIBLE.items() if isinstance(exc, kind))
                raise NotYet(code, str(exc)) from None
            self.distributed += 1
            log.info("distribution.done", case_id=case.case_id, court=case.court, panel=list(protocol.panel))
            if self._disposed(case.case_id):
                self._release(case.court, case.case_id)
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

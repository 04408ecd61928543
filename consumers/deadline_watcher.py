"""The deadline watcher: turns time passing into events.

It keeps the deadline register up to date from the deadlines topic (a projection
worker in a thread, sharing the register's offsets with `sotflow consume`), and
every few seconds asks the register which deadlines need something:

- open deadlines computed under another calendar revision than the one in effect
  (an order entered or taking effect, a new edition of the built-in calendar):
  recomputed;
- open deadlines within the warning window: approaching;
- open deadlines past due, however long ago: missed. There is no lower bound on
  how overdue a deadline may be, so nothing that fell due while the watcher was
  down is skipped.

The register only says where to look; the Deadline aggregate decides, once per due
instant, and optimistic concurrency makes a second watcher (or a restarted one
asking again before the register caught up) record nothing twice.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import structlog

from consumers.projection_worker import ProjectionWorker
from domain.actor import Actor, Role
from domain.court_time import court_date
from projections import deadline_register
from sotflow import metrics
from sotflow.supervisor import run_until_stopped

if TYPE_CHECKING:  # the composition root hands a consumer its system; the type only
    from sotflow.bootstrap import Sotflow

log = structlog.get_logger("deadline_watcher")

WATCHER = Actor(user_id="system:deadline-watcher", role=Role.SYSTEM)
BATCH = 500


@dataclass
class Noticed:
    recomputed: int = 0
    approaching: int = 0
    missed: int = 0


class DeadlineWatcher:
    def __init__(self, system: Sotflow) -> None:
        self.system = system
        self.settings = system.settings
        self.window = timedelta(hours=self.settings.deadline_warning_window_hours)
        self.noticed = Noticed()

    def run(self, stop: threading.Event) -> None:
        worker = ProjectionWorker(deadline_register, self.settings, self.system.pool)
        # The register's worker parks what it cannot store and is started again when it
        # fails otherwise: neither a bad event nor PostgreSQL restarting stops the watcher.
        feeder = threading.Thread(
            target=run_until_stopped, args=(deadline_register.NAME, worker.run, stop), name="deadline-register",
            daemon=True,
        )  # fmt: skip
        feeder.start()
        log.info("watcher.started", window_hours=self.window.total_seconds() / 3600)
        while not stop.is_set():
            try:
                self.tick(self.system.clock.now())
                metrics.DEADLINE_WATCHER_LAST_RUN.set_to_current_time()
            except Exception:  # noqa: BLE001 - looked at again next interval; the register is still fed
                log.exception("watcher.tick_failed")
            stop.wait(self.settings.deadline_watch_interval_seconds)

    def tick(self, now: datetime) -> Noticed:
        """One look at the register; returns what this look recorded."""
        deadlines, schema = self.system.deadlines, self.settings.projection_schema
        noticed = Noticed()
        _, revision = deadlines.calendar_in_effect(court_date(now))
        with self.system.pool.connection() as conn:
            stale = deadline_register.due_for_recomputation(conn, schema, revision, BATCH)
            near = deadline_register.approaching(conn, schema, now, self.window.total_seconds() / 3600, BATCH)
            late = deadline_register.overdue(conn, schema, now, BATCH)
        for row in stale:
            noticed.recomputed += deadlines.recompute(row["deadline_id"], actor=WATCHER, now=now)
        for row in near:
            noticed.approaching += deadlines.note_approaching(
                row["deadline_id"], now=now, window=self.window, actor=WATCHER
            )
        for row in late:
            noticed.missed += deadlines.note_missed(row["deadline_id"], now=now, actor=WATCHER)
        if noticed.recomputed or noticed.approaching or noticed.missed:
            log.info("watcher.noticed", **noticed.__dict__)
        for name in ("recomputed", "approaching", "missed"):
            setattr(self.noticed, name, getattr(self.noticed, name) + getattr(noticed, name))
            metrics.DEADLINE_WATCHER_EVENTS.labels(name).inc(getattr(noticed, name))
        return noticed

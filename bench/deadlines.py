"""bench/deadlines: how fast the starter and the watcher keep up.

Stores a backlog of registered complaints (each starts two deadlines), relays it,
then feeds the registry's topic to the incoming register (a projection: one insert
per event, the baseline) and to the deadline starter (two deadlines started in the
event store per event), and prints events per second for each and their ratio.
Then relays the deadlines, feeds the register, and times one watcher look that
finds every deadline overdue (missed recorded per second).

    python -m bench.deadlines --complaints 2000
"""

from __future__ import annotations

import argparse
import threading
import time
from datetime import UTC, date, datetime, timedelta

from domain.registry.complaint import (
    Complaint,
    ComplaintFiling,
    ContestedAct,
    Filer,
    FilingChannel,
    JudicialActKind,
    ProceduralRole,
)

from bench.scratch import scratch_settings
from consumers.deadline_starter import run_starter
from consumers.deadline_watcher import DeadlineWatcher
from consumers.projection_worker import ProjectionWorker
from domain.actor import Actor, Role
from projections import deadline_register, incoming_register
from relay.relay import Relay
from sotflow.bootstrap import bootstrap
from sotflow.db import drop_schemas
from sotflow.logging import configure_logging


def store_complaints(registry, count: int) -> None:
    actor = Actor("u-bench", Role.REGISTRAR)
    received = datetime.now(UTC) - timedelta(days=30)  # their 3-day terms are long past
    batch = []
    for n in range(count):
        filing = ComplaintFiling(
            received_at=received,
            channel=FilingChannel.PAPER,
            filer=Filer(name=f"Bench filer {n}", procedural_role=ProceduralRole.CONVICT),
            lower_court_case_ref=f"1-{n}/2025",
            contested_act=ContestedAct("Astana City Court", JudicialActKind.VERDICT, date(2025, 1, 10)),
        )
        batch.append(Complaint.register(filing, actor=actor, now=received + timedelta(minutes=1)))
        if len(batch) == 500:
            registry.save(*batch)
            batch = []
    if batch:
        registry.save(*batch)


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=2000)
    args = parser.parse_args()
    _, settings = scratch_settings()
    configure_logging(settings)
    system = bootstrap(settings)
    try:
        store_complaints(system.registry, args.complaints)
        Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)
        register = ProjectionWorker(incoming_register, settings, system.pool)
        baseline = timed(lambda: register.run(threading.Event(), max_idle_polls=3))
        starter_time = timed(lambda: run_starter(system, threading.Event(), max_idle_polls=3))
        print(f"incoming register (baseline): {args.complaints / baseline:8.0f} events/s")
        print(f"deadline starter:             {args.complaints / starter_time:8.0f} events/s "
              f"({2 * args.complaints / starter_time:.0f} deadlines started/s)")  # fmt: skip
        print(f"ratio starter/baseline:       {baseline / starter_time:8.3f}")

        # The watcher looks at up to 500 deadlines at a time; between looks the
        # register catches up from the log (not timed).
        watcher = DeadlineWatcher(system)
        looks, noticed, took = 0, 0, 0.0
        while True:
            Relay(system.deadlines, "deadlines", settings).run(threading.Event(), exit_when_idle=True)
            ProjectionWorker(deadline_register, settings, system.pool).run(threading.Event(), max_idle_polls=2)
            started = time.perf_counter()
            found = watcher.tick(datetime.now(UTC)).missed
            took += time.perf_counter() - started
            looks += 1
            noticed += found
            if not found:
                break
        print(f"watcher: {noticed} missed recorded in {looks} looks, {noticed / took:.0f}/s of looking")
    finally:
        system.close()
        drop_schemas(settings)


if __name__ == "__main__":
    main()

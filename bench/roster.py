"""bench/roster: the cost of one command on a court's roster as the roster grows.

A court's roster (domain/assignment/roster.py) keeps every case it ever distributed.
The event store's aggregate cache hands each command a deep copy of the cached roster
(eventsourcing's `deepcopy_from_cache`), so that a refused or failed command leaves the
cache as it was. Each command therefore pays for copying the whole roster.

For each size (default 1,000, 10,000 and 50,000 cases distributed, nine in ten of them
since disposed of), in memory, no services needed:
- `copy`: the roster's own deep copy, what the cache does on every command;
- `generic copy`: the same roster copied by the standard library's generic deepcopy
  of its attributes (what a roster without its own `__deepcopy__` costs), the
  baseline measured in the same run;
- `command`: the copy plus distributing one new case on it (the distributor's command);
- `cold load`: replaying all of the roster's events into a new roster (a process
  that starts with an empty cache pays this once; the database read is on top).

With `--store`, also from PostgreSQL (the local services; a scratch schema): the roster's
events are stored (snapshots taken every ROSTER_SNAPSHOT_INTERVAL events, as in
production), then a new process's first load of the roster is timed twice in the same
run: from the last snapshot and the events after it, and, as the baseline, from all of
its events (the snapshots deleted).

    python -m bench.roster [--sizes 1000 10000 50000] [--repeat 50] [--store]
"""

from __future__ import annotations

import argparse
import copy
import time
from datetime import UTC, date, datetime

import psycopg

from domain.actor import Actor, Role
from domain.assignment.roster import CourtRoster, DistributionSettings, JudgeProfile, Post
from domain.procedure import Procedure

HEAD = Actor("u-head-bench", Role.HEAD)
DISTRIBUTOR = Actor("system:distributor", Role.SYSTEM)
NOW = datetime(2025, 7, 1, 4, 0, tzinfo=UTC)


def grown_roster(cases: int) -> tuple[CourtRoster, list]:
    """A nine-judge roster that distributed `cases` cases and released nine in ten; with its events."""
    roster = CourtRoster(court="cassation-criminal", actor=HEAD)
    for n in range(9):
        post = Post.COLLEGIUM_CHAIR if n == 0 else Post.JUDGE
        roster.enrol(JudgeProfile(f"judge-{n}", f"Judge {n}", "criminal", ("criminal",), post), actor=HEAD)
    settings = DistributionSettings(
        version=1, effective_from=date(2025, 7, 1), source="bench",
        post_coefficients={"judge": 1.0, "collegium_chair": 0.5}, complexity={"cassation": 1.0},
        panel_member_share=0.5, panel_sizes={"cassation": 3}, min_pool_size=5,
    )  # fmt: skip
    roster.adopt_settings(settings, actor=HEAD, now=NOW)
    for n in range(cases):
        distribute(roster, n)
        if n % 10:
            roster.release(case_id=f"case-{n}", reason="judicial act entered", actor=DISTRIBUTOR)
    return roster, roster.collect_events()


def distribute(roster: CourtRoster, n: int) -> None:
    roster.distribute(
        case_id=f"case-{n}", registration_event_id=f"event-{n}", specialisation="criminal",
        procedure=Procedure.CASSATION, actor=DISTRIBUTOR, now=NOW,
    )  # fmt: skip


def generic_deepcopy(roster: CourtRoster) -> CourtRoster:
    """What copy.deepcopy does for an object without __deepcopy__: copy its attributes' values deeply."""
    clone = object.__new__(CourtRoster)
    clone.__dict__.update(copy.deepcopy(roster.__dict__))
    return clone


def per_call_ms(action, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        action()
    return (time.perf_counter() - started) * 1000 / repeat


def command(roster: CourtRoster, cases: int) -> None:
    working = copy.deepcopy(roster)
    distribute(working, cases)
    working.collect_events()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--store", action="store_true", help="also time the first load from PostgreSQL")
    args = parser.parse_args()

    header = ("cases", "events", "copy ms", "generic ms", "generic/copy", "command ms", "cold load ms")
    print("".join(f"{h:>13}" for h in header))
    for cases in args.sizes:
        cases, events, own, generic, one_command, cold = measure(cases, args.repeat)
        row = (f"{cases:,}", f"{events:,}", f"{own:.2f}", f"{generic:.2f}", f"{generic / own:.0f}",
               f"{one_command:.2f}", f"{cold:.1f}")  # fmt: skip
        print("".join(f"{v:>13}" for v in row))
    if args.store:
        print("\nfirst load from PostgreSQL by a new process:")
        print("".join(f"{h:>16}" for h in ("cases", "events", "from snapshot s", "all events s", "ratio")))
        for cases in args.sizes:
            events, with_snapshot, without = load_from_store(cases)
            row = (
                f"{cases:,}",
                f"{events:,}",
                f"{with_snapshot:.2f}",
                f"{without:.2f}",
                f"{with_snapshot / without:.3f}",
            )
            print("".join(f"{v:>16}" for v in row))


def load_from_store(cases: int) -> tuple[int, float, float]:
    """Seconds for a new process's first load of a grown roster: from its last snapshot, and from every event."""
    from psycopg import sql

    from bench.scratch import drop_scratch, scratch_settings
    from sotflow.bootstrap import bootstrap

    roster, events = grown_roster(cases)
    _, settings = scratch_settings()
    try:
        writer = bootstrap(settings)
        try:
            for start in range(0, len(events), 1000):  # as commands would have, a batch at a time
                roster._pending_events = list(events[start : start + 1000])
                writer.assignment.save(roster)
        finally:
            writer.close()

        def first_load() -> float:
            reader = bootstrap(settings)
            try:
                started = time.perf_counter()
                reader.assignment.roster(roster.court)
                return time.perf_counter() - started
            finally:
                reader.close()

        with_snapshot = first_load()
        with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("delete from {}").format(sql.Identifier(settings.db_schema, "assignment_snapshots")))
        return len(events), with_snapshot, first_load()
    finally:
        drop_scratch(settings)


def measure(cases: int, repeat: int) -> tuple[int, int, float, float, float, float]:
    roster, events = grown_roster(cases)
    own = per_call_ms(lambda: copy.deepcopy(roster), repeat)
    generic = per_call_ms(lambda: generic_deepcopy(roster), max(1, repeat // 10))
    one_command = per_call_ms(lambda: command(roster, cases), repeat)

    def cold_load() -> None:
        aggregate = None
        for event in events:
            aggregate = event.mutate(aggregate)

    return cases, len(events), own, generic, one_command, per_call_ms(cold_load, 1)


if __name__ == "__main__":
    main()

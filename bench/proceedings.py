"""bench/proceedings: proceedings commands through the HTTP API.

Unlike registrations (serialised per court for gapless numbers), a proceedings command
works on one case's aggregate, so many cases move at once. Set up outside the timing,
in a deployment of bench.e2e's processes plus the distributor: judges enrolled, the
court's distribution settings adopted, N complaints registered and distributed to panels.
Then C clients drive the cases, each case by one client, through five commands with the
right role's token, an Idempotency-Key each and the If-Match of the previous answer's
ETag: acceptance (a judge of the panel), case file receipt and hearing scheduled and held
(the registry's clerk), ruling (a judge who sat). Reports commands/s, p50/p99 latency per
command kind, CPU per command (API processes, PostgreSQL, the whole machine), and in the
same run bench.e2e's baselines: the raw INSERT+COMMIT rates of the same PostgreSQL from
C connections and from one.

`--before REF --repeat K` and `--profile PATH [--gil]` as in bench.e2e.

    python -m bench.proceedings --n 300 --clients 8 --workers 2
    python -m bench.proceedings --n 300 --workers 2 --before 863237b --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.e2e import (
    REPO_ROOT,
    CPUMeter,
    add_common_options,
    alternating,
    baselines,
    deployment,
    free_port,
    payload,
    percentile,
    profile,
    stop_profile,
    with_before,
    write_result,
)
from bench.light_client import Answer, LightClient
from bench.scratch import scratch_settings
from domain.actor import Role
from domain.court_time import court_date
from sotflow.bootstrap import bootstrap

JUDGES = 6
# The steps each case goes through, in order: (kind, path under /cases/{id}/, who sends it).
STEPS = ("acceptance", "case-file-receipts", "hearings", "hearings/h-1/held", "ruling")


def distribution_settings() -> dict:
    """Settings in force from today that let six judges make panels of three."""
    return {
        "version": 1,
        "effective_from": court_date(datetime.now(UTC)).isoformat(),
        "source": "bench settings",
        "post_coefficients": {"judge": 1.0, "collegium_chair": 0.5, "deputy_chair": 0.75, "court_chair": 0.25},
        "complexity": {"cassation": 1.0, "extradition": 1.5},
        "panel_member_share": 0.5,
        "panel_sizes": {"cassation": 3, "extradition": 1},
        "min_pool_size": 5,
    }


def call(http: LightClient, token: str, path: str, body: dict, expected: int, **headers: str) -> Answer:
    response = http.post(path, body, {"Authorization": f"Bearer {token}"} | headers)
    if response.status != expected:
        raise RuntimeError(f"POST {path}: {response.status} {response.body[:300]!r}")
    return response


def set_up(system, base: str, n: int, clients: int, head: str, registrar: str) -> tuple[str, dict[str, list[str]]]:
    """The court's roster and settings, N complaints registered and distributed: the court
    and each case's panel."""
    court = system.settings.default_court
    with LightClient(base) as http:
        for j in range(JUDGES):
            body = {"judge_id": f"judge-{j}", "name": f"Judge {j}", "collegium": "criminal",
                    "specialisations": ["criminal"], "post": "collegium_chair" if j == 0 else "judge"}  # fmt: skip
            call(http, head, f"/courts/{court}/judges", body, 201)
        call(http, head, f"/courts/{court}/distribution-settings", distribution_settings(), 201)
    ids: list[str] = []
    counter = iter(range(n))

    def register() -> None:
        with LightClient(base) as http:
            for i in counter:
                ids.append(call(http, registrar, "/complaints", payload(i), 201).json()["id"])

    threads = [threading.Thread(target=register) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    deadline = time.monotonic() + 600
    while True:  # the relay and the distributor processes distribute them
        try:
            distributions = system.assignment.roster(court).distributions
        except LookupError:
            distributions = {}
        if all(i in distributions for i in ids):
            return court, {i: list(distributions[i].panel) for i in ids}
        if time.monotonic() > deadline:
            raise RuntimeError(f"{sum(i in distributions for i in ids)} of {n} cases distributed in time")
        time.sleep(0.5)


def drive(
    base: str, panels: dict[str, list[str]], clients: int, registrar: str, judges: dict[str, str]
) -> tuple[dict[str, list[float]], float]:
    """Each client takes the next case and sends its five commands; latencies by kind."""
    latencies: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    cases = iter(list(panels.items()))
    scheduled_for = (datetime.now(UTC) - timedelta(seconds=30)).isoformat()

    def client() -> None:
        with LightClient(base) as http:
            for case_id, panel in cases:
                judge = judges[panel[0]]
                now = datetime.now(UTC) - timedelta(seconds=1)
                steps = [
                    (judge, {"reason": "admissible: УПК 487, 484(2) met"}, 201),
                    (registrar, {"received_at": now.isoformat()}, 200),
                    (registrar, {"hearing_id": "h-1", "scheduled_for": scheduled_for, "room": "Hall 3"}, 200),
                    (registrar, {"held_at": now.isoformat(), "panel": panel}, 200),
                    (judge, {"outcomes": [{"defendant": "Filer", "outcome": "changed",
                                           "legal_basis": "УПК 494(1)(4)"}]}, 200),
                ]  # fmt: skip
                etag = None
                for kind, (token, body, expected) in zip(STEPS, steps, strict=True):
                    headers = {"Idempotency-Key": uuid.uuid4().hex} | ({"If-Match": etag} if etag else {})
                    t0 = time.perf_counter()
                    response = call(http, token, f"/cases/{case_id}/{kind}", body, expected, **headers)
                    t1 = time.perf_counter()
                    etag = response.headers["etag"]
                    with lock:
                        latencies[kind].append(t1 - t0)
                if response.json()["stage"] != "ruled":
                    raise RuntimeError(f"case {case_id} ended at {response.json()['stage']}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - started


def run_commands(args: argparse.Namespace, code: Path | None = None, profile_to: str | None = None) -> dict:
    """One deployment of its own (from this checkout, or the code at `code`): set up, then
    the timed commands."""
    tag, settings = scratch_settings(
        api_port=free_port(), relay_metrics_port=0, consumer_metrics_port=0, distributor_metrics_port=0
    )
    system = bootstrap(settings)
    try:
        court = settings.default_court
        head = system.users.add("bench head", Role.HEAD)[1]
        registrar = system.users.add("bench registrar", Role.REGISTRAR)[1]
        judges = {
            f"judge-{j}": system.users.add(f"bench judge {j}", Role.JUDGE, (court, f"judge-{j}"))[1]
            for j in range(JUDGES)
        }
        log_dir = REPO_ROOT / "bench" / "results" / f"proceedings-{tag}"
        log_dir.mkdir(parents=True, exist_ok=True)
        with deployment(settings, args.workers, log_dir, code, extra=("distribute",)) as (base, procs):
            _, panels = set_up(system, base, args.n, args.clients, head, registrar)
            profiler = profile(procs[0].pid, profile_to, gil=args.gil) if profile_to else None
            with CPUMeter(settings, procs[0].pid) as cpu:
                latencies, elapsed = drive(base, panels, args.clients, registrar, judges)
            stop_profile(profiler)
    finally:
        system.close()
    commands = sum(len(v) for v in latencies.values())
    every = [x for v in latencies.values() for x in v]
    return {
        "commands": commands,
        "commands_per_s": round(commands / elapsed, 1),
        "command_latency_ms": {
            "p50": round(percentile(every, 0.5) * 1000, 2),
            "p99": round(percentile(every, 0.99) * 1000, 2),
        },
        "latency_ms_by_kind": {
            kind: {"p50": round(percentile(v, 0.5) * 1000, 2), "p99": round(percentile(v, 0.99) * 1000, 2)}
            for kind, v in latencies.items()
        },
        **cpu.per_command(commands),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300, help="cases, each sent five commands")
    add_common_options(parser)
    args = parser.parse_args()

    before, result = alternating(args, run_commands)
    result.pop("all_runs")
    rate = result["commands_per_s"]
    result = {"n": args.n, "clients": args.clients, "workers": args.workers, **result}
    result |= baselines(result["commands"], args.clients, rate, args.workers)
    write_result("proceedings", with_before(result, before, args.before))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""bench/read: latency of the staff's register queries over a read side built from a log
of N mixed events (default 1,000,000), under concurrent clients.

Builds the read side as bench/rebuild does (the mixed log, then `sotflow rebuild --all`),
or reuses one kept by `python -m bench.rebuild --keep` (pass its tag). Starts the API
(`sotflow serve`) on it, and lets C clients (default 4), each on its own keep-alive
connection, send a mix of register queries for S seconds (default 30): the first page of
the case register, filtered pages, pages deep in the register (keyset), case cards,
the incoming register, hearings of a week, rulings, overdue deadlines, an audit trail
of a case, and the workload. In the same run and the same way, as the baseline, the
same clients call `GET /health` (no database): the API's own floor.

Prints p50/p99 per query and over all of them, the baseline's, and the ratio of the
p99s; writes bench/results/read-<tag>.json. Target: register p99 under 20 ms.

    python -m bench.read --events 1000000
    python -m bench.read --tag <kept tag>
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psycopg
from psycopg.rows import dict_row

from bench.e2e import free_port, percentile, start
from bench.rebuild import RESULTS, timed_rebuild
from bench.scratch import drop_scratch, kept_settings, scratch_settings
from sotflow.settings import Settings

COURT = "cassation-criminal"


def queries(settings: Settings, rng: random.Random) -> list[tuple[str, str]]:
    """A pool of (name, path) drawn from what the read side holds."""
    schema = settings.projection_schema
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        cases = [r["case_id"] for r in conn.execute(f'select case_id from "{schema}".case_register').fetchall()]
        positions = [
            r["registry_position"]
            for r in conn.execute(f'select registry_position from "{schema}".case_register').fetchall()
            if r["registry_position"] is not None
        ]
        first_hearing = conn.execute(f'select min(scheduled_for) as d from "{schema}".hearings_calendar').fetchone()
        rulings = conn.execute(f'select count(*) as n from "{schema}".rulings_register').fetchone()["n"]
    pool = []
    start = first_hearing["d"].date()
    for _ in range(200):
        case = rng.choice(cases)
        pool += [
            ("cases: first page", "/registers/cases?limit=50"),
            ("cases: court and stage", f"/registers/cases?court={COURT}&stage=hearing_scheduled&limit=50"),
            ("cases: deep page", f"/registers/cases?after={rng.choice(positions)}&limit=50"),
            ("case card", f"/registers/cases/{case}"),
            ("incoming: deep page", f"/registers/incoming?after={rng.randrange(max(1, len(cases) * 4))}&limit=50"),
            (
                "hearings: a week",
                f"/registers/hearings?from={start.fromordinal(start.toordinal() + rng.randrange(300))}",
            ),
            ("rulings: deep page", f"/registers/rulings?after={rng.randrange(max(1, rulings * 3))}&limit=50"),
            ("deadlines: overdue", "/registers/deadlines?due=overdue"),
            ("audit trail of a case", f"/registers/audit-trail?case={case}"),
            ("workload", f"/registers/workload?court={COURT}"),
        ]
    return pool


def load(
    base: str, token: str, paths: list[tuple[str, str]], clients: int, seconds: float, headers: dict | None = None
) -> dict[str, list[float]]:
    host, port = urlsplit(base).hostname, urlsplit(base).port
    latencies: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    failures: list[str] = []
    deadline = time.perf_counter() + seconds

    def client(n: int) -> None:
        rng = random.Random(n)
        mine: dict[str, list[float]] = defaultdict(list)
        # The standard library's client: it takes a fraction of httpx's CPU, and the
        # clients share the machine with the API and the database they measure.
        connection = http.client.HTTPConnection(host, port, timeout=30)
        sent = headers or {"Authorization": f"Bearer {token}"}
        try:
            while time.perf_counter() < deadline:
                name, path = rng.choice(paths)
                started = time.perf_counter()
                connection.request("GET", path, headers=sent)
                response = connection.getresponse()
                body = response.read()
                mine[name].append((time.perf_counter() - started) * 1000)
                if response.status != 200:
                    failures.append(f"{path}: {response.status} {body[:200]!r}")
        finally:
            connection.close()
        with lock:
            for name, values in mine.items():
                latencies[name].extend(values)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit("queries failed:\n" + "\n".join(failures[:10]))
    return latencies


def serve(settings: Settings, port: int, workers: int, log_dir: Path) -> subprocess.Popen:
    process = start(settings, "serve", "--port", str(port), "--workers", str(workers), log_dir=log_dir)
    for _ in range(100):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the API did not start; see {log_dir}")


def arguments(doc: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--tag", help="reuse the read side `bench.rebuild --keep` left under this tag")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="API processes (`sotflow serve --workers`)")
    return parser.parse_args()


@contextmanager
def served_read_side(args: argparse.Namespace, role: str, label: str) -> Iterator[tuple[Settings, str, str, str]]:
    """The read side (built from a mixed log of `--events`, or the one kept under `--tag`)
    served by the API: (settings, tag, base URL, a token of an account of `role`). A read
    side built here is dropped after."""
    if args.tag:
        tag, settings = args.tag, kept_settings(args.tag)
    else:
        from bench.mixed_log import write

        tag, settings = scratch_settings()
        written = sum(write(settings, args.events).values())
        seconds, _, _ = timed_rebuild(settings, 1, None)
        print(f"read side built from {written:,} events (rebuild {seconds:.0f} s)")
    api = None
    try:
        from domain.actor import Role
        from sotflow.bootstrap import bootstrap
        from sotflow.db import migrate

        migrate(settings)  # indexes added since the read side was built
        system = bootstrap(settings)
        _, token = system.users.add(f"bench {role} {time.time_ns()}", Role(role))
        system.close()
        port = free_port()
        log_dir = RESULTS / f"{label}-{tag}"
        log_dir.mkdir(parents=True, exist_ok=True)
        api = serve(settings, port, args.workers, log_dir)
        yield settings, tag, f"http://127.0.0.1:{port}", token
    finally:
        if api is not None:
            api.terminate()
            api.wait(timeout=10)
        if not args.tag:
            drop_scratch(settings)


def measure_and_report(
    args: argparse.Namespace, base: str, token: str, paths: list[tuple[str, str]], *, what: str, label: str,
    tag: str, target_ms: float, headers: dict[str, str] | None = None,
) -> None:  # fmt: skip
    """Warm up, measure `GET /health` as the baseline then the paths, with the same clients;
    print p50/p99 per path, over all and against the baseline; write bench/results/<label>-<tag>.json."""
    load(base, token, paths, args.clients, 3, headers)  # warm-up: connections, caches, the planner
    baseline = load(base, token, [("health", "/health")], args.clients, args.seconds / 3)["health"]
    measured = load(base, token, paths, args.clients, args.seconds, headers)
    everything = [v for values in measured.values() for v in values]
    print(f"{args.clients} clients, {args.workers} API processes: {len(everything):,} {what} in {args.seconds:.0f} s")
    for name, values in sorted(measured.items()):
        print(f"  {name:<30} n={len(values):>6}  p50 {percentile(values, 0.5):6.1f} ms"
              f"  p99 {percentile(values, 0.99):6.1f} ms")  # fmt: skip
    p50, p99 = percentile(everything, 0.5), percentile(everything, 0.99)
    b50, b99 = percentile(baseline, 0.5), percentile(baseline, 0.99)
    print(f"all {what}: p50 {p50:.1f} ms, p99 {p99:.1f} ms (target: p99 < {target_ms:g} ms)")
    print(f"baseline GET /health: p50 {b50:.1f} ms, p99 {b99:.1f} ms; p99 ratio {p99 / b99:.1f}")
    result = {
        "tag": tag, "clients": args.clients, "api_workers": args.workers, "seconds": args.seconds,
        "requests": len(everything), "p50_ms": round(p50, 2), "p99_ms": round(p99, 2),
        "baseline_health_p50_ms": round(b50, 2), "baseline_health_p99_ms": round(b99, 2),
        "p99_ratio": round(p99 / b99, 2),
        "per_path": {
            name: {"n": len(v), "p50_ms": round(percentile(v, 0.5), 2), "p99_ms": round(percentile(v, 0.99), 2)}
            for name, v in measured.items()
        },
    }  # fmt: skip
    (RESULTS / f"{label}-{tag}.json").write_text(json.dumps(result, indent=2))


def main() -> None:
    args = arguments(__doc__)
    with served_read_side(args, "auditor", "read") as (settings, tag, base, token):
        paths = queries(settings, random.Random(7))
        measure_and_report(args, base, token, paths, what="register queries", label="read", tag=tag, target_ms=20)


if __name__ == "__main__":
    main()

"""bench/console: server time of the staff console's main pages over a read side built from
a log of N mixed events (default 1,000,000), under concurrent clients.

Builds the read side as bench/read does (the mixed log, then `sotflow rebuild --all`), or
reuses one kept by `python -m bench.rebuild --keep` (pass its tag). Starts the API with its
console (`sotflow serve`), signs a head of the court in through the console's own sign-in
form, and lets C clients (default 4), each on its own keep-alive connection with the session
cookie, ask for S seconds (default 30) for: a register page of 50 rows (the case register,
first and deep pages; the incoming register), the case card of a random case (with its audit
trail: a head may read it), and the head's dashboard (waiting list, workload with its chart,
overdue deadlines). In the same run and the same way, as the baseline, the same clients call
`GET /health`.

Prints p50/p99 per page and over all, the baseline's, and the ratio of the p99s; writes
bench/results/console-<tag>.json. Target: p99 under 50 ms.

    python -m bench.console --events 1000000
    python -m bench.console --tag <kept tag>
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time

import httpx
import psycopg
from psycopg.rows import dict_row

from bench.e2e import free_port, percentile
from bench.read import COURT, load, serve
from bench.rebuild import RESULTS, timed_rebuild
from bench.scratch import drop_scratch, kept_settings, scratch_settings
from sotflow.settings import Settings


def pages(settings: Settings, rng: random.Random) -> list[tuple[str, str]]:
    """A pool of (name, path) drawn from what the read side holds."""
    schema = settings.projection_schema
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        rows = conn.execute(f'select case_id, registry_position from "{schema}".case_register').fetchall()
    cases = [r["case_id"] for r in rows]
    positions = [r["registry_position"] for r in rows if r["registry_position"] is not None]
    pool = []
    for _ in range(200):
        pool += [
            ("register: cases, first page", "/console/registers/cases?limit=50"),
            ("register: cases, deep page", f"/console/registers/cases?after={rng.choice(positions)}&limit=50"),
            ("register: cases, page back", f"/console/registers/cases?before={rng.choice(positions)}&limit=50"),
            ("register: incoming, newest", "/console/registers/incoming?reverse=true&limit=50"),
            ("case card", f"/console/cases/{rng.choice(cases)}"),
            ("head's dashboard", f"/console/head?court={COURT}"),
        ]
    return pool


def sign_in(base: str, token: str) -> str:
    """The console's session cookie for the account, through its own sign-in form."""
    with httpx.Client(base_url=base, timeout=30) as client:
        form = client.get("/console/sign-in")
        pre = re.search(r'name="pre" value="([^"]+)"', form.text).group(1)
        signed = client.post("/console/sign-in", data={"pre": pre, "token": token}, follow_redirects=False)
        if signed.status_code != 303:
            raise SystemExit(f"sign-in refused: {signed.status_code} {signed.text[:200]}")
        return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--tag", help="reuse the read side `bench.rebuild --keep` left under this tag")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="API processes (`sotflow serve --workers`)")
    args = parser.parse_args()

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
        _, token = system.users.add(f"bench head {time.time_ns()}", Role.HEAD)
        system.close()
        port = free_port()
        log_dir = RESULTS / f"console-{tag}"
        log_dir.mkdir(parents=True, exist_ok=True)
        api = serve(settings, port, args.workers, log_dir)
        base = f"http://127.0.0.1:{port}"
        headers = {"Cookie": sign_in(base, token)}
        paths = pages(settings, random.Random(7))
        load(base, token, paths, args.clients, 3, headers)  # warm-up: connections, caches, the planner
        baseline = load(base, token, [("health", "/health")], args.clients, args.seconds / 3)["health"]
        measured = load(base, token, paths, args.clients, args.seconds, headers)
        everything = [v for values in measured.values() for v in values]
        print(
            f"{args.clients} clients, {args.workers} API processes: {len(everything):,} pages in {args.seconds:.0f} s"
        )
        for name, values in sorted(measured.items()):
            print(f"  {name:<30} n={len(values):>6}  p50 {percentile(values, 0.5):6.1f} ms"
                  f"  p99 {percentile(values, 0.99):6.1f} ms")  # fmt: skip
        p50, p99 = percentile(everything, 0.5), percentile(everything, 0.99)
        b50, b99 = percentile(baseline, 0.5), percentile(baseline, 0.99)
        print(f"all console pages: p50 {p50:.1f} ms, p99 {p99:.1f} ms (target: p99 < 50 ms)")
        print(f"baseline GET /health: p50 {b50:.1f} ms, p99 {b99:.1f} ms; p99 ratio {p99 / b99:.1f}")
        result = {
            "tag": tag, "clients": args.clients, "api_workers": args.workers, "seconds": args.seconds,
            "pages": len(everything), "p50_ms": round(p50, 2), "p99_ms": round(p99, 2),
            "baseline_health_p50_ms": round(b50, 2), "baseline_health_p99_ms": round(b99, 2),
            "p99_ratio": round(p99 / b99, 2),
            "per_page": {
                name: {"n": len(v), "p50_ms": round(percentile(v, 0.5), 2), "p99_ms": round(percentile(v, 0.99), 2)}
                for name, v in measured.items()
            },
        }  # fmt: skip
        (RESULTS / f"console-{tag}.json").write_text(json.dumps(result, indent=2))
    finally:
        if api is not None:
            api.terminate()
            api.wait(timeout=10)
        if not args.tag:
            drop_scratch(settings)


if __name__ == "__main__":
    main()

"""bench/e2e: registrations through the HTTP API, end to end to the register.

Starts the API, relay and consumer as separate processes against the local
PostgreSQL and Kafka (`make up`), in a scratch schema and topic prefix. Sends N
registrations from C concurrent clients and reports:
- commands/s and p50/p99 command latency (HTTP round trip, 201 received);
- p50/p99 command-to-visible latency (request sent -> row in the incoming register);
and, in the same run, the baselines: the single-row INSERT+COMMIT rate of the same
PostgreSQL from C concurrent connections (the physical limit here) and from one
connection (the limit of a log whose appends are serialised), with the ratios.

    python -m bench.e2e --n 2000 --clients 8
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
from psycopg import sql

from bench.scratch import scratch_settings, sotflow_env
from domain.actor import Role
from sotflow.bootstrap import bootstrap
from sotflow.db import drop_schemas
from sotflow.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(settings: Settings, *args: str, log_dir: Path) -> subprocess.Popen:
    log = open(log_dir / f"{args[0]}.log", "wb")
    return subprocess.Popen(
        [sys.executable, "-m", "entrypoints.cli", *args], env=sotflow_env(settings), stdout=log,
        stderr=subprocess.STDOUT, cwd=REPO_ROOT,
    )  # fmt: skip


def payload(n: int) -> dict:
    return {
        "received_at": (datetime.now(UTC) - timedelta(minutes=1)).isoformat(),
        "channel": "paper",
        "filer": {"name": f"Bench filer {n}", "procedural_role": "convict"},
        "lower_court_case_ref": f"1-{n}/2025",
        "contested_act": {"court": "Almaty City Court", "kind": "verdict", "act_date": "2025-01-15"},
    }


def run_clients(
    base: str, token: str, n: int, clients: int, positions: dict[str, int]
) -> tuple[list[float], dict[str, float], float]:
    latencies: list[float] = []
    sent_at: dict[str, float] = {}
    lock = threading.Lock()
    counter = iter(range(n))

    def client() -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            for i in counter:
                t0 = time.perf_counter()
                response = http.post("/complaints", json=payload(i))
                t1 = time.perf_counter()
                if response.status_code != 201:
                    raise RuntimeError(f"registration failed: {response.status_code} {response.text}")
                body = response.json()
                with lock:
                    latencies.append(t1 - t0)
                    sent_at[body["id"]] = t0
                    positions[body["id"]] = body["log_position"]["position"]

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, sent_at, time.perf_counter() - started


def watch_register(
    settings: Settings, expected: int, positions: dict[str, int], seen_at: dict[str, float], done: threading.Event
) -> None:
    """Notes when each registration appears in the register. Partitions are applied
    independently, so rows do not appear in log order: each poll reads from the
    lowest position still awaited (known from the command's answer), which keeps
    the query small without missing rows that arrive out of order."""
    table = sql.Identifier(settings.projection_schema, "incoming_register")
    with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
        while len(seen_at) < expected and not done.is_set():
            awaited = [p for i, p in list(positions.items()) if i not in seen_at]
            # A command answers with its last event's position (the number); the
            # register row carries its first (the registration): look a little earlier.
            low = min(awaited) - 3 if awaited else max(positions.values(), default=0)
            rows = conn.execute(
                sql.SQL("select item_id from {} where log_position > %s").format(table), (low,)
            ).fetchall()
            now = time.perf_counter()
            for (item_id,) in rows:
                seen_at.setdefault(str(item_id), now)
            time.sleep(0.005)


def raw_insert_rate(settings: Settings, n: int, clients: int) -> float:
    table = sql.Identifier(settings.db_schema, f"bench_raw_insert_{clients}")
    with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("create table {} (id bigserial primary key, body jsonb not null)").format(table))
    counter = iter(range(n))
    body = json.dumps(payload(0))

    def client() -> None:
        with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
            for _ in counter:
                conn.execute(sql.SQL("insert into {} (body) values (%s)").format(table), (body,))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return n / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="registrations to send")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    args = parser.parse_args()

    tag, settings = scratch_settings(api_port=free_port())
    system = bootstrap(settings)
    _, token = system.users.add("bench registrar", Role.REGISTRAR)
    system.close()
    log_dir = REPO_ROOT / "bench" / "results" / f"e2e-{tag}"
    log_dir.mkdir(parents=True, exist_ok=True)
    procs = [start(settings, cmd, log_dir=log_dir) for cmd in ("serve", "relay", "consume")]
    base = f"http://127.0.0.1:{settings.api_port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not start")
            time.sleep(0.2)

        seen_at: dict[str, float] = {}
        positions: dict[str, int] = {}
        done = threading.Event()
        watcher = threading.Thread(target=watch_register, args=(settings, args.n, positions, seen_at, done))
        watcher.start()
        latencies, sent_at, elapsed = run_clients(base, token, args.n, args.clients, positions)
        watcher.join(timeout=120)
        done.set()
        visible = [seen_at[i] - sent_at[i] for i in sent_at if i in seen_at]
        raw_rate = raw_insert_rate(settings, args.n, args.clients)
        # The event store serialises its inserts (a table lock keeps notification ids
        # in commit order), so one connection's commit rate is the tighter limit.
        serial_rate = raw_insert_rate(settings, args.n, 1)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        drop_schemas(settings)

    rate = args.n / elapsed
    result = {
        "n": args.n,
        "clients": args.clients,
        "commands_per_s": round(rate, 1),
        "command_latency_ms": {
            "p50": round(percentile(latencies, 0.5) * 1000, 2),
            "p99": round(percentile(latencies, 0.99) * 1000, 2),
        },
        "visible_latency_ms": {
            "p50": round(percentile(visible, 0.5) * 1000, 2),
            "p99": round(percentile(visible, 0.99) * 1000, 2),
        },
        "visible_count": len(visible),
        "baseline_raw_insert_commits_per_s": round(raw_rate, 1),
        "ratio_commands_to_raw_inserts": round(rate / raw_rate, 3),
        "baseline_serial_raw_insert_commits_per_s": round(serial_rate, 1),
        "ratio_commands_to_serial_raw_inserts": round(rate / serial_rate, 3),
        "mean_command_latency_ms": round(statistics.fmean(latencies) * 1000, 2),
    }
    (log_dir / "result.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0 if len(visible) == args.n else 1


if __name__ == "__main__":
    sys.exit(main())

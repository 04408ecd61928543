"""bench/relay_wake: how soon a committed event is in Kafka, and the relay's CPU for it,
at a steady rate of saves: the relay's part of bench.e2e's command-to-visible latency
without the API and the projections around it.

Runs `sotflow relay` (every context, as deployed) as a process of its own against a
scratch schema and topics, saves one registration (one event, its own transaction) R
times a second for D seconds, and notes when each is committed in Kafka as a
read_committed consumer sees it (by log position). Reports p50/p99 commit -> in Kafka and
the relay process's CPU per event over the run (its idle work included, for every context).
`--before REF --repeat K` runs the relay at a git ref too, the two taking turns;
`--coalesce S` sets the relay's SOTFLOW_RELAY_COALESCE_SECONDS (a ref before it ignores it).

    python -m bench.relay_wake --rate 100 --seconds 20 --before 863237b --repeat 2
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.cpu import process_tree_seconds
from bench.e2e import extracted, percentile, start, watch_log
from bench.relay import store_backlog
from bench.scratch import scratch_settings
from sotflow.bootstrap import bootstrap
from sotflow.db import drop_schemas

REPO_ROOT = Path(__file__).resolve().parent.parent


def by_position(record) -> int:
    return json.loads(record.value)["logposition"]


def run(args: argparse.Namespace, code: Path | None) -> dict:
    tag, settings = scratch_settings(**({"relay_coalesce_seconds": args.coalesce} if args.coalesce is not None else {}))
    system = bootstrap(settings)
    log_dir = REPO_ROOT / "bench" / "results" / f"relay-wake-{tag}"
    log_dir.mkdir(parents=True, exist_ok=True)
    relay = start(settings, "relay", log_dir=log_dir, code=code)
    arrived: dict[int, float] = {}
    committed: dict[int, float] = {}
    ready, done = threading.Event(), threading.Event()
    watcher = threading.Thread(target=watch_log, args=(settings, arrived, ready, done, by_position))
    watcher.start()
    recorder = system.registry.recorder
    try:
        ready.wait(timeout=60)
        store_backlog(system.registry, 1)  # the relay is up once this one is in Kafka
        deadline = time.monotonic() + 60
        while not arrived and time.monotonic() < deadline:
            time.sleep(0.05)
        if not arrived:
            raise RuntimeError("the relay published nothing")
        cpu = process_tree_seconds(relay.pid)
        started = time.perf_counter()
        count = int(args.rate * args.seconds)
        for i in range(count):
            due = started + i / args.rate
            if due > time.perf_counter():
                time.sleep(due - time.perf_counter())
            store_backlog(system.registry, 1)
            committed[recorder.max_notification_id()] = time.perf_counter()
        deadline = time.monotonic() + 120
        while not all(p in arrived for p in committed) and time.monotonic() < deadline:
            time.sleep(0.05)
        cpu = process_tree_seconds(relay.pid) - cpu
    finally:
        done.set()
        watcher.join(timeout=30)
        relay.send_signal(signal.SIGTERM)
        try:
            relay.wait(timeout=20)
        except subprocess.TimeoutExpired:
            relay.kill()
        system.close()
        drop_schemas(settings)
    spans = [arrived[p] - t for p, t in committed.items() if p in arrived]
    return {
        "events": len(committed),
        "in_kafka": len(spans),
        "commit_to_kafka_ms": {
            "p50": round(percentile(spans, 0.5) * 1000, 1),
            "p99": round(percentile(spans, 0.99) * 1000, 1),
        },
        "relay_cpu_ms_per_event": round(cpu / len(committed) * 1000, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=100, help="saves per second")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--coalesce", type=float, help="SOTFLOW_RELAY_COALESCE_SECONDS for this checkout's relay")
    parser.add_argument("--before", metavar="REF", help="the relay at this git ref too, taking turns")
    args = parser.parse_args()
    results: dict[str, list[dict]] = {"after": []}
    with tempfile.TemporaryDirectory() as tmp:
        code = extracted(args.before, Path(tmp, "before")) if args.before else None
        if code is not None:
            results[f"before_{args.before}"] = []
        for _ in range(args.repeat):
            if code is not None:
                results[f"before_{args.before}"].append(run(args, code))
            results["after"].append(run(args, None))
    out = {"rate": args.rate, "seconds": args.seconds, **results}
    folder = REPO_ROOT / "bench" / "results"
    (folder / f"relay-wake-rate{args.rate:g}-{int(time.time())}.json").write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))
    return 0 if all(r["in_kafka"] == r["events"] for runs in results.values() for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())

"""bench/e2e: registrations through the HTTP API, end to end to the register.

Starts the API, relay and consumer as separate processes against the local
PostgreSQL and Kafka (`make up`), in a scratch schema and topic prefix. Sends N
registrations from C concurrent clients and reports:
- commands/s and p50/p99 command latency (HTTP round trip, 201 received);
- p50/p99 command-to-visible latency (request sent -> row in the incoming register);
and, in the same run, the baselines: the single-row INSERT+COMMIT rate of the same
PostgreSQL from C concurrent connections (the physical limit here) and from one
connection (the limit of a log whose appends are serialised), with the ratios.

Without `--rate` the clients send as fast as they are answered (the throughput
figure); with `--rate R` they send R commands/s in all, on a fixed schedule (a
steady load, the figure for command-to-visible latency: a saturated run measures
its queue). A command sent late because every client was busy counts from its
scheduled time, so a queue is not hidden.

`--before REF --repeat K` runs the code at a git ref too, the two taking turns K times
each (each reports its median run): on a shared machine only figures from the same
minutes compare. `--profile PATH` records the API processes with py-spy.

    python -m bench.e2e --n 2000 --clients 8
    python -m bench.e2e --n 3000 --clients 8 --rate 100
    python -m bench.e2e --n 800 --clients 8 --workers 2 --before 1d66bc8 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
from kafka import KafkaConsumer
from psycopg import sql

from bench.bare_api import bare_post_rate
from bench.cpu import broker_pids, postmaster_of, process_tree_seconds, service_cpu
from bench.light_client import LightClient
from bench.scratch import drop_scratch, scratch_settings, sotflow_env
from domain.actor import Role
from sotflow.bootstrap import bootstrap
from sotflow.settings import Settings
from sotflow.topics import event_topic

REPO_ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(settings: Settings, *args: str, log_dir: Path, code: Path | None = None) -> subprocess.Popen:
    """A sotflow process, from this checkout or from the code at `code` (first on the path)."""
    log = open(log_dir / f"{args[0]}.log", "wb")
    env = sotflow_env(settings)
    if code is not None:
        env |= {"PYTHONPATH": str(code), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "entrypoints.cli", *args], env=env, stdout=log,
        stderr=subprocess.STDOUT, cwd=code or REPO_ROOT,
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
    base: str, token: str, n: int, clients: int, awaited: dict[str, float], rate: float | None = None
) -> tuple[list[float], dict[str, float], dict[str, float], float]:
    """Sends the registrations; each answered id goes into `awaited` (for the watcher)
    with the time it counts from."""
    latencies: list[float] = []
    sent_at: dict[str, float] = {}
    answered_at: dict[str, float] = {}
    lock = threading.Lock()
    counter = iter(range(n))
    started = time.perf_counter()

    headers = {"Authorization": f"Bearer {token}"}

    def client() -> None:
        with LightClient(base, timeout=30) as http:
            for i in counter:
                t0 = time.perf_counter()
                if rate:
                    scheduled = started + i / rate
                    if scheduled > t0:
                        time.sleep(scheduled - t0)
                    t0 = scheduled  # late: counted from when it was due
                response = http.post("/complaints", payload(i), headers)
                t1 = time.perf_counter()
                if response.status != 201:
                    raise RuntimeError(f"registration failed: {response.status} {response.body[:300]!r}")
                item_id = response.json()["id"]
                with lock:
                    latencies.append(t1 - t0)
                    sent_at[item_id] = t0
                    answered_at[item_id] = t1
                    awaited[item_id] = t0

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, sent_at, answered_at, time.perf_counter() - started


def watch_register(
    settings: Settings, expected: int, awaited: dict[str, float], seen_at: dict[str, float], done: threading.Event
) -> None:
    """Notes when each registration appears in the register: each poll asks for the ids
    answered and not yet seen, by primary key. (Not by log position: a command answers
    with its last event's, and how many events a registration saves varies: a fresh
    journal's first saves four. Partitions are applied independently, too, so rows do
    not appear in log order.)"""
    table = sql.Identifier(settings.projection_schema, "incoming_register")
    query = sql.SQL("select item_id::text from {} where item_id = any(%s::uuid[])").format(table)
    with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
        while len(seen_at) < expected and not done.is_set():
            ids = [i for i in list(awaited) if i not in seen_at]
            rows = conn.execute(query, (ids,)).fetchall() if ids else ()
            now = time.perf_counter()
            for (item_id,) in rows:
                seen_at.setdefault(item_id, now)
            time.sleep(0.005)


def by_subject(record) -> str | None:
    return record.key.decode() if record.key is not None else None


def watch_log(
    settings: Settings, arrived_at: dict, ready: threading.Event, done: threading.Event, key_of=by_subject
) -> None:
    """Notes when each registration's events are committed in Kafka, as a read_committed
    consumer sees them (by `key_of` the record: by default its subject, a complaint's events
    by its id), which splits the visible latency into the relay's part (answered -> in Kafka) and the projection's
    (in Kafka -> in the register). A short fetch wait, so that the probe itself does not
    wait on the broker for long when a fetch finds nothing."""
    consumer = KafkaConsumer(
        event_topic(settings, "registry"),
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=None,
        isolation_level="read_committed",
        auto_offset_reset="earliest",
        fetch_max_wait_ms=20,
        client_id="bench-e2e-probe",
    )
    try:
        while not consumer.assignment() and not done.is_set():
            consumer.poll(timeout_ms=100)
        ready.set()
        while not done.is_set():
            for records in consumer.poll(timeout_ms=100).values():
                now = time.perf_counter()
                for record in records:
                    if (key := key_of(record)) is not None:
                        arrived_at.setdefault(key, now)
    finally:
        ready.set()
        consumer.close()


def stage_ms(ends: dict[str, float], starts: dict[str, float]) -> dict[str, float] | None:
    spans = [ends[i] - starts[i] for i in starts if i in ends]
    if not spans:
        return None
    return {"p50": round(percentile(spans, 0.5) * 1000, 2), "p99": round(percentile(spans, 0.99) * 1000, 2)}


def profile(pid: int, path: str, *, gil: bool = False) -> subprocess.Popen:
    """py-spy recording the API process and its workers (`pip install py-spy`); with `gil`,
    only the thread holding the interpreter lock (where the process's CPU goes)."""
    fmt = "flamegraph" if path.endswith(".svg") else "speedscope" if path.endswith(".json") else "raw"
    py_spy = str(Path(sys.executable).with_name("py-spy"))
    only_gil = ["--gil"] if gil else []
    return subprocess.Popen(
        [py_spy, "record", "--pid", str(pid), "--subprocesses", "--format", fmt, "--output", path, "--rate", "200",
         *only_gil],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


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


def median_run(runs: list[dict]) -> dict:
    """The run of median commands/s, with every run's rate beside it."""
    chosen = sorted(runs, key=lambda r: r["commands_per_s"])[len(runs) // 2]
    if len(runs) == 1:
        return chosen
    # Every run's CPU per command too: it moves less than the rate with the machine's load.
    return chosen | {
        "runs_commands_per_s": [r["commands_per_s"] for r in runs],
        "runs_api_cpu_ms_per_command": [r["api_cpu_ms_per_command"] for r in runs],
        "runs_postgres_cpu_ms_per_command": [r["postgres_cpu_ms_per_command"] for r in runs],
    }


def extracted(ref: str, into: Path) -> Path:
    """The code at a git ref, in a folder of its own (for `--before`)."""
    archive = subprocess.run(["git", "archive", ref], cwd=REPO_ROOT, check=True, capture_output=True).stdout
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


@contextmanager
def deployment(
    settings: Settings, workers: int, log_dir: Path, code: Path | None = None, extra: tuple[str, ...] = ()
) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """The API (`workers` processes), relay, consumer and any `extra` sotflow commands of a
    scratch deployment, running until the block ends; then stopped and their schemas
    dropped. Yields the API's base URL and the processes (the API's first)."""
    procs = [
        start(settings, "serve", "--workers", str(workers), log_dir=log_dir, code=code),
        start(settings, "relay", log_dir=log_dir, code=code),
        start(settings, "consume", log_dir=log_dir, code=code),
        *(start(settings, command, log_dir=log_dir, code=code) for command in extra),
    ]
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
        yield base, procs
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        drop_scratch(settings)  # schemas and topics: a broker left with every run's topics slows down


class CPUMeter:
    """CPU used while the clients run: the API's processes, PostgreSQL, the whole machine."""

    def __init__(self, settings: Settings, api_pid: int) -> None:
        self.api_pid, self.postmaster = api_pid, postmaster_of(settings.pg_conninfo)

    def __enter__(self) -> CPUMeter:
        self.api = process_tree_seconds(self.api_pid)
        self.services = service_cpu(self.postmaster, broker_pids())
        self.bench = time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.api = process_tree_seconds(self.api_pid) - self.api
        self.services = service_cpu(self.postmaster, broker_pids()) - self.services
        self.bench = time.process_time() - self.bench

    def per_command(self, n: int) -> dict:
        # CPU per command varies less than rates on a shared machine: what the work costs.
        # The broker's and this benchmark's own (its HTTP clients and watchers) complete the
        # machine's budget: on two cores, a rate R leaves 2000/R ms of CPU per command in all.
        def ms(seconds: float | None) -> float | None:
            return round(seconds / n * 1000, 2) if seconds else None

        return {
            "api_cpu_ms_per_command": ms(self.api),
            "postgres_cpu_ms_per_command": ms(self.services.postgres),
            "broker_cpu_ms_per_command": ms(self.services.broker),
            "bench_client_cpu_ms_per_command": ms(self.bench),
            "machine_busy_ms_per_command": ms(self.services.machine),
        }


def stop_profile(profiler: subprocess.Popen | None) -> None:
    if profiler:
        profiler.send_signal(signal.SIGINT)
        profiler.wait(timeout=60)


def run_commands(args: argparse.Namespace, code: Path | None = None, profile_to: str | None = None) -> dict:
    """One deployment of its own: its processes (from this checkout, or from the code at
    `code`), the registrations, and what they measured."""
    tag, settings = scratch_settings(api_port=free_port())
    system = bootstrap(settings)
    _, token = system.users.add("bench registrar", Role.REGISTRAR)
    system.close()
    log_dir = REPO_ROOT / "bench" / "results" / f"e2e-{tag}"
    log_dir.mkdir(parents=True, exist_ok=True)
    with deployment(settings, args.workers, log_dir, code) as (base, procs):
        seen_at: dict[str, float] = {}
        awaited: dict[str, float] = {}
        done = threading.Event()
        watcher = threading.Thread(target=watch_register, args=(settings, args.n, awaited, seen_at, done))
        watcher.start()
        arrived_at: dict[str, float] = {}
        probe_ready = threading.Event()
        probe = threading.Thread(target=watch_log, args=(settings, arrived_at, probe_ready, done))
        probe.start()
        probe_ready.wait(timeout=30)
        profiler = profile(procs[0].pid, profile_to, gil=args.gil) if profile_to else None
        relay_cpu, consumer_cpu = (process_tree_seconds(p.pid) for p in procs[1:3])
        with CPUMeter(settings, procs[0].pid) as cpu:
            latencies, sent_at, answered_at, elapsed = run_clients(
                base, token, args.n, args.clients, awaited, args.rate
            )
        stop_profile(profiler)
        watcher.join(timeout=120)
        # The relay's and the consumer's CPU until the last entry showed, idle waits included.
        relay_cpu = process_tree_seconds(procs[1].pid) - relay_cpu
        consumer_cpu = process_tree_seconds(procs[2].pid) - consumer_cpu
        done.set()
        probe.join(timeout=30)
        visible = [seen_at[i] - sent_at[i] for i in sent_at if i in seen_at]
    return {
        "commands_per_s": round(args.n / elapsed, 1),
        "command_latency_ms": {
            "p50": round(percentile(latencies, 0.5) * 1000, 2),
            "p99": round(percentile(latencies, 0.99) * 1000, 2),
        },
        "visible_latency_ms": {
            "p50": round(percentile(visible, 0.5) * 1000, 2),
            "p99": round(percentile(visible, 0.99) * 1000, 2),
        },
        "visible_count": len(visible),
        # answered -> committed in Kafka (the relay), then -> in the register (the projection)
        "answered_to_kafka_ms": stage_ms(arrived_at, answered_at),
        "kafka_to_visible_ms": stage_ms(seen_at, arrived_at),
        "mean_command_latency_ms": round(statistics.fmean(latencies) * 1000, 2),
        **cpu.per_command(args.n),
        "relay_cpu_ms_per_command": round(relay_cpu / args.n * 1000, 2),
        "consumer_cpu_ms_per_command": round(consumer_cpu / args.n * 1000, 2),
    }


def baselines(n: int, clients: int, rate: float, workers: int) -> dict:
    """The raw INSERT+COMMIT rates of the same PostgreSQL, from `clients` connections and
    from one, and the bare framework's posts/s (bench/bare_api.py) from as many processes
    as the API had, measured now, with `rate`'s ratio to each."""
    _, settings = scratch_settings()
    try:
        raw_rate = raw_insert_rate(settings, n, clients)
        # The event store serialises its inserts (a table lock keeps notification ids
        # in commit order), so one connection's commit rate is the tighter limit.
        serial_rate = raw_insert_rate(settings, n, 1)
    finally:
        drop_scratch(settings)
    bare_rate = bare_post_rate(max(n, 2000), clients, workers, free_port())
    return {
        "baseline_raw_insert_commits_per_s": round(raw_rate, 1),
        "ratio_commands_to_raw_inserts": round(rate / raw_rate, 3),
        "baseline_serial_raw_insert_commits_per_s": round(serial_rate, 1),
        "ratio_commands_to_serial_raw_inserts": round(rate / serial_rate, 3),
        "baseline_bare_fastapi_posts_per_s": round(bare_rate, 1),
        "ratio_commands_to_bare_fastapi_posts": round(rate / bare_rate, 3),
    }


def alternating(args: argparse.Namespace, run: Callable[..., dict]) -> tuple[dict | None, dict]:
    """`run` from the code at --before (if given) and from this checkout, taking turns
    --repeat times each; each one's median run. The machine's speed varies from one
    minute to the next: only figures from the same minutes compare."""
    befores, results = [], []
    with tempfile.TemporaryDirectory() as tmp:
        code = extracted(args.before, Path(tmp, "before")) if args.before else None
        for turn in range(args.repeat):
            if code is not None:
                befores.append(run(args, code))
            results.append(run(args, profile_to=args.profile if turn == 0 else None))
    return (median_run(befores) if befores else None), median_run(results) | {"all_runs": befores + results}


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--workers", type=int, default=1, help="API processes (`sotflow serve --workers`)")
    parser.add_argument(
        "--profile", metavar="PATH", help="record the API processes with py-spy while the clients run (raw or .svg)"
    )
    parser.add_argument("--gil", action="store_true", help="profile only the thread holding the interpreter lock")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each code, alternating; the median is kept")
    parser.add_argument("--before", metavar="REF", help="first the same run with the code at this git ref")


def with_before(result: dict, before: dict | None, ref: str | None) -> dict:
    if before:
        rate = result["commands_per_s"]
        result |= {
            f"before_{ref}": before,
            "ratio_commands_to_before": round(rate / before["commands_per_s"], 3),
            "ratio_serial_raw_inserts_before": round(
                before["commands_per_s"] / result["baseline_serial_raw_insert_commits_per_s"], 3
            ),
        }
    return result


def write_result(name: str, result: dict) -> None:
    folder = REPO_ROOT / "bench" / "results"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}-{int(time.time())}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="registrations to send")
    parser.add_argument("--rate", type=float, default=None, help="commands/s in all, steady (default: flat out)")
    add_common_options(parser)
    args = parser.parse_args()

    before, result = alternating(args, run_commands)
    runs = result.pop("all_runs")
    rate = result["commands_per_s"]
    result = {
        "n": args.n, "clients": args.clients, "workers": args.workers, "rate": args.rate,
        **result, **baselines(args.n, args.clients, rate, args.workers),
    }  # fmt: skip
    result = with_before(result, before, args.before)
    write_result(f"e2e-{f'rate{args.rate:g}' if args.rate else 'flat'}", result)
    return 0 if all(r["visible_count"] == args.n for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())

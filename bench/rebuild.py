"""bench/rebuild: `sotflow rebuild --all` over a log of N mixed events (default 1,000,000).

Writes the log (bench/mixed_log.py) to a private set of topics, then in the same run:
- the baseline: kafka-python reading every message of those topics once, with nothing
  else done (no decoding, no database): the fastest any consumer here could go;
- the rebuild: `sotflow rebuild --all` as its own process, from offset 0 into fresh
  tables, timed from start to exit, with its peak resident memory (from wait4).

Prints log events per second of rebuild, the baseline's rate and their ratio, and
writes them to bench/results/rebuild-<tag>.json.

Also in the same run, to show what bounds the rate on this machine:
- a second baseline, reading and decoding every message (what a rebuild does before any
  projection works): the fastest a rebuild in one Python process could go;
- the CPU time per log event of the rebuild's process, of its own PostgreSQL backends
  (found by the application name it is started with), of the broker and of the whole
  PostgreSQL server (where they run on this machine: bench/cpu.py; on a shared machine
  the last two count other people's work too).

Targets (issue #17): the rebuild at least 0.6 of the read-and-decode rate, and at most
90 µs of CPU per event for the rebuild's process and its backends together.

    python -m bench.rebuild --events 1000000
    python -m bench.rebuild --tag <kept tag>     # again, from the log a --keep run left
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from kafka import KafkaConsumer, TopicPartition
from psycopg import sql
from psycopg.rows import dict_row

from bench.cpu import BackendCPU, ServiceCPU, broker_pids, postmaster_of, service_cpu
from bench.mixed_log import CONTEXTS, write
from bench.scratch import drop_scratch, kept_settings, scratch_settings, sotflow_env
from consumers.rebuild import messages_to_apply, topics_of
from contract.envelope import decode
from projections.registry import by_name
from sotflow.settings import Settings
from sotflow.topics import event_topic

RESULTS = Path(__file__).parent / "results"


def raw_consume_rate(settings: Settings, *, decoding: bool = False) -> tuple[int, float, float]:
    """Reads every message of the context topics once (and decodes each, if `decoding`);
    answers (messages, seconds, CPU seconds of this process)."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        enable_auto_commit=False,
        isolation_level="read_committed",
        max_poll_records=settings.consumer_max_poll_records,
    )
    try:
        partitions = [
            TopicPartition(event_topic(settings, c), p)
            for c in CONTEXTS
            for p in sorted(consumer.partitions_for_topic(event_topic(settings, c)) or ())
        ]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        started, cpu = time.perf_counter(), time.process_time()
        read = 0
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            for records in consumer.poll(timeout_ms=500).values():
                read += len(records)
                if decoding:
                    for record in records:
                        decode(record.value)
        return read, time.perf_counter() - started, time.process_time() - cpu
    finally:
        consumer.close()


def timed_rebuild(settings: Settings, jobs: int, projection: str | None) -> tuple[float, os.struct_rusage, float, str]:
    """Runs `sotflow rebuild --all` (or of one projection) for these settings; answers
    (seconds, its resource usage, the CPU seconds of its PostgreSQL backends, its output)."""
    sotflow = Path(sys.executable).with_name("sotflow")
    application_name = f"bench-rebuild-{os.getpid()}"
    with BackendCPU(settings.pg_conninfo, application_name) as backends:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(sotflow), "rebuild", projection or "--all", "--jobs", str(jobs)],
            env=sotflow_env(settings) | {"PGAPPNAME": application_name},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sotflow rebuild --all failed:\n{output}")
    return elapsed, usage, backends.seconds, output


def cpu_per_event(
    usage: os.struct_rusage, backends: float, services: ServiceCPU, events: int
) -> dict[str, float | None]:
    """Microseconds of CPU per log event: the rebuild's process(es), its PostgreSQL backends,
    those two together (the target's "all processes": the broker's share, 1-2 µs on a quiet
    machine, cannot be told apart from other people's traffic on a shared one), and, counting
    whatever else ran meanwhile, the broker, the whole PostgreSQL server and the machine."""

    def per_event(seconds: float | None) -> float | None:
        return None if seconds is None else seconds / events * 1e6

    rebuild = usage.ru_utime + usage.ru_stime
    return {
        "rebuild process": per_event(rebuild),
        "its PostgreSQL backends": per_event(backends),
        "both": per_event(rebuild + backends),
        "broker": per_event(services.broker),
        "whole PostgreSQL": per_event(services.postgres),
        "machine": per_event(services.machine),
    }


def row_counts(settings: Settings) -> dict[str, int]:
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        tables = conn.execute(
            "select table_name from information_schema.tables where table_schema = %s order by 1",
            (settings.projection_schema,),
        ).fetchall()
        count = "select count(*) as n from {}"
        return {
            t["table_name"]: conn.execute(
                sql.SQL(count).format(sql.Identifier(settings.projection_schema, t["table_name"]))
            ).fetchone()["n"]
            for t in tables
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=1, help="rebuild processes (`sotflow rebuild --jobs`)")
    parser.add_argument("--keep", action="store_true", help="keep the topics and tables (for bench.read)")
    parser.add_argument(
        "--projection", help="rebuild this projection alone (rates per message of its topics, markers included)"
    )
    parser.add_argument("--tag", help="rebuild again from the log a `--keep` run left under this tag (kept)")
    args = parser.parse_args()

    if args.tag:
        tag, settings = args.tag, kept_settings(args.tag)
        args.keep = True
    else:
        tag, settings = scratch_settings()
    try:
        if args.tag:
            sent = {}
        else:
            started = time.perf_counter()
            sent = write(settings, args.events)
            write_seconds = time.perf_counter() - started
            print(f"log: {sum(sent.values()):,} messages written in {write_seconds:.1f} s ({sent})")

        read, raw_seconds, raw_cpu = raw_consume_rate(settings)
        written = sum(sent.values()) or read  # a kept log: as many as the baseline read
        raw_rate = read / raw_seconds
        print(f"baseline: kafka-python read {read:,} messages in {raw_seconds:.1f} s = {raw_rate:,.0f}/s, "
              f"{raw_cpu / read * 1e6:.0f} µs of CPU each")  # fmt: skip
        _, decode_seconds, decode_cpu = raw_consume_rate(settings, decoding=True)
        decode_rate = read / decode_seconds
        print(f"read and decoded, nothing applied: {decode_rate:,.0f}/s, {decode_cpu / read * 1e6:.0f} µs of CPU each")

        postmaster, brokers = postmaster_of(settings.pg_conninfo), broker_pids()
        before = service_cpu(postmaster, brokers)
        seconds, usage, backends, output = timed_rebuild(settings, args.jobs, args.projection)
        used = service_cpu(postmaster, brokers) - before
        if args.projection:
            written = messages_to_apply(settings, topics_of([by_name(args.projection)], settings))
        rate = written / seconds
        for line in output.splitlines():
            if "events applied" in line:
                print("  " + line)
        print(f"rebuild {args.projection or '--all'} --jobs {args.jobs}: {written:,} log events in {seconds:.1f} s "
              f"= {rate:,.0f} events/s, peak RSS {usage.ru_maxrss / 1024:.0f} MiB")  # fmt: skip
        print(f"ratio to the raw kafka-python read: {rate / raw_rate:.3f}; "
              f"to read and decode: {rate / decode_rate:.3f} (target: at least 0.6)")  # fmt: skip
        cpu = cpu_per_event(usage, backends, used, written)
        print("CPU per log event during the rebuild: " + ", ".join(
            f"{name} {value:.0f} µs" for name, value in cpu.items() if value is not None
        ) + " (target for both: at most 90 µs)")  # fmt: skip
        result = {
            "tag": tag,
            "log_messages": written,
            "per_context": sent,
            "jobs": args.jobs,
            "projection": args.projection or "all",
            "rebuild_seconds": round(seconds, 2),
            "rebuild_events_per_second": round(rate),
            "peak_rss_mib": round(usage.ru_maxrss / 1024),
            "raw_consume_per_second": round(raw_rate),
            "raw_consume_cpu_us_per_message": round(raw_cpu / read * 1e6, 1),
            "read_and_decode_per_second": round(decode_rate),
            "ratio": round(rate / raw_rate, 4),
            "ratio_to_read_and_decode": round(rate / decode_rate, 4),
            "cpu_us_per_event": {k: None if v is None else round(v, 1) for k, v in cpu.items()},
            "cores": os.cpu_count(),
            "rows": row_counts(settings),
        }
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"rebuild-{tag}.json").write_text(json.dumps(result, indent=2))
        if args.keep:
            print(
                f"kept: SOTFLOW_DB_SCHEMA={settings.db_schema} SOTFLOW_PROJECTION_SCHEMA={settings.projection_schema}"
                f" SOTFLOW_TOPIC_PREFIX={settings.topic_prefix}"
            )
    finally:
        if not args.keep:
            drop_scratch(settings)


if __name__ == "__main__":
    main()

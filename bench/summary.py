"""bench/summary: one table of the benchmarks' figures, each beside the baseline measured in
the same run and their ratio, from the newest result of each in bench/results/.

`make bench` ends with it, reading only what that run wrote (the results newer than
bench/results/.started, which it touches first); by hand, every newest result:

    python -m bench.summary [--since-start]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
STARTED = RESULTS / ".started"


def newest(pattern: str, since: float) -> dict | None:
    found = [p for p in RESULTS.glob(pattern) if p.stat().st_mtime >= since]
    if not found:
        return None
    return json.loads(max(found, key=lambda p: p.stat().st_mtime).read_text())


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"
    return f"{text}{unit}"


# (figure, result files, value, baseline's name, baseline, target)
Row = tuple[str, str, Callable[[dict], float], str, Callable[[dict], float | None], str]

ROWS: list[Row] = [
    ("registrations/s, flat out", "e2e-flat-*.json", lambda r: r["commands_per_s"],
     "one connection's INSERT+COMMIT/s", lambda r: r["baseline_serial_raw_insert_commits_per_s"], ">= 0.13"),
    ("registrations/s, flat out", "e2e-flat-*.json", lambda r: r["commands_per_s"],
     "8 connections' INSERT+COMMIT/s", lambda r: r["baseline_raw_insert_commits_per_s"], ""),
    ("registrations/s, flat out", "e2e-flat-*.json", lambda r: r["commands_per_s"],
     "bare FastAPI posts/s, nothing behind", lambda r: r.get("baseline_bare_fastapi_posts_per_s"), ""),
    ("registrations/s, flat out", "e2e-flat-*.json", lambda r: r["commands_per_s"],
     "the same run, code before (--before)", lambda r: _before(r, "commands_per_s"), ""),
    ("registration command p99, ms, flat out", "e2e-flat-*.json", lambda r: r["command_latency_ms"]["p99"],
     "code before (--before)", lambda r: _before(r, "command_latency_ms", "p99"), ""),
    ("command to visible p99, ms, steady rate", "e2e-rate*.json", lambda r: r["visible_latency_ms"]["p99"],
     "code before (--before)", lambda r: _before(r, "visible_latency_ms", "p99"), "<= 250 ms"),
    ("API CPU per registration, ms", "e2e-flat-*.json", lambda r: r["api_cpu_ms_per_command"],
     "code before (--before)", lambda r: _before(r, "api_cpu_ms_per_command"), ""),
    ("machine CPU per registration, ms (2 cores: 2000/rate)", "e2e-flat-*.json",
     lambda r: r["machine_busy_ms_per_command"], "code before (--before)",
     lambda r: _before(r, "machine_busy_ms_per_command"), "<= 5 ms for 400/s"),
    ("proceedings commands/s, flat out", "proceedings-*.json", lambda r: r["commands_per_s"],
     "one connection's INSERT+COMMIT/s", lambda r: r["baseline_serial_raw_insert_commits_per_s"], "300/s"),
    ("proceedings commands/s, flat out", "proceedings-*.json", lambda r: r["commands_per_s"],
     "bare FastAPI posts/s, nothing behind", lambda r: r.get("baseline_bare_fastapi_posts_per_s"), ""),
    ("proceedings commands/s, flat out", "proceedings-*.json", lambda r: r["commands_per_s"],
     "the same run, code before (--before)", lambda r: _before(r, "commands_per_s"), ""),
    ("proceedings command p99, ms, flat out", "proceedings-*.json", lambda r: r["command_latency_ms"]["p99"],
     "code before (--before)", lambda r: _before(r, "command_latency_ms", "p99"), ""),
    ("API CPU per proceedings command, ms", "proceedings-*.json", lambda r: r["api_cpu_ms_per_command"],
     "code before (--before)", lambda r: _before(r, "api_cpu_ms_per_command"), ""),
    ("relay messages/s (median)", "relay-*.json", lambda r: r.get("relay_messages_per_s_median"),
     "kafka-python produce/s", lambda r: r["baseline_raw_produce_per_s_median"], ">= 0.5"),
    ("verify from an export, events/s", "verify-*.json", lambda r: r["verify_events_per_s"],
     "bare SHA-256 of the lines/s", lambda r: r["baseline_sha256_events_per_s"], "20,000/s"),
    ("rebuild --all events/s", "rebuild-*.json", lambda r: r["rebuild_events_per_second"],
     "bare kafka-python read/s", lambda r: r["raw_consume_per_second"], ""),
    ("rebuild --all events/s", "rebuild-*.json", lambda r: r["rebuild_events_per_second"],
     "read and decoded/s", lambda r: r["read_and_decode_per_second"], ">= 0.6"),
    ("rebuild CPU per event: its process and backends, µs", "rebuild-*.json",
     lambda r: r["cpu_us_per_event"].get("both", r["cpu_us_per_event"]["machine"]),
     "", lambda r: None, "<= 90 µs"),
    ("register p99, ms", "read-*.json", lambda r: r["p99_ms"],
     "GET /health p99, ms", lambda r: r["baseline_health_p99_ms"], "<= 20 ms"),
]  # fmt: skip


def _before(result: dict, *keys: str) -> float | None:
    before = next((v for k, v in result.items() if k.startswith("before_")), None)
    for key in keys:
        if before is None:
            return None
        before = before.get(key)
    return before


def table(since: float = 0.0) -> list[str]:
    lines = [
        "| figure | value | baseline (same run) | baseline value | ratio | target |",
        "|---|---|---|---|---|---|",
    ]
    for figure, pattern, value_of, baseline_name, baseline_of, target in ROWS:
        result = newest(pattern, since)
        if result is None:
            continue
        value, baseline = value_of(result), baseline_of(result)
        ratio = f"{value / baseline:.3f}" if baseline else "-"
        lines.append(f"| {figure} | {fmt(value)} | {baseline_name} | {fmt(baseline)} | {ratio} | {target} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--since-start", action="store_true", help="only results written since `make bench` began")
    args = parser.parse_args()
    since = STARTED.stat().st_mtime if args.since_start and STARTED.exists() else 0.0
    print("\n".join(table(since)))


if __name__ == "__main__":
    main()

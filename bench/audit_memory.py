"""bench/audit_memory: peak memory of `sotflow audit verify` (on the topics) and
`sotflow audit replay` at two log sizes, in the same run.

For each size (default 30,000 and 150,000 messages): a mixed log (bench/mixed_log.py)
on a private set of topics, the relay's committed position beside it, and the real
ledger run over it (checkpoints every 1,000 events, Ed25519). Then, each as its own
process with its peak resident memory from wait4:
- the baseline: `sotflow --help` (the interpreter and the imports, nothing read);
- `sotflow audit verify --key ...` straight on the topics;
- `sotflow audit replay --as-of <every position>` (the whole log into every projection).

Prints seconds, peak RSS, and the peak above the baseline per event: bounded memory
shows as a flat peak, whose share per event falls as the log grows. With `--before
REF`, the same commands also run from the code at that git ref (e.g. the commit
before the streaming reader), extracted to a temporary folder, for comparison.

Also, per code: the seconds, events per second and CPU seconds (user and system) of each
command, and the baseline of speed: every message of the event topics read once with
bare kafka-python. On the shared machine the CPU seconds are the steadier figure.

    python -m bench.audit_memory --sizes 30000 150000 [--before 50ef1b7] [--verify-only] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from kafka import KafkaProducer

from audit.ledger import Ledger
from audit.note import Signer
from bench.mixed_log import write
from bench.scratch import drop_scratch, scratch_settings, sotflow_env
from sotflow.postgres import create_pool
from sotflow.settings import Settings
from sotflow.topics import relay_position_topic

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results"
ALL = "999999999"  # a position past every context's last: the whole log, with no live tables to compare


def commit_positions(settings: Settings, sent: dict[str, int]) -> None:
    """The relay's committed position per context, as the relay writes it. The count of
    messages sent bounds the last position from above (a version transition shares its
    position), so everything written is inside the committed prefix."""
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    for context, count in sent.items():
        value = json.dumps({"context": context, "position": count}).encode()
        producer.send(relay_position_topic(settings, context), value=value).get(timeout=30)
    producer.close()


def run_ledger(settings: Settings) -> None:
    with create_pool(settings, max_size=2) as pool:
        Ledger(settings, pool, [Signer.parse(Path(settings.audit_signing_keys).read_text())]).run(
            threading.Event(), max_idle_rounds=2
        )


# The child notes its own high-water mark at exit: wait4's ru_maxrss would not do, as
# Linux counts in it the parent's resident memory at the fork.
PEAK_AT_EXIT = """
import atexit, runpy, sys
def note_peak(path=sys.argv[1]):
    with open("/proc/self/status") as status, open(path, "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
atexit.register(note_peak)
sys.argv = ["sotflow", *sys.argv[2:]]
runpy.run_module("entrypoints.cli", run_name="__main__")
"""

# The baseline of speed: every committed message of the event topics read once with bare
# kafka-python (its defaults, one consumer), nothing decoded: the floor of any reader.
BARE_READ = """
import sys
from kafka import KafkaConsumer, TopicPartition
from sotflow.settings import Settings
from sotflow.topics import CONTEXTS, event_topic
settings = Settings()
consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None,
                         enable_auto_commit=False, isolation_level="read_committed")
topics = [event_topic(settings, context) for context in CONTEXTS]
partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
consumer.assign(partitions)
consumer.seek_to_beginning(*partitions)
ends = consumer.end_offsets(partitions)
read = 0
while any(consumer.position(tp) < end for tp, end in ends.items()):
    for batch in consumer.poll(timeout_ms=100).values():
        read += len(batch)
print(read)
"""


def measured(
    args: list[str], settings: Settings, code: Path | None = None, script: str = PEAK_AT_EXIT
) -> tuple[float, int, str, float]:
    """(seconds, peak RSS in KiB, stdout, CPU seconds) of `sotflow <args>` as its own
    process, from this checkout or from the code extracted at `code`."""
    env = sotflow_env(settings)
    if code is not None:  # first on sys.path, before this checkout's editable install
        env |= {"PYTHONPATH": str(code), "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        cpu = _children_cpu()
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", script, peak.name, *args],
            cwd=code or REPO,
            env=env,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        cpu = _children_cpu() - cpu
        if result.returncode not in (0, 1):  # 1: a verification failure, reported by the caller
            raise SystemExit(f"sotflow {' '.join(args)} failed:\n{result.stderr.decode()[-2000:]}")
        return seconds, int(peak.read() or 0), result.stdout.decode(), cpu


def _children_cpu() -> float:
    """CPU seconds (user and system) of the reaped children: on a shared machine the
    time a process was given, steadier than its wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def extracted(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", ref], cwd=REPO, check=True, capture_output=True).stdout
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def one_size(
    size: int, key_dir: Path, codes: dict[str, Path | None], keep: bool = False, verify_only: bool = False
) -> list[dict]:
    signer = Signer.generate("sotflow.bench/ledger")
    (key_dir / "ledger.key").write_text(signer.encode())
    public = signer.verifier.encode()
    tag, settings = scratch_settings(
        audit_signing_keys=str(key_dir / "ledger.key"),
        audit_origin="sotflow.bench/ledger",
        audit_checkpoint_every_events=1000,
        audit_checkpoint_every_seconds=3600.0,
        audit_idle_wait_seconds=0.2,
    )
    rows = []
    try:
        sent = write(settings, size)
        events = sum(sent.values())
        commit_positions(settings, sent)
        started = time.perf_counter()
        run_ledger(settings)
        print(f"{events:,} messages written, ledgered in {time.perf_counter() - started:.1f} s", flush=True)
        if keep:
            print(f"  kept: tag {tag}, key {public}", flush=True)
        for code_name, code in codes.items():
            start_seconds, baseline, _, _ = measured(["--help"], settings, code)
            read_seconds, _, read, read_cpu = measured([], settings, code, BARE_READ)
            print(
                f"  {code_name:<8} {'bare read (kafka-python)':<26} {read_seconds:7.1f} s  "
                f"{int(read) / read_seconds:8,.0f} messages/s  CPU {read_cpu:5.1f} s",
                flush=True,
            )
            for name, args in (
                # The ledger here signs every 1,000 events and stops: each context's last
                # few hundred wait for a checkpoint, as on a live log.
                ("verify (topics)", ["audit", "verify", "--key", public, "--accept-unsigned-tail", "999"]),
                ("replay (all projections)", ["audit", "replay", "--as-of", ALL]),
            )[: 1 if verify_only else 2]:
                seconds, peak, output, cpu = measured(args, settings, code)
                row = {
                    "events": events,
                    "code": code_name,
                    "command": name,
                    "seconds": round(seconds, 1),
                    "cpu_seconds": round(cpu, 1),
                    "events_per_s": round(events / seconds),
                    "start_seconds": round(start_seconds, 1),
                    "bare_read_messages_per_s": round(int(read) / read_seconds),
                    "peak_rss_mib": round(peak / 1024, 1),
                    "baseline_rss_mib": round(baseline / 1024, 1),
                    "above_baseline_bytes_per_event": round((peak - baseline) * 1024 / events),
                }
                if name.startswith("verify"):
                    row["verified_ok"] = json.loads(output)["ok"]
                rows.append(row)
                print(
                    f"  {code_name:<8} {name:<26} {seconds:7.1f} s  {row['events_per_s']:8,} events/s  "
                    f"CPU {cpu:5.1f} s  peak {peak / 1024:7.1f} MiB (baseline {baseline / 1024:.0f} MiB)  "
                    f"{row['above_baseline_bytes_per_event']:6,} B/event above it",
                    flush=True,
                )
    finally:
        if not keep:
            drop_scratch(settings)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[30_000, 150_000])
    parser.add_argument("--before", help="also run the commands from the code at this git ref")
    parser.add_argument("--keep", type=Path, help="keep the topics and write the keys here (for profiling)")
    parser.add_argument("--verify-only", action="store_true", help="measure verify, not replay")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sotflow-bench-audit-memory-") as tmp:
        codes: dict[str, Path | None] = {"this": None}
        if args.before:
            codes[args.before[:10]] = extracted(args.before, Path(tmp, "before"))
        rows = []
        for size in args.sizes:
            key_dir = Path(args.keep or tmp, f"keys-{size}")
            key_dir.mkdir(parents=True)
            rows += one_size(size, key_dir, codes, keep=args.keep is not None, verify_only=args.verify_only)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"audit-memory-{int(time.time())}.json"
    out.write_text(json.dumps(rows, indent=2) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()

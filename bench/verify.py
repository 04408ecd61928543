"""bench/verify: events verified per second by `sotflow audit verify`, offline on an export.

Writes a synthetic export of N events (default 1,000,000) shaped like the real log:
per case, a complaint registered and numbered (registry) and distributed to a panel of
three from nine judges with the whole draw protocol (assignment), each with its
envelope, positions, stream versions and actor; the ledger's leaves and checkpoints
(every 1,000 events, Ed25519-signed) are computed as the ledger computes them. Then,
in the same run, times the verifier over the export and, as the baseline, bare
SHA-256 over the very same event bytes read the same way; prints both rates and
their ratio. Target: at least 20,000 events/s.

    python -m bench.verify --events 1000000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

from audit.canonical import parse_event
from audit.checkpoint import Checkpoint
from audit.checkpoint_set import SUFFIX, CheckpointSet
from audit.export import CHECKPOINT_SETS, FORMAT, note_line, read_lines
from audit.ledger import leaves_record
from audit.merkle import CompactTree, leaf_hash
from audit.note import Signer
from audit.verify_run import verify_export
from sotflow.topics import CONTEXTS

ORIGIN = "sotflow.bench/ledger"
EVERY = 1000
START = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
JUDGES = [f"judge-{i:02d}" for i in range(1, 10)]


def _id(n: int) -> str:
    return str(uuid.UUID(int=n, version=4))


def _envelope(context, name, n, position, subject, version, data, at) -> dict:
    return {
        "specversion": "1.0",
        "id": _id(n),
        "source": f"/sotflow/{context}",
        "type": f"kz.sotflow.{context}.{name}.v1",
        "subject": subject,
        "time": at.isoformat(),
        "datacontenttype": "application/json",
        "dataschema": f"https://sotflow.kz/schemas/events/kz.sotflow.{context}.{name}.v1.json",
        "logposition": position,
        "streamversion": version,
        "actorid": "u-registrar-7" if context == "registry" else "system:distributor",
        "actorrole": "registrar" if context == "registry" else "system",
        "data": data,
    }


def registry_events(cases: int):
    yield _envelope("registry", "registration-journal-opened", 1, 1, "cc/2026", 1, {"court": "cc", "year": 2026}, START)
    for k in range(cases):
        at = START + timedelta(seconds=k)
        case = _id(10**9 + k)
        data = {
            "complaint_id": case,
            "received_at": (at - timedelta(hours=2)).isoformat(),
            "registered_at": at.isoformat(),
            "channel": "paper",
            "filer": {"name": f"Абенов А. {k}", "procedural_role": "convict"},
            "lower_court_case_ref": f"1-{k}/2025",
            "contested_act": {"court": "Almaty City Court", "kind": "verdict", "act_date": "2025-06-03"},
        }
        yield _envelope("registry", "complaint-registered", 2 * 10**9 + k, 2 + 2 * k, case, 1, data, at)
        number = {
            "item_id": case,
            "court": "cc",
            "year": 2026,
            "kind": "CC",
            "sequence": k + 1,
            "registration_number": f"cc-CC-{k + 1}/2026",
        }
        yield _envelope("registry", "registration-number-assigned", 3 * 10**9 + k, 3 + 2 * k, case, 2 + k, number, at)


def assignment_events(cases: int):
    yield _envelope("assignment", "court-roster-opened", 4 * 10**9, 1, "cc", 1, {"court": "cc"}, START)
    loads = [0.0] * len(JUDGES)
    for k in range(cases):
        at = START + timedelta(seconds=k, milliseconds=500)
        case = _id(10**9 + k)
        panel = [JUDGES[(k + i) % 9] for i in range(3)]
        candidates = [
            {"judge_id": j, "load": loads[i], "post_coefficient": 0.5 if i == 0 else 1.0} for i, j in enumerate(JUDGES)
        ]
        for i, judge in enumerate(JUDGES):
            if judge in panel:
                loads[i] += 1.0 if judge == panel[0] else 0.5
        data = {
            "court": "cc",
            "case_id": case,
            "registration_event_id": _id(2 * 10**9 + k),
            "specialisation": "criminal",
            "procedure": "cassation",
            "judge_rapporteur": panel[0],
            "panel": panel,
            "protocol": {
                "algorithm": "sotflow-weighted-draw/1",
                "seed": hashlib.sha256(f"seed/{k}".encode()).hexdigest(),
                "settings_version": 1,
                "panel_size": 3,
                "candidates": candidates,
                "exclusions": [],
                "panel": panel,
                "draws": [repr(0.1 + 0.2 * i) for i in range(3)],
            },
        }
        yield _envelope("assignment", "case-distributed", 5 * 10**9 + k, 2 + k, case, 2 + k, data, at)


def write_context(folder: Path, context: str, events, signer: Signer) -> int:
    folder.mkdir(parents=True)
    tree, leaves, notes = CompactTree(), [], []
    with open(folder / "events.jsonl", "wb") as f:
        for envelope in events:
            value = orjson.dumps(envelope)
            f.write(value + b"\n")
            leaf = leaf_hash(parse_event(value)[1])
            tree.append(leaf)
            leaves.append(leaf)
            if tree.size % EVERY == 0:
                notes.append(Checkpoint(f"{ORIGIN}/{context}", tree.size, tree.root()).sign(signer))
    if tree.size % EVERY and tree.size:
        notes.append(Checkpoint(f"{ORIGIN}/{context}", tree.size, tree.root()).sign(signer))
    with open(folder / "leaves.jsonl", "wb") as f:
        for first in range(0, len(leaves), 4096):
            f.write(leaves_record(context, first, leaves[first : first + 4096]) + b"\n")
    (folder / "checkpoints.jsonl").write_text("".join(json.dumps(n) + "\n" for n in notes))
    return tree.size


def write_export(directory: Path, events: int, signer: Signer) -> int:
    cases = max(1, (events - 2) // 3)
    events_of = {"registry": registry_events(cases), "assignment": assignment_events(cases)}
    counts = {c: write_context(directory / c, c, events_of.get(c, ()), signer) for c in CONTEXTS}
    # As the ledger signs it with its last checkpoint: every context and its latest size.
    signed = CheckpointSet(ORIGIN + SUFFIX, datetime.now(UTC), counts).sign(signer)
    (directory / CHECKPOINT_SETS).write_bytes(note_line(signed.encode()) + b"\n")
    manifest = {"format": FORMAT, "contexts": {c: {"events": n} for c, n in counts.items()}}
    (directory / "manifest.json").write_text(json.dumps(manifest))
    return sum(counts.values())


RESULTS = Path(__file__).parent / "results"


def baseline(directory: Path) -> float:
    started = time.perf_counter()
    for context in ("registry", "assignment"):
        for value in read_lines(directory / context / "events.jsonl"):
            hashlib.sha256(value).digest()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="Write the export here and keep it.")
    args = parser.parse_args()
    signer = Signer.generate("sotflow.bench/ledger")
    directory = args.keep or Path(tempfile.mkdtemp(prefix="sotflow-bench-verify-"))
    try:
        print(f"writing a synthetic export of {args.events:,} events to {directory} ...", flush=True)
        total = write_export(directory / "export", args.events, signer)
        sha_seconds = baseline(directory / "export")
        started, cpu = time.perf_counter(), time.process_time()
        report = verify_export(directory / "export", [signer.verifier])
        verify_seconds, verify_cpu = time.perf_counter() - started, time.process_time() - cpu
        sha_seconds = min(sha_seconds, baseline(directory / "export"))
        if not report["ok"]:
            raise SystemExit(f"the synthetic export did not verify: {json.dumps(report['first_bad'])}")
        verified, hashed = total / verify_seconds, total / sha_seconds
        print(f"events:                         {total:,}")
        print(f"verify (all checks):            {verify_seconds:8.2f} s  {verified:12,.0f} events/s")
        print(f"baseline (bare SHA-256, reads): {sha_seconds:8.2f} s  {hashed:12,.0f} events/s")
        print(f"ratio verify/baseline:          {verified / hashed:8.3f}")
        # On a shared machine the wall time follows the load; the CPU time given is steadier.
        print(f"verify CPU seconds:             {verify_cpu:8.2f} s  {total / verify_cpu:12,.0f} events per CPU second")
        print(f"target >= 20,000 events/s:      {'met' if verified >= 20_000 else 'NOT met'}")
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"verify-{int(time.time())}.json").write_text(json.dumps({
            "events": total, "verify_events_per_s": round(verified), "baseline_sha256_events_per_s": round(hashed),
            "ratio": round(verified / hashed, 3), "verify_cpu_seconds": round(verify_cpu, 2),
        }, indent=2))  # fmt: skip
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()

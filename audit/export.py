"""`sotflow audit export`: the topics an auditor needs, as files.

    <dir>/manifest.json
    <dir>/<context>/events.jsonl       each message's value as published, one a line, in log order
    <dir>/<context>/leaves.jsonl       the ledger's leaf-hash records for the context
    <dir>/<context>/checkpoints.jsonl  each signed checkpoint note, as a JSON string, one a line

Event lines are the published bytes unchanged, so the verifier checks exactly what
was on the log. A value holding a raw newline (never valid JSON) is written as
"!b64:" and its base64, so that lines stay one message each.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from audit.log_reader import read_log, read_topic
from audit.topics import checkpoints_topic, leaves_topic
from sotflow.settings import Settings
from sotflow.topics import CONTEXTS

FORMAT = "sotflow-audit-export/1"
RAW_MARK = b"!b64:"


def encode_line(value: bytes) -> bytes:
    return RAW_MARK + base64.b64encode(value) if b"\n" in value or value.startswith(RAW_MARK) else value


def decode_line(line: bytes) -> bytes:
    return base64.b64decode(line[len(RAW_MARK) :]) if line.startswith(RAW_MARK) else line


def export(
    settings: Settings,
    directory: Path,
    *,
    contexts: tuple[str, ...] = CONTEXTS,
    progress: Callable[[int], None] | None = None,
) -> dict:
    directory.mkdir(parents=True, exist_ok=True)
    audit_records = {
        "leaves": read_topic(settings, leaves_topic(settings)),
        "checkpoints": read_topic(settings, checkpoints_topic(settings)),
    }
    manifest = {"format": FORMAT, "exported_at": datetime.now(UTC).isoformat(), "contexts": {}}
    for context in contexts:
        committed, messages = read_log(settings, context, progress=progress)
        folder = directory / context
        folder.mkdir(exist_ok=True)
        with open(folder / "events.jsonl", "wb") as f:
            for message in messages:
                f.write(encode_line(message.value) + b"\n")
        leaves = [v for _, _, k, v in audit_records["leaves"] if k == context.encode()]
        with open(folder / "leaves.jsonl", "wb") as f:
            f.writelines(encode_line(v) + b"\n" for v in leaves)
        notes = [v.decode("utf-8", "replace") for _, _, k, v in audit_records["checkpoints"] if k == context.encode()]
        with open(folder / "checkpoints.jsonl", "w") as f:
            f.writelines(json.dumps(n, ensure_ascii=False) + "\n" for n in notes)
        manifest["contexts"][context] = {
            "committed_position": committed,
            "events": len(messages),
            "leaf_records": len(leaves),
            "checkpoints": len(notes),
        }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_lines(path: Path) -> Iterator[bytes]:
    if not path.exists():
        return
    with open(path, "rb") as f:
        for line in f:
            yield decode_line(line.rstrip(b"\n"))


def read_notes(path: Path) -> list[str]:
    """Checkpoint notes from an export's checkpoints.jsonl, or from a file of notes an
    auditor kept (several notes, each ending with its signature lines, separated by blank lines)."""
    if not path.exists():
        return []
    text = path.read_text()
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return _split_notes(text)


def _split_notes(text: str) -> list[str]:
    notes, current, in_signatures = [], [], False
    for line in text.splitlines(keepends=True):
        if in_signatures and not line.startswith("— "):
            notes.append("".join(current))
            current, in_signatures = [], False
            if line == "\n":
                continue
        current.append(line)
        if line == "\n":
            in_signatures = True
    if current:
        notes.append("".join(current))
    return notes

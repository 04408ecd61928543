"""`sotflow audit export`: the topics an auditor needs, as files.

    <dir>/manifest.json
    <dir>/<context>/events.jsonl       each message's value as published, one a line, in log order
    <dir>/<context>/leaves.jsonl       the ledger's leaf-hash records for the context
    <dir>/<context>/checkpoints.jsonl  each signed checkpoint note, as a JSON string, one a line
    <dir>/checkpoint-sets.jsonl        the ledger's signed checkpoint sets (audit/checkpoint_set.py), likewise

manifest.json is a table of contents for people; it is not signed and the verifier
does not rely on it.

Event lines are the published bytes unchanged, so the verifier checks exactly what
was on the log. A value holding a raw newline (never valid JSON) is written as
"!b64:" and its base64, so that lines stay one message each.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

from audit.checkpoint_set import KEY as CHECKPOINT_SET_KEY
from audit.log_reader import open_log, stream_topic, topic_partitions
from audit.topics import checkpoints_topic, leaves_topic
from contexts.clock import SYSTEM_CLOCK
from sotflow.settings import Settings
from sotflow.topics import CONTEXTS, event_topic

FORMAT = "sotflow-audit-export/2"
CHECKPOINT_SETS = "checkpoint-sets.jsonl"
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
    manifest = {"format": FORMAT, "exported_at": SYSTEM_CLOCK.now().isoformat(), "contexts": {}}
    folders = {}
    for context in contexts:
        folders[context] = directory / context
        folders[context].mkdir(exist_ok=True)
    partitions = topic_partitions(
        settings, [leaves_topic(settings), checkpoints_topic(settings), *(event_topic(settings, c) for c in contexts)]
    )
    # The ledger's topics before any event topic: no checkpoint then covers an event
    # past the relay's committed position read after it.
    leaf_records = _copy_by_context(settings, leaves_topic(settings), partitions, folders, "leaves.jsonl", encode_line)
    checkpoints = _copy_by_context(
        settings,
        checkpoints_topic(settings),
        partitions,
        folders,
        "checkpoints.jsonl",
        note_line,
        extra={CHECKPOINT_SET_KEY: directory / CHECKPOINT_SETS},
    )
    for context in contexts:
        events = 0
        topic = event_topic(settings, context)
        log = open_log(settings, context, partitions=partitions[topic], progress=progress)
        with log, open(folders[context] / "events.jsonl", "wb") as f:
            for message in log:
                f.write(encode_line(message.value) + b"\n")
                events += 1
        manifest["contexts"][context] = {
            "committed_position": log.committed,
            "events": events,
            "leaf_records": leaf_records[context.encode()],
            "checkpoints": checkpoints[context.encode()],
        }
    manifest["checkpoint_sets"] = checkpoints[CHECKPOINT_SET_KEY]
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def note_line(value: bytes) -> bytes:
    return json.dumps(value.decode("utf-8", "replace"), ensure_ascii=False).encode()


def _copy_by_context(
    settings, topic: str, partitions, folders: dict[str, Path], name: str, line, extra: dict[bytes, Path] | None = None
) -> dict:
    """Streams a ledger topic into each context's file (key = context), and records of
    the `extra` keys into their own files; answers the counts by key."""
    paths = {context.encode(): folder / name for context, folder in folders.items()} | (extra or {})
    counts = dict.fromkeys(paths, 0)
    files = {key: open(path, "wb") for key, path in paths.items()}  # noqa: SIM115
    try:
        with closing(stream_topic(settings, topic, partitions=partitions[topic])) as records:
            for _, _, key, value in records:
                if key in files:
                    files[key].write(line(value) + b"\n")
                    counts[key] += 1
    finally:
        for f in files.values():
            f.close()
    return counts


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

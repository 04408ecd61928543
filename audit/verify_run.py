"""Running the verifier over an export or straight over the topics, with the auditor's keys."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from audit.export import read_lines, read_notes
from audit.note import Verifier
from audit.verifier import ContextVerifier

Progress = Callable[[int], None]


def load_verifiers(keys: Iterable[str]) -> list[Verifier]:
    """Verifier keys given as text ("name+id+key") or as files holding one a line."""
    verifiers = []
    for key in keys:
        path = Path(key)
        lines = path.read_text().splitlines() if path.is_file() else [key]
        verifiers.extend(Verifier.parse(line) for line in lines if line.strip())
    return verifiers


def _of_context(notes: list[str], context: str) -> list[str]:
    return [n for n in notes if n.split("\n", 1)[0].endswith("/" + context)]


def kept_material(paths: Iterable[Path], context: str) -> tuple[list[str], list[bytes]]:
    """Checkpoints (and leaves) the auditor kept: earlier exports or files of notes."""
    notes: list[str] = []
    leaves: list[bytes] = []
    for path in paths:
        if path.is_dir():
            notes += read_notes(path / context / "checkpoints.jsonl")
            leaves += list(read_lines(path / context / "leaves.jsonl"))
        else:
            notes += _of_context(read_notes(path), context)
    return notes, leaves


def _verify_context(context, verifiers, events, notes, leaves, kept, progress) -> dict:
    kept_notes, kept_leaves = kept_material(kept, context)
    verifier = ContextVerifier(
        context,
        verifiers,
        checkpoints=notes,
        leaf_records=leaves,
        kept_checkpoints=kept_notes,
        kept_leaf_records=kept_leaves,
    )
    count = 0
    for raw in events:
        verifier.feed(raw)
        count += 1
        if progress and count % 1000 == 0:
            progress(1000)
    if progress:
        progress(count % 1000)
    return verifier.finish()


def _report(source: str, verifiers: list[Verifier], contexts: dict[str, dict]) -> dict:
    firsts = [dict(r["first_bad"], context=c) for c, r in contexts.items() if r["first_bad"]]
    return {
        "ok": all(r["ok"] for r in contexts.values()),
        "verified_at": datetime.now(UTC).isoformat(),
        "source": source,
        "keys": [v.encode() for v in verifiers],
        "first_bad": firsts[0] if firsts else None,
        "contexts": contexts,
    }


def export_event_count(directory: Path) -> int:
    manifest = json.loads((directory / "manifest.json").read_text())
    return sum(c["events"] for c in manifest["contexts"].values())


def verify_export(directory: Path, verifiers: list[Verifier], kept: list[Path] = (), progress: Progress | None = None):
    manifest = json.loads((directory / "manifest.json").read_text())
    contexts = {}
    for context in manifest["contexts"]:
        folder = directory / context
        contexts[context] = _verify_context(
            context,
            verifiers,
            read_lines(folder / "events.jsonl"),
            read_notes(folder / "checkpoints.jsonl"),
            list(read_lines(folder / "leaves.jsonl")),
            kept,
            progress,
        )
    return _report(str(directory), verifiers, contexts)


def verify_topics(settings, verifiers: list[Verifier], kept: list[Path] = (), progress: Progress | None = None):
    from audit.log_reader import read_log, read_topic
    from audit.topics import checkpoints_topic, leaves_topic
    from sotflow.topics import CONTEXTS

    leaves = read_topic(settings, leaves_topic(settings))
    notes = read_topic(settings, checkpoints_topic(settings))
    contexts = {}
    for context in CONTEXTS:
        key = context.encode()
        _, messages = read_log(settings, context)
        contexts[context] = _verify_context(
            context,
            verifiers,
            (m.value for m in messages),
            [v.decode("utf-8", "replace") for _, _, k, v in notes if k == key],
            [v for _, _, k, v in leaves if k == key],
            kept,
            progress,
        )
    return _report(f"kafka {settings.kafka_bootstrap} {settings.topic_prefix}*", verifiers, contexts)

"""Running the verifier over an export or straight over the topics, with the auditor's keys."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from itertools import chain
from pathlib import Path

from audit.export import read_lines, read_notes
from audit.note import Verifier
from audit.verifier import ContextVerifier
from contexts.clock import SYSTEM_CLOCK

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


def kept_material(paths: Iterable[Path], context: str) -> tuple[list[str], Iterable[bytes]]:
    """Checkpoints (and leaves, read as the verifier takes them) the auditor kept:
    earlier exports or files of notes."""
    notes: list[str] = []
    leaf_files: list[Path] = []
    for path in paths:
        if path.is_dir():
            notes += read_notes(path / context / "checkpoints.jsonl")
            leaf_files.append(path / context / "leaves.jsonl")
        else:
            notes += _of_context(read_notes(path), context)
    return notes, chain.from_iterable(read_lines(f) for f in leaf_files)


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
        "verified_at": SYSTEM_CLOCK.now().isoformat(),
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
            read_lines(folder / "leaves.jsonl"),
            kept,
            progress,
        )
    return _report(str(directory), verifiers, contexts)


def verify_topics(settings, verifiers: list[Verifier], kept: list[Path] = (), progress: Progress | None = None):
    """Straight on the topics, one context at a time. First the checkpoints (one note per
    thousand events or so: read once for every context), then per context its leaf-hash
    records, streamed into the verifier (which keeps the leaves packed, 32 bytes each: it
    needs every authentic leaf before the first event to name a bad one exactly), then
    its events, streamed in log order. That order matters: a checkpoint read before the
    relay's committed position covers no event after it."""
    from audit.log_reader import stream_topic, topic_partitions
    from audit.topics import checkpoints_topic, leaves_topic
    from sotflow.topics import CONTEXTS, event_topic

    ledger_topics = checkpoints_topic(settings), leaves_topic(settings)
    partitions = topic_partitions(settings, [*ledger_topics, *(event_topic(settings, c) for c in CONTEXTS)])
    notes: dict[bytes, list[str]] = {}
    with closing(stream_topic(settings, ledger_topics[0], partitions=partitions[ledger_topics[0]])) as records:
        for _, _, key, value in records:
            notes.setdefault(key, []).append(value.decode("utf-8", "replace"))
    contexts = {}
    for context in CONTEXTS:
        key = context.encode()
        leaves = _values_of_key(settings, ledger_topics[1], partitions[ledger_topics[1]], key)
        events = _log_values(settings, context, partitions[event_topic(settings, context)])
        with closing(leaves), closing(events):
            contexts[context] = _verify_context(context, verifiers, events, notes.get(key, []), leaves, kept, progress)
    return _report(f"kafka {settings.kafka_bootstrap} {settings.topic_prefix}*", verifiers, contexts)


def _values_of_key(settings, topic: str, partitions, key: bytes) -> Iterator[bytes]:
    from audit.log_reader import stream_topic

    with closing(stream_topic(settings, topic, partitions=partitions)) as records:
        yield from (value for _, _, k, value in records if k == key)


def _log_values(settings, context: str, partitions) -> Iterator[bytes]:
    """Lazy: the log (and the relay's committed position) is opened at the first event asked for."""
    from audit.log_reader import open_log

    with open_log(settings, context, partitions=partitions) as log:
        yield from (m.value for m in log)

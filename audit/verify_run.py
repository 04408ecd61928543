"""Running the verifier over an export or straight over the topics, with the auditor's keys.

Which contexts must be there is decided from what can be trusted, never from the
export's unsigned manifest.json: every context this release knows (sotflow.topics.CONTEXTS),
every context folder present, and every context the ledger's signed checkpoint sets name
(audit/checkpoint_set.py). A context that should be there and is not fails, named; each
must hold at least as many events, under signed checkpoints, as the largest size a
signed set names for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain, repeat
from pathlib import Path

from audit.canonical import UNPARSED
from audit.checkpoint import CheckpointError
from audit.checkpoint_set import SUFFIX as CHECKPOINT_SET_SUFFIX
from audit.checkpoint_set import CheckpointSetError, open_checkpoint_set
from audit.export import CHECKPOINT_SETS, read_lines, read_notes
from audit.note import NoteError, Verifier
from audit.verifier import ContextVerifier, Failure
from contexts.clock import SYSTEM_CLOCK
from sotflow.topics import CONTEXTS

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


@dataclass(frozen=True)
class TailPolicy:
    """How many events after a context's latest signed checkpoint are accepted: none by
    default. `events`: at most so many; `minutes`: any number (or at most `events`), if
    the ledger signed its latest checkpoint set at most so many minutes before the run,
    as on a live log, whose newest events wait for the next checkpoint."""

    events: int | None = None
    minutes: float | None = None

    def limit(self, latest_set: datetime | None, now: datetime) -> tuple[int | None, str]:
        """(the accepted number, None for any; why, for the report)."""
        if self.minutes is not None:
            if latest_set is None or now - latest_set > timedelta(minutes=self.minutes):
                when = latest_set.isoformat() if latest_set else "never"
                why = f"the ledger's latest signed checkpoint set ({when}) is older than {self.minutes:g} minutes"
                return 0, f"none accepted: {why}"
            if self.events is None:
                return None, ""
        if self.events is None:
            return 0, "none accepted (see --accept-unsigned-tail, --accept-unsigned-minutes)"
        return self.events, f"at most {self.events} accepted"


@dataclass
class SignedSets:
    """What the ledger's signed checkpoint sets in hand vouch for."""

    sizes: dict[str, int]
    latest: datetime | None
    notes: int
    failures: list[Failure]

    @classmethod
    def open(cls, notes: Iterable[str], verifiers: list[Verifier]) -> SignedSets:
        sizes: dict[str, int] = {}
        latest, count, origins, failures = None, 0, set(), []
        for note in dict.fromkeys(notes):
            count += 1
            try:
                opened = open_checkpoint_set(note, verifiers)
            except (NoteError, CheckpointSetError, CheckpointError) as exc:
                failures.append(Failure("checkpoint-set", f"checkpoint set rejected: {exc}"))
                continue
            origins.add(opened.origin)
            latest = max(latest, opened.signed_at) if latest else opened.signed_at
            for context, size in opened.sizes.items():
                sizes[context] = max(sizes.get(context, 0), size)
        if len(origins) > 1:
            failures.append(Failure("checkpoint-set", f"checkpoint sets of several origins: {sorted(origins)}"))
        return cls(sizes, latest, count, failures)

    def report(self, contexts: dict[str, dict]) -> dict:
        failures = list(self.failures)
        if self.latest is None and any(r["events"] for r in contexts.values()):
            failures.append(Failure("checkpoint-set", "no checkpoint set signed by a known key, yet there are events"))
        return {
            "ok": not failures,
            "notes": self.notes,
            "latest_signed_at": self.latest.isoformat() if self.latest else None,
            "sizes": dict(sorted(self.sizes.items())),
            "failures": [{k: v for k, v in vars(f).items() if v is not None} for f in failures],
        }


def _contexts(present: Iterable[str], sets: SignedSets) -> list[str]:
    """Release order first, then any other context found or named by a signed set."""
    return list(dict.fromkeys([*CONTEXTS, *sorted(present), *sorted(sets.sizes)]))


def kept_sets(paths: Iterable[Path]) -> list[str]:
    """Checkpoint sets the auditor kept (in an earlier export or a file of notes): sizes
    only grow, so they bound today's too."""
    notes: list[str] = []
    for path in paths:
        if path.is_dir():
            notes += read_notes(path / CHECKPOINT_SETS)
        else:
            notes += [n for n in read_notes(path) if n.split("\n", 1)[0].endswith(CHECKPOINT_SET_SUFFIX)]
    return notes


def _verify_context(context, verifiers, events, notes, leaves, kept, progress, sets, tail, missing=None) -> dict:
    """`events`: (message, what orjson.loads gave of it, or UNPARSED) in log order."""
    kept_notes, kept_leaves = kept_material(kept, context)
    verifier = ContextVerifier(
        context,
        verifiers,
        checkpoints=notes,
        leaf_records=leaves,
        kept_checkpoints=kept_notes,
        kept_leaf_records=kept_leaves,
        signed_size=sets.sizes.get(context, 0),
        unsigned_limit=tail[0],
        unsigned_why=tail[1],
    )
    if missing:
        verifier.failures.append(Failure("missing-context", missing))
    count = 0
    feed = verifier.feed
    for raw, envelope in events:
        feed(raw, envelope)
        count += 1
        if progress and count % 1000 == 0:
            progress(1000)
    if progress:
        progress(count % 1000)
    return verifier.finish()


def _report(source: str, verifiers: list[Verifier], contexts: dict[str, dict], sets: SignedSets, now) -> dict:
    """The first failure named at the top is a context's own first_bad, the same object:
    of the contexts in order, the first that names an event exactly, else a position,
    else any (a failure of the checkpoint sets last)."""
    checkpoint_set = sets.report(contexts)
    failing = [dict(r["first_bad"], context=c) for c, r in contexts.items() if r["first_bad"]]
    first = min(failing, key=lambda f: 0 if "leaf_index" in f else 1 if "position" in f else 2, default=None)
    if first is None and checkpoint_set["failures"]:
        first = checkpoint_set["failures"][0]
    return {
        "ok": all(r["ok"] for r in contexts.values()) and checkpoint_set["ok"],
        "verified_at": now.isoformat(),
        "source": source,
        "keys": [v.encode() for v in verifiers],
        "first_bad": first,
        "checkpoint_set": checkpoint_set,
        "contexts": contexts,
    }


def export_event_count(directory: Path) -> int | None:
    """For the progress bar only: the manifest's count (unsigned, never trusted for checks)."""
    try:
        manifest = json.loads((directory / "manifest.json").read_text())
        return sum(c["events"] for c in manifest["contexts"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def verify_export(
    directory: Path,
    verifiers: list[Verifier],
    kept: list[Path] = (),
    progress: Progress | None = None,
    tail: TailPolicy = TailPolicy(),
):
    now = SYSTEM_CLOCK.now()
    sets = SignedSets.open([*read_notes(directory / CHECKPOINT_SETS), *kept_sets(kept)], verifiers)
    limit = tail.limit(sets.latest, now)
    present = [p.name for p in directory.iterdir() if p.is_dir()] if directory.is_dir() else []
    contexts = {}
    for context in _contexts(present, sets):
        folder = directory / context
        missing = None if folder.is_dir() else f"the export has no folder for context {context}"
        contexts[context] = _verify_context(
            context,
            verifiers,
            zip(read_lines(folder / "events.jsonl"), repeat(UNPARSED)),
            read_notes(folder / "checkpoints.jsonl"),
            read_lines(folder / "leaves.jsonl"),
            kept,
            progress,
            sets,
            limit,
            missing,
        )
    return _report(str(directory), verifiers, contexts, sets, now)


def verify_topics(
    settings,
    verifiers: list[Verifier],
    kept: list[Path] = (),
    progress: Progress | None = None,
    tail: TailPolicy = TailPolicy(),
):
    """Straight on the topics, one context at a time. First the checkpoints (one note per
    thousand events or so: read once for every context), then per context its leaf-hash
    records, streamed into the verifier (which keeps the leaves packed, 32 bytes each: it
    needs every authentic leaf before the first event to name a bad one exactly), then
    its events, streamed in log order. That order matters: a checkpoint read before the
    relay's committed position covers no event after it."""
    from audit.checkpoint_set import KEY as CHECKPOINT_SET_KEY
    from audit.log_reader import stream_topic, topic_partitions
    from audit.topics import checkpoints_topic, leaves_topic
    from sotflow.topics import event_topic

    now = SYSTEM_CLOCK.now()

    ledger_topics = checkpoints_topic(settings), leaves_topic(settings)
    partitions = topic_partitions(settings, [*ledger_topics, *(event_topic(settings, c) for c in CONTEXTS)])
    notes: dict[bytes, list[str]] = {}
    with closing(stream_topic(settings, ledger_topics[0], partitions=partitions[ledger_topics[0]])) as records:
        for _, _, key, value in records:
            notes.setdefault(key, []).append(value.decode("utf-8", "replace"))
    sets = SignedSets.open([*notes.pop(CHECKPOINT_SET_KEY, []), *kept_sets(kept)], verifiers)
    limit = tail.limit(sets.latest, now)
    contexts = {}
    for context in _contexts((), sets):
        key = context.encode()
        if context not in CONTEXTS:
            missing = f"the ledger signed checkpoints of context {context}, which this release does not know"
            contexts[context] = _verify_context(
                context, verifiers, (), notes.get(key, []), (), kept, progress, sets, limit, missing
            )
            continue
        leaves = _values_of_key(settings, ledger_topics[1], partitions[ledger_topics[1]], key)
        events = _log_values(settings, context, partitions[event_topic(settings, context)])
        with closing(leaves), closing(events):
            contexts[context] = _verify_context(
                context, verifiers, events, notes.get(key, []), leaves, kept, progress, sets, limit
            )
    return _report(f"kafka {settings.kafka_bootstrap} {settings.topic_prefix}*", verifiers, contexts, sets, now)


def _values_of_key(settings, topic: str, partitions, key: bytes) -> Iterator[bytes]:
    from audit.log_reader import stream_topic

    with closing(stream_topic(settings, topic, partitions=partitions)) as records:
        yield from (value for _, _, k, value in records if k == key)


def _log_values(settings, context: str, partitions) -> Iterator[tuple[bytes, object]]:
    """Lazy: the log (and the relay's committed position) is opened at the first event asked for."""
    from audit.log_reader import open_log

    with open_log(settings, context, partitions=partitions) as log:
        yield from ((m.value, m.envelope) for m in log)

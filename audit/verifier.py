"""The auditor's verifier: every check, on one context's log, without trusting the operator.

Input: the context's messages in log order, the leaf hashes and checkpoints the
ledger published, optionally checkpoints (and leaves) the auditor kept from earlier,
and the public key(s). Nothing else is trusted. Checks:

- checkpoints: C2SP format, a known key's valid signature, one origin, no two
  different roots for one size (a fork);
- each message: strict JSON (no duplicate keys), RFC 8785 canonical form, the
  contract's envelope, actor, time and reason;
- the log: positions 1, 2, 3... without gap or repeat (a repeat only for another
  public version of the same stored event), unique event ids, each stream's
  versions rising by one;
- the tree: the root over the messages' leaves equals each checkpoint's root; the log
  is at least as long as every checkpoint (else truncated); every earlier checkpoint
  the auditor kept is a prefix, by a consistency proof to the latest checkpoint;
- what is signed: every event after the latest signed checkpoint is unverified, and
  reported with its count and positions; more of them than the caller accepts (none
  by default) is a failure. The log holds at least as many events, under signed
  checkpoints, as the ledger's signed checkpoint set names for the context.

Naming the first bad position: a root only says that something in its range is
wrong. The ledger also publishes its leaf hashes; once they reproduce the signed
roots they are authentic, and the first message whose leaf differs is named exactly.
Leaf hashes published beyond the latest signed checkpoint in hand (its note removed,
say) are not proven authentic, yet an event that differs from its published leaf is
still named there: either the event or the leaf is not what the ledger wrote. Where
only a root is known (leaf hashes missing or not authentic, or a kept checkpoint
without its leaves), the failure names the first position after the last root that
still matches, with the range.
"""

from __future__ import annotations

import base64
import binascii
from array import array
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import orjson

from audit.canonical import UNPARSED, NotCanonicalizableError, StrictJSONError, parse_event
from audit.checkpoint import CheckpointError, open_checkpoint
from audit.contract_rules import contract_problems, position_of
from audit.leaf_array import LeafArray
from audit.merkle import CompactTree, consistency_proof, leaf_hash, verify_consistency
from audit.note import NoteError, Verifier
from audit.streams import stream_of

MAX_FAILURES = 50
# Where two failures name the same leaf, the more telling one comes first.
PRIORITY = {
    "strict-json": 0,
    "canonical": 0,
    "position": 1,
    "event-id": 2,
    "truncated": 2,
    "envelope": 3,
    "actor": 3,
    "time": 3,
    "reason": 3,
    "stream-version": 4,
    "leaf": 5,
    "unsigned": 6,
    "checkpoint-set": 6,
    "history-rewritten": 5,
    "root": 6,
    "earlier-checkpoint": 6,
}


@dataclass(frozen=True)
class Failure:
    check: str
    detail: str
    leaf_index: int | None = None
    position: int | None = None
    event_id: str | None = None
    range: tuple[int, int] | None = None  # positions, when only a range is known


@dataclass(frozen=True)
class SignedRoot:
    size: int
    root: bytes
    note: str


def _open_checkpoints(notes: list[str], verifiers: list[Verifier], context: str, label: str, failures: list[Failure]):
    """Valid checkpoints by size, reporting bad ones."""
    by_size: dict[int, SignedRoot] = {}
    origins = set()
    for note in dict.fromkeys(notes):  # identical copies (an at-least-once publisher's) count once
        try:
            checkpoint, _ = open_checkpoint(note, verifiers)
        except (NoteError, CheckpointError) as exc:
            failures.append(Failure(label, f"checkpoint rejected: {exc}"))
            continue
        origins.add(checkpoint.origin)
        seen = by_size.get(checkpoint.size)
        if seen is not None and seen.root != checkpoint.root:
            failures.append(Failure("fork", f"two signed roots for size {checkpoint.size}"))
            continue
        by_size[checkpoint.size] = SignedRoot(checkpoint.size, checkpoint.root, note)
    if len(origins) > 1 or any(not o.endswith("/" + context) for o in origins):
        failures.append(Failure(label, f"checkpoint origins {sorted(origins)} are not this context's log"))
    return by_size


def _leaf_list(records: Iterable[bytes], failures: list[Failure], label: str) -> LeafArray:
    """The published leaves from index 0 without a gap, from records read one at a time;
    where two records give one index different hashes, the first counts and each such
    leaf is reported. Records in order (the ledger writes them so) append in bulk."""
    leaves = LeafArray()
    pending: dict[int, bytes] = {}  # leaves beyond a gap, until it fills
    for raw in records:
        try:
            record = orjson.loads(raw)
            first, hashes = record["first_index"], base64.b64decode(record["leaf_hashes"], validate=True)
            if not isinstance(first, int) or first < 0 or len(hashes) % 32:
                raise ValueError
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, binascii.Error):
            failures.append(Failure(label, "unreadable leaf-hash record"))
            continue
        stop = first + len(hashes) // 32
        if first == len(leaves) and not pending:
            leaves.extend_packed(hashes)
            continue
        if stop <= len(leaves) and leaves.packed(first, stop) == hashes:
            continue  # a copy from an at-least-once publisher
        for i in range(0, len(hashes), 32):
            index, leaf = first + i // 32, hashes[i : i + 32]
            known = leaves[index] if index < len(leaves) else pending.get(index)
            if known is not None:
                if known != leaf:
                    failures.append(Failure(label, f"two different published leaf hashes for leaf {index}"))
            elif index == len(leaves):
                leaves.append(leaf)
                while len(leaves) in pending:
                    leaves.append(pending.pop(len(leaves)))
            else:
                pending[index] = leaf
    return leaves


def _authentic_prefix(leaves: LeafArray, checkpoints: dict[int, SignedRoot]) -> tuple[int, int | None]:
    """(how many leaves the signed roots vouch for, the first size whose root they miss)."""
    tree = CompactTree()
    good = 0
    sizes = sorted(s for s in checkpoints if s <= len(leaves))
    for size in sizes:
        packed = leaves.packed(tree.size, size)
        for start in range(0, len(packed), 32):
            tree.append(packed[start : start + 32])
        if tree.root() != checkpoints[size].root:
            return good, size
        good = size
    return good, None


class ContextVerifier:
    def __init__(
        self,
        context: str,
        verifiers: list[Verifier],
        *,
        checkpoints: Iterable[str],
        leaf_records: Iterable[bytes],
        kept_checkpoints: Iterable[str] = (),
        kept_leaf_records: Iterable[bytes] = (),
        signed_size: int = 0,
        unsigned_limit: int | None = 0,
        unsigned_why: str = "",
    ) -> None:
        """`signed_size`: the size the ledger's signed checkpoint set names for this context;
        `unsigned_limit`: how many events after the latest signed checkpoint are accepted
        (None: any number), `unsigned_why` saying why, for the report."""
        self.context = context
        self.signed_size = signed_size
        self.unsigned_limit = unsigned_limit
        self.unsigned_why = unsigned_why
        self.failures: list[Failure] = []
        self.present = _open_checkpoints(list(checkpoints), verifiers, context, "checkpoint", self.failures)
        self.kept = _open_checkpoints(list(kept_checkpoints), verifiers, context, "earlier-checkpoint", self.failures)
        for size, kept in self.kept.items():
            if size in self.present and self.present[size].root != kept.root:
                self.failures.append(Failure("fork", f"the kept checkpoint of size {size} and today's differ"))
        published = _leaf_list(leaf_records, self.failures, "published-leaves")
        good, missed = _authentic_prefix(published, self.present)
        if missed is not None:
            self.failures.append(
                Failure("published-leaves", f"the published leaf hashes do not give the signed root of size {missed}")
            )
        self.reference = published[:good]
        # Beyond the signed roots, published leaves still name an event the ledger saw
        # otherwise; not where they already contradict a signed root (then they are suspect).
        self.unsigned_reference = published[good:] if missed is None else LeafArray()
        kept_leaves = _leaf_list(kept_leaf_records, self.failures, "earlier-leaves")
        kept_good, _ = _authentic_prefix(kept_leaves, self.kept)
        self.kept_reference = kept_leaves[:kept_good]
        self.sizes = sorted(set(self.present) | set(self.kept))
        self._next_size = 0
        self.tree = CompactTree()
        self.leaves = LeafArray()
        self.positions = array("q")
        self.roots: dict[int, bytes] = {}
        self.ids: set[str] = set()
        self.streams: dict[str, int] = {}
        self.unknown_stream_events = 0
        self.last_position = 0
        self._group: tuple | None = None  # (subject, streamversion, types) at last_position
        self._reported_leaf = self._reported_kept = False
        # Read for every event: kept as plain ints.
        self._signed_count, self._unsigned_count = len(self.reference), len(self.unsigned_reference)
        self._kept_count = len(self.kept_reference)
        self._next_root_at = self.sizes[0] if self.sizes else -1

    def _fail(self, check: str, detail: str, index: int, position: int | None, event_id=None, span=None) -> None:
        if len(self.failures) < MAX_FAILURES:
            self.failures.append(Failure(check, detail, index, position, event_id, span))

    def feed(self, raw: bytes, parsed: Any = UNPARSED) -> None:
        """One message, next in log order; `parsed`: orjson.loads(raw), where the reader has it."""
        index = self.tree.size
        envelope, leaf = None, None
        try:
            envelope, canonical = parse_event(raw, parsed)
            leaf = leaf_hash(canonical)
        except StrictJSONError as exc:
            self._fail("strict-json", str(exc), index, self.last_position + 1)
        except NotCanonicalizableError as exc:
            self._fail("canonical", str(exc), index, self.last_position + 1)
        if leaf is None:
            leaf = leaf_hash(raw)  # stands in, so that later roots are still computed
        expected = self._check_event(envelope, index)
        self.tree.append(leaf)
        self.leaves.append(leaf)
        self.positions.append(expected)
        if not self._reported_leaf:
            self._compare_published(index, leaf, expected, envelope)
        if index < self._kept_count and not self._reported_kept and not self.kept_reference.holds(index, leaf):
            self._reported_kept = True
            self._fail("history-rewritten", "differs from the leaf of an earlier checkpoint", index, expected)
        if self.tree.size == self._next_root_at:
            while self._next_size < len(self.sizes) and self.sizes[self._next_size] == self.tree.size:
                self.roots[self.tree.size] = self.tree.root()
                self._next_size += 1
            self._next_root_at = self.sizes[self._next_size] if self._next_size < len(self.sizes) else -1

    def _compare_published(self, index: int, leaf: bytes, expected: int, envelope) -> None:
        """The first event whose leaf differs from the one the ledger published is named."""
        if index < self._signed_count:
            if not self.reference.holds(index, leaf):
                self._reported_leaf = True
                self._fail("leaf", "differs from the leaf the signed checkpoints cover", index, expected, _id(envelope))
            return
        beyond = index - self._signed_count
        if beyond < self._unsigned_count and not self.unsigned_reference.holds(beyond, leaf):
            self._reported_leaf = True
            detail = "differs from the leaf hash the ledger published for it (after the latest signed checkpoint)"
            self._fail("leaf", detail, index, expected, _id(envelope))

    def _check_event(self, envelope, index: int) -> int:
        """Checks one parsed event; returns the position expected at this index."""
        if envelope is None:
            self.last_position += 1
            self._group = None
            return self.last_position
        event_id = _id(envelope)
        position = position_of(envelope)
        previous = self.last_position
        same_event = (
            position == previous
            and self._group is not None
            and self._group[:2] == (envelope.get("subject"), envelope.get("streamversion"))
            and envelope.get("type") not in self._group[2]
        )
        expected = previous if same_event else previous + 1
        if position is None:
            self._fail("position", "no logposition", index, expected, event_id)
        elif position > previous + 1:
            self._fail("position", f"positions {previous + 1}..{position - 1} missing", index, expected, event_id)
        elif position <= previous and not same_event:
            self._fail(
                "position", f"position {position} again or out of order after {previous}", index, position, event_id
            )
            expected = position
        if position is not None:
            if same_event:
                self._group[2].add(envelope.get("type"))
            elif position > previous:
                self._group = (envelope.get("subject"), envelope.get("streamversion"), {envelope.get("type")})
            self.last_position = max(previous, position)
        if event_id is not None:
            if event_id in self.ids:
                self._fail("event-id", f"event id {event_id} already seen", index, expected, event_id)
            self.ids.add(event_id)
        for check, detail in contract_problems(envelope, self.context):
            self._fail(check, detail, index, expected, event_id)
        self._check_stream(envelope, index, expected, event_id, same_event)
        return expected

    def _check_stream(self, envelope, index: int, expected: int, event_id, same_event: bool) -> None:
        if not isinstance(envelope, dict):
            return  # valid JSON but not an object: the envelope check names it
        version = envelope.get("streamversion")
        if not isinstance(version, int) or isinstance(version, bool):
            return
        stream = stream_of(envelope) if isinstance(envelope.get("type"), str) else None
        if stream is None:
            self.unknown_stream_events += 1
            return
        last = self.streams.get(stream, 0)
        if same_event and version == last:
            return
        if version != last + 1:
            self._fail("stream-version", f"{stream} at version {version} after {last}", index, expected, event_id)
        self.streams[stream] = max(last, version)

    def finish(self) -> dict:
        count = self.tree.size
        self._check_roots(self.present, "root", count)
        self._check_roots(self.kept, "earlier-checkpoint", count)
        latest = max(self.present.values(), key=lambda c: c.size) if self.present else None
        signed = min(latest.size, count) if latest else 0
        unsigned = count - signed
        self._check_signed(signed, unsigned, count)
        if latest is not None and latest.size <= count:
            for kept in self.kept.values():
                if kept.size <= latest.size and self.roots.get(kept.size) == kept.root:
                    proof = consistency_proof(kept.size, self.leaves[: latest.size])
                    if not verify_consistency(kept.size, latest.size, proof, kept.root, latest.root):
                        self._fail("earlier-checkpoint", f"size {kept.size} not proven a prefix", kept.size, None)
        failures = sorted(
            self.failures,
            key=lambda f: (f.leaf_index if f.leaf_index is not None else -1, PRIORITY.get(f.check, 9)),
        )
        first = first_failure(failures)
        return {
            "context": self.context,
            "ok": not failures,
            "events": count,
            "last_position": self.last_position,
            "checkpoints": len(self.present),
            "latest_checkpoint": {"size": latest.size, "root": base64.b64encode(latest.root).decode()}
            if latest
            else None,
            "events_after_latest_checkpoint": unsigned,
            "unverified_events": {
                "count": unsigned,
                "positions": [self.positions[signed], self.positions[count - 1]],
                "accepted": self.unsigned_limit is None or unsigned <= self.unsigned_limit,
            }
            if unsigned
            else None,
            "signed_set_size": self.signed_size,
            "earlier_checkpoints_checked": len(self.kept),
            "events_of_types_without_known_stream": self.unknown_stream_events,
            "first_bad": _failure_dict(first) if first else None,
            "failures": [_failure_dict(f) for f in failures],
        }

    def _check_signed(self, signed: int, unsigned: int, count: int) -> None:
        """The unsigned tail, and the size the signed checkpoint set vouches for."""
        if unsigned and (self.unsigned_limit is not None and unsigned > self.unsigned_limit):
            first, last = self.positions[signed], self.positions[count - 1]
            accepted = f"; {self.unsigned_why}" if self.unsigned_why else ""
            self.failures.append(
                Failure(
                    "unsigned",
                    f"{unsigned} events (positions {first}..{last}) are covered by no signed checkpoint{accepted}",
                    position=first,
                    range=(first, last),
                )
            )
        if signed < self.signed_size:
            covered = f"to {signed} events" if signed else "no event"
            self.failures.append(
                Failure(
                    "checkpoint-set",
                    f"the ledger's signed checkpoint set names a checkpoint of {self.signed_size} events; "
                    f"the signed checkpoints here cover {covered}",
                    position=self.positions[signed] if signed < count else self.last_position + 1,
                )
            )

    def _check_roots(self, checkpoints: dict[int, SignedRoot], check: str, count: int) -> None:
        matched = 0
        for size in sorted(checkpoints):
            if size > count:
                self._fail(
                    "truncated",
                    f"the log ends at {count} events but a checkpoint covers {size}",
                    count,
                    self.last_position + 1,
                )
                return
            if self.roots.get(size) != checkpoints[size].root:
                first_position = self.positions[matched] if matched < count else None
                last_position = self.positions[size - 1]
                # Where a leaf in this range was already named exactly, the range adds no position.
                named = any(f.leaf_index is not None and matched <= f.leaf_index < size for f in self.failures)
                self._fail(
                    check,
                    f"the events give another root at size {size} than the signed one; the first bad "
                    f"event is among positions {first_position}..{last_position}",
                    None if named else matched,
                    None if named else first_position,
                    span=(first_position, last_position),
                )
                return
            matched = size


def first_failure(failures: list[Failure]) -> Failure | None:
    """The first that names an event exactly, else the first that names a position, else the first."""
    for named in (lambda f: f.leaf_index is not None, lambda f: f.position is not None, lambda f: True):
        found = next((f for f in failures if named(f)), None)
        if found is not None:
            return found
    return None


def _id(envelope) -> str | None:
    value = envelope.get("id") if isinstance(envelope, dict) else None
    return value if isinstance(value, str) else None


def _failure_dict(failure: Failure) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(failure).items() if v is not None}

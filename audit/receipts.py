"""Inclusion receipts and consistency proofs, from the ledger's stored leaves, and their
offline checks (which need only the public key)."""

from __future__ import annotations

import base64

from psycopg import Connection

from audit import store
from audit.canonical import parse_event
from audit.checkpoint import CheckpointError, open_checkpoint
from audit.merkle import consistency_proof, inclusion_proof, leaf_hash, verify_consistency, verify_inclusion
from audit.note import NoteError, Verifier


class UnknownEventError(LookupError):
    pass


class NotYetCheckpointedError(LookupError):
    """The event is a leaf, but no published checkpoint covers it yet."""


class NoSuchCheckpointError(LookupError):
    pass


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def inclusion_receipt(conn: Connection, schema: str, context: str, event_id: str) -> dict:
    """Proof that the event is in the context's log, against the latest published checkpoint."""
    leaf = store.leaf_of_event(conn, schema, context, event_id)
    if leaf is None:
        raise UnknownEventError(f"no event {event_id} in the {context} ledger (yet)")
    covering = [c for c in store.checkpoints(conn, schema, context) if c["tree_size"] > leaf["leaf_index"]]
    if not covering:
        raise NotYetCheckpointedError(f"event {event_id} is not covered by a published checkpoint yet")
    checkpoint = covering[-1]
    leaves = store.leaf_hashes(conn, schema, context, 0, checkpoint["tree_size"])
    return {
        "context": context,
        "event_id": event_id,
        "log_position": leaf["log_position"],
        "leaf_index": leaf["leaf_index"],
        "leaf_hash": _b64(bytes(leaf["leaf_hash"])),
        "tree_size": checkpoint["tree_size"],
        "inclusion_proof": [_b64(h) for h in inclusion_proof(leaf["leaf_index"], leaves)],
        "checkpoint": checkpoint["note"],
    }


def consistency(conn: Connection, schema: str, context: str, first: int, second: int) -> dict:
    """Proof that the checkpoint of `first` leaves is a prefix of the one of `second`."""
    by_size = {c["tree_size"]: c for c in store.checkpoints(conn, schema, context)}
    missing = [s for s in (first, second) if s not in by_size]
    if missing:
        raise NoSuchCheckpointError(f"no published {context} checkpoint of size {missing[0]}")
    if first > second:
        raise ValueError("the first checkpoint must not be larger than the second")
    leaves = store.leaf_hashes(conn, schema, context, 0, second)
    return {
        "context": context,
        "first": {"size": first, "checkpoint": by_size[first]["note"]},
        "second": {"size": second, "checkpoint": by_size[second]["note"]},
        "consistency_proof": [_b64(h) for h in consistency_proof(first, leaves)],
    }


def _opened(note: str, verifiers: list[Verifier], context: str, problems: list[str]):
    try:
        checkpoint, _ = open_checkpoint(note, verifiers)
    except (NoteError, CheckpointError) as exc:
        problems.append(f"checkpoint rejected: {exc}")
        return None
    if not checkpoint.origin.endswith("/" + context):
        problems.append(f"checkpoint of another log: {checkpoint.origin}")
    return checkpoint


def check_receipt(receipt: dict, verifiers: list[Verifier], event: bytes | None = None) -> list[str]:
    """Problems with a receipt; none means the event (if given) is in the signed log."""
    problems: list[str] = []
    checkpoint = _opened(receipt["checkpoint"], verifiers, receipt["context"], problems)
    if checkpoint is None:
        return problems
    leaf = base64.b64decode(receipt["leaf_hash"])
    if event is not None and leaf_hash(parse_event(event)[1]) != leaf:
        problems.append("the event's canonical bytes do not hash to the receipt's leaf")
    proof = [base64.b64decode(h) for h in receipt["inclusion_proof"]]
    if checkpoint.size != receipt["tree_size"] or not verify_inclusion(
        receipt["leaf_index"], checkpoint.size, leaf, proof, checkpoint.root
    ):
        problems.append("the inclusion proof does not lead to the signed root")
    return problems


def check_consistency(document: dict, verifiers: list[Verifier]) -> list[str]:
    problems: list[str] = []
    first = _opened(document["first"]["checkpoint"], verifiers, document["context"], problems)
    second = _opened(document["second"]["checkpoint"], verifiers, document["context"], problems)
    if first is None or second is None:
        return problems
    proof = [base64.b64decode(h) for h in document["consistency_proof"]]
    if not verify_consistency(first.size, second.size, proof, first.root, second.root):
        problems.append(f"checkpoint {first.size} is not proven a prefix of checkpoint {second.size}")
    return problems

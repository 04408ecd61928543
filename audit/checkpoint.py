"""Checkpoints in the C2SP tlog-checkpoint format (c2sp.org/tlog-checkpoint): a signed
note whose text is the log's origin, its tree size and its root hash, one a line."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from audit import note
from audit.merkle import HASH_SIZE


class CheckpointError(ValueError):
    pass


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    def sign(self, *signers: note.Signer) -> str:
        return note.sign(self.text(), *signers)


def parse_text(text: str) -> Checkpoint:
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "" or any(not line for line in lines[:-1]):
        raise CheckpointError("a checkpoint is at least three non-empty lines")
    origin, size, root = lines[0], lines[1], lines[2]
    if not size.isascii() or not size.isdigit() or (size != "0" and size.startswith("0")):
        raise CheckpointError(f"tree size {size!r} is not a decimal without leading zeroes")
    try:
        root_hash = base64.b64decode(root, validate=True)
    except (binascii.Error, ValueError):
        raise CheckpointError("root hash is not base64") from None
    if len(root_hash) != HASH_SIZE:
        raise CheckpointError(f"root hash is {len(root_hash)} bytes, not {HASH_SIZE}")
    if len(lines) > 4:
        # Extension lines are allowed by the format, but this log never writes any,
        # and they would not be covered by the auditor's checks.
        raise CheckpointError("unexpected extension lines")
    return Checkpoint(origin, int(size), root_hash)


def open_checkpoint(data: bytes | str, verifiers: list[note.Verifier]) -> tuple[Checkpoint, str]:
    """(checkpoint, the note's text) if a known key signed it; raises NoteError or CheckpointError."""
    opened, _ = note.open_note(data, verifiers)
    return parse_text(opened.text), opened.text

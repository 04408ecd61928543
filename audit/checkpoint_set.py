"""The ledger's signed checkpoint set: which contexts it keeps and how far each is signed.

A context's checkpoints alone cannot show that a context, or its latest checkpoints,
were left out of an export: nothing signed says they existed. So with every checkpoint
it publishes, the ledger also signs a note (C2SP signed-note, the same keys) naming
every context it keeps and the size of its latest published checkpoint:

    sotflow.kz/ledger/checkpoint-set
    2026-03-02T13:00:00.123456+00:00
    applications 0
    assignment 18
    registry 25

The first line is the origin (the ledger's origin prefix and "/checkpoint-set", which
no context's checkpoint origin can be), the second the instant it was signed (ISO
8601, UTC), then one line per context, sorted, with its size. Sizes only grow, so
each signed set is a lower bound: the verifier requires of every context at least the
largest size any set in hand names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from audit import note

SUFFIX = "/checkpoint-set"
KEY = b"@checkpoint-set"  # its key on the checkpoints topic; no context is named so


class CheckpointSetError(ValueError):
    pass


@dataclass(frozen=True)
class CheckpointSet:
    origin: str
    signed_at: datetime
    sizes: dict[str, int]

    def text(self) -> str:
        lines = [self.origin, self.signed_at.isoformat(), *(f"{c} {self.sizes[c]}" for c in sorted(self.sizes))]
        return "\n".join(lines) + "\n"

    def sign(self, *signers: note.Signer) -> str:
        return note.sign(self.text(), *signers)


def parse_text(text: str) -> CheckpointSet:
    lines = text.split("\n")
    if len(lines) < 3 or lines[-1] != "" or not lines[0].endswith(SUFFIX):
        raise CheckpointSetError(f"not a checkpoint set (its origin ends with {SUFFIX})")
    try:
        signed_at = datetime.fromisoformat(lines[1])
    except ValueError:
        raise CheckpointSetError(f"signing time {lines[1]!r} is not ISO 8601") from None
    if signed_at.tzinfo is None:
        raise CheckpointSetError("the signing time has no zone")
    sizes: dict[str, int] = {}
    for line in lines[2:-1]:
        context, _, size = line.partition(" ")
        if not context or not size.isascii() or not size.isdigit() or (size != "0" and size.startswith("0")):
            raise CheckpointSetError(f"not '<context> <size>': {line!r}")
        if context in sizes:
            raise CheckpointSetError(f"context {context} named twice")
        sizes[context] = int(size)
    return CheckpointSet(lines[0], signed_at, sizes)


def open_checkpoint_set(data: bytes | str, verifiers: list[note.Verifier]) -> CheckpointSet:
    """The set if a known key signed it; raises NoteError or CheckpointSetError."""
    opened, _ = note.open_note(data, verifiers)
    return parse_text(opened.text)

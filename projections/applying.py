"""Applying the log's records to a projection: the one step a live worker, a rebuild and an
auditor's replay share. Records are decoded, applied in order, and any that cannot be read
handed to `park` (the caller decides what parking means: a dead-letter copy and a row for a
worker, a count for a replay)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from contract.envelope import UndecodableMessageError, decode


def decoded(records) -> list[tuple[object, dict | UndecodableMessageError]]:
    """Each record with its envelope, or with why it cannot be decoded."""
    out = []
    for record in records:
        try:
            out.append((record, decode(record.value)))
        except UndecodableMessageError as exc:
            out.append((record, exc))
    return out


# park(record, envelope or None, why): sets aside a record that cannot be applied.
Park = Callable[[object, "dict | None", BaseException], None]


def apply_records(cur, projection: ModuleType, schema: str, records, park: Park) -> tuple[int, int]:
    """Applies decoded records in order, parking those that cannot be read; answers how
    many were applied and the highest log position among them. A failure of the
    database is raised (the caller decides whether the record or the database is at fault).

    A projection with an `apply_many` takes the whole batch at once (one statement
    instead of one per event); it answers which envelopes it could not read."""
    readable = []
    for record, envelope in records:
        if isinstance(envelope, UndecodableMessageError):
            park(record, None, envelope)
        else:
            readable.append((record, envelope))
    if hasattr(projection, "apply_many"):
        rejected = dict(projection.apply_many(cur, schema, [envelope for _, envelope in readable]))
        for n in sorted(rejected):
            park(readable[n][0], readable[n][1], UndecodableMessageError(rejected[n]))
        applied = [envelope for n, (_, envelope) in enumerate(readable) if n not in rejected]
    else:
        applied = []
        for record, envelope in readable:
            try:
                projection.apply(cur, schema, envelope)
            except UndecodableMessageError as exc:
                park(record, envelope, exc)
                continue
            applied.append(envelope)
    return len(applied), max((int(e["logposition"]) for e in applied), default=0)

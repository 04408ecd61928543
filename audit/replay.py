"""`sotflow audit replay --as-of <time|position>`: every projection as it was at a moment.

Every projection is rebuilt into a scratch schema from the log read from offset 0
(read_committed, up to the relay's committed position), cut at the moment asked:
- a position N: every event at or before position N of each context's log (or
  CONTEXT:N, comma-separated, one position per context);
- an instant (ISO 8601 with a zone): the longest prefix of each context's log whose
  events' times are at or before it (a prefix, so the state is one the log passed through);
- "head": the whole log, and then the live projections' digests are shown beside.

One pass: each context's log is streamed once, in log order, and each batch of it
goes to every projection that reads the context, through the projection's
`apply_many` where it has one, exactly as the live worker applies it
(consumers.projection_worker.apply_records). Memory stays bounded by a batch, not
by the log. The contexts are read in an order that keeps each projection's own
CONTEXTS order (registry before assignment before proceedings for the case register).

A projection's digest is SHA-256 over its rows' text, sorted (PostgreSQL's row
text form, byte order), per table: equal digests mean equal tables, row for row.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from graphlib import CycleError, TopologicalSorter
from itertools import islice, pairwise
from types import ModuleType

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from audit.log_reader import LogMessage, open_log, topic_partitions
from contract.envelope import UndecodableMessageError, decode
from projections.applying import apply_records
from projections.registry import ALL_PROJECTIONS
from projections.store import create_position_table
from sotflow.settings import Settings
from sotflow.topics import event_topic


@dataclass(frozen=True)
class AsOf:
    head: bool = False
    positions: dict[str, int] | None = None  # context -> position; "*" for every context
    instant: datetime | None = None

    def describe(self) -> str:
        if self.head:
            return "head"
        if self.instant is not None:
            return self.instant.isoformat()
        return ",".join(f"{c}:{p}" for c, p in self.positions.items())


class AsOfError(ValueError):
    pass


def parse_as_of(text: str) -> AsOf:
    text = text.strip()
    if text == "head":
        return AsOf(head=True)
    if text.isdigit():
        return AsOf(positions={"*": int(text)})
    if ":" in text and all(p.partition(":")[2].isdigit() for p in text.split(",")):
        return AsOf(positions={c: int(p) for c, _, p in (part.partition(":") for part in text.split(","))})
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise AsOfError(f"{text!r} is neither 'head', a position, CONTEXT:POSITION nor an ISO 8601 instant") from None
    if instant.tzinfo is None:
        raise AsOfError("an instant needs its zone (e.g. +05:00)")
    return AsOf(instant=instant)


def _cut(messages: Iterable[LogMessage], context: str, as_of: AsOf) -> Iterator[dict]:
    """The decoded envelopes of a context's log up to the moment asked; stops reading there."""
    limit = None if as_of.positions is None else as_of.positions.get(context, as_of.positions.get("*"))
    for message in messages:
        try:
            envelope = decode(message.value)
        except UndecodableMessageError:
            continue  # the live worker dead-letters it: it is in no projection
        if limit is not None and message.position > limit:
            return
        if as_of.instant is not None and datetime.fromisoformat(envelope["time"]) > as_of.instant:
            return
        yield envelope


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def context_order(projections: Iterable[ModuleType]) -> list[str]:
    """Every context the projections read, each projection's CONTEXTS in their order."""
    sorter: TopologicalSorter = TopologicalSorter()
    for projection in projections:
        sorter.add(projection.CONTEXTS[0])
        for before, after in pairwise(projection.CONTEXTS):
            sorter.add(after, before)
    try:
        return list(sorter.static_order())
    except CycleError as exc:
        raise ValueError(f"the projections read their contexts in conflicting orders: {exc.args[1]}") from None


class _Unapplied:
    """Where apply_records puts what the live worker would park: nothing to keep here."""

    count = 0

    def __call__(self, record, envelope, error) -> None:
        self.count += 1


def table_digest(conn: psycopg.Connection, schema: str, table: str) -> tuple[str, int]:
    row = conn.execute(
        sql.SQL(
            "select encode(sha256(convert_to(coalesce(string_agg(t::text, E'\\n' order by t::text collate \"C\"), ''),"
            " 'UTF8')), 'hex') as digest, count(*) as rows from {} t"
        ).format(sql.Identifier(schema, table))
    ).fetchone()
    return row["digest"], row["rows"]


def projection_digest(conn: psycopg.Connection, schema: str, projection: ModuleType) -> dict:
    tables = getattr(projection, "TABLES", (projection.NAME,))
    digests = {t: table_digest(conn, schema, t) for t in tables}
    if len(tables) == 1:
        digest, rows = digests[tables[0]]
        return {"digest": digest, "rows": rows}
    return {"tables": {t: {"digest": d, "rows": r} for t, (d, r) in digests.items()}}


def replay(
    settings: Settings,
    as_of: AsOf,
    *,
    projections: tuple[ModuleType, ...] = ALL_PROJECTIONS,
    keep: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict:
    scratch = f"{settings.projection_schema}_asof_{uuid.uuid4().hex[:8]}"
    report: dict = {"as_of": as_of.describe(), "scratch_schema": scratch if keep else None, "projections": {}}
    applied = dict.fromkeys((p.NAME for p in projections), 0)
    last_positions: dict[str, int] = {}
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        conn.execute(sql.SQL("create schema {}").format(sql.Identifier(scratch)))
        create_position_table(conn, scratch)  # and the checks the projections' statements call
        try:
            for projection in projections:
                projection.create_tables(conn, scratch)
            order = context_order(projections)
            partitions = topic_partitions(settings, [event_topic(settings, c) for c in order])
            for context in order:
                readers = [p for p in projections if context in p.CONTEXTS]
                last_positions[context] = 0
                topic = event_topic(settings, context)
                with open_log(settings, context, partitions=partitions[topic], progress=progress) as log:
                    for batch in _batches(_cut(log, context, as_of), settings.consumer_max_poll_records):
                        # One decoding for every projection: projections read envelopes, never change them.
                        with conn.pipeline(), conn.cursor() as cur:
                            for projection in readers:
                                records = [(None, envelope) for envelope in batch]
                                count, _ = apply_records(cur, projection, scratch, records, _Unapplied())
                                applied[projection.NAME] += count
                        last_positions[context] = batch[-1]["logposition"]
            for projection in projections:
                entry = {"events_applied": applied[projection.NAME], **projection_digest(conn, scratch, projection)}
                if as_of.head:
                    entry["live"] = projection_digest(conn, settings.projection_schema, projection)
                    entry["matches_live"] = entry.get("digest") == entry["live"].get("digest") and entry.get(
                        "tables"
                    ) == entry["live"].get("tables")
                report["projections"][projection.NAME] = entry
            report["last_positions"] = dict(sorted(last_positions.items()))
            conn.commit()
        finally:
            if not keep:
                conn.rollback()
                conn.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(scratch)))
                conn.commit()
    return report

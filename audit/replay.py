"""`sotflow audit replay --as-of <time|position>`: every projection as it was at a moment.

Each projection is rebuilt into a scratch schema from the log read from offset 0
(read_committed, up to the relay's committed position), cut at the moment asked:
- a position N: every event at or before position N of each context's log (or
  CONTEXT:N, comma-separated, one position per context);
- an instant (ISO 8601 with a zone): the longest prefix of each context's log whose
  events' times are at or before it (a prefix, so the state is one the log passed through);
- "head": the whole log, and then the live projections' digests are shown beside.

A projection's digest is SHA-256 over its rows' text, sorted (PostgreSQL's row
text form, byte order), per table: equal digests mean equal tables, row for row.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from audit.log_reader import read_log
from contract.envelope import UndecodableMessageError, decode
from projections.registry import ALL_PROJECTIONS
from projections.store import create_position_table
from sotflow.settings import Settings


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


def _cut(messages, context: str, as_of: AsOf) -> list[dict]:
    events = []
    limit = None if as_of.positions is None else as_of.positions.get(context, as_of.positions.get("*"))
    for message in messages:
        try:
            envelope = decode(message.value)
        except UndecodableMessageError:
            continue  # the live worker dead-letters it: it is in no projection
        if limit is not None and message.position > limit:
            break
        if as_of.instant is not None and datetime.fromisoformat(envelope["time"]) > as_of.instant:
            break
        events.append(envelope)
    return events


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
    contexts = sorted({c for p in projections for c in p.CONTEXTS})
    logs = {c: _cut(read_log(settings, c, progress=progress)[1], c, as_of) for c in contexts}
    report: dict = {"as_of": as_of.describe(), "scratch_schema": scratch if keep else None, "projections": {}}
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        conn.execute(sql.SQL("create schema {}").format(sql.Identifier(scratch)))
        create_position_table(conn, scratch)  # and the checks the projections' statements call
        try:
            for projection in projections:
                projection.create_tables(conn, scratch)
                applied = 0
                with conn.cursor() as cur:
                    for context in projection.CONTEXTS:
                        for envelope in logs[context]:
                            projection.apply(cur, scratch, envelope)
                            applied += 1
                entry = {"events_applied": applied, **projection_digest(conn, scratch, projection)}
                if as_of.head:
                    entry["live"] = projection_digest(conn, settings.projection_schema, projection)
                    entry["matches_live"] = entry.get("digest") == entry["live"].get("digest") and entry.get(
                        "tables"
                    ) == entry["live"].get("tables")
                report["projections"][projection.NAME] = entry
            report["last_positions"] = {c: (events[-1]["logposition"] if events else 0) for c, events in logs.items()}
            conn.commit()
        finally:
            if not keep:
                conn.rollback()
                conn.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(scratch)))
                conn.commit()
    return report

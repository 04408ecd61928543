"""The archive's destruction acts (seed 004 §15.14): one row per act, drawn up by the archive
listing files whose retention term has ended, and approved (or still awaiting approval) by
the head. The files' own destruction is the archive register's (archive_register.py): this
register says which acts there are and where each stands.

A projection of its own (not a table of the archive register) so that, added to a running
system, it reads the archive's topic from the start under its own offsets: no rebuild needed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, event_name

NAME = "archive_destruction_acts"
CONTEXTS = ("archive",)
PREFIX = "kz.sotflow.archive.destruction-act-"
STATUSES = ("drawn_up", "approved")  # drawn_up: awaiting the head's approval

DDL = """
create table if not exists {table} (
    act_id          uuid primary key,
    court           text not null,
    act_number      text not null,
    reason          text,
    drawn_up_on     date not null,
    drawn_up_at     timestamptz not null,
    drawn_up_by     text not null,
    file_ids        uuid[] not null,
    archive_numbers text[] not null,
    status          text not null,
    approved_on     date,
    approved_at     timestamptz,
    approved_by     text,
    approval_reason text,
    log_position    bigint not null
)
"""


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    conn.execute(
        sql.SQL("create index if not exists {} on {} (drawn_up_at, act_id)").format(
            sql.Identifier(f"{NAME}_drawn_up"), table
        )
    )


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = str(envelope["type"])
    if (name := event_name(kind, PREFIX)) is None:
        return
    data, position = envelope.get("data") or {}, envelope["logposition"]
    table = sql.Identifier(schema, NAME)
    try:
        if name == "drawn-up":
            cur.execute(
                sql.SQL(
                    "insert into {} (act_id, court, act_number, reason, drawn_up_on, drawn_up_at, drawn_up_by, "
                    "file_ids, archive_numbers, status, log_position) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, "
                    "'drawn_up', %s) on conflict (act_id) do nothing"
                ).format(table),
                (data["act_id"], data["court"], data["act_number"], envelope.get("reason"), data["drawn_up_on"],
                 envelope["time"], envelope["actorid"], list(data["file_ids"]), list(data["archive_numbers"]),
                 position),
            )  # fmt: skip
        elif name == "approved":
            cur.execute(
                sql.SQL(
                    "update {} set status = 'approved', approved_on = %s, approved_at = %s, approved_by = %s, "
                    "approval_reason = %s, log_position = %s where act_id = %s"
                ).format(table),
                (data["approved_on"], envelope["time"], envelope["actorid"], envelope.get("reason"), position,
                 data["act_id"]),
            )  # fmt: skip
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


def page(
    conn: Connection, schema: str, *, court: str | None = None, status: str | None = None,
    after: tuple[datetime, Any] | None = None, limit: int, reverse: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """The acts, newest drawn up first (earliest first when `reverse`), a keyset page."""
    keys = Keyset("drawn_up_at, act_id", descending=not reverse)
    clauses = []
    for column, value in (("court", court), ("status", status)):
        if value is not None:
            clauses.append(sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    params = {"court": court, "status": status, "a_when": a_when, "a_id": a_id, "limit": limit}
    return keys.page(conn, sql.SQL("select * from {}").format(sql.Identifier(schema, NAME)), clauses, params)


def entry(conn: Connection, schema: str, act_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select * from {} where act_id = %s").format(sql.Identifier(schema, NAME)), (act_id,)
    ).fetchone()

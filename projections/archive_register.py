"""The archive's registers (seed 004 §15.14): one row per archived file, from which three
registers are read: the archive itself, the files issued and not returned (overdue once
their return instant has passed), and the files due for review of destruction in a year
(their retention term ends by its 31 December, not permanent, not destroyed).

A row keeps the case's confidentiality, so the archive shows a file to the roles the
case register shows the case to.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, event_name

NAME = "archive_register"
CONTEXTS = ("archive",)
PREFIX = "kz.sotflow.archive."

DDL = """
create table if not exists {table} (
    file_id             uuid primary key,
    court               text not null,
    registration_number text,
    archive_number      text not null,
    archive_year        integer not null,
    archive_sequence    integer not null,
    nomenclature_index  text not null,
    volumes             integer not null,
    pages               integer not null,
    handed_over_by      text not null,
    received_by         text not null,
    handed_over_at      timestamptz not null,
    disposal            text not null,
    disposed_on         date not null,
    confidentiality     text not null,
    retention_edition   text not null,
    category            text not null,
    retention_years     integer,
    retention_ends_on   date,
    status              text not null,
    holds               jsonb not null default '{{}}'::jsonb,
    issue_id            text,
    issued_to_kind      text,
    issued_to           text,
    request_ref         text,
    issued_at           timestamptz,
    return_due_at       timestamptz,
    destruction_act_id  uuid,
    destruction_act_number text,
    destroyed_on        date,
    log_position        bigint not null
)
"""

STATUSES = ("archived", "issued", "destroyed")


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    for name, columns in (
        ("handed_over", "handed_over_at, file_id"),
        ("issued", "issued_at, file_id"),
        ("review", "retention_ends_on, handed_over_at, file_id"),
    ):
        conn.execute(
            sql.SQL("create index if not exists {} on {} ({})").format(
                sql.Identifier(f"{NAME}_{name}"), table, sql.SQL(columns)
            )
        )


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = str(envelope["type"])
    if (name := event_name(kind, PREFIX)) is None:
        return
    data, position = envelope.get("data") or {}, envelope["logposition"]
    table = sql.Identifier(schema, NAME)
    try:
        if name == "file-handed-over":
            r = data["retention"]
            cur.execute(
                sql.SQL(
                    "insert into {} (file_id, court, registration_number, archive_number, archive_year, "
                    "archive_sequence, nomenclature_index, volumes, pages, handed_over_by, received_by, "
                    "handed_over_at, disposal, disposed_on, confidentiality, retention_edition, category, "
                    "retention_years, retention_ends_on, status, log_position) values (%s, %s, %s, %s, %s, %s, %s, "
                    "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'archived', %s) on conflict (file_id) do nothing"
                ).format(table),
                (data["file_id"], data["court"], data["registration_number"], data["archive_number"], data["year"],
                 data["sequence"], data["nomenclature_index"], data["volumes"], data["pages"], data["handed_over_by"],
                 envelope["actorid"], data["handed_over_at"], data["disposal"], data["disposed_on"],
                 data["confidentiality"], r["edition"], r["category"], r["years"], r["ends_on"], position),
            )  # fmt: skip
            return
        values: dict[str, Any]
        if name == "file-issued":
            values = {"status": "issued", "issue_id": data["issue_id"], "issued_to_kind": data["recipient_kind"],
                      "issued_to": data["recipient"], "request_ref": data["request_ref"],
                      "issued_at": data["issued_at"], "return_due_at": data["return_due_at"]}  # fmt: skip
        elif name == "file-returned":
            values = dict.fromkeys(("issue_id", "issued_to_kind", "issued_to", "request_ref", "issued_at",
                                    "return_due_at")) | {"status": "archived"}  # fmt: skip
        elif name == "file-destroyed":
            values = {"status": "destroyed", "destruction_act_id": data["act_id"],
                      "destruction_act_number": data["act_number"], "destroyed_on": data["destroyed_on"]}  # fmt: skip
        elif name == "hold-placed":
            cur.execute(
                sql.SQL("update {} set holds = holds || jsonb_build_object(%s::text, %s::text), log_position = %s "
                        "where file_id = %s").format(table),
                (data["hold_id"], data["ground"], position, data["file_id"]),
            )  # fmt: skip
            return
        elif name == "hold-lifted":
            cur.execute(
                sql.SQL("update {} set holds = holds - %s::text, log_position = %s where file_id = %s").format(table),
                (data["hold_id"], position, data["file_id"]),
            )
            return
        else:
            return  # the journal's and the destruction acts' events: the files' own events say it all
        values["log_position"] = position
        cur.execute(
            sql.SQL("update {} set {} where file_id = %(file_id)s").format(
                table,
                sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in values),
            ),
            values | {"file_id": data["file_id"]},
        )
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


def page(
    conn: Connection, schema: str, *, levels: list[str], view: str = "archive", court: str | None = None,
    status: str | None = None, category: str | None = None, year: int | None = None, review_year: int | None = None,
    overdue_at: datetime | None = None, after: tuple[datetime, Any] | None = None, limit: int, reverse: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """One of the archive's registers, a keyset page, of the confidentiality levels given:
    `archive` (newest handover first), `issued` (issued and not returned, earliest issue first;
    with `overdue_at`, only those due back before it) or `review` (due for review of destruction
    in `review_year`, earliest handover first)."""
    when = "issued_at" if view == "issued" else "handed_over_at"
    keys = Keyset(f"{when}, file_id", descending=(view == "archive") != reverse)
    clauses = [sql.SQL("confidentiality = any(%(levels)s)")]
    for column, value in (("court", court), ("status", status), ("category", category), ("archive_year", year)):
        if value is not None:
            clauses.append(sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
    if view == "issued":
        clauses.append(sql.SQL("status = 'issued'"))
        if overdue_at is not None:
            clauses.append(sql.SQL("return_due_at < %(overdue_at)s"))
    elif view == "review":
        clauses.append(sql.SQL("status <> 'destroyed' and retention_ends_on <= make_date(%(review_year)s, 12, 31)"))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    params = {"levels": levels, "court": court, "status": status, "category": category, "archive_year": year,
              "overdue_at": overdue_at, "review_year": review_year, "a_when": a_when, "a_id": a_id,
              "limit": limit}  # fmt: skip
    return keys.page(conn, sql.SQL("select * from {}").format(sql.Identifier(schema, NAME)), clauses, params)


def entry(conn: Connection, schema: str, file_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select * from {} where file_id = %s").format(sql.Identifier(schema, NAME)), (file_id,)
    ).fetchone()

"""Records a consumer could not apply and set aside (parked) so that the rest could go on:
one row each, written in the same transaction as the offset that moves past the record,
so a record is parked exactly once however often its worker is killed and restarted.

Staff and auditors read them (GET /parked-records); a parked record is repaired by a
corrective event, never by editing the log (docs/operations.md)."""

from __future__ import annotations

from typing import Any

from psycopg import Connection, Cursor, sql

from projections.store import Keyset

TABLE = "parked_records"

DDL = """
create table if not exists {table} (
    seq            bigint generated always as identity unique,
    consumer       text not null,
    topic          text not null,
    partition      integer not null,
    "offset"       bigint not null,
    log_position   bigint,
    event_id       text,
    event_type     text,
    subject        text,
    error_class    text not null,
    error_message  text not null,
    parked_at      timestamptz not null default now(),
    primary key (consumer, topic, partition, "offset")
)
"""

COLUMNS = (
    'seq, consumer, topic, partition, "offset", log_position, event_id, event_type, subject, '
    "error_class, error_message, parked_at"
)
NEWEST_FIRST = Keyset("seq", descending=True)


def create_table(conn: Connection, schema: str) -> None:
    conn.execute(sql.SQL(DDL).format(table=sql.Identifier(schema, TABLE)))


def record(cur: Cursor, schema: str, consumer: str, source, envelope: dict | None, error: BaseException) -> None:
    """Note that `consumer` parked the Kafka record `source` (its envelope if it could be read)."""
    envelope = envelope or {}
    position = envelope.get("logposition")
    cur.execute(
        sql.SQL(
            'insert into {} (consumer, topic, partition, "offset", log_position, event_id, event_type, subject, '
            "error_class, error_message) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) on conflict do nothing"
        ).format(sql.Identifier(schema, TABLE)),
        (
            consumer,
            source.topic,
            source.partition,
            source.offset,
            int(position) if isinstance(position, int | str) and str(position).isdigit() else None,
            _text(envelope.get("id")),
            _text(envelope.get("type")),
            _text(envelope.get("subject")),
            type(error).__name__,
            _text(str(error)) or type(error).__name__,
        ),
    )


def _text(value: Any) -> str | None:
    """A value as text PostgreSQL can store: the very record that was parked may carry a NUL."""
    return None if value is None else str(value).replace("\x00", "\\u0000")


def counts(conn: Connection, schema: str) -> dict[str, int]:
    """How many records each consumer has parked (consumers with none are absent)."""
    rows = conn.execute(
        sql.SQL("select consumer, count(*) as n from {} group by consumer order by consumer").format(
            sql.Identifier(schema, TABLE)
        )
    ).fetchall()
    return {r["consumer"]: r["n"] for r in rows}


def page(
    conn: Connection, schema: str, *, consumer: str | None = None, after: int | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Parked records, the latest first."""
    conditions: list[sql.Composable] = []
    if consumer is not None:
        conditions.append(sql.SQL("consumer = %(consumer)s"))
    if after is not None:
        conditions.append(NEWEST_FIRST.after("%(after)s"))
    select = sql.SQL("select " + COLUMNS + " from {}").format(sql.Identifier(schema, TABLE))
    return NEWEST_FIRST.page(conn, select, conditions, {"consumer": consumer, "after": after, "limit": limit})


def forget(conn: Connection, schema: str, consumer: str) -> None:
    """A rebuilt projection starts again from offset 0 and parks afresh what it cannot apply."""
    conn.execute(sql.SQL("delete from {} where consumer = %s").format(sql.Identifier(schema, TABLE)), (consumer,))

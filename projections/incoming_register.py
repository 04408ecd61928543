"""The incoming register: the secretariat's journal of every registered incoming item."""

from __future__ import annotations

from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError

NAME = "incoming_register"
CONTEXTS = ("registry",)

DDL = """
create table if not exists {table} (
    item_id               uuid primary key,
    registration_number   text unique,
    kind                  text not null,
    received_at           timestamptz not null,
    registered_at         timestamptz not null,
    channel               text not null,
    filer_name            text not null,
    filer_role            text not null,
    lower_court_case_ref  text not null,
    contested_court       text not null,
    contested_act_kind    text not null,
    contested_act_date    date not null,
    registered_by         text not null,
    registered_by_role    text not null,
    log_position          bigint not null unique,
    event_id              uuid not null unique
)
"""

COLUMNS = (
    "item_id",
    "kind",
    "received_at",
    "registered_at",
    "channel",
    "filer_name",
    "filer_role",
    "lower_court_case_ref",
    "contested_court",
    "contested_act_kind",
    "contested_act_date",
    "registered_by",
    "registered_by_role",
    "log_position",
    "event_id",
)


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    # Registers created before numbering began get the column too.
    conn.execute(sql.SQL("alter table {} add column if not exists registration_number text unique").format(table))


def complaint_registered_row(envelope: dict[str, Any]) -> dict[str, Any]:
    data = envelope["data"]
    return {
        "item_id": data["complaint_id"],
        "kind": "cassation_complaint",
        "received_at": data["received_at"],
        "registered_at": data["registered_at"],
        "channel": data["channel"],
        "filer_name": data["filer"]["name"],
        "filer_role": data["filer"]["procedural_role"],
        "lower_court_case_ref": data["lower_court_case_ref"],
        "contested_court": data["contested_act"]["court"],
        "contested_act_kind": data["contested_act"]["kind"],
        "contested_act_date": data["contested_act"]["act_date"],
        "registered_by": envelope["actorid"],
        "registered_by_role": envelope["actorrole"],
        "log_position": envelope["logposition"],
        "event_id": envelope["id"],
    }


ROW_BUILDERS = {
    "kz.sotflow.registry.complaint-registered.v1": complaint_registered_row,
}


NUMBER_ASSIGNED = "kz.sotflow.registry.registration-number-assigned.v1"


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    if envelope["type"] == NUMBER_ASSIGNED:
        _record_number(cur, schema, envelope)
        return
    build = ROW_BUILDERS.get(envelope["type"])
    if build is None:
        return  # not an event this register shows
    try:
        row = build(envelope)
    except (KeyError, TypeError, AttributeError) as exc:
        raise UndecodableMessageError(f"{envelope['type']} without the expected data: {exc!r}") from None
    # A plain insert, not an upsert: applying an event twice must fail loudly.
    cur.execute(
        sql.SQL("insert into {} ({}) values ({})").format(
            sql.Identifier(schema, NAME),
            sql.SQL(", ").join(map(sql.Identifier, COLUMNS)),
            sql.SQL(", ").join(sql.Placeholder(c) for c in COLUMNS),
        ),
        row,
    )


def page(conn: Connection, schema: str, *, after: int, limit: int) -> list[dict[str, Any]]:
    """Entries after a log position, in log order (keyset pagination)."""
    return conn.execute(
        sql.SQL("select * from {} where log_position > %s order by log_position limit %s").format(
            sql.Identifier(schema, NAME)
        ),
        (after, limit),
    ).fetchall()


def entry(conn: Connection, schema: str, item_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select * from {} where item_id = %s").format(sql.Identifier(schema, NAME)), (item_id,)
    ).fetchone()


def _record_number(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    try:
        item_id, number = envelope["data"]["item_id"], envelope["data"]["registration_number"]
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{envelope['type']} without the expected data: {exc!r}") from None
    cur.execute(
        sql.SQL("update {} set registration_number = %s where item_id = %s and registration_number is null").format(
            sql.Identifier(schema, NAME)
        ),
        (number, item_id),
    )
    # The item's registration precedes its number in the same partition; anything
    # else means the log and this register disagree, which must stop the worker.
    if cur.rowcount != 1:
        raise RegisterOutOfStepError(f"no unnumbered register entry {item_id} for number {number}")


class RegisterOutOfStepError(RuntimeError):
    pass

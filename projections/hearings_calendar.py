"""The hearings calendar: every scheduled hearing, and the public schedule drawn from it.

One row per hearing (a postponed hearing keeps its row, marked postponed; the new
date is a new hearing). The public schedule (seed 000 §7.1: kept on the court's
internet resources) shows only public hearings of cases that are not confidential,
and only the case's number, kind, court, time and room.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, json_text

NAME = "hearings_calendar"
CONTEXTS = ("proceedings",)

DDL = """
create table if not exists {table} (
    case_id            uuid not null,
    hearing_id         text not null,
    scheduled_for      timestamptz not null,
    room               text not null,
    public             boolean not null,
    status             text not null,
    postponement_reason text,
    held_at            timestamptz,
    panel              jsonb,
    log_position       bigint not null,
    primary key (case_id, hearing_id)
)
"""


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    # The calendar's keyset order (pages of a day or a week).
    conn.execute(
        sql.SQL("create index if not exists {} on {} (scheduled_for, case_id, hearing_id)").format(
            sql.Identifier(f"{NAME}_when_key"), table
        )
    )
    conn.execute(sql.SQL("drop index if exists {}").format(sql.Identifier(schema, f"{NAME}_when")))  # superseded


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = envelope["type"]
    try:
        data, position = envelope["data"], envelope["logposition"]
        if kind == "kz.sotflow.proceedings.hearing-scheduled.v1":
            cur.execute(
                _insert_sql(schema),
                (data["case_id"], data["hearing_id"], data["scheduled_for"], data["room"], data["public"], position),
            )
        elif kind == "kz.sotflow.proceedings.hearing-postponed.v1":
            _update(cur, schema, data, position, status="postponed", postponement_reason=envelope.get("reason"))
        elif kind == "kz.sotflow.proceedings.hearing-held.v1":
            _update(cur, schema, data, position, status="held", held_at=data["held_at"], panel=json_text(data["panel"]))
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


@lru_cache(maxsize=16)
def _insert_sql(schema: str) -> str:
    return (
        sql.SQL(
            "insert into {} (case_id, hearing_id, scheduled_for, room, public, status, log_position) "
            "values (%s, %s, %s, %s, %s, 'scheduled', %s)"
        )
        .format(sql.Identifier(schema, NAME))
        .as_string()
    )


def _update(cur: Cursor, schema: str, data: dict[str, Any], position: int, **values: Any) -> None:
    cur.execute(
        _update_sql(schema, tuple(values)),
        values | {"position": position, "case_id": data["case_id"], "hid": data["hearing_id"]},
    )


@lru_cache(maxsize=32)
def _update_sql(schema: str, columns: tuple[str, ...]) -> str:
    return (
        sql.SQL("update {} set {}, log_position = %(position)s where case_id = %(case_id)s and hearing_id = %(hid)s")
        .format(
            sql.Identifier(schema, NAME),
            sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in columns),
        )
        .as_string()
    )


def between(
    conn: Connection,
    schema: str,
    start: datetime,
    end: datetime,
    *,
    levels: list[str],
    public_only: bool = False,
    after: tuple[datetime, Any, str] | None = None,
    limit: int,
    court: str | None = None,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Hearings in [start, end) (of one court, if given), soonest first or (`reverse`)
    latest first (then by case and hearing: a total order, for keyset pages after
    `after`), with their case's number and kind; only of cases of the confidentiality
    levels given (and registered: the level is known)."""
    keys = Keyset("h.scheduled_for, h.case_id, h.hearing_id", descending=reverse)
    clauses = [
        sql.SQL("h.scheduled_for >= %(start)s and h.scheduled_for < %(end)s"),
        sql.SQL("c.confidentiality = any(%(levels)s)"),
    ]
    if public_only:
        clauses.append(sql.SQL("h.public and h.status = 'scheduled'"))
    if court is not None:
        clauses.append(sql.SQL("c.court = %(court)s"))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_case)s, %(a_hearing)s"))
    a_when, a_case, a_hearing = after or (None, None, None)
    select = sql.SQL(
        "select h.*, c.registration_number, c.kind, c.court from {} h join {} c on c.case_id = h.case_id"
    ).format(sql.Identifier(schema, NAME), sql.Identifier(schema, "case_register"))
    return keys.page(conn, select, clauses, {
        "start": start, "end": end, "levels": levels, "limit": limit, "court": court,
        "a_when": a_when, "a_case": a_case, "a_hearing": a_hearing,
    })  # fmt: skip


def of_case(conn: Connection, schema: str, case_id: object) -> list[dict[str, Any]]:
    return conn.execute(
        sql.SQL("select * from {} where case_id = %s order by log_position").format(sql.Identifier(schema, NAME)),
        (case_id,),
    ).fetchall()

"""The hearings calendar: every scheduled hearing, and the public schedule drawn from it.

One row per hearing (a postponed hearing keeps its row, marked postponed; the new
date is a new hearing). The public schedule (seed 000 §7.1: kept on the court's
internet resources) shows only public hearings of cases that are not confidential,
and only the case's number, kind, court, time and room.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, insert_rows_sql, rows_json, update_rows

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


SCHEDULED = "kz.sotflow.proceedings.hearing-scheduled.v1"
POSTPONED = "kz.sotflow.proceedings.hearing-postponed.v1"
HELD = "kz.sotflow.proceedings.hearing-held.v1"
TYPES = {
    "case_id": "uuid", "hearing_id": "text", "scheduled_for": "timestamptz", "room": "text", "public": "boolean",
    "status": "text", "postponement_reason": "text", "held_at": "timestamptz", "panel": "jsonb",
    "log_position": "bigint",
}  # fmt: skip
HEARING = tuple(
    (name, TYPES[name])
    for name in ("case_id", "hearing_id", "scheduled_for", "room", "public", "status", "log_position")
)


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's new hearings in one insert, then what became of hearings (postponed, held)
    folded into one update per hearing and set set-based (a hearing is scheduled before it
    is postponed or held, in its case's partition)."""
    scheduled: list[dict[str, Any]] = []
    changed: dict[tuple[str, str], dict[str, Any]] = {}
    rejected = []
    for n, envelope in enumerate(envelopes):
        kind = envelope["type"]
        try:
            data, position = envelope["data"], envelope["logposition"]
            if kind == SCHEDULED:
                scheduled.append({
                    "case_id": data["case_id"], "hearing_id": data["hearing_id"],
                    "scheduled_for": data["scheduled_for"], "room": data["room"], "public": data["public"],
                    "status": "scheduled", "log_position": position,
                })  # fmt: skip
            elif kind == POSTPONED:
                values = {"status": "postponed", "postponement_reason": envelope.get("reason")}
            elif kind == HELD:
                values = {"status": "held", "held_at": data["held_at"], "panel": data["panel"]}
            if kind in (POSTPONED, HELD):
                key = (data["case_id"], data["hearing_id"])
                row = changed.setdefault(key, {"case_id": key[0], "hearing_id": key[1]})
                row |= values | {"log_position": position}
        except (KeyError, TypeError) as exc:
            rejected.append((n, f"{kind} without the expected data: {exc!r}"))
    if scheduled:
        cur.execute(insert_rows_sql(schema, NAME, HEARING), (rows_json(scheduled),))
    update_rows(cur, schema, NAME, ("case_id", "hearing_id"), TYPES, list(changed.values()))
    return rejected


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

"""The register of rulings: one row per ruling, with the outcome for each defendant, and
when the judicial act was entered (the secretariat's control of timely entry)."""

from __future__ import annotations

from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, insert_rows_sql, rows_json, update_rows

NAME = "rulings_register"
CONTEXTS = ("proceedings",)

DDL = """
create table if not exists {table} (
    case_id            uuid primary key,
    outcomes           jsonb not null,
    hearing_id         text not null,
    ruled_at           timestamptz not null,
    ruled_by           text not null,
    act_entered_at     timestamptz,
    hours_to_enter_act double precision,
    log_position       bigint not null unique
)
"""


def create_tables(conn: Connection, schema: str) -> None:
    conn.execute(sql.SQL(DDL).format(table=sql.Identifier(schema, NAME)))


RULING_ENTERED = "kz.sotflow.proceedings.ruling-entered.v1"
ACT_ENTERED = "kz.sotflow.proceedings.judicial-act-entered.v1"
TYPES = {
    "case_id": "uuid", "outcomes": "jsonb", "hearing_id": "text", "ruled_at": "timestamptz", "ruled_by": "text",
    "log_position": "bigint", "act_entered_at": "timestamptz", "hours_to_enter_act": "double precision",
}  # fmt: skip
RULING = tuple(
    (name, TYPES[name]) for name in ("case_id", "outcomes", "hearing_id", "ruled_at", "ruled_by", "log_position")
)


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's rulings in one insert, then the acts entered on them in one update (a
    case's act comes after its ruling in its partition; the later of two acts stays)."""
    rulings: list[dict[str, Any]] = []
    acts: dict[str, dict[str, Any]] = {}
    rejected = []
    for n, envelope in enumerate(envelopes):
        kind = envelope["type"]
        try:
            data = envelope["data"]
            if kind == RULING_ENTERED:
                rulings.append({
                    "case_id": data["case_id"], "outcomes": data["outcomes"], "hearing_id": data["hearing_id"],
                    "ruled_at": envelope["time"], "ruled_by": envelope["actorid"],
                    "log_position": envelope["logposition"],
                })  # fmt: skip
            elif kind == ACT_ENTERED:
                acts[data["case_id"]] = {
                    "case_id": data["case_id"], "act_entered_at": envelope["time"],
                    "hours_to_enter_act": data["hours_after_hearing"],
                }  # fmt: skip
        except (KeyError, TypeError) as exc:
            rejected.append((n, f"{kind} without the expected data: {exc!r}"))
    if rulings:
        cur.execute(insert_rows_sql(schema, NAME, RULING), (rows_json(rulings),))
    update_rows(cur, schema, NAME, ("case_id",), TYPES, list(acts.values()))
    return rejected


def page(
    conn: Connection,
    schema: str,
    *,
    after: int | None,
    limit: int,
    levels: list[str],
    court: str | None = None,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Rulings in log order, or (`reverse`) the latest first, of cases of the confidentiality
    levels given, optionally of one court."""
    keys = Keyset("r.log_position", descending=reverse)
    clauses = [sql.SQL("c.confidentiality = any(%(levels)s)")]
    if after is not None:
        clauses.append(keys.after("%(after)s"))
    if court is not None:
        clauses.append(sql.SQL("c.court = %(court)s"))
    select = sql.SQL("select r.*, c.registration_number, c.court from {} r join {} c on c.case_id = r.case_id").format(
        sql.Identifier(schema, NAME), sql.Identifier(schema, "case_register")
    )
    return keys.page(conn, select, clauses, {"after": after, "levels": levels, "court": court, "limit": limit})


def of_case(conn: Connection, schema: str, case_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select * from {} where case_id = %s").format(sql.Identifier(schema, NAME)), (case_id,)
    ).fetchone()

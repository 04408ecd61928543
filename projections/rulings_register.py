"""The register of rulings: one row per ruling, with the outcome for each defendant, and
when the judicial act was entered (the secretariat's control of timely entry)."""

from __future__ import annotations

from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, json_text

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


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = envelope["type"]
    table = sql.Identifier(schema, NAME)
    try:
        data = envelope["data"]
        if kind == "kz.sotflow.proceedings.ruling-entered.v1":
            cur.execute(
                sql.SQL(
                    "insert into {} (case_id, outcomes, hearing_id, ruled_at, ruled_by, log_position) "
                    "values (%s, %s, %s, %s, %s, %s)"
                ).format(table),
                (data["case_id"], json_text(data["outcomes"]), data["hearing_id"], envelope["time"],
                 envelope["actorid"], envelope["logposition"]),
            )  # fmt: skip
        elif kind == "kz.sotflow.proceedings.judicial-act-entered.v1":
            cur.execute(
                sql.SQL("update {} set act_entered_at = %s, hours_to_enter_act = %s where case_id = %s").format(table),
                (envelope["time"], data["hours_after_hearing"], data["case_id"]),
            )
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


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

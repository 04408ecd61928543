"""The register of personal receptions by the chairs (seed 000 §7.2.3).

One row per reception: the receiving chair, when and where, the applicant, the
subject, how they signed up, its status, the reference material (who prepared it,
the summary, the applicant's earlier applications and related cases), the outcome
(what was asked, the chair's instructions, the application registered from it), and
every step with who, when and why. A reception's events share one subject, hence one
partition and their order, so each step updates its row in place.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from psycopg import Connection, Cursor, sql
from psycopg.types.json import Jsonb

from contract.envelope import UndecodableMessageError
from domain.court_time import days_between
from projections.store import LEVEL_OF_FLAG, Keyset, event_name

NAME = "receptions_register"
CONTEXTS = ("applications",)
PREFIX = "kz.sotflow.applications.reception-"

DDL = """
create table if not exists {table} (
    reception_id         uuid primary key,
    receiver_id          text not null,
    receiver_name        text not null,
    receiver_post        text not null,
    scheduled_for        timestamptz not null,
    place                text not null,
    applicant_name       text not null,
    applicant_kind       text not null,
    applicant_identifier text,
    subject              text not null,
    related_case         text,
    sign_up              text not null,
    confidential         boolean not null,
    status               text not null,
    times_rescheduled    integer not null default 0,
    cancel_reason        text,
    material_prepared_by text,
    material_summary     text,
    earlier_applications jsonb not null default '[]',
    related_cases        jsonb not null default '[]',
    held_at              timestamptz,
    requests             text,
    instructions         jsonb not null default '[]',
    application_id       uuid,
    held_with_material   boolean,
    steps                jsonb not null default '[]',
    log_position         bigint not null
)
"""


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    for column in ("receiver_id", "applicant_identifier"):
        conn.execute(
            sql.SQL("create index if not exists {} on {} ({})").format(
                sql.Identifier(f"{NAME}_{column}"), table, sql.Identifier(column)
            )
        )
    # The register in the order receptions take place (keyset on scheduled_for and id).
    conn.execute(
        sql.SQL("create index if not exists {} on {} (scheduled_for, reception_id)").format(
            sql.Identifier(f"{NAME}_scheduled_key"), table
        )
    )
    superseded = sql.Identifier(schema, f"{NAME}_scheduled_for")
    conn.execute(sql.SQL("drop index if exists {}").format(superseded))


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = str(envelope["type"])
    if (name := event_name(kind, PREFIX)) is None:
        return
    data, position = envelope.get("data") or {}, envelope["logposition"]
    table = sql.Identifier(schema, NAME)
    step = {
        "step": f"reception-{name}", "at": envelope["time"], "actor_id": envelope.get("actorid"),
        "actor_role": envelope.get("actorrole"), "reason": envelope.get("reason"),
    }  # fmt: skip
    try:
        if name == "scheduled":
            r, a = data["receiver"], data["applicant"]
            cur.execute(
                sql.SQL(
                    "insert into {} (reception_id, receiver_id, receiver_name, receiver_post, scheduled_for, place, "
                    "applicant_name, applicant_kind, applicant_identifier, subject, related_case, sign_up, "
                    "confidential, status, steps, log_position) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                    "%s, %s, 'scheduled', %s, %s) on conflict (reception_id) do nothing"
                ).format(table),
                (data["reception_id"], r["user_id"], r["name"], r["post"], data["scheduled_for"], data["place"],
                 a["name"], a["kind"], a["identifier"], data["subject"], data["related_case"], data["sign_up"],
                 data["confidential"], Jsonb([step]), position),
            )  # fmt: skip
            return
        values: dict[str, Any] = {"log_position": position}
        if name == "rescheduled":
            r = data["receiver"]
            values |= {
                "scheduled_for": data["scheduled_for"], "place": data["place"], "receiver_id": r["user_id"],
                "receiver_name": r["name"], "receiver_post": r["post"],
            }  # fmt: skip
        elif name == "cancelled":
            values |= {"status": "cancelled", "cancel_reason": envelope.get("reason")}
        elif name == "material-prepared":
            values |= {
                "material_prepared_by": data["prepared_by"], "material_summary": data["summary"],
                "earlier_applications": Jsonb(data["earlier_applications"]),
                "related_cases": Jsonb(data["related_cases"]),
            }  # fmt: skip
        elif name == "held":
            values |= {
                "status": "held", "held_at": data["held_at"], "requests": data["requests"],
                "instructions": Jsonb(data["instructions"]), "application_id": data["application_id"],
                "held_with_material": data["with_reference_material"],
            }  # fmt: skip
        else:
            return
        assignments = [sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in values]
        if name == "rescheduled":
            assignments.append(sql.SQL("times_rescheduled = times_rescheduled + 1"))
        assignments.append(sql.SQL("steps = steps || %(step)s"))
        cur.execute(
            sql.SQL("update {} set {} where reception_id = %(reception_id)s").format(
                table, sql.SQL(", ").join(assignments)
            ),
            values | {"reception_id": data["reception_id"], "step": Jsonb([step])},
        )
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


def page(
    conn: Connection,
    schema: str,
    *,
    levels: list[str],
    receiver: str | None = None,
    applicant: str | None = None,
    since: date | None = None,
    until: date | None = None,
    status: str | None = None,
    after: tuple[datetime, Any] | None = None,
    limit: int,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Receptions in the order they take place, or (`reverse`) the latest first (then by id:
    a total order, for keyset pages after `after`), of the confidentiality levels given;
    days are the court's (Asia/Almaty), both ends included."""
    keys = Keyset("scheduled_for, reception_id", descending=reverse)
    conditions, params = [sql.SQL(LEVEL_OF_FLAG + " = any(%(levels)s)")], {"levels": levels, "limit": limit}
    for column, value in (("receiver_id", receiver), ("applicant_identifier", applicant), ("status", status)):
        if value is not None:
            conditions.append(sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
            params[column] = value
    begin, end = days_between(since, until)
    if begin is not None:
        conditions.append(sql.SQL("scheduled_for >= %(begin)s"))
        params["begin"] = begin
    if end is not None:
        conditions.append(sql.SQL("scheduled_for < %(end)s"))
        params["end"] = end
    if after is not None:
        conditions.append(keys.after("%(a_when)s, %(a_id)s"))
        params["a_when"], params["a_id"] = after
    return keys.page(conn, sql.SQL("select * from {}").format(sql.Identifier(schema, NAME)), conditions, params)


def entry(conn: Connection, schema: str, reception_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select * from {} where reception_id = %s").format(sql.Identifier(schema, NAME)), (reception_id,)
    ).fetchone()

"""The register of applications of individuals and legal entities (АППК 76).

One row per application: applicant, channel, subject, related case, consultant,
current step, the extended term, the reception it was handed in at; the applicant's
identifier links earlier ones.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import LEVEL_OF_FLAG, Keyset

NAME = "applications_register"
CONTEXTS = ("applications",)
PREFIX = "kz.sotflow.applications."

DDL = """
create table if not exists {table} (
    application_id     uuid primary key,
    applicant_name     text not null,
    applicant_kind     text not null,
    applicant_identifier text,
    channel            text not null,
    subject            text not null,
    summary            text not null,
    related_case       text,
    confidential       boolean not null,
    received_at        timestamptz not null,
    stage              text not null,
    consultant         text,
    redirected_to      text,
    extended_until     date,
    extension_notified_at timestamptz,
    answered_at        timestamptz,
    reception_id       uuid,
    log_position       bigint not null
)
"""

STAGE_AFTER = {
    "application-redirected": "redirected",
    "consultant-assigned": "assigned",
    "answer-drafted": "drafted",
    "answer-approved": "approved",
    "answer-sent": "answered",
}


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    # Added with the receptions (§7.2.3): a register created before them gains the column.
    conn.execute(sql.SQL("alter table {} add column if not exists reception_id uuid").format(table))
    # The register newest first, whole or of one applicant (keyset on received_at and id).
    conn.execute(
        sql.SQL("create index if not exists {} on {} (received_at, application_id)").format(
            sql.Identifier(f"{NAME}_received_key"), table
        )
    )
    conn.execute(
        sql.SQL("create index if not exists {} on {} (applicant_identifier, received_at, application_id)").format(
            sql.Identifier(f"{NAME}_applicant_received"), table
        )
    )
    conn.execute(sql.SQL("drop index if exists {}").format(sql.Identifier(schema, f"{NAME}_applicant")))  # superseded


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = str(envelope["type"])
    if not kind.startswith(PREFIX):
        return
    name = kind.removeprefix(PREFIX).rsplit(".v", 1)[0]
    if name.startswith("reception-"):
        return  # the receptions' own register (receptions_register.py)
    data, position = envelope.get("data") or {}, envelope["logposition"]
    table = sql.Identifier(schema, NAME)
    try:
        if name == "application-registered":
            a = data["applicant"]
            cur.execute(
                sql.SQL(
                    "insert into {} (application_id, applicant_name, applicant_kind, applicant_identifier, channel, "
                    "subject, summary, related_case, confidential, received_at, stage, log_position) "
                    "values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'registered', %s) "
                    "on conflict (application_id) do nothing"
                ).format(table),
                (data["application_id"], a["name"], a["kind"], a["identifier"], data["channel"], data["subject"],
                 data["summary"], data["related_case"], data["confidential"], data["received_at"], position),
            )  # fmt: skip
            return
        values: dict[str, Any] = {"log_position": position}
        if name in STAGE_AFTER:
            values["stage"] = STAGE_AFTER[name]
        if name == "consultant-assigned":
            values["consultant"] = data["consultant"]
        elif name == "application-redirected":
            values["redirected_to"] = data["to_body"]
        elif name == "answer-term-extended":
            values["extended_until"] = data["until"]
        elif name == "extension-notified":
            values["extension_notified_at"] = data["notified_at"]
        elif name == "answer-sent":
            values["answered_at"] = data["sent_at"]
        elif name == "application-received-at-reception":
            values["reception_id"] = data["reception_id"]
        cur.execute(
            sql.SQL("update {} set {} where application_id = %(application_id)s").format(
                table,
                sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in values),
            ),
            values | {"application_id": data["application_id"]},
        )
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


def page(
    conn: Connection,
    schema: str,
    *,
    levels: list[str],
    applicant: str | None = None,
    after: tuple[datetime, Any] | None = None,
    limit: int,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Applications newest first, or (`reverse`) oldest first (then by id the same way: a
    total order, for keyset pages after `after`), of the confidentiality levels given,
    optionally of one applicant."""
    keys = Keyset("received_at, application_id", descending=not reverse)
    clauses = [sql.SQL(LEVEL_OF_FLAG + " = any(%(levels)s)")]
    if applicant is not None:
        clauses.append(sql.SQL("applicant_identifier = %(applicant)s"))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    return keys.page(
        conn, sql.SQL("select * from {}").format(sql.Identifier(schema, NAME)), clauses,
        {"levels": levels, "applicant": applicant, "a_when": a_when, "a_id": a_id, "limit": limit},
    )  # fmt: skip


def listing(conn: Connection, schema: str, *, applicant: str | None = None) -> list[dict[str, Any]]:
    """Every level's applications (the reception's material and card filter them)."""
    where = sql.SQL("where applicant_identifier = %(applicant)s") if applicant else sql.SQL("")
    return conn.execute(
        sql.SQL("select * from {} {} order by received_at desc, application_id limit 1000").format(
            sql.Identifier(schema, NAME), where
        ),
        {"applicant": applicant},
    ).fetchall()


def entry(conn: Connection, schema: str, application_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select * from {} where application_id = %s").format(sql.Identifier(schema, NAME)), (application_id,)
    ).fetchone()


def entries(conn: Connection, schema: str, application_ids: list[str]) -> list[dict[str, Any]]:
    if not application_ids:
        return []
    return conn.execute(
        sql.SQL("select * from {} where application_id = any(%s::uuid[]) order by received_at, application_id").format(
            sql.Identifier(schema, NAME)
        ),
        (application_ids,),
    ).fetchall()

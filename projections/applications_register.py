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
from projections.store import LEVEL_OF_FLAG, Keyset, event_name, insert_rows_sql, rows_json, update_rows

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


TYPES = {
    "application_id": "uuid", "applicant_name": "text", "applicant_kind": "text", "applicant_identifier": "text",
    "channel": "text", "subject": "text", "summary": "text", "related_case": "text", "confidential": "boolean",
    "received_at": "timestamptz", "stage": "text", "consultant": "text", "redirected_to": "text",
    "extended_until": "date", "extension_notified_at": "timestamptz", "answered_at": "timestamptz",
    "reception_id": "uuid", "log_position": "bigint",
}  # fmt: skip
REGISTERED = tuple(
    (name, TYPES[name])
    for name in (
        "application_id", "applicant_name", "applicant_kind", "applicant_identifier", "channel", "subject",
        "summary", "related_case", "confidential", "received_at", "stage", "log_position",
    )
)  # fmt: skip
# The column each later event sets from its data, besides the stage and the log position.
SETS = {
    "consultant-assigned": ("consultant", "consultant"),
    "application-redirected": ("redirected_to", "to_body"),
    "answer-term-extended": ("extended_until", "until"),
    "extension-notified": ("extension_notified_at", "notified_at"),
    "answer-sent": ("answered_at", "sent_at"),
    "application-received-at-reception": ("reception_id", "reception_id"),
}


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's registrations in one insert (an application registered again changes
    nothing), then what happened to applications folded into one update each (an
    application's events share its partition: its registration comes first)."""
    registered: dict[str, dict[str, Any]] = {}
    changed: dict[str, dict[str, Any]] = {}
    rejected = []
    for n, envelope in enumerate(envelopes):
        kind = str(envelope["type"])
        if (name := event_name(kind, PREFIX)) is None:
            continue
        if name.startswith("reception-"):
            continue  # the receptions' own register (receptions_register.py)
        try:
            data, position = envelope.get("data") or {}, envelope["logposition"]
            if name == "application-registered":
                a = data["applicant"]
                registered.setdefault(data["application_id"], {
                    "application_id": data["application_id"], "applicant_name": a["name"],
                    "applicant_kind": a["kind"], "applicant_identifier": a["identifier"], "channel": data["channel"],
                    "subject": data["subject"], "summary": data["summary"], "related_case": data["related_case"],
                    "confidential": data["confidential"], "received_at": data["received_at"], "stage": "registered",
                    "log_position": position,
                })  # fmt: skip
                continue
            values: dict[str, Any] = {"log_position": position}
            if name in STAGE_AFTER:
                values["stage"] = STAGE_AFTER[name]
            if name in SETS:
                column, field = SETS[name]
                values[column] = data[field]
            application_id = data["application_id"]
        except (KeyError, TypeError) as exc:
            rejected.append((n, f"{kind} without the expected data: {exc!r}"))
            continue
        changed.setdefault(application_id, {"application_id": application_id}).update(values)
    if registered:
        statement = insert_rows_sql(schema, NAME, REGISTERED, "on conflict (application_id) do nothing")
        cur.execute(statement, (rows_json(list(registered.values())),))
    update_rows(cur, schema, NAME, ("application_id",), TYPES, list(changed.values()))
    return rejected


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

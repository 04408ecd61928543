"""The register of requests for information and analysis (seed 000 §7.3.4): one row per
request, its requester, subject, assignee in the practice-analysis sector, step, due
instant (moved by an extension) and who signed the answer off (000 §13). Read newest
receipt first, filtered by requester kind, subject, stage, assignee, or only those
overdue at an instant."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, event_name

NAME = "inforequests_register"
CONTEXTS = ("inforequests",)
PREFIX = "kz.sotflow.inforequests."

DDL = """
create table if not exists {table} (
    request_id          uuid primary key,
    requester_name      text not null,
    requester_kind      text not null,
    requester_reference text,
    subject             text not null,
    channel             text not null,
    summary             text not null,
    received_at         timestamptz not null,
    due_at              timestamptz not null,
    extended_until      date,
    stage               text not null,
    assignee            text,
    assignee_name       text,
    document_ref        text,
    signed_by           text,
    signed_capacity     text,
    signed_at           timestamptz,
    answered_at         timestamptz,
    log_position        bigint not null
)
"""

STAGES = ("registered", "assigned", "drafted", "signed", "answered")


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    conn.execute(
        sql.SQL("create index if not exists {} on {} (received_at, request_id)").format(
            sql.Identifier(f"{NAME}_received_key"), table
        )
    )


def _values(name: str, data: dict[str, Any]) -> dict[str, Any] | None:
    if name == "request-assigned":
        return {"stage": "assigned", "assignee": data["assignee"], "assignee_name": data["assignee_name"],
                "document_ref": None}  # fmt: skip
    if name == "answer-drafted":
        return {"stage": "drafted", "document_ref": data["document_ref"]}
    if name == "answer-signed-off":
        authority = data["authority"]
        return {"stage": "signed", "signed_by": authority["user_id"], "signed_capacity": authority["capacity"],
                "signed_at": data["signed_at"]}  # fmt: skip
    if name == "answer-sent":
        return {"stage": "answered", "answered_at": data["sent_at"]}
    if name == "answer-term-extended":
        # The new last day's end in the court's time (Asia/Almaty, UTC+5), as the deadline has it.
        return {"extended_until": data["until"]}
    return None


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = str(envelope["type"])
    if (name := event_name(kind, PREFIX)) is None:
        return
    data, position = envelope.get("data") or {}, envelope["logposition"]
    table = sql.Identifier(schema, NAME)
    try:
        if name == "request-registered":
            r = data["requester"]
            cur.execute(
                sql.SQL(
                    "insert into {} (request_id, requester_name, requester_kind, requester_reference, subject, "
                    "channel, summary, received_at, due_at, stage, log_position) values (%s, %s, %s, %s, %s, %s, %s, "
                    "%s, %s, 'registered', %s) on conflict (request_id) do nothing"
                ).format(table),
                (data["request_id"], r["name"], r["kind"], r["reference"], data["subject"], data["channel"],
                 data["summary"], data["received_at"], data["due_at"], position),
            )  # fmt: skip
            return
        values = _values(name, data)
        if values is None:
            return
        values["log_position"] = position
        cur.execute(
            sql.SQL("update {} set {} where request_id = %(request_id)s").format(
                table,
                sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in values),
            ),
            values | {"request_id": data["request_id"]},
        )
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


# The last instant of the answer's term: the extended day's end in the court's time, or the due instant.
LAST_INSTANT = sql.SQL(
    "coalesce((extended_until + 1)::timestamp at time zone 'Asia/Almaty' - interval '1 second', due_at)"
)


def page(
    conn: Connection, schema: str, *, requester_kind: str | None = None, subject: str | None = None,
    stage: str | None = None, assignee: str | None = None, overdue_at: datetime | None = None,
    after: tuple[datetime, Any] | None = None, limit: int, reverse: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """A keyset page of the register, newest receipt first (oldest with `reverse`); with
    `overdue_at`, only the requests not answered whose term ended before it."""
    keys = Keyset("received_at, request_id", descending=not reverse)
    clauses: list[sql.Composable] = []
    for column, value in (("requester_kind", requester_kind), ("subject", subject), ("stage", stage),
                          ("assignee", assignee)):  # fmt: skip
        if value is not None:
            clauses.append(sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
    if overdue_at is not None:
        clauses.append(sql.SQL("stage <> 'answered' and {} < %(overdue_at)s").format(LAST_INSTANT))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    params = {"requester_kind": requester_kind, "subject": subject, "stage": stage, "assignee": assignee,
              "overdue_at": overdue_at, "a_when": a_when, "a_id": a_id, "limit": limit}  # fmt: skip
    select = sql.SQL("select *, {} as last_instant from {}").format(LAST_INSTANT, sql.Identifier(schema, NAME))
    return keys.page(conn, select, clauses, params)


def entry(conn: Connection, schema: str, request_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select *, {} as last_instant from {} where request_id = %s").format(
            LAST_INSTANT, sql.Identifier(schema, NAME)
        ),
        (request_id,),
    ).fetchone()

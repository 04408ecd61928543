"""The register of foreign requests and its monitoring (§7.27).

One row per request (its particulars and current step) and one row per step taken
(who, when, why), from the international topic. Monitoring reads the steps: volumes,
median and 90th-percentile days from receipt to each step, and overdue terms (from
the deadline register), by country, treaty and kind.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from domain.court_time import days_between
from projections.store import LEVEL_OF_FLAG, Keyset, event_name, insert_rows_sql, rows_json, update_rows

NAME = "foreign_requests"
STEPS = "foreign_request_steps"
TABLES = (NAME, STEPS)  # a rebuild drops both, and digests compare both
CONTEXTS = ("international",)
PREFIX = "kz.sotflow.international."

DDL = """
create table if not exists {table} (
    request_id          uuid primary key,
    kind                text not null,
    treaty              text not null,
    foreign_state       text not null,
    requesting_state    text not null,
    requesting_authority text not null,
    requested_state     text not null,
    requested_authority text not null,
    language            text not null,
    action              text not null,
    related_case        text,
    confidential        boolean not null,
    registration_number text,
    stage               text not null,
    received_at         timestamptz not null,
    forwarded_to        text,
    forwarded_why       text,
    log_position        bigint not null
)
"""
STEPS_DDL = """
create table if not exists {table} (
    request_id   uuid not null,
    step         text not null,
    at           timestamptz not null,
    actor_id     text,
    actor_role   text,
    reason       text,
    data         jsonb not null,
    log_position bigint not null,
    primary key (request_id, log_position)
)
"""

# The stage each event leaves the request in (steps that keep the stage are absent).
STAGE_AFTER = {
    "request-registered": "registered",
    "translation-requested": "translation_requested",
    "translation-received": "translated",
    "request-studied": "studied",
    "request-forwarded": "forwarded",
    "request-sent-abroad": "sent_abroad",
    "request-returned": "returned",
    "request-refused": "refused",
    "execution-reported": "execution_reported",
    "documents-returned": "documents_returned",
    "request-closed": "closed",
}


def create_tables(conn: Connection, schema: str) -> None:
    conn.execute(sql.SQL(DDL).format(table=sql.Identifier(schema, NAME)))
    conn.execute(sql.SQL(STEPS_DDL).format(table=sql.Identifier(schema, STEPS)))
    # The register newest first (keyset on received_at and id).
    conn.execute(
        sql.SQL("create index if not exists {} on {} (received_at, request_id)").format(
            sql.Identifier(f"{NAME}_received_key"), sql.Identifier(schema, NAME)
        )
    )


TYPES = {
    "request_id": "uuid", "kind": "text", "treaty": "text", "foreign_state": "text", "requesting_state": "text",
    "requesting_authority": "text", "requested_state": "text", "requested_authority": "text", "language": "text",
    "action": "text", "related_case": "text", "confidential": "boolean", "registration_number": "text",
    "stage": "text", "received_at": "timestamptz", "forwarded_to": "text", "forwarded_why": "text",
    "log_position": "bigint",
}  # fmt: skip
RECEIVED = tuple(
    (name, TYPES[name])
    for name in (
        "request_id", "kind", "treaty", "foreign_state", "requesting_state", "requesting_authority",
        "requested_state", "requested_authority", "language", "action", "related_case", "confidential", "stage",
        "received_at", "log_position",
    )
)  # fmt: skip
STEP = (
    ("request_id", "uuid"), ("step", "text"), ("at", "timestamptz"), ("actor_id", "text"), ("actor_role", "text"),
    ("reason", "text"), ("data", "jsonb"), ("log_position", "bigint"),
)  # fmt: skip


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's received requests in one insert (a request received again changes
    nothing), what happened to requests folded into one update per request (one not in
    the register is left alone), and every step in one insert. A request whose other
    events come before its receipt in the batch goes in a later round, as they would
    apply one by one."""
    rounds: list[tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]] = [({}, {})]
    steps: list[dict[str, Any]] = []
    rejected = []
    for n, envelope in enumerate(envelopes):
        kind = str(envelope["type"])
        if (name := event_name(kind, PREFIX)) is None:
            continue
        data, position = envelope.get("data") or {}, envelope["logposition"]
        if "request_id" not in data:
            continue  # the signing register's events
        try:
            request_id = data["request_id"]
            if name == "request-received":
                row = {
                    "request_id": request_id, "kind": data["kind"], "treaty": data["treaty"],
                    "foreign_state": data["foreign_state"], "requesting_state": data["requesting"]["state"],
                    "requesting_authority": data["requesting"]["authority"],
                    "requested_state": data["requested"]["state"],
                    "requested_authority": data["requested"]["authority"], "language": data["language"],
                    "action": data["action"], "related_case": data["related_case"],
                    "confidential": data["confidential"], "stage": "received", "received_at": data["received_at"],
                    "log_position": position,
                }  # fmt: skip
            else:
                values: dict[str, Any] = {"log_position": position}
                if name in STAGE_AFTER:
                    values["stage"] = STAGE_AFTER[name]
                if name == "request-registered":
                    values["registration_number"] = data["registration_number"]
                if name == "request-forwarded":
                    values |= {"forwarded_to": data["court"], "forwarded_why": data["why"]}
        except (KeyError, TypeError) as exc:
            rejected.append((n, f"{kind} without the expected data: {exc!r}"))
            continue
        received, changed = rounds[-1]
        if name == "request-received":
            if request_id in changed:
                rounds.append(({}, {}))
                received = rounds[-1][0]
            received.setdefault(request_id, row)
        else:
            changed.setdefault(request_id, {"request_id": request_id}).update(values)
        steps.append({
            "request_id": request_id, "step": name, "at": envelope["time"], "actor_id": envelope.get("actorid"),
            "actor_role": envelope.get("actorrole"), "reason": envelope.get("reason"), "data": data,
            "log_position": position,
        })  # fmt: skip
    for received, changed in rounds:
        if received:
            statement = insert_rows_sql(schema, NAME, RECEIVED, "on conflict (request_id) do nothing")
            cur.execute(statement, (rows_json(list(received.values())),))
        update_rows(cur, schema, NAME, ("request_id",), TYPES, list(changed.values()))
    if steps:
        cur.execute(insert_rows_sql(schema, STEPS, STEP, "on conflict do nothing"), (rows_json(steps),))
    return rejected


def page(
    conn: Connection,
    schema: str,
    *,
    levels: list[str],
    stage: str | None = None,
    after: tuple[datetime, Any] | None = None,
    limit: int,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Requests newest first, or (`reverse`) oldest first (then by id the same way: a total
    order, for keyset pages after `after`), of the confidentiality levels given, optionally
    at one stage."""
    keys = Keyset("received_at, request_id", descending=not reverse)
    clauses = [sql.SQL(LEVEL_OF_FLAG + " = any(%(levels)s)")]
    if stage:
        clauses.append(sql.SQL("stage = %(stage)s"))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    return keys.page(
        conn, sql.SQL("select * from {}").format(sql.Identifier(schema, NAME)), clauses,
        {"levels": levels, "stage": stage, "a_when": a_when, "a_id": a_id, "limit": limit},
    )  # fmt: skip


def entry(conn: Connection, schema: str, request_id: object) -> dict[str, Any] | None:
    row = conn.execute(
        sql.SQL("select * from {} where request_id = %s").format(sql.Identifier(schema, NAME)), (request_id,)
    ).fetchone()
    if row is None:
        return None
    row["steps"] = conn.execute(
        sql.SQL("select step, at, actor_id, actor_role, reason, data from {} where request_id = %s "
                "order by log_position").format(sql.Identifier(schema, STEPS)),
        (request_id,),
    ).fetchall()  # fmt: skip
    return row


def monitoring(
    conn: Connection, schema: str, *, since: date | None, until: date | None, now: datetime
) -> dict[str, Any]:
    """Requests received in [since, until] (court dates; open ends allowed); a term not met by `now` is overdue."""
    begin, end = days_between(since, until)
    params = {"begin": begin, "end": end, "now": now}
    period = sql.SQL(
        "(%(begin)s::timestamptz is null or r.received_at >= %(begin)s) and "
        "(%(end)s::timestamptz is null or r.received_at < %(end)s)"
    )
    requests, steps = sql.Identifier(schema, NAME), sql.Identifier(schema, STEPS)
    deadlines = sql.Identifier(schema, "deadline_register")
    volumes = conn.execute(
        sql.SQL(
            "select foreign_state as country, treaty, kind, count(*) as received, "
            "count(*) filter (where stage = 'closed') as closed from {} r where {} "
            "group by 1, 2, 3 order by 1, 2, 3"
        ).format(requests, period),
        params,
    ).fetchall()
    times = conn.execute(
        sql.SQL(
            "select s.step, r.foreign_state as country, r.treaty, r.kind, count(*) as count, "
            "percentile_cont(0.5) within group (order by extract(epoch from s.at - r.received_at) / 86400) "
            "as median_days, "
            "percentile_cont(0.9) within group (order by extract(epoch from s.at - r.received_at) / 86400) "
            "as p90_days "
            "from {} s join {} r using (request_id) where s.step <> 'request-received' and {} "
            "group by 1, 2, 3, 4 order by 1, 2, 3, 4"
        ).format(steps, requests, period),
        params,
    ).fetchall()
    overdue = conn.execute(
        sql.SQL(
            "select r.foreign_state as country, r.treaty, r.kind, d.rule_id, count(*) as overdue "
            "from {} d join {} r on d.subject = r.request_id::text "
            "where d.rule_id like 'international.%%' and {} and "
            "((d.met_at is null and d.due_at < %(now)s) or d.on_time is false) "
            "group by 1, 2, 3, 4 order by 1, 2, 3, 4"
        ).format(deadlines, requests, period),
        params,
    ).fetchall()
    return {"volumes": volumes, "times": times, "overdue": overdue}

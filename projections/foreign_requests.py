"""The register of foreign requests and its monitoring (§7.27).

One row per request (its particulars and current step) and one row per step taken
(who, when, why), from the international topic. Monitoring reads the steps: volumes,
median and 90th-percentile days from receipt to each step, and overdue terms (from
the deadline register), by country, treaty and kind.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from psycopg import Connection, Cursor, sql
from psycopg.types.json import Jsonb

from contract.envelope import UndecodableMessageError
from domain.court_time import days_between
from projections.store import LEVEL_OF_FLAG, Keyset

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


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = str(envelope["type"])
    if not kind.startswith(PREFIX):
        return
    name = kind.removeprefix(PREFIX).rsplit(".v", 1)[0]
    data, position = envelope.get("data") or {}, envelope["logposition"]
    if "request_id" not in data:
        return  # the signing register's events
    try:
        if name == "request-received":
            cur.execute(
                _received_sql(schema),
                data | {"rs": data["requesting"]["state"], "ra": data["requesting"]["authority"],
                        "qs": data["requested"]["state"], "qa": data["requested"]["authority"], "position": position},
            )  # fmt: skip
        else:
            values: dict[str, Any] = {"log_position": position}
            if name in STAGE_AFTER:
                values["stage"] = STAGE_AFTER[name]
            if name == "request-registered":
                values["registration_number"] = data["registration_number"]
            if name == "request-forwarded":
                values |= {"forwarded_to": data["court"], "forwarded_why": data["why"]}
            cur.execute(_update_sql(schema, tuple(values)), values | {"request_id": data["request_id"]})
        cur.execute(
            _step_sql(schema),
            (data["request_id"], name, envelope["time"], envelope.get("actorid"), envelope.get("actorrole"),
             envelope.get("reason"), Jsonb(data), position),
        )  # fmt: skip
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


@lru_cache(maxsize=16)
def _received_sql(schema: str) -> str:
    return (
        sql.SQL(
            "insert into {} (request_id, kind, treaty, foreign_state, requesting_state, requesting_authority, "
            "requested_state, requested_authority, language, action, related_case, confidential, stage, "
            "received_at, log_position) values (%(request_id)s, %(kind)s, %(treaty)s, %(foreign_state)s, "
            "%(rs)s, %(ra)s, %(qs)s, %(qa)s, %(language)s, %(action)s, %(related_case)s, %(confidential)s, "
            "'received', %(received_at)s, %(position)s) on conflict (request_id) do nothing"
        )
        .format(sql.Identifier(schema, NAME))
        .as_string()
    )


@lru_cache(maxsize=64)
def _update_sql(schema: str, columns: tuple[str, ...]) -> str:
    assignments = sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in columns)
    return (
        sql.SQL("update {} set {} where request_id = %(request_id)s")
        .format(sql.Identifier(schema, NAME), assignments)
        .as_string()
    )


@lru_cache(maxsize=16)
def _step_sql(schema: str) -> str:
    return (
        sql.SQL("insert into {} values (%s, %s, %s, %s, %s, %s, %s, %s) on conflict do nothing")
        .format(sql.Identifier(schema, STEPS))
        .as_string()
    )


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

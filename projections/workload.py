"""Workload per judge: the open cases each sits on, weighted as the distribution weighs
them (the judge-rapporteur carries the procedure's complexity, the other members the
settings' share of it, under the settings version the seat was drawn with).

Roster events keyed by the court and those keyed by a case travel in different
partitions, so the rows keep the facts (judges, settings versions, seats) and the
weighting is done when read: the answer does not depend on the order they arrived in.
Open seats are also kept counted per judge, procedure, settings version and role on
the panel (`workload_open_seats`, maintained with the seats), so a read weighs a few
dozen counts instead of every open seat of the court.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import json_text

NAME = "workload"
TABLES = ("workload_judges", "workload_settings", "workload_seats", "workload_open_seats")
CONTEXTS = ("assignment",)

DDL = (
    """create table if not exists {schema}.workload_judges (
        court text not null, judge_id text not null, name text not null, post text not null,
        primary key (court, judge_id))""",
    """create table if not exists {schema}.workload_settings (
        court text not null, version integer not null, complexity jsonb not null,
        panel_member_share double precision not null, post_coefficients jsonb not null,
        primary key (court, version))""",
    """create table if not exists {schema}.workload_seats (
        case_id uuid not null, seat integer not null, court text not null, judge_id text not null,
        procedure text not null, settings_version integer not null, open boolean not null default true,
        primary key (case_id, seat))""",
    """create table if not exists {schema}.workload_open_seats (
        court text not null, judge_id text not null, procedure text not null, settings_version integer not null,
        rapporteur boolean not null, seats bigint not null,
        primary key (court, judge_id, procedure, settings_version, rapporteur))""",
)
P = "kz.sotflow.assignment."


def create_tables(conn: Connection, schema: str) -> None:
    for ddl in DDL:
        conn.execute(sql.SQL(ddl).format(schema=sql.Identifier(schema)))
    # A register kept before the counts existed gets them from its seats, once (run the
    # migration before the workers, as `sotflow run` and `sotflow rebuild` do).
    conn.execute(
        sql.SQL(
            "insert into {s}.workload_open_seats "
            "select court, judge_id, procedure, settings_version, seat = 0, count(*) from {s}.workload_seats "
            "where open and not exists (select 1 from {s}.workload_open_seats) group by 1, 2, 3, 4, 5"
        ).format(s=sql.Identifier(schema))
    )


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = envelope["type"]
    try:
        d = envelope["data"]
        if kind == P + "judge-enrolled.v1":
            cur.execute(_sql(schema, "judge-enrolled"), (d["court"], d["judge_id"], d["name"], d["post"]))
        elif kind == P + "distribution-settings-adopted.v1":
            cur.execute(
                _sql(schema, "settings-adopted"),
                (d["court"], d["version"], json_text(d["complexity"]), d["panel_member_share"],
                 json_text(d["post_coefficients"])),
            )  # fmt: skip
        elif kind == P + "case-distributed.v1":
            cur.execute(
                _sql(schema, "case-distributed"),
                {"case": d["case_id"], "panel": list(d["panel"]), "court": d["court"], "procedure": d["procedure"],
                 "version": d["protocol"]["settings_version"]},
            )  # fmt: skip
        elif kind == P + "case-reassigned.v1":
            cur.execute(
                _sql(schema, "case-reassigned"),
                {"case": d["case_id"], "seat": d["seat"], "judge": d["new_judge"],
                 "version": d["protocol"]["settings_version"]},
            )  # fmt: skip
        elif kind == P + "load-released.v1":
            cur.execute(_sql(schema, "load-released"), {"case": d["case_id"]})
    except (KeyError, TypeError, IndexError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


# Each event is one statement: the seats change and their counts follow in the same
# statement (the counts' CTEs see the seats as they stood before it).
_COUNT = (
    "insert into {s}.workload_open_seats as c select court, judge_id, procedure, settings_version, rapporteur, sum(n) "
    "from changes group by 1, 2, 3, 4, 5 on conflict (court, judge_id, procedure, settings_version, rapporteur) "
    "do update set seats = c.seats + excluded.seats"
)
_STATEMENTS = {
    "judge-enrolled": "insert into {s}.workload_judges values (%s, %s, %s, %s)",
    "settings-adopted": "insert into {s}.workload_settings values (%s, %s, %s, %s, %s)",
    "case-distributed": (
        "with changes as (insert into {s}.workload_seats (case_id, seat, court, judge_id, procedure, settings_version) "
        "select %(case)s, p.seat - 1, %(court)s, p.judge, %(procedure)s, %(version)s "
        "from unnest(%(panel)s::text[]) with ordinality as p(judge, seat) "
        "returning court, judge_id, procedure, settings_version, seat = 0 as rapporteur, 1 as n) " + _COUNT
    ),
    "case-reassigned": (
        "with before as (select * from {s}.workload_seats where case_id = %(case)s and seat = %(seat)s), "
        "after as (update {s}.workload_seats w set judge_id = %(judge)s, settings_version = %(version)s from before "
        "where w.case_id = before.case_id and w.seat = before.seat returning w.*), "
        "changes as (select court, judge_id, procedure, settings_version, seat = 0 as rapporteur, -1 as n "
        "from before where open union all "
        "select court, judge_id, procedure, settings_version, seat = 0, 1 from after where open) " + _COUNT
    ),
    "load-released": (
        "with changes as (update {s}.workload_seats set open = false where case_id = %(case)s and open "
        "returning court, judge_id, procedure, settings_version, seat = 0 as rapporteur, -1 as n) " + _COUNT
    ),
}


@lru_cache(maxsize=64)
def _sql(schema: str, statement: str) -> str:
    return sql.SQL(_STATEMENTS[statement]).format(s=sql.Identifier(schema)).as_string()


def per_judge(conn: Connection, schema: str, court: str) -> list[dict[str, Any]]:
    """Every judge of the court with open cases, cases as rapporteur, and the weighted and
    post-normalised load (what the next draw weighs)."""
    return conn.execute(
        sql.SQL(
            """
            with seats as (
                select judge_id, procedure, settings_version, rapporteur, seats as n
                from {s}.workload_open_seats
                where court = %(court)s and seats <> 0
            )
            select j.judge_id, j.name, j.post,
                   coalesce(sum(o.n), 0)::bigint as open_cases,
                   coalesce(sum(o.n) filter (where o.rapporteur), 0)::bigint as as_rapporteur,
                   coalesce(sum(o.n * o.load), 0) as weighted_load,
                   coalesce(sum(o.n * o.load), 0) / coalesce((
                       select (ls.post_coefficients ->> j.post)::double precision from {s}.workload_settings ls
                       where ls.court = j.court order by ls.version desc limit 1), 1) as normalised_load
            from {s}.workload_judges j
            left join (
                select seats.*, (st.complexity ->> seats.procedure)::double precision
                                * case when seats.rapporteur then 1 else st.panel_member_share end as load
                from seats
                join {s}.workload_settings st on st.court = %(court)s and st.version = seats.settings_version
            ) o on o.judge_id = j.judge_id
            where j.court = %(court)s
            group by j.court, j.judge_id, j.name, j.post
            order by j.judge_id
            """
        ).format(s=sql.Identifier(schema)),
        {"court": court},
    ).fetchall()

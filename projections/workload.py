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
from projections.store import insert_rows_sql, rows_json

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


SEAT = (
    ("case_id", "uuid"), ("seat", "integer"), ("court", "text"), ("judge_id", "text"), ("procedure", "text"),
    ("settings_version", "integer"), ("open", "boolean"),
)  # fmt: skip
JUDGE = (("court", "text"), ("judge_id", "text"), ("name", "text"), ("post", "text"))
SETTINGS = (
    ("court", "text"), ("version", "integer"), ("complexity", "jsonb"), ("panel_member_share", "double precision"),
    ("post_coefficients", "jsonb"),
)  # fmt: skip
COUNT = (
    ("court", "text"), ("judge_id", "text"), ("procedure", "text"), ("settings_version", "integer"),
    ("rapporteur", "boolean"), ("seats", "bigint"),
)  # fmt: skip


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's judges, settings and the seats of the cases distributed in it each in one
    plain insert (a second one fails loudly, as alone), the seats' reassignments and
    releases folded into those seats before they are written, and the open seats' counts
    changed by one upsert. Reassignments and releases of a case distributed before the
    batch read its seats from the register: one statement each, as before, sent first
    (they touch no seat the batch inserts, and counts add up in any order)."""
    judges: list[dict[str, Any]] = []
    settings: list[dict[str, Any]] = []
    seats: list[dict[str, Any]] = []
    distributed: dict[str, list[dict[str, Any]]] = {}  # a case's seats, as written below
    touched: set[tuple] = set()  # every count an open seat was in (one by one, its row would be there)
    rejected = []
    for n, envelope in enumerate(envelopes):
        kind = envelope["type"]
        try:
            d = envelope["data"]
            if kind == P + "judge-enrolled.v1":
                judges.append({"court": d["court"], "judge_id": d["judge_id"], "name": d["name"], "post": d["post"]})
            elif kind == P + "distribution-settings-adopted.v1":
                settings.append({
                    "court": d["court"], "version": d["version"], "complexity": d["complexity"],
                    "panel_member_share": d["panel_member_share"], "post_coefficients": d["post_coefficients"],
                })  # fmt: skip
            elif kind == P + "case-distributed.v1":
                case_id, version = d["case_id"], d["protocol"]["settings_version"]
                panel = [
                    {"case_id": case_id, "seat": seat, "court": d["court"], "judge_id": judge,
                     "procedure": d["procedure"], "settings_version": version, "open": True}
                    for seat, judge in enumerate(list(d["panel"]))
                ]  # fmt: skip
                seats.extend(panel)  # a case distributed twice: its seats twice, and the insert fails
                distributed[case_id] = panel
                touched.update(map(_group, panel))
            elif kind == P + "case-reassigned.v1":
                case_id, seat, judge = d["case_id"], d["seat"], d["new_judge"]
                version = d["protocol"]["settings_version"]
                if case_id not in distributed:
                    cur.execute(
                        _sql(schema, "case-reassigned"),
                        {"case": case_id, "seat": seat, "judge": judge, "version": version},
                    )
                    continue
                for row in distributed[case_id]:
                    if row["seat"] == seat:
                        row |= {"judge_id": judge, "settings_version": version}
                        if row["open"]:
                            touched.add(_group(row))
            elif kind == P + "load-released.v1":
                case_id = d["case_id"]
                if case_id not in distributed:
                    cur.execute(_sql(schema, "load-released"), {"case": case_id})
                    continue
                for row in distributed[case_id]:
                    row["open"] = False
        except (KeyError, TypeError, IndexError) as exc:
            rejected.append((n, f"{kind} without the expected data: {exc!r}"))
    if judges:
        cur.execute(insert_rows_sql(schema, "workload_judges", JUDGE), (rows_json(judges),))
    if settings:
        cur.execute(insert_rows_sql(schema, "workload_settings", SETTINGS), (rows_json(settings),))
    if seats:
        cur.execute(insert_rows_sql(schema, "workload_seats", SEAT), (rows_json(seats),))
        # Every count an open seat was in, even those back to zero.
        counts = dict.fromkeys(touched, 0)
        for row in seats:
            if row["open"]:
                counts[_group(row)] += 1
        names = [name for name, _ in COUNT]
        cur.execute(
            insert_rows_sql(schema, "workload_open_seats", COUNT, _ADD_COUNT),
            (rows_json([dict(zip(names, (*key, n), strict=True)) for key, n in counts.items()]),),
        )
    return rejected


_ADD_COUNT = (
    "on conflict (court, judge_id, procedure, settings_version, rapporteur) "
    "do update set seats = t.seats + excluded.seats"
)


def _group(seat: dict[str, Any]) -> tuple:
    """The count a seat is counted in."""
    return seat["court"], seat["judge_id"], seat["procedure"], seat["settings_version"], seat["seat"] == 0


# A reassignment or release of a case distributed before the batch is one statement: the
# seats change and their counts follow in the same statement (the counts' CTEs see the
# seats as they stood before it).
_COUNT = (
    "insert into {s}.workload_open_seats as c select court, judge_id, procedure, settings_version, rapporteur, sum(n) "
    "from changes group by 1, 2, 3, 4, 5 on conflict (court, judge_id, procedure, settings_version, rapporteur) "
    "do update set seats = c.seats + excluded.seats"
)
_STATEMENTS = {
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

"""The register of international projects (seed 003 §7.9): one row per project and one per
milestone; a milestone not reached by its day is late, read against the day asked for.
The reports are counted on the project's row (the last one's reference kept)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, event_name

NAME = "international_projects"
MILESTONES = "international_project_milestones"
TABLES = (NAME, MILESTONES)  # a rebuild drops both, and digests compare both
CONTEXTS = ("international",)
PREFIX = "kz.sotflow.international.project-"

DDL = """
create table if not exists {projects} (
    project_id      uuid primary key,
    title           text not null,
    partner         text not null,
    decision_ref    text not null,
    starts_on       date not null,
    ends_on         date not null,
    coordinator     text not null,
    registered_at   timestamptz not null,
    status          text not null default 'active',
    reports         integer not null default 0,
    final_report_ref text,
    last_report_on  date,
    closed_on       date,
    log_position    bigint not null
);
create table if not exists {milestones} (
    milestone_id    text primary key,
    project_id      uuid not null,
    title           text not null,
    due_on          date not null,
    reached_on      date,
    note            text,
    log_position    bigint not null
)
"""


def create_tables(conn: Connection, schema: str) -> None:
    projects, milestones = sql.Identifier(schema, NAME), sql.Identifier(schema, MILESTONES)
    conn.execute(sql.SQL(DDL).format(projects=projects, milestones=milestones))
    conn.execute(sql.SQL("create index if not exists {} on {} (registered_at, project_id)").format(
        sql.Identifier(f"{NAME}_registered"), projects))  # fmt: skip
    conn.execute(sql.SQL("create index if not exists {} on {} (project_id, due_on)").format(
        sql.Identifier(f"{MILESTONES}_project"), milestones))  # fmt: skip


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = str(envelope["type"])
    if (name := event_name(kind, PREFIX)) is None:
        return
    data, position = envelope.get("data") or {}, envelope["logposition"]
    projects, milestones = sql.Identifier(schema, NAME), sql.Identifier(schema, MILESTONES)
    try:
        if name == "registered":
            cur.execute(
                sql.SQL("insert into {} (project_id, title, partner, decision_ref, starts_on, ends_on, coordinator, "
                        "registered_at, log_position) values (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                        "on conflict (project_id) do nothing").format(projects),
                (data["project_id"], data["title"], data["partner"], data["decision_ref"], data["starts_on"],
                 data["ends_on"], data["coordinator"], envelope["time"], position),
            )  # fmt: skip
        elif name == "milestone-planned":
            cur.execute(
                sql.SQL("insert into {} (milestone_id, project_id, title, due_on, log_position) "
                        "values (%s, %s, %s, %s, %s) on conflict (milestone_id) do nothing").format(milestones),
                (data["milestone_id"], data["project_id"], data["title"], data["due_on"], position),
            )  # fmt: skip
        elif name == "milestone-reached":
            cur.execute(
                sql.SQL("update {} set reached_on = %s, note = %s, log_position = %s "
                        "where milestone_id = %s").format(milestones),
                (data["reached_on"], data["note"], position, data["milestone_id"]),
            )  # fmt: skip
        elif name == "report-submitted":
            final = data["report_ref"] if data["kind"] == "final" else None
            cur.execute(
                sql.SQL("update {} set reports = reports + 1, final_report_ref = coalesce(%s, final_report_ref), "
                        "last_report_on = %s, log_position = %s where project_id = %s").format(projects),
                (final, data["submitted_on"], position, data["project_id"]),
            )  # fmt: skip
        elif name == "closed":
            cur.execute(
                sql.SQL("update {} set status = 'closed', closed_on = %s, log_position = %s "
                        "where project_id = %s").format(projects),
                (data["on"], position, data["project_id"]),
            )  # fmt: skip
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


LATE = "(select count(*) from {m} m where m.project_id = p.project_id and m.reached_on is null and m.due_on < %(on)s)"


def page(
    conn: Connection, schema: str, *, on: date, status: str | None = None, partner: str | None = None,
    project_id: object | None = None, late: bool = False, after: tuple[datetime, Any] | None = None, limit: int,
    reverse: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """The projects, earliest registered first, each with its milestones late on `on`."""
    keys = Keyset("p.registered_at, p.project_id", descending=reverse)
    m = sql.Identifier(schema, MILESTONES)
    late_count = sql.SQL(LATE).format(m=m)
    clauses = []
    for column, value in (("status", status), ("partner", partner), ("project_id", project_id)):
        if value is not None:
            clauses.append(sql.SQL("p.{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
    if late:
        clauses.append(sql.SQL("{} > 0").format(late_count))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    params = {
        "on": on,
        "status": status,
        "partner": partner,
        "project_id": project_id,
        "a_when": a_when,
        "a_id": a_id,
        "limit": limit,
    }
    select = sql.SQL("select p.*, {} as milestones_late from {} p").format(late_count, sql.Identifier(schema, NAME))
    return keys.page(conn, select, clauses, params)


def milestones_of(conn: Connection, schema: str, project_id: object) -> list[dict[str, Any]]:
    return conn.execute(
        sql.SQL("select * from {} where project_id = %s order by due_on, milestone_id").format(
            sql.Identifier(schema, MILESTONES)
        ),
        (project_id,),
    ).fetchall()


def monitoring(conn: Connection, schema: str, *, on: date) -> dict[str, Any]:
    """§7.9: projects active and closed, milestones due, reached and late on the day."""
    return conn.execute(
        sql.SQL(
            "select (select count(*) from {p} where status = 'active') as active, "
            "(select count(*) from {p} where status = 'closed') as closed, "
            "(select count(*) from {m}) as milestones, "
            "(select count(*) from {m} where reached_on is not null) as milestones_reached, "
            "(select count(*) from {m} where reached_on is null and due_on < %(on)s) as milestones_late"
        ).format(p=sql.Identifier(schema, NAME), m=sql.Identifier(schema, MILESTONES)),
        {"on": on},
    ).fetchone()

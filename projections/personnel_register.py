"""The personnel registers (seed 004 §15.7, 003 §7.11): one row per staff record (the
staff register) and one per leave or business trip (the absences, read three ways: who is
away on a day, the business trips, the foreign trips whose final report is due or late).

The open items of absent staff are read here too: the applications register's open
applications whose consultant is away on the day (both tables are in this schema).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from domain.court_time import day_start
from projections import applications_register
from projections.store import LEVEL_OF_FLAG, Keyset, event_name

NAME = "staff_register"
ABSENCES = "staff_absences"
CONTEXTS = ("personnel",)
PREFIX = "kz.sotflow.personnel."
TABLES = (NAME, ABSENCES)  # a rebuild drops both, and digests compare both

DDL = """
create table if not exists {staff} (
    staff_id        uuid primary key,
    user_id         text not null,
    full_name       text not null,
    post_title      text not null,
    unit            text not null,
    category        text not null,
    appointed_on    date not null,
    appointed_at    timestamptz not null,
    in_post         boolean not null default true,
    dismissed_on    date,
    log_position    bigint not null
);
create table if not exists {absences} (
    absence_id      text primary key,
    staff_id        uuid not null,
    user_id         text not null,
    kind            text not null,
    leave_kind      text,
    starts_on       date not null,
    ends_on         date not null,
    starts_at       timestamptz not null,
    decision_ref    text not null,
    foreign_trip    boolean not null default false,
    country         text,
    city            text,
    host            text,
    purpose         text,
    decision_on     date,
    project_id      text,
    report_due_at   timestamptz,
    report_ref      text,
    report_submitted_on date,
    cancelled       boolean not null default false,
    log_position    bigint not null
)
"""


def create_tables(conn: Connection, schema: str) -> None:
    staff, absences = sql.Identifier(schema, NAME), sql.Identifier(schema, ABSENCES)
    conn.execute(sql.SQL(DDL).format(staff=staff, absences=absences))
    for table, name, columns in (
        (NAME, "appointed", "appointed_at, staff_id"),
        (NAME, "user", "user_id"),
        (ABSENCES, "starts", "starts_at, absence_id"),
        (ABSENCES, "user_days", "user_id, starts_on, ends_on"),
    ):
        conn.execute(
            sql.SQL("create index if not exists {} on {} ({})").format(
                sql.Identifier(f"{table}_{name}"), sql.Identifier(schema, table), sql.SQL(columns)
            )
        )


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = str(envelope["type"])
    if (name := event_name(kind, PREFIX)) is None:
        return
    data, position = envelope.get("data") or {}, envelope["logposition"]
    staff, absences = sql.Identifier(schema, NAME), sql.Identifier(schema, ABSENCES)
    try:
        if name == "staff-appointed":
            p = data["post"]
            cur.execute(
                sql.SQL("insert into {} (staff_id, user_id, full_name, post_title, unit, category, appointed_on, "
                        "appointed_at, log_position) values (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                        "on conflict (staff_id) do nothing").format(staff),
                (data["staff_id"], data["user_id"], data["full_name"], p["title"], p["unit"], p["category"],
                 data["appointed_on"], envelope["time"], position),
            )  # fmt: skip
        elif name == "staff-transferred":
            p = data["post"]
            cur.execute(
                sql.SQL("update {} set post_title = %s, unit = %s, category = %s, log_position = %s "
                        "where staff_id = %s").format(staff),
                (p["title"], p["unit"], p["category"], position, data["staff_id"]),
            )  # fmt: skip
        elif name == "staff-dismissed":
            cur.execute(
                sql.SQL("update {} set in_post = false, dismissed_on = %s, log_position = %s "
                        "where staff_id = %s").format(staff),
                (data["on"], position, data["staff_id"]),
            )  # fmt: skip
        elif name == "leave-granted":
            cur.execute(
                sql.SQL("insert into {} (absence_id, staff_id, user_id, kind, leave_kind, starts_on, ends_on, "
                        "starts_at, decision_ref, log_position) values (%s, %s, %s, 'leave', %s, %s, %s, %s, %s, %s) "
                        "on conflict (absence_id) do nothing").format(absences),
                (data["leave_id"], data["staff_id"], data["user_id"], data["kind"], data["starts_on"],
                 data["ends_on"], day_start(date.fromisoformat(data["starts_on"])), data["decision_ref"], position),
            )  # fmt: skip
        elif name == "trip-sent":
            cur.execute(
                sql.SQL("insert into {} (absence_id, staff_id, user_id, kind, starts_on, ends_on, starts_at, "
                        "decision_ref, foreign_trip, country, city, host, purpose, decision_on, project_id, "
                        "report_due_at, log_position) values (%s, %s, %s, 'business_trip', %s, %s, %s, %s, %s, %s, "
                        "%s, %s, %s, %s, %s, %s, %s) on conflict (absence_id) do nothing").format(absences),
                (data["trip_id"], data["staff_id"], data["user_id"], data["departs_on"], data["returns_on"],
                 day_start(date.fromisoformat(data["departs_on"])), data["decision_ref"], data["foreign"],
                 data["country"], data["city"], data["host"], data["purpose"], data["decision_on"],
                 data["project_id"], data["report_due_at"], position),
            )  # fmt: skip
        elif name == "absence-cancelled":
            cur.execute(
                sql.SQL("update {} set cancelled = true, log_position = %s where absence_id = %s").format(absences),
                (position, data["absence_id"]),
            )
        elif name == "trip-reported":
            cur.execute(
                sql.SQL("update {} set report_ref = %s, report_submitted_on = %s, log_position = %s "
                        "where absence_id = %s").format(absences),
                (data["report_ref"], data["submitted_on"], position, data["trip_id"]),
            )  # fmt: skip
    except (KeyError, TypeError, ValueError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


def staff_page(
    conn: Connection, schema: str, *, category: str | None = None, unit: str | None = None,
    in_post: bool | None = None, user_id: str | None = None, after: tuple[datetime, Any] | None = None, limit: int,
    reverse: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """The staff register, earliest appointment first, a keyset page."""
    keys = Keyset("appointed_at, staff_id", descending=reverse)
    clauses = []
    for column, value in (("category", category), ("unit", unit), ("in_post", in_post), ("user_id", user_id)):
        if value is not None:
            clauses.append(sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    params = {"category": category, "unit": unit, "in_post": in_post, "user_id": user_id, "a_when": a_when,
              "a_id": a_id, "limit": limit}  # fmt: skip
    return keys.page(conn, sql.SQL("select * from {}").format(sql.Identifier(schema, NAME)), clauses, params)


def staff_entry(conn: Connection, schema: str, staff_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select * from {} where staff_id = %s").format(sql.Identifier(schema, NAME)), (staff_id,)
    ).fetchone()


ABSENCE_SELECT = "select a.*, s.full_name, s.post_title, s.unit, s.category from {} a join {} s using (staff_id)"


def absence_page(
    conn: Connection, schema: str, *, kind: str | None = None, user_id: str | None = None, on: date | None = None,
    foreign: bool | None = None, report: str | None = None, project_id: str | None = None,
    now: datetime | None = None, after: tuple[datetime, Any] | None = None, limit: int, reverse: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """Leave and business trips standing (not cancelled), earliest start first, a keyset page:
    of one kind, one person, away on a day, abroad or not, of a project; for trips, by their
    final report: `due` (none yet), `overdue` (none by its due instant, `now`), `submitted`."""
    keys = Keyset("a.starts_at, a.absence_id", descending=reverse)
    clauses = [sql.SQL("not a.cancelled")]
    for column, value in (("kind", kind), ("user_id", user_id), ("foreign_trip", foreign),
                          ("project_id", project_id)):  # fmt: skip
        if value is not None:
            clauses.append(sql.SQL("a.{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
    if on is not None:
        clauses.append(sql.SQL("a.starts_on <= %(on)s and %(on)s <= a.ends_on"))
    if report == "submitted":
        clauses.append(sql.SQL("a.report_submitted_on is not null"))
    elif report in ("due", "overdue"):
        clauses.append(sql.SQL("a.report_due_at is not null and a.report_submitted_on is null"))
        if report == "overdue":
            clauses.append(sql.SQL("a.report_due_at < %(now)s"))
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    params = {"kind": kind, "user_id": user_id, "foreign_trip": foreign, "project_id": project_id, "on": on,
              "now": now, "a_when": a_when, "a_id": a_id, "limit": limit}  # fmt: skip
    select = sql.SQL(ABSENCE_SELECT).format(sql.Identifier(schema, ABSENCES), sql.Identifier(schema, NAME))
    return keys.page(conn, select, clauses, params)


OPEN_STAGES = ("assigned", "drafted")


def open_items_of_absent(
    conn: Connection, schema: str, *, on: date, levels: list[str], after: tuple[datetime, Any] | None = None,
    limit: int, reverse: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """Open applications (assigned or drafted, not yet approved) whose consultant is away on
    the day, each with the absence, earliest received first: for the head to reassign."""
    keys = Keyset("p.received_at, p.application_id", descending=reverse)
    select = sql.SQL(
        "select p.application_id, p.received_at, p.stage, p.subject, p.consultant, p.confidential, "
        "a.absence_id, a.kind as absence_kind, a.leave_kind, a.country, a.starts_on, a.ends_on, s.full_name "
        "from {apps} p join {absences} a on a.user_id = p.consultant and not a.cancelled "
        "and a.starts_on <= %(on)s and %(on)s <= a.ends_on join {staff} s on s.staff_id = a.staff_id"
    ).format(
        apps=sql.Identifier(schema, applications_register.NAME), absences=sql.Identifier(schema, ABSENCES),
        staff=sql.Identifier(schema, NAME),
    )  # fmt: skip
    clauses = [sql.SQL("p.stage = any(%(stages)s)"), sql.SQL(f"({LEVEL_OF_FLAG}) = any(%(levels)s)")]
    if after is not None:
        clauses.append(keys.after("%(a_when)s, %(a_id)s"))
    a_when, a_id = after or (None, None)
    params = {"on": on, "stages": list(OPEN_STAGES), "levels": levels, "a_when": a_when, "a_id": a_id,
              "limit": limit}  # fmt: skip
    return keys.page(conn, select, clauses, params)


def trip_monitoring(
    conn: Connection, schema: str, *, since: date | None, until: date | None, now: datetime
) -> dict[str, Any]:
    """003 §7.11: the foreign trips departing in [since, until] (open ends allowed), standing:
    how many, abroad on `now`'s day, reports due, overdue by `now` and submitted; by country."""
    params = {"since": since, "until": until, "now": now}
    figures = conn.execute(
        sql.SQL(
            "select country, count(*) as trips, "
            "count(*) filter (where starts_on <= (%(now)s at time zone 'Asia/Almaty')::date "
            "and (%(now)s at time zone 'Asia/Almaty')::date <= ends_on) as abroad_now, "
            "count(*) filter (where report_submitted_on is null) as reports_due, "
            "count(*) filter (where report_submitted_on is null and report_due_at < %(now)s) as reports_overdue, "
            "count(*) filter (where report_submitted_on is not null) as reports_submitted "
            "from {} where foreign_trip and not cancelled "
            "and (%(since)s::date is null or starts_on >= %(since)s) "
            "and (%(until)s::date is null or starts_on <= %(until)s) "
            "group by country order by country"
        ).format(sql.Identifier(schema, ABSENCES)),
        params,
    ).fetchall()
    totals = {key: sum(row[key] for row in figures) for key in
              ("trips", "abroad_now", "reports_due", "reports_overdue", "reports_submitted")}  # fmt: skip
    return totals | {"by_country": figures}

"""The deadline register: every deadline with its rule, case, due instant and state,
built from the deadlines topic. Staff read what is due and what is late from it;
the watcher reads it to find the deadlines whose time has come."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.store import Keyset, case_id_of_subject, insert_rows_sql, level_of_subject, rows_json, update_rows

NAME = "deadline_register"
CONTEXTS = ("deadlines",)
PREFIX = "kz.sotflow.deadlines."

DDL = """
create table if not exists {table} (
    deadline_id        uuid primary key,
    rule_id            text not null,
    rule_version       integer not null,
    rule_set           text not null,
    clause             text not null,
    subject            text not null,
    cycle              integer not null,
    status             text not null,
    base_time          timestamptz not null,
    due_at             timestamptz not null,
    term_value         integer not null,
    term_unit          text not null,
    extensions         integer not null default 0,
    approaching_due    timestamptz,
    missed_due         timestamptz,
    met_at             timestamptz,
    on_time            boolean,
    calendar_revision  text not null,
    closed_reason      text,
    started_position   bigint not null unique,
    log_position       bigint not null
)
"""


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    # Added with deadline-closed.v1 (a register built before it gains the column).
    conn.execute(sql.SQL("alter table {} add column if not exists closed_reason text").format(table))
    # Open deadlines soonest first, the id breaking ties: the watcher's queries and the
    # pages of what is due (keyset on due instant and id).
    conn.execute(
        sql.SQL("create index if not exists {} on {} (status, due_at, deadline_id)").format(
            sql.Identifier(f"{NAME}_status_due_key"), table
        )
    )
    conn.execute(sql.SQL("drop index if exists {}").format(sql.Identifier(schema, f"{NAME}_status_due")))  # superseded
    conn.execute(
        sql.SQL("create index if not exists {} on {} (subject)").format(sql.Identifier(f"{NAME}_subject"), table)
    )


def _started(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "deadline_id": data["deadline_id"],
        "rule_id": data["rule_id"],
        "rule_version": data["rule_version"],
        "rule_set": data["rule_set"],
        "clause": data["clause"],
        "subject": data["subject"],
        "cycle": data["cycle"],
        "status": "open",
        "base_time": data["base_time"],
        "due_at": data["due_at"],
        "term_value": data["term"]["value"],
        "term_unit": data["term"]["unit"],
        "calendar_revision": data["calendar_revision"],
    }


# Each later event changes some columns of the deadline's row (`extensions`: adds one).
UPDATES = {
    "deadline-extended.v1": lambda d: {"due_at": d["due_at"], "extensions": 1},
    "deadline-suspended.v1": lambda d: {"status": "suspended"},
    "deadline-resumed.v1": lambda d: {"status": "open", "due_at": d["due_at"]},
    "deadline-met.v1": lambda d: {"status": "met", "met_at": d["met_at"], "on_time": d["on_time"]},
    "deadline-closed.v1": lambda d: {"status": "closed", "closed_reason": d["reason"]},
    "deadline-approached.v1": lambda d: {"approaching_due": d["due_at"]},
    # Its superseded name: alone on the log before the rename, and published just before
    # its successor at the same position since (applying the same change twice changes nothing).
    "deadline-approaching.v1": lambda d: {"approaching_due": d["due_at"]},
    "deadline-missed.v1": lambda d: {"missed_due": d["due_at"]},
    "deadline-recomputed.v1": lambda d: {"due_at": d["due_at"], "calendar_revision": d["calendar_revision"]},
}
TYPES = {
    "deadline_id": "uuid", "rule_id": "text", "rule_version": "integer", "rule_set": "text", "clause": "text",
    "subject": "text", "cycle": "integer", "status": "text", "base_time": "timestamptz", "due_at": "timestamptz",
    "term_value": "integer", "term_unit": "text", "extensions": "integer", "approaching_due": "timestamptz",
    "missed_due": "timestamptz", "met_at": "timestamptz", "on_time": "boolean", "calendar_revision": "text",
    "closed_reason": "text", "started_position": "bigint", "log_position": "bigint",
}  # fmt: skip
STARTED = tuple(
    (name, TYPES[name])
    for name in (
        "deadline_id", "rule_id", "rule_version", "rule_set", "clause", "subject", "cycle", "status", "base_time",
        "due_at", "term_value", "term_unit", "calendar_revision", "started_position", "log_position",
    )
)  # fmt: skip


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's started deadlines in one plain insert (a deadline started twice fails
    loudly), then the later events folded into one checked update per deadline (every
    deadline named must be there: a deadline's events share its case's partition, in
    order, so its start comes first). A deadline whose events come before its start in
    the batch goes in a later round, as they would apply one by one."""
    rounds: list[tuple[list[dict[str, Any]], dict[str, dict[str, Any]], list[str]]] = [([], {}, [])]
    rejected = []
    for n, envelope in enumerate(envelopes):
        event_type = envelope["type"]
        if not event_type.startswith(PREFIX):
            continue
        name = event_type[len(PREFIX) :]
        update = UPDATES.get(name)
        if update is None and name != "deadline-started.v1":
            continue  # calendar events, and types this register does not show
        try:
            data, position = envelope["data"], envelope["logposition"]
            if update is None:
                row = _started(data) | {"started_position": position, "log_position": position}
            else:
                changes = update(data) | {"log_position": position}
                deadline_id = data["deadline_id"]
        except (KeyError, TypeError) as exc:
            rejected.append((n, f"{event_type} without the expected data: {exc!r}"))
            continue
        starts, changed, problems = rounds[-1]
        if update is None:
            if row["deadline_id"] in changed:
                rounds.append(([], {}, []))
                starts = rounds[-1][0]
            starts.append(row)
            continue
        if deadline_id not in changed:
            changed[deadline_id] = {"deadline_id": deadline_id}
            problems.append(f"{event_type} for deadline {deadline_id}")
        folded = changed[deadline_id]
        extensions = folded.get("extensions", 0) + changes.pop("extensions", 0)
        folded.update(changes)
        if extensions:
            folded["extensions"] = extensions
    for starts, changed, problems in rounds:
        if starts:
            cur.execute(insert_rows_sql(schema, NAME, STARTED), (rows_json(starts),))
        if changed:
            update_rows(
                cur, schema, NAME, ("deadline_id",), TYPES, list(changed.values()), added=("extensions",),
                missing=f"{', '.join(problems[:3])}{' or later' if len(problems) > 3 else ''}: "
                "a deadline the register does not have",
            )  # fmt: skip
    return rejected


# -- reads ------------------------------------------------------------------------------
def _select(schema: str, where: sql.Composable, order: str = "due_at, deadline_id") -> sql.Composed:
    return sql.SQL("select * from {} where {} order by " + order).format(sql.Identifier(schema, NAME), where)


def due_for_recomputation(conn: Connection, schema: str, revision: str, limit: int) -> list[dict[str, Any]]:
    return conn.execute(
        _select(schema, sql.SQL("status not in ('met', 'closed') and missed_due is null and calendar_revision <> %s"))
        + sql.SQL(" limit %s"),
        (revision, limit),
    ).fetchall()


def approaching(conn: Connection, schema: str, now: datetime, window_hours: float, limit: int) -> list[dict]:
    where = sql.SQL(
        "status = 'open' and due_at > %(now)s and due_at - make_interval(secs => %(window)s) <= %(now)s "
        "and approaching_due is distinct from due_at"
    )
    return conn.execute(
        _select(schema, where) + sql.SQL(" limit %(limit)s"),
        {"now": now, "window": window_hours * 3600, "limit": limit},
    ).fetchall()


def overdue(conn: Connection, schema: str, now: datetime, limit: int) -> list[dict[str, Any]]:
    """Open and past due, however long ago, and not yet noticed for this due instant."""
    where = sql.SQL("status = 'open' and due_at < %(now)s and missed_due is distinct from due_at")
    return conn.execute(_select(schema, where) + sql.SQL(" limit %(limit)s"), {"now": now, "limit": limit}).fetchall()


def page(
    conn: Connection,
    schema: str,
    *,
    levels: list[str],
    status: str | None,
    late: bool | None,
    subject: str | None,
    rule_id: str | None,
    due_before: datetime | None,
    after: tuple[datetime, str] | None,
    limit: int,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Deadlines in order of due instant, or (`reverse`) the latest due first (keyset
    pagination on due instant and id), of subjects of the confidentiality levels given."""
    keys = Keyset("due_at, deadline_id", descending=reverse)
    conditions = [sql.SQL("{} = any(%s)").format(level_of_subject(schema, NAME))]
    params: list[Any] = [levels]
    for column, value in (("status", status), ("subject", subject), ("rule_id", rule_id)):
        if value is not None:
            conditions.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
            params.append(value)
    if late is not None:
        # Late: past due while open, or met after its due instant.
        conditions.append(
            sql.SQL("(missed_due is not null or on_time = false)")
            if late
            else sql.SQL("(missed_due is null and on_time is distinct from false)")
        )
    if due_before is not None:
        conditions.append(sql.SQL("due_at < %s"))
        params.append(due_before)
    if after is not None:
        conditions.append(keys.after("%s, %s"))
        params.extend(after)
    where = sql.SQL(" and ").join(conditions)
    return conn.execute(
        _select(schema, where, keys.order.as_string()) + sql.SQL(" limit %s"), (*params, limit)
    ).fetchall()


def of_subject(conn: Connection, schema: str, subject: str) -> list[dict[str, Any]]:
    """Every deadline of one case or item, whatever its state, soonest due first."""
    return conn.execute(_select(schema, sql.SQL("subject = %s")), (subject,)).fetchall()


def due_view(
    conn: Connection,
    schema: str,
    *,
    until: datetime,
    levels: list[str],
    judge: str | None = None,
    kind: str | None = None,
    unit: str | None = None,
    after: tuple[datetime, Any] | None = None,
    limit: int,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Open deadlines due before `until` (overdue ones included), soonest first or
    (`reverse`) latest first (then by id: a total order, for keyset pages after `after`),
    with their case's judge-rapporteur, kind and court; only of items of the
    confidentiality levels given. The unit is the rule set's
    line of work, the first part of the rule id (cassation, legacy, extradition,
    international, applications...)."""
    keys = Keyset("d.due_at, d.deadline_id", descending=reverse)
    clauses = [
        sql.SQL("d.status = 'open' and d.due_at < %(until)s"),
        sql.SQL("{} = any(%(levels)s)").format(level_of_subject(schema, "d")),
    ]
    if judge is not None:
        clauses.append(sql.SQL("c.judge_rapporteur = %(judge)s"))
    if kind is not None:
        clauses.append(sql.SQL("c.kind = %(kind)s"))
    if unit is not None:
        clauses.append(sql.SQL("split_part(d.rule_id, '.', 1) = %(unit)s"))
    if after is not None:
        clauses.append(keys.after("%(a_due)s, %(a_id)s"))
    a_due, a_id = after or (None, None)
    select = sql.SQL(
        "select d.*, split_part(d.rule_id, '.', 1) as unit, c.judge_rapporteur, c.kind, c.court, "
        "c.registration_number from {} d left join {} c on c.case_id = " + case_id_of_subject("d")
    ).format(sql.Identifier(schema, NAME), sql.Identifier(schema, "case_register"))
    return keys.page(conn, select, clauses, {
        "until": until, "levels": levels, "judge": judge, "kind": kind, "unit": unit, "limit": limit,
        "a_due": a_due, "a_id": a_id,
    })  # fmt: skip

"""Where projections keep their Kafka offsets: in the same database and transaction
as the rows those offsets produced, so a crash can never apply a message twice."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
from psycopg import Connection, Cursor, sql
from psycopg.rows import tuple_row

POSITIONS_DDL = """
create table if not exists {schema}.projection_offsets (
    projection    text not null,
    topic         text not null,
    partition     integer not null,
    next_offset   bigint not null,
    log_position  bigint not null,
    updated_at    timestamptz not null default now(),
    primary key (projection, topic, partition)
)
"""


# Workers send a batch's statements in one pipeline and read no result in between, so a
# statement that must change exactly one row checks that in the database: a register
# that has got out of step with the log then stops the batch (and the worker) there.
EXPECT_ONE_DDL = """
create or replace function {schema}.expect_one_row(changed bigint, problem text) returns void
language plpgsql as $$
begin
    if changed <> 1 then
        raise exception 'register out of step with the log: %', problem using errcode = 'P0001';
    end if;
end $$
"""


# A row's confidentiality level, as api.access names levels, for registers that keep a
# flag instead (applications, foreign requests, receptions).
LEVEL_OF_FLAG = "case when confidential then 'confidential' else 'public' end"


def _uuid_of_subject(alias: str) -> str:
    return (
        f"case when {alias}.subject ~ '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}"
        f"-[0-9a-f]{{12}}$' then {alias}.subject::uuid end"
    )


def case_id_of_subject(alias: str) -> str:
    """`<alias>.subject` as a case id where it is one (a uuid), else null: not every subject
    is a case (a court's roster, a foreign request), and comparing as uuid (not
    case_id::text) lets the case register's key be used. Braces doubled: it goes into a
    psycopg sql.SQL template."""
    return _uuid_of_subject(alias).replace("{", "{{").replace("}", "}}")


def level_of_subject(schema: str, alias: str) -> sql.Composed:
    """Which register keeps the item `<alias>.subject` names, and at which confidentiality
    level, as "register/level": case/..., request/... (a foreign request), application/...,
    reception/..., or none/public for a subject no register keeps (a court's roster).
    Deadlines name any of these; clearance differs by register (api.access)."""
    subject_id = sql.SQL(_uuid_of_subject(alias))
    flagged = "(select '{}/' || " + LEVEL_OF_FLAG + " from {} where {} = {id})"
    return sql.SQL(
        "coalesce((select 'case/' || confidentiality from {} where case_id = {id}), "
        + ", ".join([flagged] * 3)
        + ", 'none/public')"
    ).format(
        sql.Identifier(schema, "case_register"),
        sql.SQL("request"), sql.Identifier(schema, "foreign_requests"), sql.Identifier("request_id"),
        sql.SQL("application"), sql.Identifier(schema, "applications_register"), sql.Identifier("application_id"),
        sql.SQL("reception"), sql.Identifier(schema, "receptions_register"), sql.Identifier("reception_id"),
        id=subject_id,
    )  # fmt: skip


def subject_level(conn: Connection, schema: str, subject: str) -> str:
    """Where one subject is kept and at which level (see level_of_subject)."""
    query = sql.SQL("select {} as level from (select %s::text as subject) s").format(level_of_subject(schema, "s"))
    return conn.execute(query, (subject,)).fetchone()["level"]


@dataclass(frozen=True)
class Keyset:
    """A keyset page on `columns` ("a, b, c": a total order), ascending or descending on
    every column together, so that one index on them serves both ways."""

    columns: str
    descending: bool = False

    @property
    def order(self) -> sql.SQL:
        """The ORDER BY list."""
        direction = " desc" if self.descending else ""
        return sql.SQL(", ".join(column.strip() + direction for column in self.columns.split(",")))

    def after(self, values: str) -> sql.SQL:
        """The condition for the rows that come after a row whose keys are `values` (placeholders)."""
        return sql.SQL(f"({self.columns}) {'<' if self.descending else '>'} ({values})")

    def page(
        self, conn: Connection, select: sql.Composable, conditions: list[sql.Composable], params: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """The rows of `select` (a query up to its FROM clause) that meet every condition,
        in this order, at most `params["limit"]` of them."""
        where = sql.SQL(" and ").join(conditions) if conditions else sql.SQL("true")
        query = sql.SQL("{} where {} order by {} limit %(limit)s").format(select, where, self.order)
        return conn.execute(query, params).fetchall()


def event_name(kind: str, prefix: str) -> str | None:
    """An event type's name within its context's prefix, without its version ("file-handed-over"
    of "kz.sotflow.archive.file-handed-over.v1"); None for an event of another prefix."""
    return kind.removeprefix(prefix).rsplit(".v", 1)[0] if kind.startswith(prefix) else None


def json_text(value: Any) -> str:
    """A json or jsonb parameter's text, written by orjson (in C: the standard library's
    encoder was a few per cent of a rebuild). PostgreSQL stores the same jsonb either way."""
    return orjson.dumps(value).decode()


def create_position_table(conn: Connection, schema: str) -> None:
    conn.execute(sql.SQL(POSITIONS_DDL).format(schema=sql.Identifier(schema)))
    conn.execute(sql.SQL(EXPECT_ONE_DDL).format(schema=sql.Identifier(schema)))


def execute_expecting_one_row(cur: Cursor, schema: str, statement: str, params: dict[str, Any], problem: str) -> None:
    """Run an insert or update (without a RETURNING clause) that must change exactly one row."""
    cur.execute(_expecting_one_row_sql(schema, statement), params | {"problem_": problem})


@lru_cache(maxsize=512)
def _expecting_one_row_sql(schema: str, statement: str) -> str:
    return (
        sql.SQL(
            "with changed as ({} returning 1) select {}.expect_one_row((select count(*) from changed), %(problem_)s)"
        )
        .format(sql.SQL(statement), sql.Identifier(schema))
        .as_string()
    )


def stored_offsets(conn: Connection, schema: str, projection: str) -> dict[tuple[str, int], int]:
    rows = conn.execute(
        sql.SQL("select topic, partition, next_offset from {} where projection = %s").format(
            sql.Identifier(schema, "projection_offsets")
        ),
        (projection,),
    ).fetchall()
    return {(r["topic"], r["partition"]): r["next_offset"] for r in rows}


def lock_offset(cur: Cursor, schema: str, projection: str, topic: str, partition: int) -> int:
    """The next offset to apply for one partition, row-locked for this transaction.

    The lock makes a second worker on the same partition wait, then see the
    advanced offset and skip what the first one already applied.
    """
    table = sql.Identifier(schema, "projection_offsets")
    cur.execute(
        sql.SQL(
            "insert into {} (projection, topic, partition, next_offset, log_position) "
            "values (%s, %s, %s, 0, 0) on conflict do nothing"
        ).format(table),
        (projection, topic, partition),
    )
    cur.execute(
        sql.SQL("select next_offset from {} where projection = %s and topic = %s and partition = %s for update").format(
            table
        ),
        (projection, topic, partition),
    )
    return cur.fetchone()["next_offset"]


def advance_offset(
    cur: Cursor, schema: str, projection: str, topic: str, partition: int, next_offset: int, log_position: int
) -> None:
    cur.execute(
        sql.SQL(
            "update {} set next_offset = %s, log_position = greatest(log_position, %s), updated_at = now() "
            "where projection = %s and topic = %s and partition = %s"
        ).format(sql.Identifier(schema, "projection_offsets")),
        (next_offset, log_position, projection, topic, partition),
    )


def set_offset(
    cur: Cursor, schema: str, projection: str, topic: str, partition: int, next_offset: int, log_position: int
) -> None:
    """Record a partition's next offset whether or not a row for it exists yet (a rebuild starts with none)."""
    cur.execute(
        sql.SQL(
            "insert into {} (projection, topic, partition, next_offset, log_position) values (%s, %s, %s, %s, %s) "
            "on conflict (projection, topic, partition) do update set next_offset = excluded.next_offset, "
            "log_position = greatest({}.log_position, excluded.log_position), updated_at = now()"
        ).format(sql.Identifier(schema, "projection_offsets"), sql.Identifier("projection_offsets")),
        (projection, topic, partition, next_offset, log_position),
    )


def trigram_schema(conn: Connection) -> str:
    """The schema of pg_trgm's operator classes, creating the extension first where it is
    missing (Debian's postgresql ships it in contrib; it is trusted, so the database's
    owner may create it). Migrations run one at a time (sotflow.db), so no two create it at once."""
    query = "select extnamespace::regnamespace::text from pg_extension where extname = 'pg_trgm'"
    cur = conn.cursor(row_factory=tuple_row)
    found = cur.execute(query).fetchone()
    if found is None:
        cur.execute("create extension if not exists pg_trgm")
        found = cur.execute(query).fetchone()
    return found[0]


def recordset(types: tuple[tuple[str, str], ...]) -> sql.Composed:
    """`json_to_recordset(%s::json) as r(name type, ...)`: a batch's rows as one JSON
    document, which orjson writes and PostgreSQL reads, both in C (a statement per row
    cost more in both processes than the rows themselves)."""
    return sql.SQL("json_to_recordset(%s::json) as r({})").format(
        sql.SQL(", ").join(sql.SQL(f"{{}} {kind}").format(sql.Identifier(name)) for name, kind in types)
    )


def rows_json(rows: list[dict[str, Any]]) -> str:
    return orjson.dumps(rows).decode()


@lru_cache(maxsize=256)
def update_rows_sql(
    schema: str,
    table: str,
    keys: tuple[str, ...],
    types: tuple[tuple[str, str], ...],
    *,
    checked: bool,
    added: tuple[str, ...] = (),
) -> str:
    """Sets the columns of `types` other than `keys` on each row a batch names by its keys
    (those in `added`: adds to them); `checked`: and fails unless every row named was
    there, in a statement that answers nothing, so a worker's pipeline need not wait (see
    EXPECT_ONE_DDL)."""
    names = [name for name, _ in types if name not in keys]
    update = sql.SQL("update {} t set {} from {} where {}").format(
        sql.Identifier(schema, table),
        sql.SQL(", ").join(
            sql.SQL("{n} = t.{n} + r.{n}" if n in added else "{n} = r.{n}").format(n=sql.Identifier(n)) for n in names
        ),
        recordset(types),
        sql.SQL(" and ").join(sql.SQL("t.{} = r.{}").format(sql.Identifier(k), sql.Identifier(k)) for k in keys),
    )
    if not checked:
        return update.as_string()
    return (
        sql.SQL(
            "with changed as ({} returning 1) select {}.expect_one_row(((select count(*) from changed) = %s)::int, %s)"
        )
        .format(update, sql.Identifier(schema))
        .as_string()
    )


def update_rows(
    cur: Cursor,
    schema: str,
    table: str,
    keys: tuple[str, ...],
    types: dict[str, str],
    rows: list[dict],
    *,
    missing: str | None = None,
    added: tuple[str, ...] = (),
) -> None:
    """Update rows found by their keys (at most one row per key in `rows`: fold a batch
    first), each with its own set of columns (rows of one set go in one statement); the
    columns in `added` are added to, not set. With `missing` (why a row not found is an
    error), every row must exist; without, a row not found is left alone, as `update ...
    where key = ...` would."""
    shapes: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        shapes.setdefault(tuple(sorted(row)), []).append(row)
    for shape, same in shapes.items():
        types_of = tuple((name, types[name]) for name in shape)
        statement = update_rows_sql(
            schema, table, keys, types_of, checked=missing is not None, added=tuple(a for a in added if a in shape)
        )
        params = (rows_json(same),) if missing is None else (rows_json(same), len(same), missing)
        cur.execute(statement, params)


@lru_cache(maxsize=256)
def insert_rows_sql(schema: str, table: str, types: tuple[tuple[str, str], ...], suffix: str = "") -> str:
    """Inserts a batch's rows (all with the columns of `types`) in one statement; `suffix`:
    an ON CONFLICT clause, if any (the table's alias is t)."""
    names = sql.SQL(", ").join(sql.Identifier(name) for name, _ in types)
    return (
        sql.SQL("insert into {} as t ({}) select {} from {} " + suffix)
        .format(sql.Identifier(schema, table), names, names, recordset(types))
        .as_string()
    )

"""Where projections keep their Kafka offsets: in the same database and transaction
as the rows those offsets produced, so a crash can never apply a message twice."""

from __future__ import annotations

from psycopg import Connection, Cursor, sql

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


def create_position_table(conn: Connection, schema: str) -> None:
    conn.execute(sql.SQL(POSITIONS_DDL).format(schema=sql.Identifier(schema)))


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

"""The ledger's state in PostgreSQL: each context's tree, its leaves, the Kafka offsets
they came from and the checkpoints signed, all advanced in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from psycopg import Connection, Cursor, sql

from audit.merkle import HASH_SIZE, CompactTree
from projections.store import Keyset

DDL = """
create table if not exists {schema}.audit_ledger (
    context          text primary key,
    tree_size        bigint not null,
    frontier         bytea not null,
    last_position    bigint not null,
    last_event_day   date,
    checkpoint_size  bigint not null,
    checkpoint_at    timestamptz
);
create table if not exists {schema}.audit_leaves (
    context       text not null,
    leaf_index    bigint not null,
    leaf_hash     bytea not null,
    log_position  bigint not null,
    event_id      text not null,
    primary key (context, leaf_index),
    unique (context, event_id)
);
create table if not exists {schema}.audit_offsets (
    topic        text not null,
    partition    integer not null,
    next_offset  bigint not null,
    primary key (topic, partition)
);
create table if not exists {schema}.audit_checkpoints (
    context    text not null,
    tree_size  bigint not null,
    root       bytea not null,
    note       text not null,
    cause      text not null,
    signed_at  timestamptz not null,
    published  boolean not null default false,
    primary key (context, tree_size)
);
"""


def create_tables(conn: Connection, schema: str) -> None:
    conn.execute(sql.SQL(DDL).format(schema=sql.Identifier(schema)))


@dataclass
class LedgerState:
    context: str
    tree: CompactTree
    last_position: int
    last_event_day: date | None
    checkpoint_size: int
    checkpoint_at: datetime | None


def checkpoint_lag(conn, schema: str) -> list[tuple[str, int, float | None]]:
    """(context, leaves appended since its latest signed checkpoint, that checkpoint's age in
    seconds or None before the first), for the metrics; read without locking the ledger."""
    rows = conn.execute(
        sql.SQL(
            "select context, tree_size - checkpoint_size as unsigned, "
            "extract(epoch from now() - checkpoint_at)::float8 as age from {} order by context"
        ).format(sql.Identifier(schema, "audit_ledger"))
    ).fetchall()
    return [(row["context"], row["unsigned"], row["age"]) for row in rows]


def lock_state(cur: Cursor, schema: str, context: str) -> LedgerState:
    """The context's tree, row-locked for this transaction (a second ledger waits)."""
    table = sql.Identifier(schema, "audit_ledger")
    cur.execute(
        sql.SQL(
            "insert into {} (context, tree_size, frontier, last_position, checkpoint_size) "
            "values (%s, 0, ''::bytea, 0, 0) on conflict do nothing"
        ).format(table),
        (context,),
    )
    row = cur.execute(sql.SQL("select * from {} where context = %s for update").format(table), (context,)).fetchone()
    frontier = bytes(row["frontier"])
    hashes = [frontier[i : i + HASH_SIZE] for i in range(0, len(frontier), HASH_SIZE)]
    return LedgerState(
        context=context,
        tree=CompactTree(row["tree_size"], hashes),
        last_position=row["last_position"],
        last_event_day=row["last_event_day"],
        checkpoint_size=row["checkpoint_size"],
        checkpoint_at=row["checkpoint_at"],
    )


def save_state(cur: Cursor, schema: str, state: LedgerState) -> None:
    cur.execute(
        sql.SQL(
            "update {} set tree_size = %s, frontier = %s, last_position = %s, last_event_day = %s, "
            "checkpoint_size = %s, checkpoint_at = %s where context = %s"
        ).format(sql.Identifier(schema, "audit_ledger")),
        (
            state.tree.size,
            b"".join(state.tree.frontier),
            state.last_position,
            state.last_event_day,
            state.checkpoint_size,
            state.checkpoint_at,
            state.context,
        ),
    )


def insert_leaves(cur: Cursor, schema: str, context: str, rows: list[tuple[int, bytes, int, str]]) -> None:
    """(leaf index, leaf hash, log position, event id) rows."""
    if not rows:
        return
    with cur.copy(
        sql.SQL("copy {} (context, leaf_index, leaf_hash, log_position, event_id) from stdin").format(
            sql.Identifier(schema, "audit_leaves")
        )
    ) as copy:
        for index, leaf, position, event_id in rows:
            copy.write_row((context, index, leaf, position, event_id))


def known_event(cur: Cursor, schema: str, context: str, event_id: str) -> bool:
    cur.execute(
        sql.SQL("select 1 from {} where context = %s and event_id = %s").format(sql.Identifier(schema, "audit_leaves")),
        (context, event_id),
    )
    return cur.fetchone() is not None


def stored_offsets(conn: Connection, schema: str) -> dict[tuple[str, int], int]:
    rows = conn.execute(
        sql.SQL("select topic, partition, next_offset from {}").format(sql.Identifier(schema, "audit_offsets"))
    ).fetchall()
    return {(r["topic"], r["partition"]): r["next_offset"] for r in rows}


def save_offsets(cur: Cursor, schema: str, offsets: dict[tuple[str, int], int]) -> None:
    for (topic, partition), next_offset in offsets.items():
        cur.execute(
            sql.SQL(
                "insert into {} (topic, partition, next_offset) values (%s, %s, %s) "
                "on conflict (topic, partition) do update set next_offset = excluded.next_offset"
            ).format(sql.Identifier(schema, "audit_offsets")),
            (topic, partition, next_offset),
        )


def insert_checkpoint(
    cur: Cursor, schema: str, context: str, size: int, root: bytes, note: str, cause: str, signed_at: datetime
) -> None:
    cur.execute(
        sql.SQL(
            "insert into {} (context, tree_size, root, note, cause, signed_at) values (%s, %s, %s, %s, %s, %s)"
        ).format(sql.Identifier(schema, "audit_checkpoints")),
        (context, size, root, note, cause, signed_at),
    )


def unpublished_checkpoints(conn: Connection, schema: str) -> list[dict]:
    return conn.execute(
        sql.SQL("select * from {} where not published order by context, tree_size").format(
            sql.Identifier(schema, "audit_checkpoints")
        )
    ).fetchall()


def published_size_before(conn: Connection, schema: str, context: str, size: int) -> int:
    row = conn.execute(
        sql.SQL("select max(tree_size) as s from {} where context = %s and published and tree_size < %s").format(
            sql.Identifier(schema, "audit_checkpoints")
        ),
        (context, size),
    ).fetchone()
    return row["s"] or 0


def published_sizes(conn: Connection, schema: str) -> dict[str, int]:
    """Each context's latest published checkpoint size."""
    rows = conn.execute(
        sql.SQL("select context, max(tree_size) as s from {} where published group by context").format(
            sql.Identifier(schema, "audit_checkpoints")
        )
    ).fetchall()
    return {r["context"]: r["s"] for r in rows}


def mark_published(conn: Connection, schema: str, context: str, size: int) -> None:
    conn.execute(
        sql.SQL("update {} set published = true where context = %s and tree_size = %s").format(
            sql.Identifier(schema, "audit_checkpoints")
        ),
        (context, size),
    )


def leaf_hashes(conn: Connection, schema: str, context: str, start: int, stop: int) -> list[bytes]:
    rows = conn.execute(
        sql.SQL(
            "select leaf_hash from {} where context = %s and leaf_index >= %s and leaf_index < %s order by leaf_index"
        ).format(sql.Identifier(schema, "audit_leaves")),
        (context, start, stop),
    ).fetchall()
    return [bytes(r["leaf_hash"]) for r in rows]


def leaf_of_event(conn: Connection, schema: str, context: str, event_id: str) -> dict | None:
    return conn.execute(
        sql.SQL("select * from {} where context = %s and event_id = %s").format(sql.Identifier(schema, "audit_leaves")),
        (context, event_id),
    ).fetchone()


def checkpoints(
    conn: Connection,
    schema: str,
    context: str,
    *,
    published_only: bool = True,
    after: int | None = None,
    limit: int | None = None,
    reverse: bool = False,
) -> list[dict]:
    """The context's checkpoints, smallest tree first or (`reverse`) largest first: those
    beyond `after`, at most `limit`."""
    keys = Keyset("tree_size", descending=reverse)
    conditions, params = [sql.SQL("context = %s")], [context]
    if published_only:
        conditions.append(sql.SQL("published"))
    if after is not None:
        conditions.append(keys.after("%s"))
        params.append(after)
    return conn.execute(
        sql.SQL("select * from {} where {} order by {} limit %s").format(
            sql.Identifier(schema, "audit_checkpoints"), sql.SQL(" and ").join(conditions), keys.order
        ),
        (*params, limit),
    ).fetchall()

"""PostgreSQL connection pool and schema set-up for everything outside the event store tables."""

from __future__ import annotations

import orjson
import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import set_json_loads
from psycopg_pool import ConnectionPool

from sotflow.settings import Settings

# Serialises concurrent migrations (API, relay and consumers may start together).
MIGRATION_LOCK_KEY = 0x50_7F_10_01


def _configure(conn: psycopg.Connection) -> None:
    # json and jsonb columns decoded in C: with the standard library's decoder, reading the
    # registers' JSON documents cost more than their queries.
    set_json_loads(orjson.loads, conn)


def create_pool(settings: Settings, *, min_size: int = 1, max_size: int | None = None) -> ConnectionPool:
    return ConnectionPool(
        settings.pg_conninfo,
        min_size=min_size,
        max_size=max_size or settings.pg_pool_size,
        kwargs={"row_factory": dict_row, "autocommit": False},
        configure=_configure,
        open=True,
        name="sotflow",
        # Fail a request after 5 s without a connection (answered 503), not 30 s.
        timeout=5.0,
    )


IDENTITY_DDL = """
create table if not exists {schema}.users (
    id          text primary key,
    name        text not null unique,
    role        text not null,
    token_hash  text not null unique,
    active      boolean not null default true,
    created_at  timestamptz not null default now()
);
alter table {schema}.users add column if not exists judge_court text;
alter table {schema}.users add column if not exists judge_id text;
create table if not exists {schema}.user_changes (
    seq         bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    user_id     text not null references {schema}.users (id),
    change      text not null,
    detail      text not null default '',
    changed_by  text not null default ''
)
"""


def migrate(settings: Settings) -> None:
    """Create sotflow's schemas and tables; safe to run any number of times."""
    from audit.store import create_tables as create_audit_tables
    from consumers.waiting_cases import create_table as create_waiting_cases_table
    from contexts.bootstrap_tables import create_event_tables
    from projections import parked_records
    from projections.registry import ALL_PROJECTIONS
    from projections.store import create_position_table

    with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        try:
            for schema in (settings.db_schema, settings.projection_schema):
                conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))
            conn.execute(sql.SQL(IDENTITY_DDL).format(schema=sql.Identifier(settings.db_schema)))
            create_position_table(conn, settings.projection_schema)
            parked_records.create_table(conn, settings.projection_schema)
            for projection in ALL_PROJECTIONS:
                projection.create_tables(conn, settings.projection_schema)
            create_event_tables(settings)
            create_audit_tables(conn, settings.db_schema)
            create_waiting_cases_table(conn, settings.db_schema)
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))


def drop_schemas(settings: Settings) -> None:
    """Remove a deployment's schemas entirely (used by tests for their scratch schemas)."""
    with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
        for schema in {settings.db_schema, settings.projection_schema}:
            conn.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema)))

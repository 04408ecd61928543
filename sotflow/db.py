"""Schema set-up for everything outside the event store tables (`sotflow db migrate`)."""

from __future__ import annotations

import psycopg
from psycopg import sql

from sotflow.postgres import MIGRATION_LOCK_KEY
from sotflow.settings import Settings

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
    from projections import parked_records
    from projections.registry import ALL_PROJECTIONS
    from projections.store import create_position_table
    from sotflow.eventstore import create_event_tables

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

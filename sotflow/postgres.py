"""PostgreSQL connections: the pool every process reads and writes through, and the keys of
the advisory locks that keep one relay, one ledger and one migration at a time."""

from __future__ import annotations

import zlib

import orjson
import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import set_json_loads
from psycopg_pool import ConnectionPool

from sotflow.settings import Settings

# Serialises concurrent migrations (API, relay and consumers may start together).
MIGRATION_LOCK_KEY = 0x50_7F_10_01


def hash_lock_key(name: str) -> int:
    """A stable 31-bit key for pg advisory locks (Python's hash() is salted per process)."""
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


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

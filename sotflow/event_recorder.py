"""The event store's recorder: the eventsourcing library's, saving in one round trip.

The library's own save sends a pipeline (begin, lock the table, notify, insert), waits for
it, then commits: two round trips, both inside the table lock and, for a registration,
inside the court's journal lock too, so on a busy machine they set the rate of every save.
Its optional database function does it in one, but takes no table lock (notification ids
would then not be in commit order, and the relay, which follows them, could pass over an
event committed late) and shares one function name among every table of a schema. This
function is per table and takes the lock: one statement in autocommit, its own
transaction, the lock held until it commits, exactly as before.

Its NOTIFY, which wakes the relay (relay/wakeups.py), names the schema in its channel: the
library's channel is the table's name alone, shared by every deployment in the database
(tests, benchmarks, a staging copy), each of whose saves would wake every relay there.

The library's pre-ping (POSTGRES_PRE_PING) costs a round trip more for every statement.
Here a connection is pinged only when it has not been handed out for a second: one that
was, was in use then. A server that went away in that second fails the statement, which
the library retries on another connection (its `retry` on OperationalError).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Sequence
from typing import Any

import psycopg.errors
import structlog
from eventsourcing.persistence import InterfaceError, OperationalError, ProgrammingError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry
from psycopg import Connection
from psycopg.sql import SQL, Identifier
from psycopg_pool import ConnectionPool

IDLE_BEFORE_PING = 1.0  # seconds

log = structlog.get_logger(__name__)


def ping_if_idle() -> Any:
    """A pool's check that pings only connections not handed out for IDLE_BEFORE_PING."""
    handed_out: weakref.WeakKeyDictionary[Connection, float] = weakref.WeakKeyDictionary()

    def check(conn: Connection) -> None:
        now = time.monotonic()
        if now - handed_out.get(conn, float("-inf")) > IDLE_BEFORE_PING:
            ConnectionPool.check_connection(conn)
        handed_out[conn] = now

    return check


class OneTripRecorder(PostgresApplicationRecorder):
    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        # Also the channel of the library's own save (its fallback below), read when it notifies.
        self.channel_name = f"{self.datastore.schema}_{events_table_name}".replace(".", "_")
        if datastore.pre_ping:
            # psycopg_pool takes its check only when built, and the library builds it.
            datastore.pool._check = ping_if_idle()  # noqa: SLF001
        schema = Identifier(self.datastore.schema)
        self.insert_function = f"sotflow_insert_{events_table_name}"
        function = Identifier(self.insert_function)
        self.sql_create_statements.append(
            SQL(
                "CREATE OR REPLACE FUNCTION {schema}.{function}(events {schema}.{event}[]) "
                "RETURNS SETOF bigint LANGUAGE plpgsql AS $BODY$ "
                "BEGIN "
                "SET LOCAL lock_timeout = '{lock_timeout}s'; "
                "LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE; "
                "NOTIFY {channel}; "
                "RETURN QUERY INSERT INTO {schema}.{table} AS t "
                "(originator_id, originator_version, topic, state) "
                "SELECT originator_id, originator_version, topic, state FROM unnest(events) "
                "RETURNING notification_id; "
                "END; $BODY$"
            ).format(
                schema=schema,
                function=function,
                event=Identifier(self.stored_event_type_name),
                lock_timeout=self.datastore.lock_timeout,
                table=Identifier(self.events_table_name),
                channel=Identifier(self.channel_name),
            )
        )
        self.insert_statement = SQL("SELECT * FROM {schema}.{function}(%s)").format(schema=schema, function=function)
        self.function_missing = False

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        if not self.function_missing:
            try:
                return self._insert_in_one_trip(stored_events)
            except ProgrammingError as exc:
                # A database not migrated since: the library's own save (two round trips) until
                # the process is started again after `sotflow db migrate`.
                if not isinstance(exc.__cause__, psycopg.errors.UndefinedFunction):
                    raise
                self.function_missing = True
                log.warning("event_store.insert_function_missing", table=self.events_table_name,
                            hint="run `sotflow db migrate`")  # fmt: skip
        return super().insert_events(stored_events, **kwargs)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def _insert_in_one_trip(self, stored_events: Sequence[StoredEvent]) -> Sequence[int]:
        if not stored_events:
            return []
        rows = [
            self.construct_pg_stored_event(e.originator_id, e.originator_version, e.topic, e.state)
            for e in stored_events
        ]
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.insert_statement, (rows,), prepare=True)
            return [row[self.insert_function] for row in curs.fetchall()]

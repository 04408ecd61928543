"""The distributor's waiting cases: registered cases whose court cannot distribute yet.

Kept in PostgreSQL (the event store's schema, beside the other processes' own
bookkeeping), written before the Kafka offset moves past the registration event, so a
distributor killed at any point finds them again. Each row keeps what the draw needs
(court, specialisation, procedure, the registration event's id, which seeds it) and the
registry log position, which orders a court's cases as they were registered.

A court's rows are changed under a transaction-scoped advisory lock on the court:
the distributor's reading of the log, its retries and a second distributor process
then never interleave one court's distributions, so a court's order holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg import Connection, sql
from psycopg_pool import ConnectionPool

from projections.store import Keyset

TABLE = "distribution_waiting"
# First key of the two-key advisory lock ("DW"); the second is a hash of schema and court.
COURT_LOCK_CLASS = 0x4457

DDL = """
create table if not exists {table} (
    case_id                text primary key,
    court                  text not null,
    log_position           bigint not null,
    registration_event_id  text not null,
    specialisation         text not null,
    procedure              text not null,
    registered_at          timestamptz,
    waiting_since          timestamptz not null default now(),
    reason_code            text not null,
    reason                 text not null,
    last_attempt_at        timestamptz not null default now(),
    attempts               integer not null default 1
);
create index if not exists {index} on {table} (court, log_position)
"""


@dataclass(frozen=True)
class WaitingCase:
    case_id: str
    court: str
    log_position: int
    registration_event_id: str
    specialisation: str
    procedure: str
    registered_at: datetime | None


def create_table(conn: Connection, schema: str) -> None:
    conn.execute(sql.SQL(DDL).format(table=sql.Identifier(schema, TABLE), index=sql.Identifier(f"{TABLE}_court_order")))


class CourtQueue:
    """One court's waiting cases, inside a transaction that holds the court's lock."""

    def __init__(self, conn: Connection, schema: str, court: str) -> None:
        self.conn = conn
        self.table = sql.Identifier(schema, TABLE)
        self.court = court

    def first(self) -> WaitingCase | None:
        """The court's earliest registered waiting case, the next to be distributed."""
        row = self.conn.execute(
            sql.SQL(
                "select case_id, court, log_position, registration_event_id, specialisation, procedure, "
                "registered_at from {} where court = %s order by log_position limit 1"
            ).format(self.table),
            (self.court,),
        ).fetchone()
        return None if row is None else WaitingCase(**row)

    def blocking_reason(self) -> tuple[str, str] | None:
        """(code, text) of why the court's first waiting case waits; None if none waits."""
        row = self.conn.execute(
            sql.SQL("select reason_code, reason from {} where court = %s order by log_position limit 1").format(
                self.table
            ),
            (self.court,),
        ).fetchone()
        return None if row is None else (row["reason_code"], row["reason"])

    def add(self, case: WaitingCase, reason_code: str, reason: str) -> bool:
        """False if the case was waiting already (its event read again after a restart)."""
        added = self.conn.execute(
            sql.SQL(
                "insert into {} (case_id, court, log_position, registration_event_id, specialisation, procedure, "
                "registered_at, reason_code, reason) values (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "on conflict (case_id) do nothing"
            ).format(self.table),
            (
                case.case_id,
                case.court,
                case.log_position,
                case.registration_event_id,
                case.specialisation,
                case.procedure,
                case.registered_at,
                reason_code,
                reason,
            ),  # fmt: skip
        )
        return added.rowcount == 1

    def remove(self, case_id: str) -> bool:
        """False if the case was not waiting."""
        removed = self.conn.execute(
            sql.SQL("delete from {} where case_id = %s and court = %s").format(self.table), (case_id, self.court)
        )
        return removed.rowcount == 1

    def still_waiting(self, reason_code: str, reason: str) -> None:
        """A retry found the court still unable to distribute: every case of it waits for that reason."""
        self.conn.execute(
            sql.SQL(
                "update {} set reason_code = %s, reason = %s, last_attempt_at = now(), attempts = attempts + 1 "
                "where court = %s"
            ).format(self.table),
            (reason_code, reason, self.court),
        )


@contextmanager
def court_queue(pool: ConnectionPool, schema: str, court: str) -> Iterator[CourtQueue]:
    """The court's queue in one transaction under the court's lock; committed on leaving."""
    with pool.connection() as conn, conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s, hashtext(%s))", (COURT_LOCK_CLASS, f"{schema}\n{court}"))
        yield CourtQueue(conn, schema, court)


def courts_waiting(pool: ConnectionPool, schema: str) -> list[str]:
    with pool.connection() as conn:
        rows = conn.execute(
            sql.SQL("select distinct court from {} order by court").format(sql.Identifier(schema, TABLE))
        ).fetchall()
    return [row["court"] for row in rows]


def waiting_by_court(pool: ConnectionPool, schema: str) -> list[tuple[str, int, float]]:
    """(court, cases waiting, seconds its longest-waiting case has waited), for the metrics."""
    with pool.connection() as conn:
        rows = conn.execute(
            sql.SQL(
                "select court, count(*) as waiting, extract(epoch from now() - min(waiting_since))::float8 as oldest "
                "from {} group by court order by court"
            ).format(sql.Identifier(schema, TABLE))
        ).fetchall()
    return [(row["court"], row["waiting"], row["oldest"]) for row in rows]


def page(
    conn: Connection, schema: str, *, court: str | None, after: int | None, limit: int, reverse: bool = False
) -> list[dict[str, Any]]:
    """Waiting cases in registration order (log position), or (`reverse`) the latest first,
    with each one's place in its court's queue."""
    keys = Keyset("log_position", descending=reverse)
    clauses = []
    if court is not None:
        clauses.append(sql.SQL("court = %(court)s"))
    if after is not None:
        clauses.append(keys.after("%(after)s"))
    ranked = sql.SQL(
        "select * from (select *, row_number() over (partition by court order by log_position) "
        "as place_in_court_queue from {}) w"
    ).format(sql.Identifier(schema, TABLE))
    return keys.page(conn, ranked, clauses, {"court": court, "after": after, "limit": limit})

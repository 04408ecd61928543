"""Which failures to apply a record are the record's own, and what a consumer does with
such a record: parks it, so that one bad record on the log (kept there forever) cannot
stop a projection for good.

A failure is the record's own when applying the same record again must fail again:
PostgreSQL refused its data (SQLSTATE class 22, data exception: a time zone offset
beyond ±15:59, a NUL byte in text, a number out of range) or a constraint (class 23),
a register out of step with it (P0001, raised by store.expect_one_row), or the
projection's own reading of it (undecodable, or a value of the wrong shape). Anything
else (the connection lost, PostgreSQL restarting, a pool timeout, a serialization
failure or deadlock, Kafka unreachable) may pass: the worker retries with back-off and
never parks for it.
"""

from __future__ import annotations

import psycopg
import structlog

from consumers.dead_letters import DeadLetters
from contract.envelope import UndecodableMessageError
from projections import parked_records

log = structlog.get_logger("consumer")

# SQLSTATE classes (and single codes) that say "this data, whenever it is applied".
RECORD_SQLSTATE_CLASSES = ("22", "23")
RECORD_SQLSTATES = ("P0001",)
# Python errors a projection raises while reading an envelope of an unexpected shape.
RECORD_PYTHON_ERRORS = (UndecodableMessageError, ValueError, TypeError, KeyError, IndexError, ArithmeticError)


def is_records_fault(exc: BaseException) -> bool:
    """True when applying the same record again would fail the same way."""
    if isinstance(exc, psycopg.Error):
        # psycopg raises DataError itself for what it cannot send (a NUL byte in text),
        # with no SQLSTATE; the server's refusals carry one.
        state = exc.sqlstate
        if state is None:
            return isinstance(exc, psycopg.DataError | psycopg.IntegrityError)
        return state[:2] in RECORD_SQLSTATE_CLASSES or state in RECORD_SQLSTATES
    return isinstance(exc, RECORD_PYTHON_ERRORS)


class Parking:
    """Parks records for one consumer: an unchanged copy on the dead-letter topic (acknowledged
    before the offset may move past it) and a row in `parked_records`, written with `cur`
    in the transaction that advances the offset."""

    def __init__(self, dead_letters: DeadLetters, consumer: str, schema: str) -> None:
        self.dead_letters = dead_letters
        self.consumer = consumer
        self.schema = schema
        self.count = 0

    def park(self, cur, record, envelope: dict | None, error: BaseException) -> None:
        envelope = envelope if isinstance(envelope, dict) else None
        reason = f"{type(error).__name__}: {error}"
        self.dead_letters.put(record, reason, envelope=envelope)
        parked_records.record(cur, self.schema, self.consumer, record, envelope, error)
        self.count += 1
        log.error(
            "consumer.parked",
            consumer=self.consumer,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            event_id=(envelope or {}).get("id"),
            event_type=(envelope or {}).get("type"),
            logposition=(envelope or {}).get("logposition"),
            error_class=type(error).__name__,
            error=str(error),
        )

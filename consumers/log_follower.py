"""A consumer that turns events of the log into commands of another context.

Shared by the distributor and the load releaser: each reads its topics in its own
consumer group, handles every event in order, and commits the event's offset only
once it is dealt with. Handlers are idempotent (a command already carried out is
skipped), so at-least-once delivery gives exactly-once effects. A handler that
cannot act yet answers False: the follower waits and comes back to that very event,
so nothing is dropped and order is kept. A follower with work of its own between
events (the distributor's retries of waiting cases) does it in `tick`, called before
the first poll and after every poll, whether it brought events or not.

An event whose handling fails for the event's own sake (consumers/parking.py: its data
refused by PostgreSQL, or of a shape the handler cannot read) is parked, dead-lettered and
kept in `parked_records`, and the follower goes on; any other failure is raised, and the
follower is started again after a back-off (sotflow/supervisor.py).
"""

from __future__ import annotations

import threading
from typing import Any

from kafka import KafkaConsumer, OffsetAndMetadata
from psycopg_pool import ConnectionPool

from consumers.dead_letters import DeadLetters
from consumers.parking import Parking, is_records_fault
from contract.envelope import UndecodableMessageError, decode
from sotflow.kafka_loop import assign_all_partitions, batches
from sotflow.settings import Settings


class LogFollower:
    group: str  # consumer group, after the deployment's topic prefix
    client_id: str

    def __init__(self, settings: Settings, pool: ConnectionPool) -> None:
        self.settings = settings
        self.pool = pool
        self._parking: Parking | None = None
        self._parked_in_earlier_runs = 0

    @property
    def parked(self) -> int:
        return self._parked_in_earlier_runs + (self._parking.count if self._parking else 0)

    def topics(self) -> list[str]:
        raise NotImplementedError

    def handle(self, envelope: dict[str, Any], stop: threading.Event) -> bool:
        """True when the event is dealt with (done, already done, or not ours)."""
        raise NotImplementedError

    def tick(self, stop: threading.Event) -> None:
        """Work of the follower's own, done between polls; nothing by default."""

    def run(self, stop: threading.Event, *, max_idle_polls: int | None = None, catch_up: bool = False) -> None:
        consumer = KafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            group_id=f"{self.settings.topic_prefix}{self.group}",
            client_id=self.client_id,
            enable_auto_commit=False,
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            max_poll_records=100,
        )
        for tp in assign_all_partitions(consumer, self.topics(), stop):
            committed = consumer.committed(tp)
            if committed is None:
                consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, committed)
        try:
            self.tick(stop)
            for batch in batches(consumer, stop, max_idle_polls=max_idle_polls, catch_up=catch_up, yield_idle=True):
                for tp, records in batch.items():
                    for record in records:
                        if not self._handle(record, stop):
                            consumer.seek(tp, record.offset)  # not possible yet: come back to it
                            break
                        consumer.commit({tp: OffsetAndMetadata(record.offset + 1, "", -1)})
                self.tick(stop)
        finally:
            consumer.close(autocommit=False)
            if self._parking is not None:
                self._parking.dead_letters.close()
                self._parked_in_earlier_runs += self._parking.count
                self._parking = None

    def _handle(self, record, stop: threading.Event) -> bool:
        try:
            envelope = decode(record.value)
        except UndecodableMessageError:
            return True  # the projections' worker dead-letters it; nothing to do here
        try:
            return self.handle(envelope, stop)
        except Exception as exc:
            if not is_records_fault(exc):
                raise
            self._park(record, envelope, exc)
            return True

    def _park(self, record, envelope: dict[str, Any], error: BaseException) -> None:
        if self._parking is None:
            # An event topic's dead-letter topic is its name and ".dead-letter" (sotflow.topics).
            topics = {t: f"{t}.dead-letter" for t in self.topics()}
            letters = DeadLetters(self.settings, self.group, topics)
            self._parking = Parking(letters, self.group, self.settings.projection_schema)
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            self._parking.park(cur, record, envelope, error)

"""Rebuild a projection from offset 0: drop its tables and offsets, create them again,
and apply the whole log. Run it with that projection's live worker stopped: both would
take the same partitions' offsets, and the live one would skip what it has not seen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import ModuleType

from kafka import KafkaConsumer, TopicPartition
from psycopg import sql
from psycopg_pool import ConnectionPool

from consumers.projection_worker import ProjectionWorker
from sotflow.settings import Settings


def messages_to_apply(settings: Settings, topics: list[str]) -> int:
    """How many messages the topics hold now (committed or not: an upper bound for a progress bar)."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, client_id="sotflow-rebuild-count")
    try:
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        ends, starts = consumer.end_offsets(partitions), consumer.beginning_offsets(partitions)
        return sum(ends[tp] - starts[tp] for tp in partitions)
    finally:
        consumer.close()


def rebuild(
    projection: ModuleType,
    settings: Settings,
    pool: ConnectionPool,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Rebuild one projection; answers how many events it applied."""
    schema = settings.projection_schema
    with pool.connection() as conn, conn.transaction():
        for table in getattr(projection, "TABLES", (projection.NAME,)):
            conn.execute(sql.SQL("drop table if exists {} cascade").format(sql.Identifier(schema, table)))
        conn.execute(
            sql.SQL("delete from {} where projection = %s").format(sql.Identifier(schema, "projection_offsets")),
            (projection.NAME,),
        )
        projection.create_tables(conn, schema)
    worker = ProjectionWorker(projection, settings, pool, group_id=f"{settings.topic_prefix}rebuild.{projection.NAME}")
    done = threading.Event()
    runner = threading.Thread(
        target=lambda: (worker.run(threading.Event(), catch_up=True), done.set()), name=f"rebuild-{projection.NAME}"
    )
    runner.start()
    while not done.wait(0.2):
        if progress:
            progress(worker.applied + worker.dead_lettered)
    runner.join()
    if progress:
        progress(worker.applied + worker.dead_lettered)
    return worker.applied

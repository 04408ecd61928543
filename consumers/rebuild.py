"""Rebuild projections from offset 0: drop their tables and offsets, create them again,
and apply the whole log. Run it with those projections' live workers stopped: both would
take the same partitions' offsets, and the live one would skip what it has not seen.

However many projections are rebuilt, the log is read and decoded once: each batch of a
partition goes to every projection that follows its topic, in one transaction with every
such projection's offset, its statements sent as one pipeline. A rebuild stopped part
way is simply run again (it starts by dropping what the last one built).

Indexes that only serve reads (not keys or unique constraints, which the statements
themselves use) are set aside while the tables fill and built once at the end: one sort
instead of a million insertions. Until the rebuild ends, reads of those tables are
slower (and, as in any rebuild, partial). (Reading the log in a thread of its own, a few
batches ahead, was tried and made the rebuild slower: the process is bound by Python's
interpreter lock, not by waiting for the database.)
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from types import ModuleType

from kafka import KafkaConsumer, TopicPartition
from psycopg import sql
from psycopg_pool import ConnectionPool

from consumers.dead_letters import DeadLetters
from consumers.parking import Parking, is_records_fault
from contract.envelope import UndecodableMessageError
from projections import parked_records
from projections.applying import apply_records, decoded
from projections.store import set_offset
from sotflow.kafka_loop import assign_all_partitions, batches
from sotflow.postgres import create_pool
from sotflow.settings import Settings
from sotflow.topics import dead_letter_topic, event_topic

# Bigger batches than the live workers take: fewer transactions, and nobody waits to read.
REBUILD_POLL_RECORDS = 5000


def messages_to_apply(settings: Settings, topics: list[str]) -> int:
    """How many messages the topics hold now (committed or not: an upper bound for a progress bar)."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, client_id="sotflow-rebuild-count")
    try:
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        ends, starts = consumer.end_offsets(partitions), consumer.beginning_offsets(partitions)
        return sum(ends[tp] - starts[tp] for tp in partitions)
    finally:
        consumer.close()


def topics_of(projections: Sequence[ModuleType], settings: Settings) -> list[str]:
    return sorted({event_topic(settings, c) for p in projections for c in p.CONTEXTS})


def reset(projections: Sequence[ModuleType], settings: Settings, pool: ConnectionPool) -> None:
    schema = settings.projection_schema
    with pool.connection() as conn, conn.transaction():
        for projection in projections:
            for table in getattr(projection, "TABLES", (projection.NAME,)):
                conn.execute(sql.SQL("drop table if exists {} cascade").format(sql.Identifier(schema, table)))
            conn.execute(
                sql.SQL("delete from {} where projection = %s").format(sql.Identifier(schema, "projection_offsets")),
                (projection.NAME,),
            )
            projection.create_tables(conn, schema)
            parked_records.forget(conn, schema, projection.NAME)


def rebuild_projections(
    projections: Sequence[ModuleType],
    settings: Settings,
    pool: ConnectionPool,
    *,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Rebuild these projections; answers how many events each applied."""
    reset(projections, settings, pool)
    schema = settings.projection_schema
    followers: dict[str, list[ModuleType]] = {}
    dead_letter_topics: dict[str, str] = {}
    for projection in projections:
        for context in projection.CONTEXTS:
            followers.setdefault(event_topic(settings, context), []).append(projection)
            dead_letter_topics[event_topic(settings, context)] = dead_letter_topic(settings, context)
    dead_letters = DeadLetters(settings, "rebuild", dead_letter_topics)
    set_aside = set_aside_read_indexes(projections, settings, pool)
    applied: Counter[str] = Counter()
    read = 0
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        client_id="sotflow-rebuild",
        enable_auto_commit=False,
        isolation_level="read_committed",
        max_poll_records=REBUILD_POLL_RECORDS,
    )
    try:
        partitions = assign_all_partitions(consumer, list(followers), threading.Event())
        consumer.seek_to_beginning(*partitions)
        for batch in batches(consumer, threading.Event(), catch_up=True):
            try:
                counts = _apply_batch(pool, batch, followers, schema, dead_letters, one_by_one=False)
            except Exception as exc:
                if not is_records_fault(exc):
                    raise
                counts = _apply_batch(pool, batch, followers, schema, dead_letters, one_by_one=True)
            applied.update(counts)
            read += sum(len(records) for records in batch.values())
            if progress:
                progress(read)
    finally:
        consumer.close(autocommit=False)
        dead_letters.close()
    with pool.connection() as conn:
        for definition in set_aside:
            conn.execute(definition)
    analyse(projections, settings, pool)
    return {p.NAME: applied[p.NAME] for p in projections}


def _apply_batch(pool, batch, followers, schema, dead_letters, *, one_by_one: bool) -> Counter[str]:
    """A batch of every partition, for every projection that follows its topic, in one
    transaction. Fast: one pipeline. One by one (after the fast way failed for a record):
    each record and projection in a savepoint, and what fails for its data is parked."""
    applied: Counter[str] = Counter()
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
        with conn.pipeline() if not one_by_one else nullcontext():
            work = []
            for tp, records in batch.items():
                envelopes = []
                for record, envelope in decoded(records):
                    if isinstance(envelope, UndecodableMessageError):
                        dead_letters.put(record, str(envelope))  # once, whoever follows the topic
                    else:
                        envelopes.append((record, envelope))
                work.extend((tp, records, envelopes, projection) for projection in followers[tp.topic])
            # A projection that reads back what it wrote waits for the pipeline to empty:
            # first, it waits for its own statements only. Projections write only their own
            # tables, and each still takes its partitions' records in order.
            work.sort(key=lambda item: not getattr(item[3], "READS_BACK", False))
            for tp, records, envelopes, projection in work:
                parking = Parking(dead_letters, projection.NAME, schema)

                def park(record, envelope, error, parking=parking):
                    parking.park(cur, record, envelope, error)

                if not one_by_one:
                    count, position = apply_records(cur, projection, schema, envelopes, park)
                else:
                    count, position = 0, 0
                    for record, envelope in envelopes:
                        try:
                            with conn.transaction():
                                n, at = apply_records(cur, projection, schema, [(record, envelope)], park)
                        except Exception as exc:
                            if not is_records_fault(exc):
                                raise
                            park(record, envelope, exc)
                            continue
                        count, position = count + n, max(position, at)
                applied[projection.NAME] += count
                set_offset(cur, schema, projection.NAME, tp.topic, tp.partition, records[-1].offset + 1, position)
    return applied


def set_aside_read_indexes(projections: Sequence[ModuleType], settings: Settings, pool: ConnectionPool) -> list[str]:
    """Drop the projections' indexes that back no key or unique constraint; answers the
    statements that create them again."""
    tables = [t for p in projections for t in getattr(p, "TABLES", (p.NAME,))]
    with pool.connection() as conn, conn.transaction():
        indexes = conn.execute(
            "select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition "
            "from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace "
            "where n.nspname = %s and t.relname = any(%s) and not i.indisunique "
            "and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)",
            (settings.projection_schema, tables),
        ).fetchall()
        for index in indexes:
            conn.execute(sql.SQL("drop index {}").format(sql.SQL(index["name"])))  # already quoted by regclass
    return [index["definition"] for index in indexes]


def analyse(projections: Sequence[ModuleType], settings: Settings, pool: ConnectionPool) -> None:
    """Fresh planner statistics: a table filled in one go would otherwise be planned as the
    empty table it was, until autovacuum comes round (a query plan that was fine for ten
    rows can take a hundred times longer on fifty thousand)."""
    with pool.connection() as conn:
        for projection in projections:
            for table in getattr(projection, "TABLES", (projection.NAME,)):
                conn.execute(sql.SQL("analyze {}").format(sql.Identifier(settings.projection_schema, table)))


def share_out(projections: Sequence[ModuleType], settings: Settings, jobs: int) -> list[list[ModuleType]]:
    """The projections in at most `jobs` groups of about equal reading (greedy, largest first)."""
    sizes = {p.NAME: messages_to_apply(settings, topics_of([p], settings)) for p in projections}
    groups: list[list[ModuleType]] = [[] for _ in range(max(1, min(jobs, len(projections))))]
    for projection in sorted(projections, key=lambda p: -sizes[p.NAME]):
        min(groups, key=lambda g: sum(sizes[p.NAME] for p in g)).append(projection)
    return groups


def rebuild_in_processes(
    groups: list[list[ModuleType]], settings: Settings, *, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Rebuild each group of projections in its own process (Python applies events on one
    core per process); answers how many events each projection applied."""
    projections = [p for group in groups for p in group]
    if len(groups) == 1:
        with create_pool(settings) as pool:
            return rebuild_projections(groups[0], settings, pool, progress=progress)
    spawn = multiprocessing.get_context("spawn")  # no fork of a process that holds sockets and threads
    read = spawn.Array("q", len(groups))
    results = spawn.Queue()
    workers = [
        spawn.Process(target=_rebuild_group, args=([p.NAME for p in group], settings, read, n, results))
        for n, group in enumerate(groups)
    ]
    for worker in workers:
        worker.start()
    applied: dict[str, int] = {}
    while len(applied) < len(projections):
        try:
            applied |= results.get(timeout=0.2)
        except queue.Empty:
            if any(w.exitcode not in (None, 0) for w in workers):
                for w in workers:
                    w.terminate()
                raise RebuildFailedError("a rebuild process failed; run the rebuild again") from None
        if progress:
            progress(sum(read))
    for worker in workers:
        worker.join()
    return {p.NAME: applied[p.NAME] for p in projections}


def _rebuild_group(names: list[str], settings: Settings, read, n: int, results) -> None:
    from projections.registry import by_name
    from sotflow.logging import configure_logging

    configure_logging(settings)
    with create_pool(settings) as pool:
        results.put(
            rebuild_projections(
                [by_name(name) for name in names], settings, pool, progress=lambda count: read.__setitem__(n, count)
            )
        )


class RebuildFailedError(RuntimeError):
    pass

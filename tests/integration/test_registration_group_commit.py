"""Group commit of a court's numbering: the registrations that wait for the court's journal
are numbered in turn and saved in one transaction, with every guarantee of one at a time
(gapless numbers, idempotent requests, a refused request refused alone, another
process's numbering noticed)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import psycopg
from psycopg import sql

from consumers.projection_worker import ProjectionWorker
from domain.court_time import court_date
from domain.registry.errors import ReceiptInFutureError
from projections import incoming_register, parked_records
from tests.support import (
    REPO_ROOT,
    TEST_COURT,
    register_rows,
    registrar,
    relay_all,
    sample_particulars,
    settings_env,
    stored_event_count,
    wait_for,
)


def sequence_of(number: str) -> int:
    return int(number.split("-CC-")[1].split("/")[0])


def transactions(settings) -> int:
    """How many transactions wrote the registry's events (their rows' xmin)."""
    table = sql.Identifier(settings.db_schema, "registry_events")
    with psycopg.connect(settings.pg_conninfo) as conn:
        return conn.execute(sql.SQL("select count(distinct xmin::text) from {}").format(table)).fetchone()[0]


def numbered_after_registered(settings) -> bool:
    """Whether every number follows its item's registration on the log (the register's
    projection applies a number to the entry the registration made)."""
    table = sql.Identifier(settings.db_schema, "registry_events")
    query = sql.SQL(
        "select count(*) from {t} n join {t} r"
        " on r.originator_id::text = convert_from(n.state, 'UTF8')::jsonb->>'item_id'"
        " where n.topic like '%%NumberAssigned' and r.originator_version = 1 and r.notification_id < n.notification_id"
    ).format(t=table)
    with psycopg.connect(settings.pg_conninfo) as conn:
        numbers = conn.execute(
            sql.SQL("select count(*) from {} where topic like '%%NumberAssigned'").format(table)
        ).fetchone()[0]
        return numbers > 0 and conn.execute(query).fetchone()[0] == numbers


def number_positions(settings) -> dict[str, int]:
    """Each item's number-assigned event's position on the log."""
    table = sql.Identifier(settings.db_schema, "registry_events")
    query = sql.SQL(
        "select convert_from(state, 'UTF8')::jsonb->>'item_id', notification_id from {}"
        " where topic like '%%NumberAssigned'"
    ).format(table)
    with psycopg.connect(settings.pg_conninfo) as conn:
        return dict(conn.execute(query).fetchall())


@contextmanager
def saves_held(settings):
    """Holds the registry's event table's lock (as a save takes it): every save waits,
    reads go on."""
    with psycopg.connect(settings.pg_conninfo) as conn:  # one transaction, committed on leaving
        table = sql.Identifier(settings.db_schema, "registry_events")
        conn.execute(sql.SQL("lock table {} in exclusive mode").format(table))
        yield


def saves_waiting(settings) -> int:
    with psycopg.connect(settings.pg_conninfo) as conn:
        table = f'"{settings.db_schema}".registry_events'
        query = "select count(*) from pg_locks where relation = %s::regclass and not granted"
        return conn.execute(query, (table,)).fetchone()[0]


def queued_together(settings, system, now, registrations) -> list:
    """Runs the registrations (callables) on threads of their own so that all but the first
    wait for the court's journal while the first one's save waits for the event table
    (held here), then lets them go: the first is a group of one, all the others one group.
    Answers each one's result or the error it raised, in order."""
    queue = system.registry._numbering(TEST_COURT, court_date(now).year)
    answers: list = [None] * len(registrations)

    def run(i):
        try:
            answers[i] = registrations[i]()
        except Exception as error:  # noqa: BLE001 - the answer under test
            answers[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(registrations))]
    with saves_held(settings):
        threads[0].start()
        wait_for(lambda: saves_waiting(settings) == 1, timeout=30, interval=0.02, what="the first one's save")
        for t in threads[1:]:
            t.start()
        wait_for(lambda: queue.waiting == len(registrations) - 1, timeout=30, interval=0.01, what="the queue")
    for t in threads:
        t.join(timeout=60)
    return answers


def register(system, particulars, now, key=None):
    return lambda: system.registry.register_item(particulars, actor=registrar(), now=now, idempotency_key=key)


def test_registrations_waiting_for_the_court_are_numbered_in_turn_and_saved_in_one_transaction(settings, system):
    now = datetime.now(UTC)
    registrations = [register(system, sample_particulars(n, now), now) for n in range(8)]
    answers = queued_together(settings, system, now, registrations)

    assert [sequence_of(a.registration_number) for a in answers][0] == 1
    assert sorted(sequence_of(a.registration_number) for a in answers) == list(range(1, 9))
    assert stored_event_count(settings) == 8 * 3 + 1
    assert transactions(settings) == 2  # the first alone (with the journal's opening), then the seven
    assert numbered_after_registered(settings)
    # Each answer's position is its own number's, the last of its events on its item's partition:
    # a read waiting for it there sees them (the batch's last position lies on another item's).
    assert [a.position for a in answers] == [number_positions(settings)[str(a.id)] for a in answers]
    assert len({a.position for a in answers}) == 8


def test_one_refused_registration_among_a_batch_is_refused_alone_and_takes_no_number(settings, system):
    now = datetime.now(UTC)
    future = sample_particulars(99, now, received_at=now + timedelta(hours=1))
    registrations = [register(system, sample_particulars(n, now), now) for n in range(6)]
    registrations.insert(3, register(system, future, now))

    answers = queued_together(settings, system, now, registrations)

    assert isinstance(answers[3], ReceiptInFutureError)
    numbered = [a for i, a in enumerate(answers) if i != 3]
    assert sorted(sequence_of(a.registration_number) for a in numbered) == list(range(1, 7)), "no gap where it was"
    assert stored_event_count(settings) == 6 * 3 + 1
    assert transactions(settings) == 2


def test_the_same_request_twice_in_one_batch_and_again_later_registers_once(settings, system):
    now = datetime.now(UTC)
    same = sample_particulars(0, now, lower_court_case_ref="1-same/2025")
    registrations = [register(system, sample_particulars(n, now), now) for n in range(1, 4)]
    registrations[1:1] = [register(system, same, now, key="k")] * 3

    answers = queued_together(settings, system, now, registrations)
    again = system.registry.register_item(same, actor=registrar(), now=now, idempotency_key="k")

    of_the_key = answers[1:4] + [again]
    assert len({a.id for a in of_the_key}) == 1
    assert {a.registration_number for a in of_the_key} == {answers[1].registration_number}
    assert [a.replayed for a in of_the_key].count(False) == 1
    assert sorted({sequence_of(a.registration_number) for a in answers}) == list(range(1, 5))
    assert stored_event_count(settings) == 4 * 3 + 1


def test_the_same_filing_twice_in_one_batch_sees_the_earlier_one(settings, system):
    now = datetime.now(UTC)
    twice = sample_particulars(0, now, lower_court_case_ref="1-twice/2025")
    registrations = [register(system, sample_particulars(1, now), now)] + [register(system, twice, now)] * 2

    answers = queued_together(settings, system, now, registrations)

    assert sorted(sequence_of(a.registration_number) for a in answers) == [1, 2, 3]
    # Only the first saved found no earlier registration of the same request.
    assert [a.admissibility.admissible for a in answers[1:]].count(True) == 1


def run_registering_process(settings, count: int, threads: int, now: datetime, key_prefix=None, tmpdir=None):
    env = settings_env(settings)
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)  # its host turns in another folder: a process on another host
    args = [sys.executable, "-m", "tests.registering_process", str(count), str(threads), now.isoformat()]
    return subprocess.Popen(
        args + ([key_prefix] if key_prefix else []), env=env, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True
    )


def answers_of(process) -> list[dict]:
    out, _ = process.communicate(timeout=300)
    assert process.returncode == 0
    return [json.loads(line) for line in out.splitlines()]


def test_registrations_from_two_processes_and_threads_get_gapless_numbers(settings, system):
    now = datetime.now(UTC)
    others = [run_registering_process(settings, 40, 4, now) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        here = list(pool.map(lambda n: register(system, sample_particulars(n, now), now)(), range(40)))

    numbers = [a.registration_number for a in here] + [a["number"] for p in others for a in answers_of(p)]
    assert sorted(map(sequence_of, numbers)) == list(range(1, 121)), "every number once, none skipped"
    assert stored_event_count(settings) == 120 * 3 + 1


def test_the_same_requests_from_two_processes_register_once_each(settings):
    now = datetime.now(UTC)
    processes = [run_registering_process(settings, 20, 4, now, key_prefix="both") for _ in range(2)]
    first, second = (answers_of(p) for p in processes)

    assert [(a["id"], a["number"]) for a in first] == [(a["id"], a["number"]) for a in second]
    assert sorted(sequence_of(a["number"]) for a in first) == list(range(1, 21))
    assert all(a["replayed"] != b["replayed"] for a, b in zip(first, second, strict=True))
    assert stored_event_count(settings) == 20 * 3 + 1


def test_a_group_whose_journal_another_process_numbered_meanwhile_reads_it_again(settings, system):
    now = datetime.now(UTC)
    first = register(system, sample_particulars(0, now), now)()
    answers: list = []
    with saves_held(settings):
        # Another process and this one each read the journal (after the first number) and
        # wait to save: whichever saves second fails on the journal's version.
        elsewhere = run_registering_process(settings, 1, 1, now)
        wait_for(lambda: saves_waiting(settings) == 1, timeout=60, interval=0.05, what="the other process's save")
        here = threading.Thread(target=lambda: answers.extend(
            register(system, sample_particulars(n, now), now)() for n in range(1, 2)
        ))  # fmt: skip
        here.start()
        wait_for(lambda: saves_waiting(settings) == 2, timeout=60, interval=0.05, what="both saves")
    here.join(timeout=60)
    numbers = [first.registration_number, answers[0].registration_number, answers_of(elsewhere)[0]["number"]]

    assert sorted(map(sequence_of, numbers)) == [1, 2, 3]
    assert stored_event_count(settings) == 3 * 3 + 1


def test_a_group_reaches_the_register_with_its_numbers_and_nothing_parked(settings, system):
    now = datetime.now(UTC)
    registrations = [register(system, sample_particulars(n, now), now) for n in range(6)]
    answers = queued_together(settings, system, now, registrations)
    relay_all(system, settings)

    ProjectionWorker(incoming_register, settings, system.pool).run(threading.Event(), catch_up=True)

    numbers = {str(item_id): number for item_id, _, number in register_rows(settings)}
    assert numbers == {str(a.id): a.registration_number for a in answers}
    with system.pool.connection() as conn:
        assert parked_records.counts(conn, settings.projection_schema) == {}

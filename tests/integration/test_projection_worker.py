"""The projection consumer against the real broker and database: offsets are stored
with the rows, so a worker killed at any point resumes with nothing lost or doubled."""

import threading

from consumers.projection_worker import ProjectionWorker
from projections import incoming_register, parked_records
from relay.relay import Relay
from tests.support import register_complaints, register_rows, stored_event_count, wait_for


def relay_all(system, settings):
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)


def test_the_register_shows_each_registered_complaint(settings, system):
    ids = register_complaints(system.registry, 12)
    relay_all(system, settings)

    ProjectionWorker(incoming_register, settings, system.pool).run(threading.Event(), catch_up=True)

    rows = register_rows(settings)
    assert [r[0] for r in rows] == ids
    year = rows[0][2].rsplit("/", 1)[1]
    assert [r[2] for r in rows] == [f"cassation-criminal-CC-{n}/{year}" for n in range(1, 13)]


def test_consumer_killed_mid_stream_resumes_from_its_stored_offsets(settings, system, processes):
    total = 1500
    ids = register_complaints(system.registry, total)
    relay_all(system, settings)

    slow = settings.model_copy(update={"consumer_max_poll_records": 20})
    counts_at_kill = []
    for _ in range(3):  # kill it three times, wherever it has got to
        consumer = processes("consume", settings_override=slow)
        start = len(register_rows(settings))
        wait_for(
            lambda start=start: len(register_rows(settings)) > start + 50 or len(register_rows(settings)) == total,
            timeout=90,
            what="consumer progress",
        )
        consumer.kill()
        counts_at_kill.append(len(register_rows(settings)))
    assert any(0 < c < total for c in counts_at_kill), counts_at_kill

    survivor = processes("consume", settings_override=slow)
    wait_for(lambda: len(register_rows(settings)) == total, timeout=120, what="consumer to finish")
    rows = register_rows(settings)
    assert sorted(r[0] for r in rows) == sorted(ids)
    assert len({r[0] for r in rows}) == total
    # A double apply would have hit the register's unique keys and been parked.
    with system.pool.connection() as conn:
        assert parked_records.counts(conn, settings.projection_schema) == {}
    assert survivor.alive(), survivor.output()[-2000:]
    assert "Traceback" not in survivor.output()


def test_two_workers_on_one_projection_never_apply_an_event_twice(settings, system):
    ids = register_complaints(system.registry, 200)
    relay_all(system, settings)
    stop = threading.Event()
    # Different consumer groups, so both workers read every partition and race for
    # every event: only the offset row lock keeps each event applied once.
    workers = [
        ProjectionWorker(incoming_register, settings, system.pool, group_id=f"{settings.topic_prefix}racer-{n}")
        for n in range(2)
    ]
    errors = []

    def run(worker):
        try:
            worker.run(stop, max_idle_polls=6)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    # One message per stored event, and a second one for each complaint's registration.
    assert workers[0].applied + workers[1].applied == stored_event_count(settings) + len(ids)
    assert sorted(r[0] for r in register_rows(settings)) == sorted(ids)

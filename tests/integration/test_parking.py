"""A record on the log that a projection cannot store (PostgreSQL refuses its data) is
parked: put on the dead-letter topic and in `parked_records`, exactly once, and the
worker applies everything before and after it."""

import json
import threading
import uuid

from kafka import KafkaProducer

from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from projections import incoming_register, parked_records
from projections.store import stored_offsets
from relay.relay import Relay
from sotflow.topics import dead_letter_topic, event_topic
from tests.support import published_envelopes, read_topic, register_complaints, register_rows


def relay_all(system, settings):
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)


def poison_of(good: dict, **data_changes) -> dict:
    """A decodable copy of a registered complaint, for a new complaint, whose data PostgreSQL refuses."""
    envelope = {k: v for k, v in good.items() if not k.startswith("_")}
    complaint_id = str(uuid.uuid4())
    data = json.loads(json.dumps(envelope["data"]))
    data["complaint_id"] = complaint_id
    for key, value in data_changes.items():
        data[key] = value
    return envelope | {"id": str(uuid.uuid4()), "subject": complaint_id, "logposition": 10_000_000, "data": data}


def produce(settings, partition: int, envelope: dict) -> int:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    try:
        sent = producer.send(
            event_topic(settings, "registry"),
            key=envelope["subject"].encode(),
            value=json.dumps(envelope).encode(),
            partition=partition,
        ).get(timeout=30)
    finally:
        producer.close()
    return sent.offset


def parked_rows(system, settings):
    with system.pool.connection() as conn:
        return parked_records.page(conn, settings.projection_schema, limit=100)


def test_a_record_postgresql_refuses_is_parked_and_the_rest_applied(settings, system):
    ids = register_complaints(system.registry, 3)
    relay_all(system, settings)
    good = next(e for e in published_envelopes(settings) if e["type"].endswith("complaint-registered.v1"))
    nul = poison_of(good, filer=good["data"]["filer"] | {"name": "Ахметов\u0000"})
    bad_offset = produce(settings, good["_partition"], nul)
    ids += register_complaints(system.registry, 3)
    relay_all(system, settings)

    worker = ProjectionWorker(incoming_register, settings, system.pool)
    worker.run(threading.Event(), catch_up=True)

    assert sorted(r[0] for r in register_rows(settings)) == sorted(ids), "every good event before and after applied"
    assert uuid.UUID(nul["subject"]) not in {r[0] for r in register_rows(settings)}
    assert worker.parked == 1
    (row,) = parked_rows(system, settings)
    assert (row["consumer"], row["topic"], row["partition"], row["offset"]) == (
        "incoming_register",
        event_topic(settings, "registry"),
        good["_partition"],
        bad_offset,
    )
    assert (row["event_id"], row["event_type"], row["subject"], row["log_position"]) == (
        nul["id"],
        nul["type"],
        nul["subject"],
        10_000_000,
    )
    # The register takes a batch as one JSON document: PostgreSQL refuses the NUL reading it.
    assert row["error_class"] == "UntranslatableCharacter" and "\\u0000 cannot be converted" in row["error_message"]
    (letter,) = read_topic(settings, dead_letter_topic(settings, "registry"))
    headers = {k: v.decode() for k, v in letter.headers}
    assert json.loads(letter.value) == nul
    assert headers["dlq_consumer"] == "projection:incoming_register"
    assert (headers["dlq_source_partition"], headers["dlq_source_offset"]) == (str(good["_partition"]), str(bad_offset))
    assert (headers["dlq_event_id"], headers["dlq_event_type"]) == (nul["id"], nul["type"])
    assert "\\u0000 cannot be converted" in headers["dlq_reason"]
    with system.pool.connection() as conn:
        offsets = stored_offsets(conn, settings.projection_schema, "incoming_register")
    assert offsets[(event_topic(settings, "registry"), good["_partition"])] > bad_offset

    again = ProjectionWorker(incoming_register, settings, system.pool)
    again.run(threading.Event(), catch_up=True)
    assert (again.applied, again.parked) == (0, 0), "a restarted worker neither re-applies nor re-parks"
    assert len(parked_rows(system, settings)) == 1
    assert len(read_topic(settings, dead_letter_topic(settings, "registry"))) == 1


def test_a_time_zone_postgresql_cannot_store_is_parked(settings, system):
    """An offset of -21:52 is valid ISO 8601 (and Python reads it) but beyond PostgreSQL's ±15:59."""
    ids = register_complaints(system.registry, 1)
    relay_all(system, settings)
    good = next(e for e in published_envelopes(settings) if e["type"].endswith("complaint-registered.v1"))
    far = poison_of(good, received_at="4022-09-28T21:05:24.6094-21:52")
    produce(settings, good["_partition"], far)
    ids += register_complaints(system.registry, 1)
    relay_all(system, settings)

    worker = ProjectionWorker(incoming_register, settings, system.pool)
    worker.run(threading.Event(), catch_up=True)

    assert sorted(r[0] for r in register_rows(settings)) == sorted(ids)
    (row,) = parked_rows(system, settings)
    assert (row["event_id"], row["error_class"]) == (far["id"], "InvalidTimeZoneDisplacementValue")


def test_parked_records_are_shown_to_overseers_and_in_readiness(settings, system, client, tokens):
    register_complaints(system.registry, 1)
    relay_all(system, settings)
    good = next(e for e in published_envelopes(settings) if e["type"].endswith("complaint-registered.v1"))
    bad = [poison_of(good, filer=good["data"]["filer"] | {"name": f"name {n}\u0000"}) for n in range(3)]
    for envelope in bad:
        produce(settings, good["_partition"], envelope)
    assert client.get("/ready").json()["parked_records"] == {}
    ProjectionWorker(incoming_register, settings, system.pool).run(threading.Event(), catch_up=True)

    ready = client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded"
    assert ready.json()["parked_records"] == {"incoming_register": 3}

    auditor = {"Authorization": f"Bearer {tokens[Role.AUDITOR]}"}
    first = client.get("/parked-records", params={"limit": 2}, headers=auditor)
    assert first.status_code == 200, first.text
    rest = client.get("/parked-records", params={"limit": 2, "after": first.json()["next_after"]}, headers=auditor)
    assert rest.json()["next_after"] is None
    shown = first.json()["items"] + rest.json()["items"]
    assert [item["event_id"] for item in shown] == [e["id"] for e in reversed(bad)], "the latest first"
    assert {item["consumer"] for item in shown} == {"incoming_register"}
    only = client.get("/parked-records", params={"consumer": "case_register"}, headers=auditor).json()
    assert only["items"] == []
    refused = client.get("/parked-records", headers={"Authorization": f"Bearer {tokens[Role.REGISTRAR]}"})
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"


def test_a_deadline_met_at_an_offset_postgresql_cannot_store_is_parked_and_the_register_goes_on(settings, system):
    """As found on a running system: the deadline starter met a deadline at an event's time
    with offset -21:52 (valid for Python and RFC 3339, beyond PostgreSQL's ±15:59); the
    deadline register's worker failed on it at every start, and the watcher with it."""
    from datetime import UTC, datetime, timedelta, timezone

    from domain.actor import Actor

    head = Actor("u-head", Role.HEAD)
    now = datetime.now(UTC)
    met = system.deadlines.start("cassation.decision", subject=str(uuid.uuid4()), base_time=now, actor=head).id
    far_west = timezone(-timedelta(hours=21, minutes=52))
    system.deadlines.meet(met, met_at=now.astimezone(far_west), met_by="test", event_id=None, actor=head)
    after = system.deadlines.start("cassation.decision", subject=str(uuid.uuid4()), base_time=now, actor=head).id
    Relay(system.deadlines, "deadlines", settings).run(threading.Event(), exit_when_idle=True)

    from projections import deadline_register

    worker = ProjectionWorker(deadline_register, settings, system.pool)
    worker.run(threading.Event(), catch_up=True)

    with system.pool.connection() as conn:
        rows = conn.execute(
            f'select deadline_id, status from "{settings.projection_schema}".deadline_register'
        ).fetchall()
    assert {r["deadline_id"]: r["status"] for r in rows} == {met: "open", after: "open"}
    (row,) = parked_rows(system, settings)
    assert (row["consumer"], row["event_type"], row["error_class"]) == (
        "deadline_register",
        "kz.sotflow.deadlines.deadline-met.v1",
        "InvalidTimeZoneDisplacementValue",
    )


def test_which_failures_are_the_records_own(settings):
    """Errors as PostgreSQL (and psycopg) really raise them: data and constraint errors are
    the record's own and parked; a serialization failure, a deadlock, a lost connection or
    a query of the code's own making are retried, never parked."""
    import psycopg
    from psycopg_pool import ConnectionPool, PoolTimeout

    from consumers.parking import is_records_fault

    def raised(statement: str, *params) -> psycopg.Error:
        with psycopg.connect(settings.pg_conninfo) as conn:
            try:
                conn.execute(statement, params or None)
            except psycopg.Error as exc:
                return exc
        raise AssertionError(f"{statement} did not fail")

    def raised_as(sqlstate: str) -> psycopg.Error:
        return raised(f"do $$ begin raise exception 'test' using errcode = '{sqlstate}'; end $$")

    assert is_records_fault(raised("select %s::timestamptz", "2026-09-28T21:05:24-21:52"))
    assert is_records_fault(raised("select %s::text", "nul\x00"))
    assert is_records_fault(raised("select 1 / 0"))
    assert is_records_fault(raised_as("23505"))  # unique violation
    assert is_records_fault(raised_as("P0001"))  # a register out of step (store.expect_one_row)
    for transient in ("40001", "40P01", "57P01", "53300", "08006"):  # serialization, deadlock, shutdown...
        assert not is_records_fault(raised_as(transient)), transient
    assert not is_records_fault(raised("select * from no_such_table"))
    with ConnectionPool(
        "host=127.0.0.1 port=1 connect_timeout=1", min_size=0, max_size=1, timeout=0.2, open=True
    ) as pool:
        try:
            with pool.connection():
                pass
        except PoolTimeout as exc:
            assert not is_records_fault(exc)
        else:
            raise AssertionError("no pool timeout")


def test_the_distributor_parks_a_registration_it_cannot_store_and_goes_on(settings, system, client, tokens):
    """A registered item whose court PostgreSQL cannot store (a NUL byte) is parked by the
    distributor; the items registered before and after it still wait for their court's roster."""
    from consumers.distributor import ITEM_REGISTERED, Distributor
    from consumers.waiting_cases import page as waiting_page
    from tests.support import auth, complaint_payload

    registrar = auth(tokens[Role.REGISTRAR])
    first = client.post("/complaints", json=complaint_payload(1), headers=registrar).json()["id"]
    relay_all(system, settings)
    good = next(e for e in published_envelopes(settings) if e["type"] == ITEM_REGISTERED)
    bad = {k: v for k, v in good.items() if not k.startswith("_")}
    bad |= {"id": str(uuid.uuid4()), "subject": str(uuid.uuid4()), "data": good["data"] | {"court": "court\u0000"}}
    produce(settings, good["_partition"], bad)
    second = client.post("/complaints", json=complaint_payload(2), headers=registrar).json()["id"]
    relay_all(system, settings)

    distributor = Distributor(system)
    distributor.run(threading.Event(), catch_up=True)

    with system.pool.connection() as conn:
        waiting = waiting_page(conn, settings.db_schema, court=None, after=None, limit=10)
    assert sorted(str(w["case_id"]) for w in waiting) == sorted([first, second])
    assert distributor.parked == 1
    (row,) = parked_rows(system, settings)
    assert (row["consumer"], row["event_id"], row["error_class"]) == ("distributor", bad["id"], "DataError")
    (letter,) = read_topic(settings, dead_letter_topic(settings, "registry"))
    assert dict(letter.headers)["dlq_consumer"] == b"distributor"


def test_a_rebuild_parks_the_same_record_again_and_applies_the_rest(settings, system):
    from consumers.rebuild import rebuild_projections

    ids = register_complaints(system.registry, 2)
    relay_all(system, settings)
    good = next(e for e in published_envelopes(settings) if e["type"].endswith("complaint-registered.v1"))
    bad = poison_of(good, filer=good["data"]["filer"] | {"name": "\u0000"})
    produce(settings, good["_partition"], bad)
    ids += register_complaints(system.registry, 2)
    relay_all(system, settings)
    ProjectionWorker(incoming_register, settings, system.pool).run(threading.Event(), catch_up=True)
    live = register_rows(settings)

    rebuild_projections([incoming_register], settings, system.pool)

    assert register_rows(settings) == live and sorted(r[0] for r in live) == sorted(ids)
    (row,) = parked_rows(system, settings)
    assert row["event_id"] == bad["id"]

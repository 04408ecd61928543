"""Poison messages: what no consumer can decode goes to the dead-letter topic with
the reason, and the consumer goes on with the rest."""

import json
import threading

from kafka import KafkaProducer

from consumers.projection_worker import ProjectionWorker
from projections import incoming_register
from relay.relay import Relay
from sotflow.topics import dead_letter_topic, event_topic
from tests.support import published_envelopes, read_topic, register_complaints, register_rows, stored_event_count


def test_poison_messages_are_dead_lettered_and_the_rest_applied(settings, system):
    ids = register_complaints(system.registry, 3)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)

    good = published_envelopes(settings)[0]
    missing_data = {k: v for k, v in good.items() if not k.startswith("_")}
    missing_data["data"] = {"complaint_id": good["data"]["complaint_id"]}
    poison = [
        b"\x00\x01 not json at all",
        json.dumps({"specversion": "0.3", "id": "x"}).encode(),
        json.dumps(missing_data).encode(),
    ]
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    for value in poison:
        producer.send(event_topic(settings, "registry"), key=b"poison", value=value).get(timeout=30)
    producer.close()
    ids += register_complaints(system.registry, 2)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)

    worker = ProjectionWorker(incoming_register, settings, system.pool)
    worker.run(threading.Event(), catch_up=True)

    assert sorted(r[0] for r in register_rows(settings)) == sorted(ids)
    # Every published message but the poison (a complaint's registration is two messages).
    assert (worker.applied, worker.dead_lettered) == (stored_event_count(settings) + len(ids), 3)
    assert [r[2].split("-CC-")[1].split("/")[0] for r in register_rows(settings)] == ["1", "2", "3", "4", "5"]
    letters = read_topic(settings, dead_letter_topic(settings, "registry"))
    assert sorted(r.value for r in letters) == sorted(poison)
    reasons = [dict(r.headers)["dlq_reason"].decode() for r in letters]
    assert any("not JSON" in r for r in reasons)
    assert any("missing CloudEvents attributes" in r for r in reasons)
    assert any("without the expected data" in r for r in reasons)
    for record in letters:
        headers = dict(record.headers)
        assert headers["dlq_source_topic"].decode() == event_topic(settings, "registry")
        assert headers["dlq_consumer"] == b"projection:incoming_register"

    again = ProjectionWorker(incoming_register, settings, system.pool)
    again.run(threading.Event(), catch_up=True)
    assert (again.applied, again.dead_lettered) == (0, 0), "a restarted worker must not re-process"
    assert len(read_topic(settings, dead_letter_topic(settings, "registry"))) == 3


def test_a_batch_projection_dead_letters_only_what_it_cannot_read(settings, system):
    """The audit trail takes a whole batch in one statement (`apply_many`); an event in the
    middle that it cannot read is dead-lettered and the rest of the batch is applied."""
    from projections import audit_trail

    register_complaints(system.registry, 2)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)
    good = published_envelopes(settings)[0]
    unreadable = {k: v for k, v in good.items() if not k.startswith("_")} | {"source": 5, "logposition": 999}
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    producer.send(event_topic(settings, "registry"), key=b"poison", value=json.dumps(unreadable).encode()).get(30)
    producer.close()
    register_complaints(system.registry, 2)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)

    worker = ProjectionWorker(audit_trail, settings, system.pool)
    worker.run(threading.Event(), catch_up=True)

    assert worker.dead_lettered == 1
    with system.pool.connection() as conn:
        rows = conn.execute(
            f'select count(*) as n, max(log_position) as last from "{settings.projection_schema}".audit_trail'
        ).fetchone()
    # One row per stored event (a complaint's two messages at one position are one action).
    assert (rows["n"], rows["last"]) == (stored_event_count(settings), stored_event_count(settings))
    (letter,) = read_topic(settings, dead_letter_topic(settings, "registry"))
    assert b"without the expected attributes" in dict(letter.headers)["dlq_reason"]

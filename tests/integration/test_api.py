"""The HTTP API in-process (ASGI) over the real PostgreSQL and Kafka."""

import json
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from domain.court_time import COURT_ZONE
from projections import incoming_register
from relay.relay import Relay
from tests.support import auth, complaint_payload, published_envelopes, relay_position, stored_event_count

PROBLEM = "application/problem+json"


def test_registering_a_complaint_records_it_with_its_actor(client, tokens, system):
    response = client.post("/complaints", json=complaint_payload(1), headers=auth(tokens[Role.REGISTRAR]))

    assert response.status_code == 201, response.text
    body = response.json()
    # The complaint, the year's journal opening, its number and its duplicate-check entry.
    position = body["log_position"]
    assert (position["context"], position["position"]) == ("registry", 4)
    assert position["token"] == f"registry:{position['partition']}:4"
    assert body["admissibility"]["admissible"] is True
    assert body["registration_number"] == f"cassation-criminal-CC-1/{datetime.now(UTC).astimezone(COURT_ZONE).year}"
    assert response.headers["location"] == f"/registers/incoming/{body['id']}"
    assert response.headers["x-request-id"]
    complaint = system.registry.get_item(uuid.UUID(body["id"]))
    registrar = next(u for u in system.users.list() if u.role == Role.REGISTRAR)
    assert complaint.registered_by.user_id == registrar.id
    assert complaint.particulars.lower_court_case_ref == "1-1/2025"


def test_the_register_reads_what_the_projection_wrote(client, tokens, system, settings):
    ids = [
        client.post("/complaints", json=complaint_payload(n), headers=auth(tokens[Role.REGISTRAR])).json()["id"]
        for n in range(3)
    ]
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)
    ProjectionWorker(incoming_register, settings, system.pool).run(threading.Event(), catch_up=True)

    first = client.get("/registers/incoming?limit=2", headers=auth(tokens[Role.AUDITOR])).json()
    second = client.get(
        f"/registers/incoming?limit=2&after={first['next_after']}", headers=auth(tokens[Role.JUDGE])
    ).json()
    assert [e["item_id"] for e in first["items"] + second["items"]] == ids
    assert second["next_after"] is None
    entry = client.get(f"/registers/incoming/{ids[1]}", headers=auth(tokens[Role.CONSULTANT])).json()
    assert entry["filer_name"] == "Filer 1" and entry["registered_by_role"] == "registrar"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer sft_not-a-real-token"}, {"Authorization": "Basic dXNlcjpwYXNz"}],
    ids=["no-token", "unknown-token", "not-bearer"],
)
def test_requests_without_a_valid_token_get_401(client, headers, settings):
    for method, path in (("post", "/complaints"), ("get", "/registers/incoming")):
        response = client.request(method, path, json=complaint_payload(), headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"] == PROBLEM
        assert response.headers["www-authenticate"] == "Bearer"
    assert stored_event_count(settings) == 0


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.JUDGE, Role.CONSULTANT, Role.HEAD])
def test_only_registrars_and_integration_services_register(client, tokens, role, settings):
    response = client.post("/complaints", json=complaint_payload(), headers=auth(tokens[role]))
    assert response.status_code == 403
    assert response.json()["type"].endswith("/forbidden")
    assert stored_event_count(settings) == 0


def without(path):
    def change(body):
        *parents, leaf = path.split(".")
        target = body
        for p in parents:
            target = target[p]
        del target[leaf]

    return change


def setting(path, value):
    def change(body):
        *parents, leaf = path.split(".")
        target = body
        for p in parents:
            target = target[p]
        target[leaf] = value

    return change


INVALID = {
    "missing-field": (without("filer.name"), "filer.name", "missing"),
    "missing-object": (without("contested_act"), "contested_act", "missing"),
    "wrong-type": (setting("received_at", "yesterday"), "received_at", "datetime_from_date_parsing"),
    "number-for-enum": (setting("channel", 5), "channel", "enum"),
    "unknown-enum": (setting("filer.procedural_role", "neighbour"), "filer.procedural_role", "enum"),
    "unknown-field": (setting("colour", "red"), "colour", "extra_forbidden"),
    "unknown-nested-field": (setting("filer.age", 40), "filer.age", "extra_forbidden"),
    "naive-datetime": (setting("received_at", "2025-09-01T10:00:00"), "received_at", "timezone_aware"),
    "oversized-field": (setting("lower_court_case_ref", "x" * 101), "lower_court_case_ref", "string_too_long"),
    "blank-field": (setting("filer.name", "   "), "filer.name", "string_too_short"),
    "future-receipt": (
        setting("received_at", (datetime.now(UTC) + timedelta(days=1)).isoformat()),
        "received_at",
        "ReceiptInFutureError",
    ),
    # Values Python takes but PostgreSQL or a reader of the log cannot hold: once on the
    # log, each would stop a projection on every replay.
    "offset-beyond-14h": (setting("received_at", "2025-09-28T21:05:24.6094-21:52"), "received_at", "value_error"),
    "year-4022": (setting("received_at", "4022-09-28T21:05:24+05:00"), "received_at", "value_error"),
    "year-1900-act": (setting("contested_act.act_date", "1900-01-01"), "contested_act.act_date", "value_error"),
    "not-a-complainant": (setting("filer.procedural_role", "court"), "filer.procedural_role", "NotAComplainantError"),
    "nul-in-text": (setting("filer.name", "A\u0000B"), "filer.name", "value_error"),
    "control-character": (setting("lower_court_case_ref", "1-1\u001b[31m"), "lower_court_case_ref", "value_error"),
}


@pytest.mark.parametrize("case", INVALID.values(), ids=INVALID.keys())
def test_invalid_payloads_get_422_naming_the_field_and_change_nothing(client, tokens, system, settings, case):
    change, field, error_type = case
    body = complaint_payload()
    change(body)

    response = client.post("/complaints", json=body, headers=auth(tokens[Role.REGISTRAR]))

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 422 and problem["instance"] == "/complaints"
    assert [(e["field"], e["type"]) for e in problem["errors"]] == [(field, error_type)]
    assert field in problem["detail"] or field in problem["errors"][0]["field"]
    assert_nothing_written(system, settings)


def test_a_lone_surrogate_escaped_in_json_gets_422_and_changes_nothing(client, tokens, system, settings):
    body = complaint_payload()
    body["filer"]["name"] = "A\ud800B"  # valid JSON ("\\ud800"), but no UTF-8 text: PostgreSQL refuses it
    response = client.post(
        "/complaints",
        content=json.dumps(body).encode("ascii"),
        headers=auth(tokens[Role.REGISTRAR]) | {"Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["filer.name"]
    assert_nothing_written(system, settings)


def test_an_unknown_court_is_refused_and_changes_nothing(client, tokens, system, settings):
    body = complaint_payload() | {"kind": "cassation_complaint", "court": "'; DROP TABLE x;--"}
    response = client.post("/incoming-items", json=body, headers=auth(tokens[Role.REGISTRAR]))
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["court"]
    assert_nothing_written(system, settings)
    known = client.post(
        "/incoming-items", json=body | {"court": settings.supreme_court}, headers=auth(tokens[Role.REGISTRAR])
    )
    assert known.status_code == 201, known.text


@pytest.mark.parametrize(
    ("path", "location", "name"),
    [
        ("/registers/cases?judge=a%00b", "query", "judge"),
        ("/registers/incoming?after=99999999999999999999", "query", "after"),
        ("/registers/hearings?from=9999-12-31&days=7", "query", "from"),
        ("/public/hearings?from=9999-12-31", "query", "from"),
        ("/registers/deadlines?after=4022-09-28T21:05:24Z|00000000-0000-0000-0000-000000000000", "query", "after"),
        ("/courts/a%01b/cases/00000000-0000-0000-0000-000000000000/panel", "path", "court"),
        ("/calendar/working-days?from=1950-01-01&to=2099-12-31", "query", "to"),
    ],
)
def test_query_and_path_values_no_reader_can_hold_get_422_naming_them(client, tokens, path, location, name):
    response = client.get(path, headers=auth(tokens[Role.HEAD]))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    errors = response.json().get("errors")
    if errors:  # the page cursor is checked by its route, which names it in `detail`
        assert (errors[0]["location"], errors[0]["field"]) == (location, name)
    else:
        assert f"`{name}`" in response.json()["detail"]


def test_an_oversized_body_gets_413_and_changes_nothing(client, tokens, system, settings):
    body = complaint_payload()
    body["filer"]["name"] = "x" * (settings.max_body_bytes + 1)
    response = client.post("/complaints", json=body, headers=auth(tokens[Role.REGISTRAR]))
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert str(settings.max_body_bytes) in response.json()["detail"]
    assert_nothing_written(system, settings)


def test_malformed_json_gets_422(client, tokens, system, settings):
    response = client.post(
        "/complaints",
        content=b'{"received_at": ',
        headers=auth(tokens[Role.REGISTRAR]) | {"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "json_invalid"
    assert_nothing_written(system, settings)


def assert_nothing_written(system, settings):
    assert stored_event_count(settings) == 0
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)
    assert relay_position(settings) == 0
    assert published_envelopes(settings) == []


def test_an_unknown_register_entry_is_404_problem(client, tokens):
    response = client.get(
        "/registers/incoming/6c0c7c49-39d5-4bd3-8d3b-4fd1ae7c3e0b", headers=auth(tokens[Role.AUDITOR])
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_health_and_readiness(client):
    assert client.get("/health").json() == {"status": "alive"}
    ready = client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"postgres": "up", "kafka": "up"}


def test_the_docs_ui_is_served_from_local_assets(client):
    page = client.get("/docs").text
    assert "cdn" not in page.lower()
    script = next(part.split('"')[0] for part in page.split('src="')[1:] if "swagger-ui-bundle" in part)
    assert client.get(script).status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "sotflow"


def test_the_event_schemas_are_served_without_a_token(client):
    from contract.catalogue import all_public_types

    listing = client.get("/schemas/events").json()
    assert sorted(t["type"] for t in listing) == sorted(p.type for p in all_public_types())
    registered = next(t for t in listing if t["type"] == "kz.sotflow.registry.complaint-registered.v1")
    schema = client.get(registered["schema"])
    assert schema.status_code == 200
    assert schema.headers["content-type"] == "application/schema+json"
    assert schema.json()["properties"]["type"]["const"] == "kz.sotflow.registry.complaint-registered.v1"
    assert client.get("/schemas/events/kz.sotflow.nothing.v1.json").status_code == 404


@pytest.mark.postgres_outage
def test_postgres_down_is_503_problem_and_nothing_recorded(client, tokens, settings):
    import subprocess

    from tests.support import REPO_ROOT

    def postgres(action):
        subprocess.run(["bash", str(REPO_ROOT / "ops" / "postgres.sh"), action], check=True, timeout=120)

    postgres("stop")
    try:
        response = client.post("/complaints", json=complaint_payload(), headers=auth(tokens[Role.REGISTRAR]))
        assert response.status_code == 503
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["type"].endswith("/store-unavailable")
        assert client.get("/ready").status_code == 503
    finally:
        postgres("start")
    assert stored_event_count(settings) == 0


def test_a_retried_request_with_the_same_idempotency_key_registers_once(client, tokens, settings):
    headers = auth(tokens[Role.REGISTRAR]) | {"Idempotency-Key": "filing-2025-000123"}
    body = complaint_payload(5)
    first = client.post("/complaints", json=body, headers=headers)
    again = client.post("/complaints", json=body, headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["registration_number"] == first.json()["registration_number"]
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert again.json()["log_position"]["position"] >= first.json()["log_position"]["position"]
    assert stored_event_count(settings) == 4

    other = client.post("/complaints", json=complaint_payload(6), headers=headers)
    assert other.status_code == 422
    assert other.json()["errors"][0] | {"message": ""} == {
        "location": "header", "field": "Idempotency-Key", "pointer": "", "type": "IdempotencyKeyReusedError",
        "message": "",
    }  # fmt: skip
    assert stored_event_count(settings) == 4


def test_the_same_key_from_another_user_is_another_request(client, system, settings):
    _, a = system.users.add("registrar a", Role.REGISTRAR)
    _, b = system.users.add("registrar b", Role.REGISTRAR)
    body = complaint_payload(1)
    first = client.post("/complaints", json=body, headers=auth(a) | {"Idempotency-Key": "k-1"})
    second = client.post("/complaints", json=body, headers=auth(b) | {"Idempotency-Key": "k-1"})
    assert first.json()["id"] != second.json()["id"]
    # Another request, but the same filing: registered, and returned as its duplicate (УПК 489).
    assert second.json()["admissibility"]["admissible"] is False
    assert first.json()["registration_number"] in second.json()["admissibility"]["ground"]
    assert stored_event_count(settings) == 8


def test_concurrent_retries_with_one_key_register_once(tokens, system, settings):
    from concurrent.futures import ThreadPoolExecutor
    from contextlib import ExitStack

    from sotflow.bootstrap import bootstrap

    others = [bootstrap(settings) for _ in range(3)]  # as if several API processes got the retries
    headers = auth(tokens[Role.REGISTRAR]) | {"Idempotency-Key": "one-request"}
    body = complaint_payload(9)
    try:
        with ExitStack() as stack:
            clients = [stack.enter_context(TestClient(create_app(system=s))) for s in [system, *others]]

            def post(n):
                return clients[n % len(clients)].post("/complaints", json=body, headers=headers)

            with ThreadPoolExecutor(max_workers=8) as pool:
                responses = list(pool.map(post, range(16)))
    finally:
        for s in others:
            s.close()
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert stored_event_count(settings) == 4

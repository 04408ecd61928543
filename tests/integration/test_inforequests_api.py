"""Requests for information and analysis (000 §7.3.4, §13) through HTTP on the real
PostgreSQL and Kafka: registered (bad input refused naming the field, nothing written),
assigned to an analyst of the practice-analysis sector, drafted, signed off only by the
head of the Secretariat or the person acting for him per the §13 register, extended by a
reasoned decision within the rule's longest term, answered; the deadline rule
inforequests.answer started, extended and met from the events; the register filtered,
keyset-paged, showing what is overdue."""

import threading
from datetime import UTC, date, datetime, timedelta

from consumers.deadline_starter import run_starter
from consumers.projection_worker import ProjectionWorker
from contexts.clock import SetClock
from domain.actor import Role
from domain.deadlines.terms import end_of_court_day
from projections.registry import ALL_PROJECTIONS
from tests.support import auth, post, read_pages, relay_all

R, H, D, C = Role.REGISTRAR, Role.HEAD, Role.DEPUTY_HEAD, Role.CONSULTANT


def project_all(system, settings):
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def ok(response, code=200):
    assert response.status_code == code, response.text
    return response.json()


def field_of(response) -> str:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()["errors"][0]["field"]


def request_body(received_at: datetime, **changes) -> dict:
    return {"requester": {"name": "Presidential Administration", "kind": "presidential_administration",
                          "reference": "No. 12-34/567 of 27 Feb 2026"},
            "subject": "statistics", "channel": "esedo", "summary": "Cassation statistics for 2025",
            "received_at": received_at.isoformat()} | changes  # fmt: skip


def rows(client, token, **params) -> dict[str, dict]:
    pages = read_pages(client, token, "/information-requests", params, limit=1)
    return {i["request_id"]: i for page in pages for item in [page["items"]] for i in item}


def test_a_request_for_information_from_registration_to_the_answer(client, tokens, system, settings):
    registrar, head, deputy = tokens[R], tokens[H], tokens[D]
    analyst, analyst_token = system.users.add("Analyst Zhaksylykova D.", Role.ANALYST)
    received = datetime.now(UTC) - timedelta(hours=1)

    # Bad input: the field named, nothing written.
    bad_kind = request_body(received, requester={"name": "Ministry", "kind": "ministry", "reference": None})
    assert field_of(post(client, registrar, "/information-requests", bad_kind)) == "requester.kind"
    future = request_body(datetime.now(UTC) + timedelta(days=2))
    assert field_of(post(client, registrar, "/information-requests", future)) == "received_at"
    assert post(client, tokens[C], "/information-requests", request_body(received)).status_code == 403
    assert system.inforequests.recorder.max_notification_id() in (None, 0)

    # Registered once; a retry replays, another body under the same key is a conflict.
    first = ok(post(client, registrar, "/information-requests", request_body(received), **{"Idempotency-Key": "r1"}),
               201)  # fmt: skip
    again = post(client, registrar, "/information-requests", request_body(received), **{"Idempotency-Key": "r1"})
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first["id"] and first["stage"] == "registered"
    other = request_body(received, summary="Another question")
    assert post(client, registrar, "/information-requests", other, **{"Idempotency-Key": "r1"}).status_code == 409
    state_body = request_body(
        received - timedelta(days=1),
        requester={"name": "Ministry of Justice", "kind": "state_body", "reference": None},
        subject="practice_analysis",
    )
    second = ok(post(client, registrar, "/information-requests", state_body), 201)  # fmt: skip
    request_id = first["id"]
    step = f"/information-requests/{request_id}"

    # Assigned only to an analyst of the sector; If-Match guards the version.
    registrar_id = client.get("/me", headers=auth(registrar)).json()["id"]
    before = system.inforequests.recorder.max_notification_id()
    assert field_of(post(client, head, f"{step}/assignment", {"assignee": registrar_id, "reason": "stats"})) == (
        "assignee")  # fmt: skip
    assert system.inforequests.recorder.max_notification_id() == before
    stale = post(client, head, f"{step}/assignment", {"assignee": analyst.id, "reason": "stats"}, **{"If-Match": '"9"'})
    assert stale.status_code == 409
    assigned = ok(post(client, head, f"{step}/assignment", {"assignee": analyst.id, "reason": "statistics"},
                       **{"If-Match": f'"{first["version"]}"'}))  # fmt: skip
    assert assigned["stage"] == "assigned"
    ok(post(client, analyst_token, f"{step}/draft", {"document_ref": "dms://answers/2026/77"}))

    # Signed off only with a §13 authority on the Secretariat's line at this instant: the deputy
    # who signs international documents is refused here; the head once recorded, signs.
    since = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    ok(post(client, head, "/international/signing-authorities", {
        "user_id": client.get("/me", headers=auth(deputy)).json()["id"], "capacity": "supervising_deputy_head",
        "valid_from": since, "basis": "order No. 4"}), 201)  # fmt: skip
    assert field_of(post(client, deputy, f"{step}/sign-off", {})) == "signer"
    assert field_of(post(client, head, f"{step}/sign-off", {})) == "signer"
    head_id = client.get("/me", headers=auth(head)).json()["id"]
    # The head of the Secretariat signs the Secretariat's documents, not the international ones.
    assert (
        field_of(
            post(
                client,
                head,
                "/international/signing-authorities",
                {"user_id": head_id, "capacity": "secretariat_head", "valid_from": since, "basis": "order No. 5"},
            )
        )
        == "capacity"
    )
    ok(post(client, head, "/international/signing-authorities", {
        "user_id": head_id, "capacity": "secretariat_head", "valid_from": since, "basis": "order No. 5",
        "line": "secretariat_documents"}), 201)  # fmt: skip
    signed = ok(post(client, head, f"{step}/sign-off", {}, **{"Idempotency-Key": "s1"}))
    assert signed["stage"] == "signed"
    assert post(client, head, f"{step}/sign-off", {}, **{"Idempotency-Key": "s1"}).headers["idempotent-replayed"]

    # Extended by a reasoned decision, no further than the rule's 2 months from receipt.
    too_far = {"until": (received.date() + timedelta(days=70)).isoformat(), "reason": "the figures are awaited"}
    assert field_of(post(client, head, f"{step}/extension", too_far)) == "until"
    assert post(client, tokens[R], f"{step}/extension", too_far).status_code == 403
    until = received.date() + timedelta(days=40)
    ok(post(client, deputy, f"{step}/extension", {"until": until.isoformat(), "reason": "the figures are awaited"}))

    # The deadline rule: started from the registration, moved by the extension.
    project_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)
    deadline = system.deadlines.open_deadline("inforequests.answer", request_id)
    assert deadline is not None and deadline.due_at == end_of_court_day(until)
    assert deadline.base_event.type == "kz.sotflow.inforequests.request-registered.v1"

    # The register: filters, keyset pages both ways, the signer and the extended term.
    register = rows(client, head)
    assert set(register) == {request_id, second["id"]}
    card = register[request_id]
    assert (card["stage"], card["assignee"], card["assignee_name"]) == ("signed", analyst.id, analyst.name)
    assert (card["signed_by"], card["signed_capacity"], card["extended_until"]) == (
        head_id, "secretariat_head", until.isoformat())  # fmt: skip
    assert datetime.fromisoformat(card["last_instant"]) == end_of_court_day(until)
    assert set(rows(client, tokens[C], requester_kind="state_body")) == {second["id"]}
    assert set(rows(client, analyst_token, assignee=analyst.id, subject="statistics")) == {request_id}
    assert ok(client.get("/information-requests?requester_kind=ministry", headers=auth(head)), 422) is not None

    # Overdue: the unanswered one once its term has passed; the extended one is not yet.
    later = datetime.fromisoformat(register[second["id"]]["due_at"]) + timedelta(seconds=1)
    system.use_clock(SetClock(later))
    overdue = rows(client, head, overdue="true")
    assert set(overdue) == {second["id"]} and overdue[second["id"]]["overdue"]

    # Answered: the term met.
    system.use_clock(SetClock(datetime.now(UTC)))
    ok(post(client, registrar, f"{step}/answer", {"sent_at": datetime.now(UTC).isoformat(), "channel": "esedo"}))
    project_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)
    assert system.deadlines.open_deadline("inforequests.answer", request_id) is None
    assert system.deadlines.get(deadline.id).status == "met"
    assert ok(client.get(step, headers=auth(head)))["stage"] == "answered"
    assert date.fromisoformat(register[request_id]["received_at"][:10]) <= date.today()

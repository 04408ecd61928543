"""The archive (seed 004 §15.14) through HTTP on the real PostgreSQL and Kafka: a disposed
case's file handed over with a gapless archive number and its retention term, bad input
refused naming the field with nothing written, issue and return on the deadline rule
(overdue when not back in time), destruction refused while held, approved by the head,
and the three registers with the case's confidentiality."""

import threading
from datetime import UTC, date, datetime, timedelta

from consumers.deadline_starter import run_starter
from consumers.deadline_watcher import DeadlineWatcher
from consumers.projection_worker import ProjectionWorker
from contexts.clock import SetClock
from domain.actor import Role
from projections.registry import ALL_PROJECTIONS
from tests.integration.test_registers_api import extradition_payload
from tests.support import auth, complaint_payload, court_today, page_ids, post, read_pages, relay_all

V, H, C, R = Role.ARCHIVIST, Role.HEAD, Role.CONSULTANT, Role.REGISTRAR


def project_all(system, settings):
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def ok(response, code=200):
    assert response.status_code == code, response.text
    return response.json()


def returned_case(client, tokens, payload: dict, path: str = "/complaints") -> str:
    """A complaint registered and returned by the head's office (УПК 489): a disposed case."""
    case_id = ok(client.post(path, json=payload, headers=auth(tokens[R])), 201)["id"]
    ok(post(client, tokens[H], f"/cases/{case_id}/return", {"reason": "not signed by the filer"}), 201)
    return case_id


def handover(case_id: str, **changes) -> dict:
    return {"case_id": case_id, "nomenclature_index": "02-14", "volumes": 1, "pages": 57,
            "handed_over_by": "Secretary of the panel, Omarova A."} | changes  # fmt: skip


def rows(client, token, path, **params) -> dict[str, dict]:
    return {i["file_id"]: i for page in read_pages(client, token, path, params, limit=2) for i in page["items"]}


def test_a_disposed_cases_file_through_the_archive(client, tokens, system, settings):
    archivist, head = tokens[V], tokens[H]
    first = returned_case(client, tokens, complaint_payload(1))
    second = returned_case(client, tokens, extradition_payload(2), "/incoming-items")  # confidential
    pending = ok(client.post("/complaints", json=complaint_payload(3), headers=auth(tokens[R])), 201)["id"]

    # Bad input: the field named, nothing written.
    bad = post(client, archivist, "/archive/files", handover(first, volumes=0))
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert bad.json()["errors"][0]["field"] == "volumes"
    not_disposed = post(client, archivist, "/archive/files", handover(pending))
    assert not_disposed.status_code == 422 and not_disposed.json()["errors"][0]["field"] == "case_id"
    assert post(client, tokens[R], "/archive/files", handover(first)).status_code == 403
    assert system.archive.recorder.max_notification_id() in (None, 0)

    # Handover: gapless numbers per court and year; a retry is a replay, another key a conflict.
    year = datetime.now(UTC).year
    handed = ok(post(client, archivist, "/archive/files", handover(first), **{"Idempotency-Key": "a1"}), 201)
    again = post(client, archivist, "/archive/files", handover(first), **{"Idempotency-Key": "a1"})
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json()["number"] == handed["number"] == f"cassation-criminal-A-1/{year}"
    assert post(client, archivist, "/archive/files", handover(first), **{"Idempotency-Key": "a2"}).status_code == 409
    confidential = ok(post(client, archivist, "/archive/files", handover(second)), 201)
    assert confidential["number"] == f"supreme-court-criminal-A-1/{year}"  # extradition: the Supreme Court's

    # Issue on request, due back by the rule archive.file-return; a stale If-Match is refused.
    stale = post(client, archivist, f"/archive/files/{first}/issues", {
        "recipient_kind": "judge", "recipient": "Judge Seitkali N.", "request_ref": "memo 12", "reason": "study",
    }, **{"If-Match": '"7"'})  # fmt: skip
    assert stale.status_code == 409 and stale.json()["current_version"] == handed["version"]
    issued = ok(post(client, archivist, f"/archive/files/{first}/issues", {
        "recipient_kind": "judge", "recipient": "Judge Seitkali N.", "request_ref": "memo 12", "reason": "study",
    }, **{"If-Match": f'"{handed["version"]}"'}))  # fmt: skip
    assert issued["status"] == "issued"
    project_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)
    deadline = system.deadlines.open_deadline("archive.file-return", first)
    assert deadline is not None and deadline.base_event.type == "kz.sotflow.archive.file-issued.v1"
    archive = rows(client, tokens[H], "/archive/files")
    assert set(archive) == {first, second}
    card = archive[first]
    assert (card["archive_number"], card["volumes"], card["pages"], card["nomenclature_index"]) == (
        handed["number"], 1, 57, "02-14")  # fmt: skip
    assert card["received_by"] != card["handed_over_by"] == "Secretary of the panel, Omarova A."
    assert (card["disposal"], card["category"], card["retention_years"]) == ("returned", "returned", 5)
    assert card["retention_ends_on"] == date(court_today().year + 5, 12, 31).isoformat()
    assert datetime.fromisoformat(card["return_due_at"]) == deadline.due_at
    assert archive[second]["category"] == "returned" and archive[second]["confidentiality"] == "confidential"

    # Confidential files stay confidential: absent for a consultant, 404 on a direct read.
    assert set(rows(client, tokens[C], "/archive/files")) == {first}
    assert client.get(f"/archive/files/{second}", headers=auth(tokens[C])).status_code == 404
    assert (
        ok(client.get(f"/archive/files/{second}", headers=auth(archivist)))["archive_number"] == confidential["number"]
    )

    # Issued and not returned: overdue once past its due instant.
    issued_now = rows(client, archivist, "/archive/issued")
    assert set(issued_now) == {first} and not issued_now[first]["overdue"]
    assert rows(client, archivist, "/archive/issued", overdue="true") == {}
    system.use_clock(SetClock(deadline.due_at + timedelta(seconds=1)))
    overdue = rows(client, archivist, "/archive/issued", overdue="true")
    assert set(overdue) == {first} and overdue[first]["overdue"]
    # The watcher reports the return term missed on the log.
    project_all(system, settings)
    DeadlineWatcher(system).tick(system.clock.now())
    assert system.deadlines.get(deadline.id).missed_for == deadline.due_at

    # Years later: both terms have ended, but the file out on issue, and a held one, cannot be destroyed.
    system.use_clock(SetClock(datetime(court_today().year + 6, 3, 2, 6, 0, tzinfo=UTC)))
    review = rows(client, archivist, "/archive/destruction-review")
    assert set(review) == {first, second}
    act = {"court": "cassation-criminal", "act_number": "DA-1", "file_ids": [first], "reason": "term ended"}
    refused = post(client, archivist, "/archive/destruction-acts", act)
    assert refused.status_code == 409 and refused.json()["type"].endswith("/under-hold")
    assert "issued to Judge Seitkali N." in refused.json()["detail"]
    returned_at = datetime.now(UTC).isoformat()
    ok(post(client, archivist, f"/archive/files/{first}/return", {"returned_at": returned_at, "reason": "back"}))
    reopened = {"ground": "case_reopened", "reason": "new circumstances"}
    held = ok(post(client, archivist, f"/archive/files/{second}/holds", reopened, **{"Idempotency-Key": "h1"}))
    of_supreme_court = act | {"court": "supreme-court-criminal", "act_number": "DA-S1", "file_ids": [second]}
    assert post(client, archivist, "/archive/destruction-acts", of_supreme_court).status_code == 409
    assert system.archive.get_file(held["id"]).holds
    mixed = post(client, archivist, "/archive/destruction-acts", act | {"file_ids": [first, second]})
    assert mixed.status_code == 422 and mixed.json()["errors"][0]["field"] == "file_ids"

    # The act is drawn up; the head (not the archivist) approves it.
    drawn = ok(post(client, archivist, "/archive/destruction-acts", act), 201)
    assert post(client, archivist, f"/archive/destruction-acts/{drawn['id']}/approval",
                {"reason": "approved"}).status_code == 403  # fmt: skip
    # A hold placed after the act was drawn up refuses the approval, and nothing is destroyed.
    late_hold = ok(
        post(
            client,
            head,
            f"/archive/files/{first}/holds",
            {"ground": "pending_request", "reason": "request of the prosecutor"},
        )
    )
    blocked = post(client, head, f"/archive/destruction-acts/{drawn['id']}/approval", {"reason": "approved"})
    assert blocked.status_code == 409 and system.archive.get_file(first).status == "archived"
    hold_id = next(iter(system.archive.get_file(first).holds))
    ok(post(client, head, f"/archive/files/{first}/hold-lifts", {"hold_id": hold_id, "reason": "answered"},
            **{"If-Match": f'"{late_hold["version"]}"'}))  # fmt: skip
    approved = ok(post(client, head, f"/archive/destruction-acts/{drawn['id']}/approval", {"reason": "approved"},
                       **{"Idempotency-Key": "ap1"}))  # fmt: skip
    assert approved["status"] == "approved"

    project_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)
    assert system.deadlines.get(deadline.id).status == "met"  # late, by the return
    archive = rows(client, tokens[H], "/archive/files")
    assert archive[first]["status"] == "destroyed" and archive[first]["destruction_act_number"] == "DA-1"
    assert archive[second]["status"] == "archived" and list(archive[second]["holds"].values()) == ["case_reopened"]
    assert set(rows(client, archivist, "/archive/destruction-review")) == {second}
    assert rows(client, archivist, "/archive/issued") == {}
    destroyed = rows(client, archivist, "/archive/files", status="destroyed")
    assert set(destroyed) == {first}
    # The destruction stays on the log as an event.
    from tests.support import published_envelopes

    types = [e["type"] for e in published_envelopes(settings, "archive")]
    assert "kz.sotflow.archive.file-destroyed.v1" in types
    assert "kz.sotflow.archive.destruction-act-approved.v1" in types


def test_the_archive_register_pages_by_keyset(client, tokens, system, settings):
    cases = [returned_case(client, tokens, complaint_payload(n)) for n in range(5)]
    for case_id in cases:
        ok(post(client, tokens[V], "/archive/files", handover(case_id)), 201)
    project_all(system, settings)
    pages = read_pages(client, tokens[V], "/archive/files", limit=2)

    assert [len(p) for p in page_ids(pages, "file_id")] == [2, 2, 1]
    numbers = [i["archive_number"] for p in pages for i in p["items"]]
    year = datetime.now(UTC).year
    assert numbers == [f"cassation-criminal-A-{n}/{year}" for n in range(5, 0, -1)]  # newest first, no gap

"""The register of destruction acts (seed 004 §15.14) on the real PostgreSQL and Kafka: an act
drawn up is read where its answer's Location points, awaiting approval, with the files it
lists; the head approves it and the register says so; the list pages and filters, is for the
archive, the heads and the auditors only, and equals a rebuild from the log (each event
applied once)."""

import threading
from datetime import UTC, datetime

from consumers.projection_worker import ProjectionWorker
from contexts.clock import SetClock
from domain.actor import Role
from projections import destruction_acts
from tests.integration.test_archive_api import handover, ok, project_all, returned_case
from tests.support import auth, complaint_payload, court_today, page_ids, post, projections_match_a_rebuild, read_pages

V, H, D, A = Role.ARCHIVIST, Role.HEAD, Role.DEPUTY_HEAD, Role.AUDITOR


def acts(client, token, **params) -> dict[str, dict]:
    return {i["act_id"]: i for page in read_pages(client, token, "/archive/destruction-acts", params, limit=2)
            for i in page["items"]}  # fmt: skip


def test_destruction_acts_are_read_awaiting_approval_then_approved(client, tokens, system, settings):
    archivist, head = tokens[V], tokens[H]
    cases = [returned_case(client, tokens, complaint_payload(n)) for n in range(3)]
    numbers = [ok(post(client, archivist, "/archive/files", handover(c)), 201)["number"] for c in cases]
    system.use_clock(SetClock(datetime(court_today().year + 6, 3, 2, 6, 0, tzinfo=UTC)))  # the terms have ended

    first = {"court": "cassation-criminal", "act_number": "DA-1", "file_ids": cases[:2], "reason": "term ended"}
    drawn = post(client, archivist, "/archive/destruction-acts", first)
    assert drawn.status_code == 201, drawn.text
    second = ok(post(client, archivist, "/archive/destruction-acts",
                     first | {"act_number": "DA-2", "file_ids": [cases[2]]}), 201)  # fmt: skip
    project_all(system, settings)

    # The answer's Location is the act, awaiting approval, with the files it lists in its order.
    read = client.get(drawn.headers["location"], headers=auth(head),
                      params={"wait_for": drawn.json()["log_position"]["token"]})  # fmt: skip
    assert read.status_code == 200 and read.headers["x-log-position-reached"] == "true", read.text
    act = read.json()
    assert (act["act_number"], act["court"], act["status"], act["reason"]) == (
        "DA-1", "cassation-criminal", "drawn_up", "term ended")  # fmt: skip
    assert act["file_ids"] == cases[:2] and act["archive_numbers"] == numbers[:2]
    assert act["drawn_up_by"] == system.users.authenticate(archivist).id
    assert act["drawn_up_on"] == system.clock.now().date().isoformat()
    assert act["approved_at"] is None and act["approved_by"] is None

    unknown = client.get("/archive/destruction-acts/6f1c0e57-7b1e-4c59-9d0e-1b2a3c4d5e6f", headers=auth(head))
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
    for role in (Role.REGISTRAR, Role.CONSULTANT, Role.JUDGE):
        assert client.get("/archive/destruction-acts", headers=auth(tokens[role])).status_code == 403
        assert client.get(drawn.headers["location"], headers=auth(tokens[role])).status_code == 403
    bad = client.get("/archive/destruction-acts", headers=auth(head), params={"status": "destroyed"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "status"

    # Awaiting approval, newest first, for every reading role.
    for role in (V, H, D, A):
        waiting = read_pages(client, tokens[role], "/archive/destruction-acts", {"status": "drawn_up"}, limit=1)
        assert page_ids(waiting, "act_number") == [["DA-2"], ["DA-1"]]

    # The head approves the first: the register shows who, when and why, and no longer awaits it.
    approved = ok(post(client, head, f"/archive/destruction-acts/{act['act_id']}/approval",
                       {"reason": "checked against the files"}))  # fmt: skip
    assert approved["status"] == "approved"
    project_all(system, settings)
    read = client.get(f"/archive/destruction-acts/{act['act_id']}", headers=auth(archivist),
                      params={"wait_for": approved["log_position"]["token"]})  # fmt: skip
    assert read.headers["x-log-position-reached"] == "true"
    act = read.json()
    assert (act["status"], act["approval_reason"]) == ("approved", "checked against the files")
    assert act["approved_by"] == system.users.authenticate(head).id
    assert act["approved_on"] == system.clock.now().date().isoformat() and act["approved_at"] is not None
    assert set(acts(client, archivist, status="approved")) == {act["act_id"]}
    assert set(acts(client, archivist, status="drawn_up")) == {second["id"]}
    assert set(acts(client, archivist, court="cassation-criminal")) == {act["act_id"], second["id"]}
    assert acts(client, archivist, court="supreme-court-criminal") == {}

    # Applied once: a worker started again applies nothing more, and the register equals a rebuild.
    schema = settings.projection_schema
    with system.pool.connection() as conn:
        before = destruction_acts.page(conn, schema, limit=10)
    ProjectionWorker(destruction_acts, settings, system.pool).run(threading.Event(), catch_up=True)
    with system.pool.connection() as conn:
        assert destruction_acts.page(conn, schema, limit=10) == before
    report = projections_match_a_rebuild(settings)
    assert report is not None and report["projections"][destruction_acts.NAME]["matches_live"]

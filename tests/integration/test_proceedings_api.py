"""The proceedings context over HTTP against the real services: from registration and
distribution to the published act, with role checks, 409s, idempotency and the log."""

import hashlib
import threading
import uuid
from datetime import UTC, datetime, timedelta

from consumers.distributor import Distributor
from domain.actor import Role
from relay.relay import Relay
from tests.support import (
    TEST_COURT,
    auth,
    complaint_payload,
    court_today,
    enrol,
    judge_token,
    post,
    published_envelopes,
    relay_all,
    settings_body,
)

PROBLEM = "application/problem+json"


def test_a_case_goes_from_acceptance_to_publication_and_every_step_is_on_the_log(
    client, tokens, system, settings, distributed_case
):
    case_id, panel = distributed_case
    judge, clerk = judge_token(system, panel[2]), tokens[Role.REGISTRAR]
    outsider = judge_token(system, next(j for j in (f"judge-{n}" for n in range(6)) if j not in panel))
    now = datetime.now(UTC)

    accepted = post(client, judge, f"/cases/{case_id}/acceptance", {"reason": "admissible: УПК 487, 484(2) met"})
    assert accepted.status_code == 201, accepted.text
    assert (accepted.json()["stage"], accepted.json()["version"], accepted.headers["etag"]) == ("accepted", 1, '"1"')

    requested = post(client, clerk, f"/cases/{case_id}/case-file-requests", {})
    assert requested.status_code == 200, requested.text
    case_file = client.post(
        "/incoming-items",
        json=complaint_payload(1) | {"kind": "case_file", "related_item_id": case_id},
        headers=auth(clerk),
    )
    assert case_file.status_code == 201, case_file.text
    assert "-CF-" in case_file.json()["registration_number"]
    steps = [
        (clerk, "case-file-receipts", {"received_at": now.isoformat(), "case_file_item_id": case_file.json()["id"]}),
        (clerk, "hearings", {"hearing_id": "h-1", "scheduled_for": (now + timedelta(days=9)).isoformat(),
                             "room": "Hall 3"}),
        (clerk, "notices", {"parties": ["Filer 1", "Prosecutor of Almaty"]}),
        (clerk, "hearings/h-1/postponement", {"reason": "the defender is ill"}),
        (clerk, "hearings", {"hearing_id": "h-2", "scheduled_for": now.isoformat(), "room": "Hall 3"}),
        (clerk, "hearings/h-2/held", {"held_at": now.isoformat(), "panel": panel}),
        (judge, "ruling", {"outcomes": [{"defendant": "Filer 1", "outcome": "changed",
                                         "legal_basis": "УПК 494(1)(4)"}]}),
        (judge, "judicial-act", {"document_ref": "dms://acts/1", "publishable": True,
                                 "document_sha256": hashlib.sha256(b"act").hexdigest()}),
        (clerk, "publication", {"portal_ref": "https://office.sud.kz/acts/1", "redacted": True}),
    ]  # fmt: skip
    for token, path, body in steps:
        if path in ("ruling", "judicial-act"):
            # Only a judge who sat enters them: another judge of the court is refused.
            refused = post(client, outsider, f"/cases/{case_id}/{path}", body)
            assert refused.status_code == 403 and refused.json()["type"].endswith("/not-the-judges"), refused.text
            assert "did not sit at hearing h-2" in refused.json()["detail"]
        response = post(client, token, f"/cases/{case_id}/{path}", body)
        assert response.status_code == 200, (path, response.text)

    state = client.get(f"/cases/{case_id}/proceedings", headers=auth(clerk)).json()
    assert (state["stage"], state["version"]) == ("published", 11)
    assert [h["hearing_id"] for h in state["hearings"]] == ["h-1", "h-2"]
    assert state["hearings"][1]["panel"] == panel

    Relay(system.proceedings, "proceedings", settings).run(threading.Event(), exit_when_idle=True)
    types = [e["type"].split(".")[3] for e in published_envelopes(settings, "proceedings")]
    assert types == [
        "case-accepted", "case-file-requested", "case-file-received", "hearing-scheduled", "parties-notified",
        "hearing-postponed", "hearing-scheduled", "hearing-held", "ruling-entered", "judicial-act-entered",
        "judicial-act-entered", "act-published",
    ]  # fmt: skip
    envelopes = published_envelopes(settings, "proceedings")
    acts = [e for e in envelopes if ".judicial-act-entered." in e["type"]]
    assert [e["type"][-2:] for e in acts] == ["v1", "v2"], "both versions during the transition, oldest first"
    assert acts[0]["logposition"] == acts[1]["logposition"] and "text" not in acts[0]["data"]
    assert all(e["subject"] == case_id for e in envelopes)
    held = next(e for e in envelopes if e["type"].endswith("hearing-held.v1"))
    assert held["data"]["as_assigned"] is True
    assert next(e for e in envelopes if e["type"].endswith("hearing-postponed.v1"))["reason"] == "the defender is ill"


def test_roles_conflicts_and_retries(client, tokens, system, settings, distributed_case):
    case_id, panel = distributed_case
    judge, clerk = judge_token(system, panel[0]), tokens[Role.REGISTRAR]

    forbidden = post(client, clerk, f"/cases/{case_id}/acceptance", {"reason": "admissible"})
    assert forbidden.status_code == 403 and forbidden.headers["content-type"] == PROBLEM
    headers = {"Idempotency-Key": "accept-1"}
    first = post(client, judge, f"/cases/{case_id}/acceptance", {"reason": "admissible"}, **headers)
    again = post(client, judge, f"/cases/{case_id}/acceptance", {"reason": "admissible"}, **headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true" and again.json()["version"] == 1
    twice = post(client, judge, f"/cases/{case_id}/acceptance", {"reason": "admissible"})
    assert twice.status_code == 409 and twice.json()["type"].endswith("/already-decided")

    # If-Match: a command based on a stale read is refused and records nothing.
    fresh = post(client, clerk, f"/cases/{case_id}/case-file-requests", {}, **{"If-Match": '"1"'})
    assert fresh.status_code == 200 and fresh.json()["version"] == 2
    stale = post(client, clerk, f"/cases/{case_id}/withdrawal", {"reason": "letter"}, **{"If-Match": '"1"'})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2

    wrong_stage = post(client, judge, f"/cases/{case_id}/ruling", {
        "outcomes": [{"defendant": "A.", "outcome": "changed", "legal_basis": "УПК 494"}]})  # fmt: skip
    assert wrong_stage.status_code == 409 and wrong_stage.json()["stage"] == "case_file_requested"

    too_long = post(client, tokens[Role.HEAD], f"/cases/{case_id}/suspension", {
        "authority": "supreme_court_chair", "decided_on": "2026-01-10", "until": "2026-07-11",
        "reason": "pending review"})  # fmt: skip
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "until" and "УПК 493" in too_long.json()["detail"]
    assert system.proceedings.get_case(uuid.UUID(case_id)).version == 2, "refusals record nothing"

    missing = post(client, judge, "/cases/00000000-0000-4000-8000-000000000000/acceptance", {"reason": "x" * 5})
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert client.get(f"/cases/{case_id}/proceedings").status_code == 401


def test_a_returned_item_cannot_be_accepted_and_a_case_file_does_not_open_a_case(client, tokens):
    registrar, judge = tokens[Role.REGISTRAR], tokens[Role.JUDGE]
    late = complaint_payload(2) | {
        "improves_position": False,
        "contested_act": {"court": "Almaty City Court", "kind": "verdict", "act_date": "2020-01-10",
                          "entered_into_force": "2020-02-10"},
    }  # fmt: skip
    returned = client.post("/complaints", json=late, headers=auth(registrar))
    assert returned.status_code == 201
    decision = returned.json()["admissibility"]
    assert decision["admissible"] is False and "УПК 487" in decision["ground"]
    refused = post(client, judge, f"/cases/{returned.json()['id']}/acceptance", {"reason": "admissible"})
    assert refused.status_code == 422 and "already returned" in refused.json()["detail"]

    no_case = client.post("/incoming-items", json=complaint_payload(3) | {"kind": "case_file"}, headers=auth(registrar))
    assert no_case.status_code == 422 and no_case.json()["errors"][0]["field"] == "related_item_id"
    unknown = client.post(
        "/incoming-items",
        json=complaint_payload(3) | {"kind": "case_file", "related_item_id": "00000000-0000-4000-8000-000000000000"},
        headers=auth(registrar),
    )
    assert unknown.status_code == 422


def test_an_extradition_complaint_goes_to_the_supreme_court_as_confidential_for_one_judge(
    client, tokens, system, settings
):
    supreme = settings.supreme_court
    enrol(client, tokens[Role.HEAD], judges=5, court=supreme)
    client.post(f"/courts/{supreme}/distribution-settings", json=settings_body(), headers=auth(tokens[Role.HEAD]))
    served = court_today() - timedelta(days=3)
    body = complaint_payload(4) | {
        "kind": "extradition_complaint",
        "filer": {"name": "Person K.", "procedural_role": "person_to_be_extradited"},
        "contested_act": {"court": "Prosecutor General's Office", "kind": "extradition_decision",
                          "act_date": (served - timedelta(days=1)).isoformat(), "copy_received_on": served.isoformat()},
    }  # fmt: skip
    registered = client.post("/incoming-items", json=body, headers=auth(tokens[Role.REGISTRAR]))
    assert registered.status_code == 201, registered.text
    assert f"{supreme}-EC-1/" in registered.json()["registration_number"]
    relay_all(system, settings)
    Distributor(system, retry_seconds=0.1).run(threading.Event(), catch_up=True)
    distribution = system.assignment.panel_of(supreme, registered.json()["id"])
    assert len(distribution.panel) == 1 and distribution.procedure == "extradition"
    item = next(e for e in published_envelopes(settings) if e["type"].endswith("item-registered.v1"))
    assert (item["data"]["confidentiality"], item["data"]["procedure"]) == ("confidential", "extradition")


def test_a_disposed_case_releases_its_judges_loads(client, tokens, system, settings, distributed_case):
    from consumers.load_releaser import LoadReleaser

    case_id, panel = distributed_case
    loaded = system.assignment.roster(TEST_COURT).loads
    assert sum(loaded.values()) == 2.0  # rapporteur 1, two members 0.5 (the test settings)
    accepted = post(client, judge_token(system, panel[0]), f"/cases/{case_id}/acceptance", {"reason": "admissible"})
    assert accepted.status_code == 201, accepted.text
    post(client, tokens[Role.REGISTRAR], f"/cases/{case_id}/withdrawal", {"reason": "the convict's letter"})
    relay_all(system, settings)

    releaser = LoadReleaser(system)
    releaser.run(threading.Event(), catch_up=True)
    LoadReleaser(system).run(threading.Event(), catch_up=True)  # again, from the committed offsets

    assert releaser.released == 1
    roster = system.assignment.roster(TEST_COURT)
    assert all(load == 0.0 for load in roster.loads.values())
    assert roster.distributions[case_id].released
    relay_all(system, settings)
    released = [e for e in published_envelopes(settings, "assignment") if e["type"].endswith("load-released.v1")]
    assert [(e["subject"], e["data"]["panel"]) for e in released] == [(case_id, panel)]

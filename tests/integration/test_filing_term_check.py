"""An item whose filing term cannot be checked is admitted and marked to be checked in
the incoming register and the case card, until a registrar or judge confirms the term
(an event on the log); over HTTP against the real services."""

import threading

from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from projections import case_register, incoming_register
from tests.support import auth, complaint_payload, post, published_envelopes, relay_all

# A verdict in force since 2023, without saying whether the complaint improves the
# convict's position: whether the one-year term applies cannot be checked.
UNSTATED = {
    "contested_act": {"court": "Almaty City Court", "kind": "verdict", "act_date": "2023-03-01",
                      "entered_into_force": "2023-04-01"},
}  # fmt: skip


def project(system, settings):
    relay_all(system, settings)
    for projection in (incoming_register, case_register):
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def test_an_unchecked_filing_term_is_admitted_marked_and_confirmed_once(client, tokens, system, settings):
    clerk = tokens[Role.REGISTRAR]
    registered = client.post("/complaints", json=complaint_payload(61) | UNSTATED, headers=auth(clerk))
    assert registered.status_code == 201, registered.text
    decision = registered.json()["admissibility"]
    assert decision["admissible"] is True
    assert "not_checkable" in [f["outcome"] for f in decision["findings"]]
    item_id = registered.json()["id"]
    stated = complaint_payload(62) | {"improves_position": True}  # no term when it improves the position
    checked = client.post("/complaints", json=stated, headers=auth(clerk)).json()["id"]
    project(system, settings)

    entry = client.get(f"/registers/incoming/{item_id}", headers=auth(clerk)).json()
    assert (entry["status"], entry["to_be_checked"], entry["filing_term_confirmed"]) == ("registered", True, None)
    assert client.get(f"/registers/incoming/{checked}", headers=auth(clerk)).json()["to_be_checked"] is False
    listed = client.get("/registers/incoming", params={"to_be_checked": True}, headers=auth(clerk)).json()
    assert [i["item_id"] for i in listed["items"]] == [item_id]
    card = client.get(f"/registers/cases/{item_id}", headers=auth(clerk)).json()
    assert card["case"]["to_be_checked"] is True and card["incoming"]["to_be_checked"] is True

    path = f"/incoming-items/{item_id}/filing-term-check"
    body = {"confirmed": True, "note": "the complaint asks for a milder sentence: no term applies"}
    assert post(client, tokens[Role.CONSULTANT], path, body).status_code == 403
    bad = post(client, clerk, path, {"confirmed": "perhaps", "note": "x"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert {e["field"] for e in bad.json()["errors"]} >= {"confirmed", "note"}
    done = post(client, tokens[Role.JUDGE], path, body)
    assert done.status_code == 200, done.text
    again = post(client, clerk, path, body)
    assert again.status_code == 409 and again.json()["type"].endswith("/nothing-to-confirm"), again.text
    nothing = post(client, clerk, f"/incoming-items/{checked}/filing-term-check", body)
    assert nothing.status_code == 409
    missing = post(client, clerk, "/incoming-items/00000000-0000-4000-8000-000000000000/filing-term-check", body)
    assert missing.status_code == 404

    project(system, settings)
    entry = client.get(f"/registers/incoming/{item_id}", headers=auth(clerk)).json()
    assert (entry["to_be_checked"], entry["filing_term_confirmed"], entry["filing_term_note"]) == (
        False, True, body["note"],
    )  # fmt: skip
    card = client.get(f"/registers/cases/{item_id}", headers=auth(clerk)).json()
    assert card["case"]["to_be_checked"] is False
    assert client.get("/registers/incoming", params={"to_be_checked": True}, headers=auth(clerk)).json()["items"] == []
    (event,) = [e for e in published_envelopes(settings) if e["type"].endswith("filing-term-confirmed.v1")]
    assert event["subject"] == item_id and event["actorrole"] == "judge"
    assert (event["data"]["confirmed"], event["data"]["rule_ids"]) == (True, ["filing-term.cassation"])

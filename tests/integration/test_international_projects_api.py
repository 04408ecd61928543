"""International projects (003 §7.9) through HTTP on the real PostgreSQL and Kafka: bad
input refused naming the field with nothing written, idempotent and conditional steps, a
milestone late in the register and in the international monitoring, closed on its report."""

from datetime import timedelta

from domain.actor import Role
from domain.court_time import court_date
from tests.integration.test_archive_api import ok, project_all
from tests.support import auth, post, published_envelopes, read_pages

OFFICER, H = Role.INTERNATIONAL_OFFICER, Role.HEAD


def test_a_project_with_a_late_milestone_is_monitored_until_closed(client, tokens, system, settings):
    officer, head = tokens[OFFICER], tokens[H]
    today = court_date(system.clock.now())
    body = {"title": "Court efficiency with CEPEJ", "partner": "CEPEJ", "decision_ref": "order 18",
            "starts_on": (today - timedelta(days=60)).isoformat(), "ends_on": (today + timedelta(days=200)).isoformat(),
            "coordinator": "u-int"}  # fmt: skip
    bad = post(client, officer, "/international/projects", body | {"ends_on": (today - timedelta(days=90)).isoformat()})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "ends_on"
    assert post(client, tokens[Role.REGISTRAR], "/international/projects", body).status_code == 403
    assert system.international.recorder.max_notification_id() in (None, 0)

    registered = ok(post(client, officer, "/international/projects", body, **{"Idempotency-Key": "p1"}), 201)
    again = post(client, officer, "/international/projects", body, **{"Idempotency-Key": "p1"})
    assert again.headers["idempotent-replayed"] == "true" and again.json()["id"] == registered["id"]
    base = f"/international/projects/{registered['id']}"
    late = ok(post(client, officer, f"{base}/milestones",
                   {"title": "data collection", "due_on": (today - timedelta(days=5)).isoformat()},
                   **{"If-Match": f'"{registered["version"]}"'}))  # fmt: skip
    stale = post(client, officer, f"{base}/milestones", {"title": "stale", "due_on": today.isoformat()},
                 **{"If-Match": f'"{registered["version"]}"'})  # fmt: skip
    assert stale.status_code == 409 and stale.json()["current_version"] == late["version"]
    ok(
        post(
            client,
            officer,
            f"{base}/milestones",
            {"title": "evaluation", "due_on": (today + timedelta(days=30)).isoformat()},
        )
    )

    project_all(system, settings)
    pages = read_pages(client, head, "/international/projects", {"late": "true"})
    assert [(p["project_id"], p["milestones_late"]) for page in pages for p in page["items"]] == [(registered["id"], 1)]
    card = ok(client.get(base, headers=auth(head)))
    assert [m["late"] for m in card["milestones"]] == [True, False]
    monitoring = ok(client.get("/international/monitoring", headers=auth(head)))["projects"]
    assert (monitoring["active"], monitoring["milestones_late"]) == (1, 1)

    ok(
        post(
            client,
            officer,
            f"{base}/milestones/{late['created_id']}/reached",
            {"reached_on": today.isoformat(), "note": "sent"},
        )
    )
    early = post(client, officer, f"{base}/closure", {"on": today.isoformat(), "reason": "done"})
    assert early.status_code == 422 and "final report" in early.json()["detail"]
    ok(post(client, officer, f"{base}/reports", {"kind": "final", "report_ref": "r-4", "summary": "the results",
                                                 "submitted_on": today.isoformat()}))  # fmt: skip
    closed = ok(post(client, officer, f"{base}/closure", {"on": today.isoformat(), "reason": "completed"}))
    assert closed["status"] == "closed"
    project_all(system, settings)
    assert read_pages(client, head, "/international/projects", {"late": "true"})[0]["items"] == []
    entry = ok(client.get(base, headers=auth(head)))
    assert (entry["status"], entry["final_report_ref"], entry["reports"]) == ("closed", "r-4", 1)
    types = {e["type"] for e in published_envelopes(settings, "international")}
    assert "kz.sotflow.international.project-closed.v1" in types

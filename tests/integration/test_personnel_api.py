"""Personal records of the staff (004 §15.7) and foreign business trips (003 §7.11) through
HTTP on the real PostgreSQL and Kafka: a consultant on leave is not assigned an application
(422 naming the field, nothing written) and their open items show to the head; a foreign
trip's final report becomes overdue, the watcher reports it missed, and the registers page."""

import threading
from datetime import UTC, datetime, timedelta

from consumers.deadline_starter import run_starter
from consumers.deadline_watcher import DeadlineWatcher
from contexts.clock import SetClock
from domain.actor import Role
from domain.court_time import court_date
from tests.integration.test_archive_api import ok, project_all
from tests.support import post, published_envelopes, read_pages

P, H, R, I, C = Role.PERSONNEL_OFFICER, Role.HEAD, Role.REGISTRAR, Role.INTERNATIONAL_OFFICER, Role.CONSULTANT  # noqa: E741


def appointment(user_id: str, name: str, category: str = "consultant") -> dict:
    return {"user_id": user_id, "full_name": name, "appointed_on": "2025-07-01", "decision_ref": "order 112-ls",
            "post": {"title": "consultant", "unit": "consultants' group", "category": category}}  # fmt: skip


def application(clerk, client) -> str:
    body = {"applicant": {"name": "A. Serikova", "kind": "individual", "identifier": "850101400123"},
            "channel": "e_otinish", "subject": "pending_proceedings", "summary": "when is my hearing",
            "related_case": None, "received_at": datetime.now(UTC).isoformat()}  # fmt: skip
    return ok(post(client, clerk, "/applications", body), 201)["id"]


def test_a_consultant_on_leave_is_not_assigned_and_their_open_items_show(client, tokens, system, settings):
    officer, head = tokens[P], tokens[H]
    today = court_date(system.clock.now())
    away = ok(post(client, officer, "/personnel/staff", appointment("c-away", "Abenova A."),
                   **{"Idempotency-Key": "s1"}), 201)  # fmt: skip
    again = post(client, officer, "/personnel/staff", appointment("c-away", "Abenova A."), **{"Idempotency-Key": "s1"})
    assert (
        again.status_code == 201 and again.headers["idempotent-replayed"] == "true" and again.json()["id"] == away["id"]
    )
    assert post(client, officer, "/personnel/staff", appointment("c-away", "Other")).status_code == 409
    present = ok(post(client, officer, "/personnel/staff", appointment("c-here", "Omarov B.")), 201)

    # Bad input: the field named, nothing written.
    before = system.personnel.recorder.max_notification_id()
    leave = {"kind": "annual", "starts_on": today.isoformat(), "ends_on": (today - timedelta(days=1)).isoformat(),
             "decision_ref": "order 41-o", "reason": "annual leave"}  # fmt: skip
    reversed_ = post(client, officer, f"/personnel/staff/{away['id']}/leave", leave)
    assert reversed_.status_code == 422 and reversed_.headers["content-type"] == "application/problem+json"
    assert reversed_.json()["errors"][0]["field"] == "ends_on"
    bad_kind = post(client, officer, f"/personnel/staff/{away['id']}/leave", leave | {"kind": "holiday"})
    assert bad_kind.status_code == 422 and bad_kind.json()["errors"][0]["field"] == "kind"
    assert post(client, tokens[R], f"/personnel/staff/{away['id']}/leave", leave).status_code == 403
    assert system.personnel.recorder.max_notification_id() == before

    # An application assigned to the consultant while present; then the leave (conditional on the version).
    clerk = tokens[R]
    first, second = application(clerk, client), application(clerk, client)
    ok(post(client, head, f"/applications/{first}/assignment", {"consultant": "c-away", "reason": "criminal line"}))
    leave |= {"ends_on": (today + timedelta(days=13)).isoformat()}
    stale = post(client, officer, f"/personnel/staff/{away['id']}/leave", leave, **{"If-Match": '"9"'})
    assert stale.status_code == 409 and stale.json()["current_version"] == away["version"]
    granted = ok(post(client, officer, f"/personnel/staff/{away['id']}/leave", leave,
                      **{"If-Match": f'"{away["version"]}"', "Idempotency-Key": "l1"}))  # fmt: skip
    assert granted["absence_id"]
    overlapping = post(client, officer, f"/personnel/staff/{away['id']}/leave", leave | {"kind": "study"})
    assert overlapping.status_code == 422 and overlapping.json()["errors"][0]["field"] == "starts_on"

    # On leave: refused, naming the field; nothing written to the application.
    version = system.applications.get_application(second).version
    refused = post(client, head, f"/applications/{second}/assignment", {"consultant": "c-away", "reason": "x-line"})
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"][0]["field"] == "consultant" and "on leave (annual)" in refused.json()["detail"]
    assert system.applications.get_application(second).version == version
    ok(post(client, head, f"/applications/{second}/assignment", {"consultant": "c-here", "reason": "x-line"}))

    # The head sees the absent consultant's open item, and reassigns it to one present.
    project_all(system, settings)
    items = ok(client.get("/personnel/absent-staff-items", headers={"Authorization": f"Bearer {head}"}))
    assert [(i["application_id"], i["consultant"], i["absence_kind"]) for i in items["items"]] == [
        (first, "c-away", "leave")
    ]
    assert items["items"][0]["full_name"] == "Abenova A."
    assert (
        client.get("/personnel/absent-staff-items", headers={"Authorization": f"Bearer {officer}"}).status_code == 403
    )
    ok(post(client, head, f"/applications/{first}/assignment", {"consultant": "c-here", "reason": "Abenova on leave"}))
    project_all(system, settings)
    assert ok(client.get("/personnel/absent-staff-items", headers={"Authorization": f"Bearer {head}"}))["items"] == []

    # The leave recalled: the consultant is assigned again.
    ok(post(client, officer, f"/personnel/staff/{away['id']}/cancellations",
            {"absence_id": granted["absence_id"], "reason": "recalled from leave"}))  # fmt: skip
    ok(post(client, head, f"/applications/{second}/assignment", {"consultant": "c-away", "reason": "back"}))

    # Registers: the staff, who is away on a day.
    project_all(system, settings)
    staff = [i for p in read_pages(client, head, "/personnel/staff") for i in p["items"]]
    assert [s["user_id"] for s in staff] == ["c-away", "c-here"] and staff[1]["staff_id"] == present["id"]
    assert [p["items"] for p in read_pages(client, head, "/personnel/absences", {"on": today.isoformat()})] == [[]]
    types = {e["type"] for e in published_envelopes(settings, "personnel")}
    assert {"kz.sotflow.personnel.leave-granted.v1", "kz.sotflow.personnel.absence-cancelled.v1"} <= types


def test_a_foreign_trips_report_becomes_overdue_and_the_trip_is_an_absence(client, tokens, system, settings):
    officer, head = tokens[P], tokens[H]
    today = court_date(system.clock.now())
    member = ok(post(client, officer, "/personnel/staff", appointment("c-trip", "Seitkali N.")), 201)
    base = f"/personnel/staff/{member['id']}"
    # Back six days ago from abroad (its report is due); in Astana today and tomorrow.
    departs, returns = today - timedelta(days=9), today - timedelta(days=6)
    trip = {"country": "FR", "city": "Strasbourg", "host": "CEPEJ", "purpose": "plenary meeting",
            "decision_ref": "order 57-k", "decision_on": departs.isoformat(), "departs_on": departs.isoformat(),
            "returns_on": returns.isoformat(), "reason": "CEPEJ's plenary"}  # fmt: skip
    bad = post(client, officer, f"{base}/trips", trip | {"country": "France"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "country"
    sent = ok(post(client, officer, f"{base}/trips", trip, **{"Idempotency-Key": "t1"}))
    trip_id = sent["absence_id"]
    home = ok(post(client, officer, f"{base}/trips", trip | {
        "country": "KZ", "city": "Astana", "departs_on": today.isoformat(),
        "returns_on": (today + timedelta(days=1)).isoformat()}))  # fmt: skip

    # Away on a trip: not assigned.
    clerk = tokens[R]
    item = application(clerk, client)
    refused = post(client, head, f"/applications/{item}/assignment", {"consultant": "c-trip", "reason": "line"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "consultant"
    assert "business trip (Astana, KZ)" in refused.json()["detail"]

    # The report's deadline started from the trip (foreign only), due 5 working days after the return.
    project_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)
    deadline = system.deadlines.open_deadline("personnel.trip-report", trip_id)
    assert deadline is not None and deadline.base_event.type == "kz.sotflow.personnel.trip-sent.v1"
    assert system.deadlines.open_deadline("personnel.trip-report", home["absence_id"]) is None
    trips = {t["absence_id"]: t for p in read_pages(client, head, "/personnel/trips") for t in p["items"]}
    assert set(trips) == {trip_id, home["absence_id"]}
    assert datetime.fromisoformat(trips[trip_id]["report_due_at"]) == deadline.due_at
    assert trips[home["absence_id"]]["report_due_at"] is None
    abroad = read_pages(client, head, "/personnel/trips", {"foreign": "true", "report": "due"})
    assert [t["absence_id"] for p in abroad for t in p["items"]] == [trip_id]

    # A report before the return is refused naming the field; after the due instant it is overdue.
    early = post(client, tokens[I], f"{base}/trips/{trip_id}/report",
                 {"report_ref": "r-12", "summary": "the cycle", "submitted_on": departs.isoformat()})  # fmt: skip
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "submitted_on"
    system.use_clock(SetClock(deadline.due_at + timedelta(seconds=1)))
    overdue = read_pages(client, head, "/personnel/trips", {"report": "overdue"})
    assert [(t["absence_id"], t["report_overdue"]) for p in overdue for t in p["items"]] == [(trip_id, True)]
    monitoring = ok(client.get("/international/monitoring", headers={"Authorization": f"Bearer {head}"}))
    assert monitoring["trips"]["reports_overdue"] == 1
    project_all(system, settings)  # the watcher reads the deadline register
    DeadlineWatcher(system).tick(system.clock.now())
    assert system.deadlines.get(deadline.id).missed_for == deadline.due_at

    # Submitted late by the international department: met, no longer overdue.
    ok(post(client, tokens[I], f"{base}/trips/{trip_id}/report",
            {"report_ref": "r-12", "summary": "the evaluation cycle", "submitted_on": today.isoformat()}))  # fmt: skip
    project_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)
    assert system.deadlines.get(deadline.id).status == "met"
    assert read_pages(client, head, "/personnel/trips", {"report": "overdue"})[0]["items"] == []
    submitted = read_pages(client, head, "/personnel/trips", {"report": "submitted"})
    assert [t["report_ref"] for p in submitted for t in p["items"]] == ["r-12"]

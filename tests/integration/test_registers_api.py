"""The registers staff read, built from the log: cases, case card, hearings (and the
public schedule), rulings; confidentiality by role; read-your-writes tokens."""

import hashlib
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

from consumers.distributor import Distributor
from consumers.projection_worker import ProjectionWorker
from contexts.clock import SetClock
from domain.actor import Role
from domain.court_time import court_date
from projections.registry import ALL_PROJECTIONS
from tests.support import (
    TEST_COURT,
    auth,
    complaint_payload,
    court_today,
    enrol,
    judge_token,
    page_ids,
    post,
    read_pages,
    relay_all,
    settings_body,
    wait_for,
)


def project_all(system, settings):
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def test_the_case_register_and_card_follow_a_case_through_proceedings(
    client, tokens, system, settings, distributed_case
):
    case_id, panel = distributed_case
    judge, clerk = judge_token(system, panel[0]), tokens[Role.REGISTRAR]
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    post(client, judge, f"/cases/{case_id}/acceptance", {"reason": "admissible"})
    post(client, clerk, f"/cases/{case_id}/case-file-receipts", {"received_at": datetime.now(UTC).isoformat()})
    later = tomorrow + timedelta(hours=1)
    post(client, clerk, f"/cases/{case_id}/hearings",
         {"hearing_id": "h-0", "scheduled_for": later.isoformat(), "room": "Hall 1"})  # fmt: skip
    post(client, clerk, f"/cases/{case_id}/hearings/h-0/postponement", {"reason": "the defender is ill"})
    post(client, clerk, f"/cases/{case_id}/hearings",
         {"hearing_id": "h-1", "scheduled_for": tomorrow.isoformat(), "room": "Hall 3"})  # fmt: skip
    project_all(system, settings)

    cases = client.get("/registers/cases", headers=auth(clerk)).json()["items"]
    (case,) = [c for c in cases if c["case_id"] == case_id]
    assert (case["stage"], case["panel"], case["judge_rapporteur"]) == ("hearing_scheduled", panel, panel[0])
    assert (
        case["registration_number"].endswith(f"-CC-1/{datetime.now(UTC).year}")
        or "-CC-1/" in case["registration_number"]
    )
    assert client.get("/registers/cases?stage=accepted", headers=auth(clerk)).json()["items"] == []
    for member, listed in ((panel[0], True), (panel[-1], True), ("judge-not-on-the-panel", False)):
        of_judge = client.get("/registers/cases", params={"judge": member}, headers=auth(clerk)).json()["items"]
        assert (case_id in {c["case_id"] for c in of_judge}) is listed, member

    public = client.get(f"/public/hearings?from={tomorrow.date() - timedelta(days=1)}&days=3").json()
    assert public["next_after"] is None
    assert [(h["registration_number"], h["room"]) for h in public["items"]] == [(case["registration_number"], "Hall 3")]
    assert set(public["items"][0]) == {"registration_number", "court", "kind", "scheduled_for", "room"}, "no names"
    for court, expected in ((TEST_COURT, public["items"]), ("supreme-court-criminal", [])):
        days = {"from": str(tomorrow.date() - timedelta(days=1)), "days": 3, "court": court}
        assert client.get("/public/hearings", params=days).json()["items"] == expected, court
        staff = client.get("/registers/hearings", params=days, headers=auth(clerk)).json()
        assert len(staff["items"]) == (2 if expected else 0), court

    # The staff calendar keeps the postponed hearing, and pages by keyset, soonest first.
    window = {"from": str(tomorrow.date() - timedelta(days=1)), "days": 3, "limit": 1}
    first = client.get("/registers/hearings", params=window, headers=auth(clerk)).json()
    second = client.get("/registers/hearings", params=window | {"after": first["next_after"]}, headers=auth(clerk))
    assert [(h["hearing_id"], h["status"]) for h in first["items"]] == [("h-1", "scheduled")]
    assert [(h["hearing_id"], h["status"]) for h in second.json()["items"]] == [("h-0", "postponed")]
    assert second.json()["next_after"] is None and first["next_after"].endswith(f"|{case_id}|h-1")
    assert len(read_pages(client, clerk, "/registers/hearings", window)) == 2, "and backwards: read_pages checks it"
    wrong = client.get("/registers/hearings", params=window | {"after": "yesterday|h-1"}, headers=auth(clerk))
    assert wrong.status_code == 422 and "cursor" in wrong.json()["detail"]

    # The hearing is held on its day: the process's clock moves there.
    system.use_clock(SetClock(tomorrow + timedelta(hours=2)))
    held = post(client, clerk, f"/cases/{case_id}/hearings/h-1/held",
                {"held_at": tomorrow.isoformat(), "panel": panel})  # fmt: skip
    post(
        client,
        judge,
        f"/cases/{case_id}/ruling",
        {"outcomes": [{"defendant": "Filer 1", "outcome": "left_unchanged", "legal_basis": "УПК 494(1)(1)"}]},
    )
    act = post(
        client,
        judge,
        f"/cases/{case_id}/judicial-act",
        {"document_ref": "dms://1", "document_sha256": hashlib.sha256(b"a").hexdigest(), "publishable": False},
    )
    assert held.status_code == act.status_code == 200
    relay_all(system, settings)
    workers = [
        threading.Thread(
            target=ProjectionWorker(p, settings, system.pool).run, args=(threading.Event(),),
            kwargs={"max_idle_polls": 20},
        )
        for p in ALL_PROJECTIONS
    ]  # fmt: skip
    for w in workers:
        w.start()
    # Read-your-writes: the read waits (up to 5 s each time) until the card's registers have the act;
    # fifteen workers joining their groups on a loaded machine may take longer than one wait.
    card = wait_for(
        lambda: (r := client.get(f"/registers/cases/{case_id}", headers=auth(judge),
                                 params={"wait_for": act.json()["log_position"]["token"]}))
        .headers["x-log-position-reached"] == "true" and r,
        timeout=90, what="the card to reach the act",
    )  # fmt: skip
    for w in workers:
        w.join()
    body = card.json()
    assert body["case"]["stage"] == "act_entered" and body["case"]["hours_to_enter_act"] is not None
    assert body["distribution_protocol"]["panel"] == panel
    assert [(h["hearing_id"], h["status"]) for h in body["hearings"]] == [("h-0", "postponed"), ("h-1", "held")]
    assert body["ruling"]["outcomes"][0]["outcome"] == "left_unchanged"
    assert body["incoming"]["registration_number"] == case["registration_number"]
    rulings = client.get("/registers/rulings", headers=auth(clerk)).json()
    assert [r["case_id"] for r in rulings["items"]] == [case_id] and rulings["next_after"] is None


def _ruled(client, system, tokens, case_id: str, panel: list[str]) -> None:
    """A distributed case accepted, heard and ruled on."""
    judge, clerk, now = judge_token(system, panel[-1]), tokens[Role.REGISTRAR], datetime.now(UTC).isoformat()
    for token, step, body in (
        (judge, "acceptance", {"reason": "admissible"}),
        (clerk, "case-file-receipts", {"received_at": now}),
        (clerk, "hearings", {"hearing_id": "h-1", "scheduled_for": now, "room": "2"}),
        (clerk, "hearings/h-1/held", {"held_at": now, "panel": panel}),
        (judge, "ruling", {"outcomes": [{"defendant": "A.", "outcome": "left_unchanged", "legal_basis": "УПК 494"}]}),
    ):
        response = post(client, token, f"/cases/{case_id}/{step}", body)
        assert response.status_code in (200, 201), response.text


def test_rulings_come_a_page_at_a_time_in_order_of_entry(client, tokens, system, settings, distributed_case):
    first_case, panel = distributed_case
    clerk = tokens[Role.REGISTRAR]
    other = client.post("/complaints", json=complaint_payload(31), headers=auth(clerk)).json()["id"]
    relay_all(system, settings)
    Distributor(system, retry_seconds=0.1).run(threading.Event(), catch_up=True)
    _ruled(client, system, tokens, other, list(system.assignment.panel_of(TEST_COURT, other).panel))
    _ruled(client, system, tokens, first_case, panel)
    project_all(system, settings)

    pages = read_pages(client, clerk, "/registers/rulings")
    assert page_ids(pages, "case_id") == [[other], [first_case]], "in order of entry"
    assert pages[0]["next_after"] == pages[0]["items"][0]["log_position"]
    assert pages[1]["items"][0]["log_position"] > pages[0]["next_after"]
    whole = client.get("/registers/rulings", headers=auth(clerk)).json()
    assert page_ids([whole], "case_id") == [[other, first_case]] and whole["next_after"] is None
    after_both = client.get("/registers/rulings", params={"after": whole["items"][1]["log_position"]},
                            headers=auth(clerk)).json()  # fmt: skip
    assert after_both == {"items": [], "next_after": None}
    for court, expected in ((TEST_COURT, [other, first_case]), ("supreme-court-criminal", [])):
        of_court = client.get("/registers/rulings", params={"court": court}, headers=auth(clerk)).json()
        assert [r["case_id"] for r in of_court["items"]] == expected, court
    for bad in ("x", "-1"):
        assert client.get("/registers/rulings", params={"after": bad}, headers=auth(clerk)).status_code == 422


def test_a_case_shows_its_next_deadline_and_the_card_every_deadline(client, tokens, system, settings, distributed_case):
    case_id, _ = distributed_case
    clerk = tokens[Role.REGISTRAR]

    def start(rule_id: str, days_ago: int) -> str:
        started = client.post("/deadlines", headers=auth(clerk), json={
            "rule_id": rule_id, "subject": case_id,
            "base_time": (datetime.now(UTC) - timedelta(days=days_ago)).isoformat(),
        })  # fmt: skip
        assert started.status_code == 201, started.text
        return started.json()["id"]

    def read() -> tuple[dict, dict]:
        project_all(system, settings)
        cases = client.get("/registers/cases", params={"limit": 500}, headers=auth(clerk)).json()["items"]
        (case,) = [c for c in cases if c["case_id"] == case_id]
        return case, client.get(f"/registers/cases/{case_id}", headers=auth(clerk)).json()

    case, card = read()
    assert case["next_deadline"] is None and card["deadlines"] == []

    late = start("cassation.prosecutor-protest-decision", days_ago=90)  # 30 days: two months overdue
    later = start("cassation.execution-suspension", days_ago=0)  # up to 6 months from now
    case, card = read()
    upcoming = case["next_deadline"]
    assert (upcoming["deadline_id"], upcoming["clause"], upcoming["overdue"]) == (late, "УПК 486", True)
    assert -45 < upcoming["working_days_left"] < -30, "about 60 days late, in working days"
    assert [(d["deadline_id"], d["overdue"]) for d in card["deadlines"]] == [(late, True), (later, False)]
    assert card["case"]["next_deadline"] == upcoming and card["deadlines"][1]["working_days_left"] > 100

    assert client.post(f"/deadlines/{late}/met", json={}, headers=auth(clerk)).status_code == 201
    case, card = read()
    assert case["next_deadline"]["deadline_id"] == later
    met = card["deadlines"][0]
    assert (met["deadline_id"], met["status"], met["working_days_left"], met["overdue"]) == (late, "met", None, False)


def extradition_payload(n: int) -> dict:
    """An extradition complaint: confidential by default."""
    return complaint_payload(n) | {
        "kind": "extradition_complaint",
        "contested_act": {"court": "Prosecutor General's Office", "kind": "extradition_decision",
                          "act_date": (court_today() - timedelta(days=3)).isoformat(),
                          "copy_received_on": (court_today() - timedelta(days=2)).isoformat()},
    }  # fmt: skip


def test_confidential_items_are_hidden_from_roles_not_cleared(client, tokens, system, settings):
    extradition = extradition_payload(7)
    secret = client.post("/incoming-items", json=extradition, headers=auth(tokens[Role.REGISTRAR])).json()
    open_item = client.post("/complaints", json=complaint_payload(8), headers=auth(tokens[Role.REGISTRAR])).json()
    # A term of each, long overdue: in the deadline register and in what is due.
    deadline = {}
    for item in (secret, open_item):
        started = client.post("/deadlines", headers=auth(tokens[Role.REGISTRAR]), json={
            "rule_id": "cassation.prosecutor-protest-decision", "subject": item["id"],
            "base_time": (datetime.now(UTC) - timedelta(days=90)).isoformat(),
        })  # fmt: skip
        assert started.status_code == 201, started.text
        deadline[item["id"]] = started.json()["id"]
    project_all(system, settings)

    for path in ("/registers/incoming", "/registers/cases", "/deadlines"):  # forwards and backwards
        listed = [i for page in read_pages(client, tokens[Role.JUDGE], path) for i in page["items"]]
        assert len(listed) == 2, path

    for role, sees in [(Role.CONSULTANT, False), (Role.INTERNATIONAL_OFFICER, False), (Role.REGISTRAR, True),
                       (Role.JUDGE, True), (Role.AUDITOR, True)]:  # fmt: skip
        listed = {i["item_id"] for i in client.get("/registers/incoming", headers=auth(tokens[role])).json()["items"]}
        assert open_item["id"] in listed
        assert (secret["id"] in listed) is sees, role
        direct = client.get(f"/registers/incoming/{secret['id']}", headers=auth(tokens[role]))
        assert direct.status_code == (200 if sees else 404), role
        cases = {c["case_id"] for c in client.get("/registers/cases", headers=auth(tokens[role])).json()["items"]}
        assert (secret["id"] in cases) is sees, role
        card = client.get(f"/registers/cases/{secret['id']}", headers=auth(tokens[role]))
        assert card.status_code == (200 if sees else 404), role
        terms = {d["deadline_id"] for d in client.get("/deadlines", headers=auth(tokens[role])).json()["items"]}
        due = client.get("/registers/deadlines?due=overdue", headers=auth(tokens[role])).json()["items"]
        for listed in (terms, {d["deadline_id"] for d in due}):
            assert deadline[open_item["id"]] in listed, role
            assert (deadline[secret["id"]] in listed) is sees, role
        direct = client.get(f"/deadlines/{deadline[secret['id']]}", headers=auth(tokens[role]))
        assert direct.status_code == (200 if sees else 404), role
        if not sees:  # answered exactly as a deadline that does not exist
            nowhere = uuid.uuid4()
            unknown = client.get(f"/deadlines/{nowhere}", headers=auth(tokens[role])).json()
            assert direct.json()["detail"] == unknown["detail"].replace(str(nowhere), deadline[secret["id"]]), role


def test_a_confidential_cases_panel_and_proceedings_are_hidden_from_roles_not_cleared(client, tokens, system, settings):
    extradition = extradition_payload(9)
    secret = client.post("/incoming-items", json=extradition, headers=auth(tokens[Role.REGISTRAR])).json()["id"]
    court = system.registry.get_item(uuid.UUID(secret)).particulars.court
    enrol(client, tokens[Role.HEAD], court=court)
    adopted = client.post(
        f"/courts/{court}/distribution-settings", json=settings_body(), headers=auth(tokens[Role.HEAD])
    )
    assert adopted.status_code == 201, adopted.text
    relay_all(system, settings)
    Distributor(system, retry_seconds=0.1).run(threading.Event(), catch_up=True)
    assert post(client, tokens[Role.HEAD], f"/cases/{secret}/acceptance", {"reason": "admissible"}).status_code == 201

    nowhere = str(uuid.uuid4())
    for role, sees in [(Role.CONSULTANT, False), (Role.INTERNATIONAL_OFFICER, False), (Role.REGISTRAR, True),
                       (Role.JUDGE, True), (Role.AUDITOR, True)]:  # fmt: skip
        for path in (f"/courts/{court}/cases/{{}}/panel", "/cases/{}/proceedings"):
            read = client.get(path.format(secret), headers=auth(tokens[role]))
            assert read.status_code == (200 if sees else 404), (role, path)
            if not sees:  # answered exactly as a case that does not exist
                unknown = client.get(path.format(nowhere), headers=auth(tokens[role])).json()
                assert read.json()["detail"] == unknown["detail"].replace(nowhere, secret), (role, path)


def test_a_wait_that_cannot_be_met_says_so(client, tokens, system, settings):
    registered = client.post("/complaints", json=complaint_payload(9), headers=auth(tokens[Role.REGISTRAR])).json()
    # Nothing relays or projects: the register cannot reach the position within the bound.
    response = client.get(
        f"/registers/incoming/{registered['id']}",
        params={"wait_for": registered["log_position"]["token"]},
        headers=auth(tokens[Role.REGISTRAR]),
    )
    assert response.status_code == 404
    assert response.headers["x-log-position-reached"] == "false"
    bad = client.get("/registers/incoming", params={"wait_for": "not a token"}, headers=auth(tokens[Role.JUDGE]))
    assert bad.status_code == 422


def test_every_projection_rebuilt_from_offset_0_equals_the_live_one_row_for_row(
    client, tokens, system, settings, distributed_case
):
    import subprocess
    import sys

    from audit.replay import parse_as_of, projection_digest, replay
    from tests.support import REPO_ROOT, settings_env

    case_id, panel = distributed_case
    judge, clerk = judge_token(system, panel[1]), tokens[Role.REGISTRAR]
    other = client.post("/complaints", json=complaint_payload(21), headers=auth(clerk)).json()["id"]
    post(client, judge, f"/cases/{case_id}/acceptance", {"reason": "admissible"})
    post(client, clerk, f"/cases/{case_id}/case-file-receipts", {"received_at": datetime.now(UTC).isoformat()})
    post(client, clerk, f"/cases/{case_id}/hearings",
         {"hearing_id": "h-1", "scheduled_for": datetime.now(UTC).isoformat(), "room": "2"})  # fmt: skip
    post(
        client, clerk, f"/cases/{case_id}/hearings/h-1/held", {"held_at": datetime.now(UTC).isoformat(), "panel": panel}
    )
    outcome = {"defendant": "A.", "outcome": "cancelled_and_remanded", "legal_basis": "УПК 494"}
    post(client, judge, f"/cases/{case_id}/ruling", {"outcomes": [outcome]})
    # Not distributed (no distributor ran since): the head's office returns it.
    post(client, tokens[Role.HEAD], f"/cases/{other}/return", {"reason": "not signed by the filer"})
    act = {
        "court": "Almaty City Court",
        "kind": "verdict",
        "act_date": "2020-01-10",
        "entered_into_force": "2020-02-10",
    }
    late = complaint_payload(22) | {"improves_position": False, "contested_act": act}
    client.post("/complaints", json=late, headers=auth(clerk))
    _a_reception_held(client, tokens, system)
    project_all(system, settings)

    def digests():
        with system.pool.connection() as conn:
            return {p.NAME: projection_digest(conn, settings.projection_schema, p) for p in ALL_PROJECTIONS}

    def indexes():
        with system.pool.connection() as conn:
            rows = conn.execute(
                "select indexname, indexdef from pg_indexes where schemaname = %s", (settings.projection_schema,)
            ).fetchall()
        return {r["indexname"]: r["indexdef"] for r in rows}

    live, live_indexes = digests(), indexes()
    assert "audit_trail_subject_time" in live_indexes and "hearings_calendar_when_key" in live_indexes
    assert live["case_register"]["rows"] == 3 and live["rulings_register"]["rows"] == 1
    assert live["receptions_register"]["rows"] == 1 and live["applications_register"]["rows"] == 1
    # Replayed context by context (another interleaving of the topics than the live one).
    report = replay(settings, parse_as_of("head"))
    assert all(p["matches_live"] for p in report["projections"].values()), report
    # And rebuilt in place by the operator's command.
    result = subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", "rebuild", "--all"],
        env=settings_env(settings), cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "case_register: " in result.stdout and "events applied" in result.stdout
    assert digests() == live
    assert indexes() == live_indexes, "the indexes set aside while the tables filled are back"


def _a_reception_held(client, tokens, system):
    """A reception with its material, held, and the application handed in there (§7.2.3)."""
    chair, chair_token = system.users.add("chair receiving", Role.HEAD)
    now = datetime.now(UTC)
    reception = post(client, tokens[Role.CONSULTANT], "/receptions", {
        "receiver": {"user_id": chair.id, "post": "court_chair"},
        "scheduled_for": (now + timedelta(minutes=1)).isoformat(), "place": "room 1",
        "applicant": {"name": "B. Abenov", "kind": "individual", "identifier": "900101300456"},
        "subject": "the hearing date", "sign_up": "phone"})  # fmt: skip
    assert reception.status_code == 201, reception.text
    base = f"/receptions/{reception.json()['id']}"
    post(client, tokens[Role.CONSULTANT], f"{base}/reference-material", {"summary": "no earlier applications"})
    later = {"scheduled_for": (now + timedelta(minutes=2)).isoformat(), "reason": "the chair is in a meeting"}
    post(client, tokens[Role.REGISTRAR], f"{base}/rescheduling", later)
    while court_date(datetime.now(UTC)) < court_date(now + timedelta(minutes=2)):  # its day has to come
        time.sleep(1)
    held = post(client, chair_token, f"{base}/held", {
        "held_at": datetime.now(UTC).isoformat(), "requests": "asks for the hearing date",
        "application": {"subject": "information_request", "summary": "the hearing date in writing"}})  # fmt: skip
    assert held.status_code == 200, held.text

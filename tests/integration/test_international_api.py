"""Foreign requests and applications through HTTP to their registers: both lifecycles,
role checks, problem+json refusals, §13 sign-off authority, monitoring (§7.27), and
the deadline rules started and met by the new events."""

import threading
from datetime import UTC, datetime, timedelta

from consumers.deadline_starter import run_starter
from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from projections.registry import ALL_PROJECTIONS
from tests.support import auth, page_ids, post, read_pages, relay_all


def project_all(system, settings):
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def incoming_request(**changes) -> dict:
    body = {
        "kind": "incoming_letter_rogatory", "requesting": {"state": "DE", "authority": "Amtsgericht Berlin-Mitte"},
        "requested": {"state": "KZ", "authority": "Judicial Administration"}, "treaty": "hague_service_1965",
        "language": "de", "action": "service_of_documents", "received_at": datetime.now(UTC).isoformat(),
    }  # fmt: skip
    return body | changes


def ok(response, code=200):
    assert response.status_code == code, response.text
    return response.json()


def test_an_incoming_letter_rogatory_from_receipt_to_closure(client, tokens, system, settings):
    officer, head = tokens[Role.INTERNATIONAL_OFFICER], tokens[Role.HEAD]
    deputy, deputy_token = system.users.add("deputy supervising international", Role.DEPUTY_HEAD)
    _, other_deputy = system.users.add("deputy without the line", Role.DEPUTY_HEAD)
    assert post(client, tokens[Role.CONSULTANT], "/international/requests", incoming_request()).status_code == 403

    body = incoming_request()
    received = ok(post(client, officer, "/international/requests", body, **{"Idempotency-Key": "r1"}), 201)
    again = post(client, officer, "/international/requests", body, **{"Idempotency-Key": "r1"})
    assert again.json()["id"] == received["id"] and again.headers["idempotent-replayed"] == "true"
    base = f"/international/requests/{received['id']}"
    ok(post(client, officer, f"{base}/registration", {"registration_number": "IA-1/2026", "reason": "received"}))

    untranslated = post(client, officer, f"{base}/study", {"findings": "complete"})
    assert untranslated.status_code == 422
    assert untranslated.headers["content-type"] == "application/problem+json"
    assert untranslated.json()["errors"][0]["field"] == "language"

    ok(post(client, officer, f"{base}/translation-requests", {"into": "ru", "reason": "German original"}))
    ok(post(client, officer, f"{base}/translations", {"language": "ru", "certified": True, "reason": "certified"}))
    ok(post(client, officer, f"{base}/study", {"findings": "service on a resident of Almaty"}))

    unsigned = post(client, officer, f"{base}/forwarding", {"region": "Almaty", "reason": "addressee in Almaty"})
    assert unsigned.status_code == 422 and "§13" in unsigned.json()["detail"]
    assert post(client, other_deputy, f"{base}/sign-offs", {"document": "covering letter"}).status_code == 422

    ok(post(client, head, "/international/signing-authorities", {
        "user_id": deputy.id, "capacity": "supervising_deputy_head",
        "valid_from": (datetime.now(UTC) - timedelta(days=30)).isoformat(), "basis": "order No. 4",
    }), 201)  # fmt: skip
    ok(post(client, deputy_token, f"{base}/sign-offs", {"document": "covering letter"}))
    forwarded = ok(post(client, officer, f"{base}/forwarding", {"region": "Almaty", "reason": "addressee in Almaty"}))
    assert forwarded["stage"] == "forwarded"
    stale = post(client, officer, f"{base}/execution-reports",
                 {"executed": True, "reported_at": datetime.now(UTC).isoformat(), "reason": "served"},
                 **{"If-Match": '"1"'})  # fmt: skip
    assert stale.status_code == 409
    ok(post(client, officer, f"{base}/execution-reports",
            {"executed": True, "reported_at": datetime.now(UTC).isoformat(), "reason": "served"}))  # fmt: skip
    ok(post(client, deputy_token, f"{base}/sign-offs", {"document": "certificate of service"}))
    ok(post(client, officer, f"{base}/documents-returns", {"to": "Amtsgericht Berlin-Mitte", "reason": "certificate"}))
    closed = ok(post(client, officer, f"{base}/closure", {"reason": "executed and returned"}))
    assert closed["stage"] == "closed"

    relay_all(system, settings)
    starter = run_starter(system, threading.Event(), catch_up=True)
    assert starter.started >= 1 and starter.met >= 1
    project_all(system, settings)

    entry = client.get(f"/international/register/{received['id']}", headers=auth(officer),
                       params={"wait_for": closed["log_position"]["token"]}).json()  # fmt: skip
    assert entry["stage"] == "closed" and entry["forwarded_to"] == "almaty-city"
    assert "ГПК 476" in entry["forwarded_why"]
    steps = [s["step"] for s in entry["steps"]]
    assert steps[0] == "request-received" and steps[-1] == "request-closed" and len(steps) == 11
    signed = [s for s in entry["steps"] if s["step"] == "request-signed-off"]
    assert signed[0]["data"]["authority"]["basis"] == "order No. 4" and signed[0]["actor_id"] == deputy.id

    # ГПК 476's month ran from forwarding and was met by the execution report.
    assert system.deadlines.open_deadline("international.foreign-court-order", received["id"]) is None

    report = ok(client.get("/international/monitoring", headers=auth(head)))
    assert report["volumes"] == [{"country": "DE", "treaty": "hague_service_1965",
                                  "kind": "incoming_letter_rogatory", "received": 1, "closed": 1}]  # fmt: skip
    forwarded_times = [t for t in report["times"] if t["step"] == "request-forwarded"]
    assert forwarded_times[0]["count"] == 1 and forwarded_times[0]["median_days"] >= 0
    assert forwarded_times[0]["p90_days"] >= forwarded_times[0]["median_days"]
    assert report["overdue"] == []
    assert client.get("/international/monitoring", headers=auth(tokens[Role.CONSULTANT])).status_code == 403


def test_pretrial_discovery_is_refused_and_confidential_requests_hidden_from_uncleared_roles(
    client, tokens, system, settings
):
    officer, head = tokens[Role.INTERNATIONAL_OFFICER], tokens[Role.HEAD]
    deputy, deputy_token = system.users.add("deputy", Role.DEPUTY_HEAD)
    ok(post(client, head, "/international/signing-authorities", {
        "user_id": deputy.id, "capacity": "acting", "basis": "acting order No. 9",
        "valid_from": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
        "valid_to": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
    }), 201)  # fmt: skip
    body = incoming_request(treaty="hague_evidence_1970", language="ru", action="taking_evidence",
                            pretrial_discovery=True, confidential=True,
                            requesting={"state": "US", "authority": "S.D.N.Y."})  # fmt: skip
    received = ok(post(client, officer, "/international/requests", body), 201)
    base = f"/international/requests/{received['id']}"
    ok(post(client, officer, f"{base}/registration", {"registration_number": "IA-2/2026", "reason": "received"}))
    ok(post(client, officer, f"{base}/study", {"findings": "pre-trial discovery of documents"}))
    ok(post(client, deputy_token, f"{base}/sign-offs", {"document": "refusal letter"}))
    forwarding = post(client, officer, f"{base}/forwarding", {"region": "Almaty", "reason": "witness in Almaty"})
    assert forwarding.status_code == 422 and forwarding.json()["errors"][0]["field"] == "pretrial_discovery"
    refused = ok(
        post(
            client,
            officer,
            f"{base}/refusal",
            {"ground": "pre-trial discovery", "legal_basis": "Hague Evidence Convention art. 23"},
        )
    )
    assert refused["stage"] == "refused"
    term = ok(post(client, officer, "/deadlines", {
        "rule_id": "cassation.prosecutor-protest-decision", "subject": received["id"],
        "base_time": datetime.now(UTC).isoformat(),
    }), 201)  # fmt: skip
    project_all(system, settings)
    assert client.get(f"/international/register/{received['id']}", headers=auth(officer)).json()["stage"] == "refused"
    assert client.get(f"/international/register/{received['id']}",
                      headers=auth(tokens[Role.CONSULTANT])).status_code == 404  # fmt: skip
    # The request's deadlines are as confidential as the request: its officers see them, others do not.
    for token, sees in ((officer, True), (tokens[Role.CONSULTANT], False), (tokens[Role.JUDGE], True)):
        listed = {d["deadline_id"] for d in client.get("/deadlines", headers=auth(token)).json()["items"]}
        assert (term["id"] in listed) is sees
        assert client.get(f"/deadlines/{term['id']}", headers=auth(token)).status_code == (200 if sees else 404)


def test_an_outgoing_request_sent_electronically_starts_the_original_by_post_term(client, tokens, system, settings):
    officer, head = tokens[Role.INTERNATIONAL_OFFICER], tokens[Role.HEAD]
    deputy, deputy_token = system.users.add("deputy", Role.DEPUTY_HEAD)
    ok(post(client, head, "/international/signing-authorities", {
        "user_id": deputy.id, "capacity": "supervising_deputy_head", "basis": "order No. 4",
        "valid_from": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
    }), 201)  # fmt: skip
    body = incoming_request(kind="outgoing_letter_rogatory", requesting={"state": "KZ", "authority": "Supreme Court"},
                            requested={"state": "UZ", "authority": "Supreme Court"}, treaty="chisinau_2002",
                            language="ru", action="taking_evidence")  # fmt: skip
    received = ok(post(client, officer, "/international/requests", body), 201)
    base = f"/international/requests/{received['id']}"
    ok(post(client, officer, f"{base}/registration", {"registration_number": "IA-3/2026", "reason": "from a judge"}))
    ok(post(client, officer, f"{base}/study", {"findings": "complete"}))
    wrong_way = post(client, officer, f"{base}/forwarding", {"region": "Almaty", "reason": "witness in Almaty"})
    assert wrong_way.status_code == 422 and wrong_way.json()["errors"][0]["field"] == "kind"
    ok(post(client, deputy_token, f"{base}/sign-offs", {"document": "letter rogatory"}))
    ok(
        post(
            client,
            officer,
            f"{base}/dispatch",
            {"addressee": "Supreme Court of Uzbekistan", "electronically": True, "reason": "Chisinau 2002"},
        )
    )
    relay_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)
    deadline = system.deadlines.open_deadline("international.original-by-post", received["id"])
    assert deadline is not None
    assert deadline.base_event.type == "kz.sotflow.international.request-sent-abroad.v1"
    ok(post(client, officer, f"{base}/originals", {"postal_ref": "RR123456789KZ"}))
    relay_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)
    assert system.deadlines.open_deadline("international.original-by-post", received["id"]) is None


def test_an_application_from_registration_to_answer_after_an_extension(client, tokens, system, settings):
    clerk, head, consultant = tokens[Role.REGISTRAR], tokens[Role.HEAD], tokens[Role.CONSULTANT]
    now = datetime.now(UTC)
    body = {"applicant": {"name": "A. Serikova", "kind": "individual", "identifier": "850101400123"},
            "channel": "e_otinish", "subject": "pending_proceedings", "summary": "when is my hearing",
            "related_case": "CC-1/2026", "received_at": now.isoformat()}  # fmt: skip
    assert post(client, tokens[Role.JUDGE], "/applications", body).status_code == 403
    procedural = post(client, clerk, "/applications", body | {"subject": "procedural_complaint"})
    assert procedural.status_code == 422 and "АППК 3(4)(1)" in procedural.json()["detail"]
    registered = ok(post(client, clerk, "/applications", body), 201)
    base = f"/applications/{registered['id']}"
    assert post(client, consultant, f"{base}/assignment", {"consultant": "c-1", "reason": "x"}).status_code == 403
    ok(post(client, head, f"{base}/assignment", {"consultant": "c-1", "reason": "criminal line"}))
    too_long = post(
        client,
        head,
        f"{base}/extension",
        {"until": (now + timedelta(days=70)).date().isoformat(), "reason": "file awaited"},
    )
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "until"
    ok(
        post(
            client,
            head,
            f"{base}/extension",
            {"until": (now + timedelta(days=40)).date().isoformat(), "reason": "the case file is awaited"},
        )
    )
    ok(post(client, clerk, f"{base}/extension-notices", {"notified_at": now.isoformat(), "channel": "e_otinish"}))
    ok(post(client, consultant, f"{base}/drafts", {"document_ref": "dms://answers/1"}))
    ok(post(client, tokens[Role.DEPUTY_HEAD], f"{base}/approval", {"reason": "approved"}))
    sent = ok(post(client, clerk, f"{base}/answer", {"sent_at": now.isoformat(), "channel": "e_otinish"}))
    assert sent["stage"] == "answered"

    other = ok(post(client, clerk, "/applications", body | {"subject": "information_request"}), 201)
    ok(
        post(
            client,
            clerk,
            f"/applications/{other['id']}/redirection",
            {"to_body": "Ministry of Justice", "applicant_notified": True, "reason": "not a court matter"},
        )
    )

    relay_all(system, settings)
    starter = run_starter(system, threading.Event(), catch_up=True)
    assert starter.started >= 5  # answer + redirect for each, the extension notice
    for rule in ("applications.answer", "applications.redirect", "applications.extension-notice"):
        assert system.deadlines.open_deadline(rule, registered["id"]) is None, rule
    project_all(system, settings)

    entry = ok(client.get(base, headers=auth(clerk), params={"wait_for": sent["log_position"]["token"]}))
    assert (entry["stage"], entry["consultant"], entry["related_case"]) == ("answered", "c-1", "CC-1/2026")
    assert entry["extended_until"] == (now + timedelta(days=40)).date().isoformat()
    earlier = ok(client.get("/applications", params={"applicant": "850101400123"}, headers=auth(head)))["items"]
    assert {e["application_id"] for e in earlier} == {registered["id"], other["id"]}
    assert {e["stage"] for e in earlier} == {"answered", "redirected"}


def project(system, settings, *projections):
    relay_all(system, settings)
    for projection in projections:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def schedule_body(chair_id: str, at: datetime, **changes) -> dict:
    body = {"receiver": {"user_id": chair_id, "post": "collegium_chair"}, "scheduled_for": at.isoformat(),
            "place": "room 405", "applicant": {"name": "A. Serikova", "kind": "individual",
                                               "identifier": "850101400124"},
            "subject": "the cassation complaint in her son's case", "related_case": "CC-1/2026",
            "sign_up": "written_request"}  # fmt: skip
    return body | changes


def test_a_personal_reception_prepared_with_earlier_applications_and_held_with_an_application(
    client, tokens, system, settings
):
    from domain.court_time import court_date
    from projections import applications_register, receptions_register

    clerk, consultant = tokens[Role.REGISTRAR], tokens[Role.CONSULTANT]
    chair, chair_token = system.users.add("chair of the collegium", Role.HEAD)
    judge = system.users.list()[[u.role for u in system.users.list()].index(Role.JUDGE)]
    now = datetime.now(UTC)
    # Held later on the scheduled day (the rule is by court day); near midnight, in a moment.
    at = now + timedelta(minutes=1) if court_date(now + timedelta(minutes=1)) == court_date(now) else now
    earlier = ok(post(client, clerk, "/applications", {
        "applicant": {"name": "A. Serikova", "kind": "individual", "identifier": "850101400124"},
        "channel": "paper", "subject": "pending_proceedings", "summary": "when is the hearing",
        "received_at": (now - timedelta(days=20)).isoformat()}), 201)  # fmt: skip
    project(system, settings, applications_register)
    # An application's id names no reception: 404, not a step tried on the wrong record.
    for step in ("cancellation", "rescheduling"):
        wrong_kind = post(
            client,
            clerk,
            f"/receptions/{earlier['id']}/{step}",
            {"reason": "wrong", "scheduled_for": at.isoformat()} if step == "rescheduling" else {"reason": "wrong"},
        )
        assert wrong_kind.status_code == 404, wrong_kind.text  # fmt: skip

    assert post(client, tokens[Role.JUDGE], "/receptions", schedule_body(chair.id, at)).status_code == 403
    not_a_chair = post(client, consultant, "/receptions", schedule_body(judge.id, at))
    assert not_a_chair.status_code == 422 and not_a_chair.json()["errors"][0]["field"] == "receiver.user_id"
    past = post(client, consultant, "/receptions", schedule_body(chair.id, now - timedelta(days=1)))
    assert past.status_code == 422 and past.json()["errors"][0]["field"] == "scheduled_for"
    scheduled = ok(post(client, consultant, "/receptions", schedule_body(chair.id, at)), 201)
    base = f"/receptions/{scheduled['id']}"
    ok(post(client, clerk, f"{base}/rescheduling",
            {"scheduled_for": at.isoformat(), "place": "room 212", "reason": "room 405 under repair"}))  # fmt: skip
    assert post(client, clerk, f"{base}/reference-material", {"summary": "x"}).status_code == 403
    ok(post(client, consultant, f"{base}/reference-material",
            {"summary": "one earlier application, pending", "related_cases": ["CC-9/2025"]}))  # fmt: skip
    held_body = {
        "held_at": now.isoformat() if at > now else datetime.now(UTC).isoformat(),
        "requests": "asks that the hearing be expedited", "instructions": ["check the file request"],
        "application": {"subject": "pending_proceedings", "summary": "expedite the hearing"},
    }  # fmt: skip
    other_chair = post(client, tokens[Role.HEAD], f"{base}/held", held_body)
    assert other_chair.status_code == 422 and other_chair.json()["errors"][0]["field"] == "receiver"
    held = ok(post(client, chair_token, f"{base}/held", held_body))
    assert held["status"] == "held" and held["application_id"] and held["warnings"] == []
    assert post(client, chair_token, f"{base}/held", held_body).status_code == 409

    other = ok(post(client, clerk, "/receptions", schedule_body(chair.id, now + timedelta(days=3))), 201)
    ok(post(client, chair_token, f"/receptions/{other['id']}/cancellation", {"reason": "the applicant withdrew"}))
    project(system, settings, applications_register, receptions_register)

    day = court_date(at).isoformat()
    listed = ok(client.get("/receptions", headers=auth(tokens[Role.AUDITOR]),
                           params={"receiver": chair.id, "from": day, "to": day}))["items"]  # fmt: skip
    assert [r["reception_id"] for r in listed] == [scheduled["id"]]
    by_applicant = ok(client.get("/receptions", headers=auth(clerk), params={"applicant": "850101400124"}))["items"]
    assert {r["status"] for r in by_applicant} == {"held", "cancelled"}
    card = ok(client.get(base, headers=auth(clerk), params={"wait_for": held["log_position"]["token"]}))
    reception = card["reception"]
    assert (reception["status"], reception["place"], reception["times_rescheduled"]) == ("held", "room 212", 1)
    assert reception["earlier_applications"] == [earlier["id"]]
    assert reception["related_cases"] == ["CC-9/2025", "CC-1/2026"]
    assert reception["instructions"] == ["check the file request"] and reception["held_with_material"] is True
    assert [s["step"] for s in reception["steps"]] == [
        "reception-scheduled",
        "reception-rescheduled",
        "reception-material-prepared",
        "reception-held",
    ]
    assert reception["steps"][1]["reason"] == "room 405 under repair"
    assert [(a["application_id"], a["in_reference_material"]) for a in card["earlier_applications"]] == [
        (earlier["id"], True)
    ]
    handed_in = ok(client.get(f"/applications/{held['application_id']}", headers=auth(clerk)))
    assert (handed_in["channel"], handed_in["reception_id"]) == ("reception", scheduled["id"])
    assert str(reception["application_id"]) == held["application_id"]


def test_the_register_of_applications_pages_newest_first_and_only_what_the_role_may_see(
    client, tokens, system, settings
):
    from projections import applications_register

    clerk, now = tokens[Role.REGISTRAR], datetime.now(UTC)
    body = {"applicant": {"name": "B. Omarov", "kind": "individual", "identifier": "900202300456"},
            "channel": "paper", "subject": "pending_proceedings", "summary": "when is my hearing"}  # fmt: skip
    oldest, confidential, newest = (
        ok(post(client, clerk, "/applications", body | {
            "received_at": (now - timedelta(days=days)).isoformat(), "confidential": days == 2,
        }), 201)["id"]
        for days in (3, 2, 1)
    )  # fmt: skip
    project(system, settings, applications_register)

    pages = read_pages(client, tokens[Role.HEAD], "/applications")
    assert page_ids(pages, "application_id") == [[newest], [confidential], [oldest]]
    assert pages[0]["next_after"].endswith(f"|{newest}") and pages[-1]["next_after"] is None
    # Not cleared for confidential items: the page after `newest` is not short of one, it is the next visible one.
    pages = read_pages(client, tokens[Role.CONSULTANT], "/applications")
    assert page_ids(pages, "application_id") == [[newest], [oldest]]
    mine = read_pages(client, tokens[Role.INTERNATIONAL_OFFICER], "/applications", {"applicant": "900202300456"}, 2)
    assert page_ids(mine, "application_id") == [[newest, oldest]]
    assert client.get(f"/applications/{confidential}", headers=auth(tokens[Role.CONSULTANT])).status_code == 404
    wrong = client.get("/applications", params={"after": "2026-01-01T00:00:00Z|not-a-uuid"}, headers=auth(clerk))
    assert wrong.status_code == 422 and "cursor" in wrong.json()["detail"]


def test_the_register_of_foreign_requests_pages_newest_first_and_only_what_the_role_may_see(
    client, tokens, system, settings
):
    from projections import foreign_requests

    officer, now = tokens[Role.INTERNATIONAL_OFFICER], datetime.now(UTC)
    oldest, confidential, newest = (
        ok(post(client, officer, "/international/requests", incoming_request(
            received_at=(now - timedelta(hours=hours)).isoformat(), confidential=hours == 2,
        )), 201)["id"]
        for hours in (3, 2, 1)
    )  # fmt: skip
    project(system, settings, foreign_requests)

    # The line's officers work confidential requests; registrars are cleared for them.
    for token, limit in ((officer, 1), (tokens[Role.REGISTRAR], 2)):
        pages = read_pages(client, token, "/international/register", limit=limit)
        assert [i for page in page_ids(pages, "request_id") for i in page] == [newest, confidential, oldest]
        assert [len(page["items"]) for page in pages] == ([1, 1, 1] if limit == 1 else [2, 1])
    pages = read_pages(client, tokens[Role.CONSULTANT], "/international/register")
    assert page_ids(pages, "request_id") == [[newest], [oldest]]
    assert pages[0]["next_after"].endswith(f"|{newest}") and pages[-1]["next_after"] is None
    at_stage = read_pages(client, officer, "/international/register", {"stage": "received"}, 5)
    assert page_ids(at_stage, "request_id") == [[newest, confidential, oldest]]
    wrong = client.get("/international/register", params={"after": "newest"}, headers=auth(officer))
    assert wrong.status_code == 422 and "cursor" in wrong.json()["detail"]


def test_the_register_of_receptions_pages_in_order_of_time_and_only_what_the_role_may_see(
    client, tokens, system, settings
):
    from projections import receptions_register

    chair, _ = system.users.add("chair of the collegium", Role.HEAD)
    consultant, tomorrow = tokens[Role.CONSULTANT], datetime.now(UTC) + timedelta(days=1)
    first, confidential, last = (
        ok(post(client, consultant, "/receptions", schedule_body(
            chair.id, tomorrow + timedelta(hours=hours), confidential=hours == 1,
        )), 201)["id"]
        for hours in (0, 1, 2)
    )  # fmt: skip
    project(system, settings, receptions_register)

    pages = read_pages(client, tokens[Role.AUDITOR], "/receptions", {"receiver": chair.id})
    assert page_ids(pages, "reception_id") == [[first], [confidential], [last]]
    assert pages[0]["next_after"].endswith(f"|{first}") and pages[-1]["next_after"] is None
    pages = read_pages(client, consultant, "/receptions")
    assert page_ids(pages, "reception_id") == [[first], [last]]
    assert pages[0]["items"][0]["steps"][0]["step"] == "reception-scheduled"
    wrong = client.get("/receptions", params={"after": "2026-01-01T00:00:00|" + first}, headers=auth(consultant))
    assert wrong.status_code == 422 and "cursor" in wrong.json()["detail"]

"""Staff views: what is due (by judge, unit, kind, with working days left), each judge's
workload weighted as the draw weighs it, and the audit trail per case and per actor."""

import threading
from datetime import UTC, datetime, time, timedelta

from consumers.deadline_starter import run_starter
from consumers.load_releaser import LoadReleaser
from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from domain.court_time import COURT_ZONE
from projections.registry import ALL_PROJECTIONS
from tests.support import TEST_COURT, auth, complaint_payload, judge_token, page_ids, post, read_pages, relay_all


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def project_all(system, settings):
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def test_due_deadlines_workload_and_audit_trail(client, tokens, system, settings, distributed_case):
    case_id, panel = distributed_case
    judge, clerk, head = judge_token(system, panel[0]), tokens[Role.REGISTRAR], tokens[Role.HEAD]
    relay_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)  # registration starts its terms
    project_all(system, settings)

    due = client.get("/registers/deadlines", params={"due": "week", "judge": panel[0]}, headers=auth(clerk)).json()
    assert due["next_after"] is None
    due = due["items"]
    everything = client.get("/deadlines", params={"subject": case_id}, headers=auth(clerk)).json()["items"]
    court_today = datetime.now(COURT_ZONE).date()
    week_end = datetime.combine(court_today + timedelta(days=8), time.min, tzinfo=COURT_ZONE)
    expected = {d["deadline_id"] for d in everything if d["status"] == "open" and parse(d["due_at"]) < week_end}
    assert {d["deadline_id"] for d in due} == expected and expected
    entry = next(d for d in due if d["rule_id"] == "cassation.return-inadmissible")  # 3 days, УПК 489
    assert (entry["subject"], entry["judge_rapporteur"], entry["kind"]) == (case_id, panel[0], "cassation_complaint")
    assert entry["unit"] == "cassation" and not entry["overdue"] and 0 <= entry["working_days_left"] <= 3
    assert all(d["rule_id"] != "cassation.decision" for d in due), "six months are not due this week"
    nothing = {"items": [], "next_after": None}
    assert client.get("/registers/deadlines", params={"due": "overdue"}, headers=auth(clerk)).json() == nothing
    assert client.get("/registers/deadlines", params={"judge": "nobody"}, headers=auth(clerk)).json() == nothing

    accepted = post(client, judge, f"/cases/{case_id}/acceptance", {"reason": "admissible: УПК 487 met"})
    relay_all(system, settings)
    project_all(system, settings)

    loads = {
        w["judge_id"]: w for w in client.get(f"/registers/workload?court={TEST_COURT}", headers=auth(clerk)).json()
    }
    assert loads[panel[0]]["as_rapporteur"] == 1 and loads[panel[0]]["weighted_load"] == 1.0
    assert [loads[j]["weighted_load"] for j in panel[1:]] == [0.5, 0.5]
    assert sum(w["open_cases"] for w in loads.values()) == 3
    assert loads["judge-0"]["post"] == "collegium_chair"

    post(client, clerk, f"/cases/{case_id}/withdrawal", {"reason": "the convict's letter"})
    relay_all(system, settings)
    LoadReleaser(system).run(threading.Event(), catch_up=True)
    project_all(system, settings)
    loads = client.get(f"/registers/workload?court={TEST_COURT}", headers=auth(clerk)).json()
    assert all(w["open_cases"] == 0 and w["weighted_load"] == 0 for w in loads)

    trail = client.get("/registers/audit-trail", params={"case": case_id}, headers=auth(tokens[Role.AUDITOR])).json()
    assert trail["next_after"] is None
    trail = trail["items"]
    types = [t["type"].split(".")[3] for t in trail]
    for expected in ("item-registered", "case-distributed", "case-accepted", "complaint-withdrawn",
                     "load-released"):  # fmt: skip
        assert expected in types, types
    assert "complaint-registered" not in types, "one action, one row: the newest type of the pair"
    withdrawal = next(t for t in trail if t["type"].endswith("complaint-withdrawn.v1"))
    assert withdrawal["reason"] == "the convict's letter" and withdrawal["actor_role"] == "registrar"
    times = [datetime.fromisoformat(t["time"]) for t in trail]
    assert times == sorted(times)

    assert accepted.status_code == 201  # the judge's only act
    mine = client.get(
        "/registers/audit-trail",
        params={"actor": next(u.id for u in system.users.list() if u.name.startswith(f"judge {TEST_COURT}/"))},
        headers=auth(head),
    ).json()
    assert [t["type"].split(".")[3] for t in mine["items"]] == ["case-accepted"] and mine["next_after"] is None
    assert client.get("/registers/audit-trail", params={"case": case_id}, headers=auth(clerk)).status_code == 403
    assert client.get("/registers/audit-trail", headers=auth(head)).status_code == 422


def test_due_deadlines_and_an_actors_trail_come_a_page_at_a_time(client, tokens, system, settings):
    clerk, head = tokens[Role.REGISTRAR], tokens[Role.HEAD]
    for n in (51, 52):
        assert client.post("/complaints", json=complaint_payload(n), headers=auth(clerk)).status_code == 201
    relay_all(system, settings)
    run_starter(system, threading.Event(), catch_up=True)  # each registration starts its terms
    project_all(system, settings)

    whole = client.get("/registers/deadlines", params={"due": "week"}, headers=auth(clerk)).json()
    assert whole["next_after"] is None and len(whole["items"]) >= 2
    order = [(parse(d["due_at"]), d["deadline_id"]) for d in whole["items"]]
    assert order == sorted(order), "soonest first, then by id"
    pages = read_pages(client, clerk, "/registers/deadlines", {"due": "week"})
    assert page_ids(pages, "deadline_id") == [[d["deadline_id"]] for d in whole["items"]]
    assert pages[0]["next_after"].endswith(f"|{whole['items'][0]['deadline_id']}")
    for bad in ("yesterday|x", "2026-01-01T00:00:00Z|not-a-uuid", "2026-01-01T00:00:00|" + order[0][1]):
        wrong = client.get("/registers/deadlines", params={"after": bad}, headers=auth(clerk))
        assert wrong.status_code == 422 and "cursor" in wrong.json()["detail"], bad

    registrar = next(u.id for u in system.users.list() if u.role == Role.REGISTRAR)
    trail = client.get("/registers/audit-trail", params={"actor": registrar, "limit": 1000}, headers=auth(head)).json()
    assert trail["next_after"] is None and len(trail["items"]) >= 2
    assert [t["type"].split(".")[3] for t in trail["items"]].count("item-registered") == 2
    order = [(parse(t["time"]), t["context"], t["log_position"]) for t in trail["items"]]
    assert order == sorted(order), "in time order, then context and position"
    pages = read_pages(client, head, "/registers/audit-trail", {"actor": registrar})
    assert page_ids(pages, "event_id") == [[t["event_id"]] for t in trail["items"]]
    wrong = client.get(
        "/registers/audit-trail", params={"actor": registrar, "after": "2026-01-01T00:00:00Z|registry|seven"},
        headers=auth(head),
    )  # fmt: skip
    assert wrong.status_code == 422 and "cursor" in wrong.json()["detail"]


def csv_sections(text: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """A statistics CSV's tables by title: (header, rows)."""
    import csv
    import io

    sections, lines = {}, list(csv.reader(io.StringIO(text)))
    while lines:
        end = lines.index([]) if [] in lines else len(lines)
        (title,), header, *rows = lines[:end]
        sections[title] = (header, rows)
        lines = lines[end + 1 :]
    return sections


def test_statistics_with_cepej_indicators_as_json_csv_and_xlsx(client, tokens, system, settings, distributed_case):
    import hashlib
    import io

    from openpyxl import load_workbook

    case_id, panel = distributed_case
    judge, clerk = judge_token(system, panel[0]), tokens[Role.REGISTRAR]
    act = {
        "court": "Almaty City Court",
        "kind": "verdict",
        "act_date": "2020-01-10",
        "entered_into_force": "2020-02-10",
    }
    late = complaint_payload(41) | {"improves_position": False, "contested_act": act}
    assert client.post("/complaints", json=late, headers=auth(clerk)).json()["admissibility"]["admissible"] is False
    now = datetime.now(UTC).isoformat()
    post(client, judge, f"/cases/{case_id}/acceptance", {"reason": "admissible"})
    post(client, clerk, f"/cases/{case_id}/case-file-receipts", {"received_at": now})
    post(client, clerk, f"/cases/{case_id}/hearings", {"hearing_id": "h-1", "scheduled_for": now, "room": "1"})
    post(client, clerk, f"/cases/{case_id}/hearings/h-1/held", {"held_at": now, "panel": panel})
    post(client, judge, f"/cases/{case_id}/ruling",
         {"outcomes": [{"defendant": "A.", "outcome": "left_unchanged", "legal_basis": "УПК 494(1)(1)"},
                       {"defendant": "B.", "outcome": "changed", "legal_basis": "УПК 494(1)(4)"}]})  # fmt: skip
    sha = hashlib.sha256(b"act").hexdigest()
    post(client, judge, f"/cases/{case_id}/judicial-act", {"document_ref": "dms://1", "document_sha256": sha,
                                                          "publishable": False})  # fmt: skip
    # The case file joins the case: an incoming item, with an offence, but not a case of its own.
    offence = {"offence": {"article": "188 ч.2", "category": "medium"}}
    case_file = complaint_payload(42) | {"kind": "case_file", "related_item_id": case_id} | offence
    assert client.post("/incoming-items", json=case_file, headers=auth(clerk)).status_code == 201
    project_all(system, settings)

    first = datetime.now(COURT_ZONE).date() - timedelta(days=30)
    last = datetime.now(COURT_ZONE).date()
    params = {"from": first.isoformat(), "to": last.isoformat()}
    stats = client.get("/registers/statistics", params=params, headers=auth(clerk)).json()
    # Two cases came in (one returned by the rules at once), both are resolved, none pending.
    assert (stats["incoming"], stats["resolved"], stats["pending_at_end"]) == (2, 2, 0)
    assert (stats["clearance_rate"], stats["disposition_time_days"]) == (100.0, 0.0)
    assert {o["outcome"]: o["defendants"] for o in stats["outcomes"]} == {"left_unchanged": 1, "changed": 1}
    (kind,) = stats["by_kind"]
    assert kind["kind"] == "cassation_complaint" and kind["median_days_to_disposition"] >= 0
    # The categories are the two cases' (neither stated one), not the case file's.
    assert stats["offence_categories"] == [{"category": "not stated", "incoming": 2}]
    this_year = client.get("/registers/statistics", headers=auth(clerk)).json()
    assert (this_year["from"][:10], this_year["to"][:10]) == (f"{last.year}-01-01", f"{last.year + 1}-01-01")
    before = {"from": (first - timedelta(days=60)).isoformat(), "to": (first - timedelta(days=31)).isoformat()}
    empty = client.get("/registers/statistics", params=before, headers=auth(clerk)).json()
    assert (empty["incoming"], empty["clearance_rate"], empty["disposition_time_days"]) == (0, None, None)

    as_csv = client.get("/registers/statistics", params=params | {"format": "csv"}, headers=auth(clerk))
    assert as_csv.headers["content-type"].startswith("text/csv")
    sections = csv_sections(as_csv.text)
    assert list(sections) == ["summary", "by kind", "outcomes", "offence categories"]
    summary = dict(sections["summary"][1])
    for figure in ("incoming", "resolved", "pending_at_start", "pending_at_end", "clearance_rate",
                   "disposition_time_days"):  # fmt: skip
        assert summary[figure] == str(stats[figure]), figure
    assert (parse(summary["from"]), parse(summary["to"])) == (parse(stats["from"]), parse(stats["to"]))
    header, by_kind = sections["by kind"]
    assert by_kind[0] == [str(kind[column]) for column in header] and by_kind[-1][:2] == ["all", "2"]
    assert sections["outcomes"][1] == [[o["outcome"], str(o["defendants"])] for o in stats["outcomes"]]
    expected = [[c["category"], str(c["incoming"])] for c in stats["offence_categories"]]
    assert sections["offence categories"][1] == expected
    as_xlsx = client.get("/registers/statistics", params=params | {"format": "xlsx"}, headers=auth(clerk))
    book = load_workbook(io.BytesIO(as_xlsx.content))
    assert book.sheetnames == ["summary", "by kind", "outcomes", "offence categories"]
    summary = {row[0]: row[1] for row in book["summary"].iter_rows(values_only=True)}
    assert (summary["incoming"], summary["clearance_rate"]) == (2, 100.0)
    reversed_period = {"from": last.isoformat(), "to": first.isoformat()}
    assert client.get("/registers/statistics", params=reversed_period, headers=auth(clerk)).status_code == 422

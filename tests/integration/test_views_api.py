"""Staff views: what is due (by judge, unit, kind, with working days left), each judge's
workload weighted as the draw weighs it, and the audit trail per case and per actor."""

import threading
from datetime import datetime, time, timedelta

from consumers.deadline_starter import run_starter
from consumers.load_releaser import LoadReleaser
from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from domain.court_time import COURT_ZONE
from projections.registry import ALL_PROJECTIONS
from tests.support import TEST_COURT, auth, post, relay_all


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


def project_all(system, settings):
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), max_idle_polls=3)


def test_due_deadlines_workload_and_audit_trail(client, tokens, system, settings, distributed_case):
    case_id, panel = distributed_case
    judge, clerk, head = tokens[Role.JUDGE], tokens[Role.REGISTRAR], tokens[Role.HEAD]
    relay_all(system, settings)
    run_starter(system, threading.Event(), max_idle_polls=4)  # registration starts its terms
    project_all(system, settings)

    due = client.get("/registers/deadlines", params={"due": "week", "judge": panel[0]}, headers=auth(clerk)).json()
    everything = client.get("/deadlines", params={"subject": case_id}, headers=auth(clerk)).json()["items"]
    court_today = datetime.now(COURT_ZONE).date()
    week_end = datetime.combine(court_today + timedelta(days=8), time.min, tzinfo=COURT_ZONE)
    expected = {d["deadline_id"] for d in everything if d["status"] == "open" and parse(d["due_at"]) < week_end}
    assert {d["deadline_id"] for d in due} == expected and expected
    entry = next(d for d in due if d["rule_id"] == "cassation.return-inadmissible")  # 3 days, УПК 489
    assert (entry["subject"], entry["judge_rapporteur"], entry["kind"]) == (case_id, panel[0], "cassation_complaint")
    assert entry["unit"] == "cassation" and not entry["overdue"] and 0 <= entry["working_days_left"] <= 3
    assert all(d["rule_id"] != "cassation.decision" for d in due), "six months are not due this week"
    assert client.get("/registers/deadlines", params={"due": "overdue"}, headers=auth(clerk)).json() == []
    assert client.get("/registers/deadlines", params={"judge": "nobody"}, headers=auth(clerk)).json() == []

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
    LoadReleaser(system).run(threading.Event(), max_idle_polls=3)
    project_all(system, settings)
    loads = client.get(f"/registers/workload?court={TEST_COURT}", headers=auth(clerk)).json()
    assert all(w["open_cases"] == 0 and w["weighted_load"] == 0 for w in loads)

    trail = client.get("/registers/audit-trail", params={"case": case_id}, headers=auth(tokens[Role.AUDITOR])).json()
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
        params={"actor": next(u.id for u in system.users.list() if u.role == Role.JUDGE)},
        headers=auth(head),
    ).json()
    assert [t["type"].split(".")[3] for t in mine] == ["case-accepted"]
    assert client.get("/registers/audit-trail", params={"case": case_id}, headers=auth(clerk)).status_code == 403
    assert client.get("/registers/audit-trail", headers=auth(head)).status_code == 422

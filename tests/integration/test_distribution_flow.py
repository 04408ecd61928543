"""The assignment context end to end over the real services: roster and settings over
HTTP, registered complaints distributed by the distributor from the log, recusal
with reassignment, and every protocol on the log re-running to its panel."""

import threading
from datetime import UTC, datetime, timedelta

from consumers.distributor import Distributor
from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from domain.assignment.draw import Candidate, DrawProtocol, Exclusion, rerun
from domain.court_time import court_date
from projections import workload
from sotflow.db import migrate
from tests.support import (
    TEST_COURT,
    auth,
    complaint_payload,
    enrol,
    judge_token,
    post,
    published_envelopes,
    relay_all,
    settings_body,
)

COURT = TEST_COURT


def protocol_from(data) -> DrawProtocol:
    return DrawProtocol(
        algorithm=data["algorithm"],
        seed=data["seed"],
        settings_version=data["settings_version"],
        panel_size=data["panel_size"],
        candidates=tuple(Candidate(**c) for c in data["candidates"]),
        exclusions=tuple(Exclusion(**e) for e in data["exclusions"]),
        panel=tuple(data["panel"]),
        draws=tuple(data["draws"]),
    )


def test_registered_complaints_are_distributed_and_recusal_redraws_the_seat(client, tokens, system, settings):
    enrol(client, tokens[Role.HEAD])
    assert (
        client.post(
            f"/courts/{COURT}/distribution-settings", json=settings_body(), headers=auth(tokens[Role.HEAD])
        ).status_code
        == 201
    )
    tomorrow = court_date(datetime.now(UTC)) + timedelta(days=1)
    absence = {"kind": "leave", "start": tomorrow.isoformat(), "end": (tomorrow + timedelta(days=10)).isoformat()}
    assert (
        client.post(
            f"/courts/{COURT}/judges/judge-5/absences", json=absence, headers=auth(tokens[Role.DEPUTY_HEAD])
        ).status_code
        == 201
    )
    case_ids = [
        client.post("/complaints", json=complaint_payload(n), headers=auth(tokens[Role.REGISTRAR])).json()["id"]
        for n in range(8)
    ]
    relay_all(system, settings)

    distributor = Distributor(system)
    distributor.run(threading.Event(), catch_up=True)
    assert distributor.distributed == 8
    again = Distributor(system)  # a restarted distributor finds nothing left to do
    again.run(threading.Event(), catch_up=True)
    assert again.distributed == 0

    panel = client.get(f"/courts/{COURT}/cases/{case_ids[0]}/panel", headers=auth(tokens[Role.AUDITOR])).json()
    assert len(panel["panel"]) == 3 and panel["judge_rapporteur"] == panel["panel"][0]

    rapporteur = panel["judge_rapporteur"]
    recusals = f"/courts/{COURT}/cases/{case_ids[0]}/recusals"
    own, colleague = judge_token(system, rapporteur), judge_token(system, panel["panel"][1])
    # A judge's account records its own judge's self-recusal only: not a colleague's, and
    # not a party's challenge (the head's office records that).
    for token, self_recusal in ((colleague, True), (own, False)):
        body = {"judge_id": rapporteur, "reason": "took part at first instance", "self_recusal": self_recusal}
        refused = client.post(recusals, json=body, headers=auth(token))
        assert refused.status_code == 403 and refused.json()["type"].endswith("/not-the-judges"), refused.text
    unchanged = client.get(f"/courts/{COURT}/cases/{case_ids[0]}/panel", headers=auth(tokens[Role.AUDITOR])).json()
    assert unchanged == panel
    recusal = client.post(
        recusals,
        json={"judge_id": rapporteur, "reason": "took part at first instance (УПК 90)", "self_recusal": True},
        headers=auth(own),
    )
    assert recusal.status_code == 201, recusal.text
    assert recusal.json()["reassigned"] is True
    assert rapporteur not in recusal.json()["panel"]

    decision = client.post(
        f"/courts/{COURT}/cases/{case_ids[1]}/reassignments",
        json={"seat": 1, "reason": "the judge is seconded to another court"},
        headers=auth(tokens[Role.HEAD]),
    )
    assert decision.status_code == 201, decision.text
    assert decision.json()["panel"][1] == decision.json()["new_judge"]
    refused = client.post(
        f"/courts/{COURT}/cases/{case_ids[1]}/reassignments",
        json={"seat": 1, "reason": "the judge is seconded to another court"},
        headers=auth(tokens[Role.REGISTRAR]),
    )
    assert refused.status_code == 403

    relay_all(system, settings)
    events = [e for e in published_envelopes(settings, "assignment")]
    types = [e["type"].split(".")[3] for e in events]
    assert types.count("case-distributed") == 8
    assert types.count("judge-recused") == 1 and types.count("case-reassigned") == 2
    reasons = [e["reason"] for e in events if e["type"].endswith("case-reassigned.v1")]
    assert reasons == [
        "recusal: took part at first instance (УПК 90)",
        "decision: the judge is seconded to another court",
    ]
    assert types.count("distribution-pool-fell-below-minimum") == types.count("distribution-pool-below-minimum") == 0
    for event in events:
        if event["type"].endswith(("case-distributed.v1", "case-reassigned.v1")):
            assert rerun(protocol_from(event["data"]["protocol"])) == tuple(event["data"]["protocol"]["panel"])
            assert event["actorid"]
    distributed = {e["subject"]: e for e in events if e["type"].endswith("case-distributed.v1")}
    assert set(distributed) == set(case_ids)
    assert all(e["data"]["registration_event_id"] for e in distributed.values())

    # The workload counts each judge's open seats as the panels stand after both reassignments.
    ProjectionWorker(workload, settings, system.pool).run(threading.Event(), catch_up=True)
    panels = [
        client.get(f"/courts/{COURT}/cases/{c}/panel", headers=auth(tokens[Role.AUDITOR])).json()["panel"]
        for c in case_ids
    ]
    loads = client.get(f"/registers/workload?court={COURT}", headers=auth(tokens[Role.AUDITOR])).json()
    assert {w["judge_id"]: (w["open_cases"], w["as_rapporteur"]) for w in loads if w["open_cases"]} == {
        judge: (sum(judge in p for p in panels), sum(p[0] == judge for p in panels))
        for judge in {j for p in panels for j in p}
    }
    # A register kept before the counts existed gets them from its seats at migration.
    with system.pool.connection() as conn:
        conn.execute(f'delete from "{settings.projection_schema}".workload_open_seats')
    migrate(settings)
    assert client.get(f"/registers/workload?court={COURT}", headers=auth(tokens[Role.AUDITOR])).json() == loads


def test_cases_wait_for_a_roster_and_are_not_lost(client, tokens, system, settings):
    case_id = client.post("/complaints", json=complaint_payload(1), headers=auth(tokens[Role.REGISTRAR])).json()["id"]
    relay_all(system, settings)
    stop = threading.Event()
    distributor = Distributor(system, retry_seconds=0.2)
    worker = threading.Thread(target=distributor.run, args=(stop,))
    worker.start()
    try:
        enrol(client, tokens[Role.HEAD], judges=3)
        client.post(
            f"/courts/{COURT}/distribution-settings", json=settings_body(min_pool=5), headers=auth(tokens[Role.HEAD])
        )
        from tests.support import wait_for

        wait_for(lambda: distributor.distributed == 1, timeout=30, what="the waiting case to be distributed")
    finally:
        stop.set()
        worker.join(timeout=30)
    relay_all(system, settings)
    types = [e["type"].split(".")[3] for e in published_envelopes(settings, "assignment")]
    # The alert's superseded name first, then its successor, at the same position.
    assert types[-3:] == ["case-distributed", "distribution-pool-below-minimum", "distribution-pool-fell-below-minimum"]
    assert client.get(f"/courts/{COURT}/cases/{case_id}/panel", headers=auth(tokens[Role.HEAD])).status_code == 200


def test_a_case_returned_before_its_distribution_is_not_distributed(client, tokens, system, settings):
    registrar = tokens[Role.REGISTRAR]
    returned, kept = (
        client.post("/complaints", json=complaint_payload(n), headers=auth(registrar)).json()["id"] for n in (4, 5)
    )
    # While the court has no roster no judge sits on the case: the head's office returns it (УПК 489).
    assert post(client, tokens[Role.HEAD], f"/cases/{returned}/return", {"reason": "not signed"}).status_code == 201
    enrol(client, tokens[Role.HEAD])
    client.post(f"/courts/{COURT}/distribution-settings", json=settings_body(), headers=auth(tokens[Role.HEAD]))
    relay_all(system, settings)

    distributor = Distributor(system)
    distributor.run(threading.Event(), catch_up=True)
    assert distributor.distributed == 1
    relay_all(system, settings)
    distributed = [
        e["subject"] for e in published_envelopes(settings, "assignment") if e["type"].endswith("case-distributed.v1")
    ]
    assert distributed == [kept]
    panel = client.get(f"/courts/{COURT}/cases/{returned}/panel", headers=auth(tokens[Role.AUDITOR]))
    assert panel.status_code == 404


def test_roster_rules_and_roles_over_http(client, tokens):
    head, judge = auth(tokens[Role.HEAD]), auth(tokens[Role.JUDGE])
    body = {
        "judge_id": "judge-1",
        "name": "J",
        "collegium": "criminal",
        "specialisations": ["criminal"],
        "post": "judge",
    }
    assert client.post(f"/courts/{COURT}/judges", json=body, headers=judge).status_code == 403
    assert client.post(f"/courts/{COURT}/judges", json=body, headers=head).status_code == 201
    duplicate = client.post(f"/courts/{COURT}/judges", json=body, headers=head)
    assert duplicate.status_code == 422 and duplicate.json()["errors"][0]["field"] == "judge_id"
    backdated = {"kind": "illness", "start": "2020-01-01", "end": "2020-01-05"}
    refused = client.post(f"/courts/{COURT}/judges/judge-1/absences", json=backdated, headers=head)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "start"
    bad = settings_body() | {"panel_member_share": 2}
    assert client.post(f"/courts/{COURT}/distribution-settings", json=bad, headers=head).status_code == 422
    assert client.get(f"/courts/{COURT}/cases/nope/panel", headers=head).status_code == 404
    assert client.get("/courts/unknown-court/cases/nope/panel", headers=head).status_code == 404
    # A roster opens only for a court this deployment serves (no free-text courts).
    stray = client.post("/courts/item-returned/judges", json=body | {"judge_id": "judge-x"}, headers=head)
    assert stray.status_code == 404 and stray.headers["content-type"] == "application/problem+json"


def test_a_distributor_killed_mid_stream_distributes_every_case_exactly_once(
    client, tokens, system, settings, processes
):
    from tests.support import register_complaints, wait_for

    enrol(client, tokens[Role.HEAD], judges=9)
    client.post(f"/courts/{COURT}/distribution-settings", json=settings_body(), headers=auth(tokens[Role.HEAD]))
    total = 150
    case_ids = register_complaints(system.registry, total)
    relay_all(system, settings)

    def distributed() -> int:
        return len(system.assignment.roster(COURT).distributions)

    counts_at_kill = []
    for _ in range(3):
        distributor = processes("distribute")
        start = distributed()
        wait_for(lambda start=start: distributed() > start + 10 or distributed() == total, timeout=90, what="progress")
        distributor.kill()
        counts_at_kill.append(distributed())
    assert any(0 < c < total for c in counts_at_kill), counts_at_kill
    processes("distribute")
    wait_for(lambda: distributed() == total, timeout=120, what="every case to be distributed")

    relay_all(system, settings)
    subjects = [
        e["subject"] for e in published_envelopes(settings, "assignment") if e["type"].endswith("case-distributed.v1")
    ]
    assert sorted(subjects) == sorted(str(c) for c in case_ids), "each case distributed once, none missing"

"""`sotflow audit distribution <case>`: re-run each recorded draw of a case and compare.

For the case's `case-distributed` event and every `case-reassigned` one, the draw is
re-run from the protocol the event records (domain/assignment/draw.py `rerun`), and
the panel it gives is compared with the one recorded. The seed is checked too: a
distribution's seed must be derived from the registration event it names (and that
event must be on the registry's log for this case), a reassignment's from the
distribution's seed and its ordinal.
"""

from __future__ import annotations

from typing import Any

from domain.assignment.draw import Candidate, DrawProtocol, Exclusion, rerun
from domain.assignment.roster import distribution_seed

DISTRIBUTED = "kz.sotflow.assignment.case-distributed.v1"
REASSIGNED = "kz.sotflow.assignment.case-reassigned.v1"


def protocol_of(data: dict[str, Any]) -> DrawProtocol:
    p = data["protocol"]
    return DrawProtocol(
        algorithm=p["algorithm"],
        seed=p["seed"],
        settings_version=p["settings_version"],
        panel_size=p["panel_size"],
        candidates=tuple(Candidate(c["judge_id"], c["load"], c["post_coefficient"]) for c in p["candidates"]),
        exclusions=tuple(Exclusion(e["judge_id"], e["reason"]) for e in p["exclusions"]),
        panel=tuple(p["panel"]),
        draws=tuple(p["draws"]),
    )


def audit_case(case_id: str, assignment_events: list[dict], registration_ids: set[str]) -> dict:
    """The report for one case, from its assignment events (log order) and the ids of
    its events on the registry's log."""
    draws = []
    base_seed = None
    reassignments = 0
    panel: list[str] | None = None
    for event in assignment_events:
        kind, data = event.get("type"), event.get("data", {})
        if kind not in (DISTRIBUTED, REASSIGNED):
            continue
        protocol = protocol_of(data)
        rerun_panel = list(rerun(protocol))
        problems = []
        if rerun_panel != list(protocol.panel):
            problems.append(f"re-run gives {rerun_panel}, the protocol records {list(protocol.panel)}")
        if kind == DISTRIBUTED:
            base_seed, reassignments = protocol.seed, 0
            if protocol.seed != distribution_seed(data["registration_event_id"]):
                problems.append("the seed is not derived from the named registration event")
            if data["registration_event_id"] not in registration_ids:
                problems.append("the named registration event is not on the registry's log for this case")
            if rerun_panel != data["panel"] or data["judge_rapporteur"] != rerun_panel[0]:
                problems.append(f"the event's panel {data['panel']} is not the re-run's {rerun_panel}")
        else:
            reassignments += 1
            if base_seed is None or protocol.seed != f"{base_seed}/reassignment/{reassignments}":
                problems.append("the seed is not the distribution's seed with this reassignment's ordinal")
            if data["previous_panel"] != panel:
                problems.append(f"previous panel {data['previous_panel']} is not the panel before, {panel}")
            expected = list(data["previous_panel"])
            expected[data["seat"]] = rerun_panel[0]
            if data["new_judge"] != rerun_panel[0] or data["panel"] != expected:
                problems.append(f"the new panel {data['panel']} is not the re-run's {expected}")
        panel = data.get("panel")
        draws.append(
            {
                "type": kind,
                "event_id": event.get("id"),
                "log_position": event.get("logposition"),
                "algorithm": protocol.algorithm,
                "seed": protocol.seed,
                "settings_version": protocol.settings_version,
                "pool": data["protocol"]["candidates"],
                "exclusions": data["protocol"]["exclusions"],
                "recorded_draws": list(protocol.draws),
                "recorded_panel": data.get("panel"),
                "rerun_draw": rerun_panel,
                "same": not problems,
                "problems": problems,
            }
        )
    return {
        "case_id": case_id,
        "ok": bool(draws) and all(d["same"] for d in draws),
        "draws": draws,
        "current_panel": panel,
    }

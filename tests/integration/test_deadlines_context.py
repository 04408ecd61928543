"""The deadlines context over the real services: calendar orders and deadline
commands over HTTP, their events in the store and on the log (valid against their
schemas), and a transfer order recomputing an open deadline."""

import subprocess
import sys
import threading
from datetime import UTC, date, datetime, timedelta

from domain.actor import Actor, Role
from domain.court_time import COURT_ZONE
from relay.relay import Relay
from tests.support import REPO_ROOT, auth, published_envelopes, settings_env

WATCHER = Actor("system:deadline-watcher", Role.SYSTEM)


def relay_deadlines(system, settings):
    Relay(system.deadlines, "deadlines", settings).run(threading.Event(), exit_when_idle=True)


def test_calendar_orders_are_entered_by_the_heads_and_change_the_working_days(client, tokens, system):
    body = {"kind": "transfer", "from_day": "2027-01-09", "to_day": "2027-01-08", "effective_from": "2026-12-20",
            "source": "Government decree No. 900 of 1 December 2026"}  # fmt: skip
    refused = client.post("/calendar/orders", json=body, headers=auth(tokens[Role.REGISTRAR]))
    assert refused.status_code == 403
    accepted = client.post("/calendar/orders", json=body, headers=auth(tokens[Role.HEAD]))
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["number"] == 1
    again = client.post("/calendar/orders", json=body, headers=auth(tokens[Role.DEPUTY_HEAD]))
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "from_day"
    kurban = {"kind": "kurban_ait", "day": "2027-05-17", "effective_from": "2027-01-15", "source": "DUMK, 2027"}
    assert client.post("/calendar/orders", json=kurban, headers=auth(tokens[Role.HEAD])).json()["number"] == 2

    orders = client.get("/calendar/orders", headers=auth(tokens[Role.AUDITOR])).json()
    assert [(o["number"], o["kind"]) for o in orders] == [(1, "transfer"), (2, "kurban_ait")]
    # Both are in effect only from their dates; the calendar served is today's.
    calendar, revision = system.deadlines.calendar_in_effect(on=date(2027, 2, 1))
    assert revision.endswith("+1,2")
    assert calendar.is_working_day(date(2027, 1, 9)) and not calendar.is_working_day(date(2027, 1, 8))
    assert not calendar.is_working_day(date(2027, 5, 17))
    days = client.get("/calendar/working-days?from=2025-03-01&to=2025-03-31", headers=auth(tokens[Role.JUDGE]))
    assert days.json()["working_days"] == 17
    assert len(days.json()["non_working_days"]) == 14


def test_a_deadline_started_extended_suspended_resumed_and_met_over_http(client, tokens, system, settings):
    base = datetime.now(UTC) - timedelta(days=2)
    started = client.post(
        "/deadlines",
        json={"rule_id": "cassation.prosecutor-protest-decision", "subject": "case-77", "base_time": base.isoformat()},
        headers=auth(tokens[Role.CONSULTANT]),
    )
    assert started.status_code == 201, started.text
    deadline_id = started.json()["id"]
    assert started.json()["rule_version"] == 1
    twice = client.post(
        "/deadlines",
        json={"rule_id": "cassation.prosecutor-protest-decision", "subject": "case-77", "base_time": base.isoformat()},
        headers=auth(tokens[Role.CONSULTANT]),
    )
    assert twice.status_code == 409

    extension = {"grounds": "the file runs to 40 volumes"}
    by_head = client.post(f"/deadlines/{deadline_id}/extensions", json=extension, headers=auth(tokens[Role.HEAD]))
    assert by_head.status_code == 403
    by_prosecutor = client.post(
        f"/deadlines/{deadline_id}/extensions", json=extension, headers=auth(tokens[Role.INTEGRATION_SERVICE])
    )
    assert by_prosecutor.status_code == 201, by_prosecutor.text
    wrong_step = client.post(
        f"/deadlines/{deadline_id}/extensions", json=extension | {"term": {"value": 2, "unit": "months"}},
        headers=auth(tokens[Role.INTEGRATION_SERVICE]),
    )  # fmt: skip
    assert wrong_step.status_code == 422

    grounds = {"grounds": "legal assistance requested abroad (УПК 45(1)(5))"}
    assert client.post(f"/deadlines/{deadline_id}/suspensions", json=grounds,
                       headers=auth(tokens[Role.JUDGE])).status_code == 201  # fmt: skip
    assert client.post(f"/deadlines/{deadline_id}/suspensions", json=grounds,
                       headers=auth(tokens[Role.JUDGE])).status_code == 422  # fmt: skip
    assert client.post(f"/deadlines/{deadline_id}/resumptions", json={"grounds": "assistance executed"},
                       headers=auth(tokens[Role.JUDGE])).status_code == 201  # fmt: skip
    state = client.get(f"/deadlines/{deadline_id}", headers=auth(tokens[Role.AUDITOR])).json()
    assert state["status"] == "open" and state["extensions"] == 1
    met = client.post(f"/deadlines/{deadline_id}/met", json={}, headers=auth(tokens[Role.CONSULTANT]))
    assert met.status_code == 201
    assert client.get(f"/deadlines/{deadline_id}", headers=auth(tokens[Role.AUDITOR])).json()["status"] == "met"

    relay_deadlines(system, settings)
    events = [e for e in published_envelopes(settings, "deadlines") if e["subject"] == "case-77"]
    assert [e["type"] for e in events] == [
        "kz.sotflow.deadlines.deadline-started.v1",
        "kz.sotflow.deadlines.deadline-extended.v1",
        "kz.sotflow.deadlines.deadline-suspended.v1",
        "kz.sotflow.deadlines.deadline-resumed.v1",
        "kz.sotflow.deadlines.deadline-met.v1",
    ]
    assert events[1]["actorrole"] == "integration_service" and events[1]["reason"] == "the file runs to 40 volumes"
    assert events[0]["data"]["clause"] == "УПК 486" and events[-1]["data"]["on_time"] is True


def test_a_transfer_order_recomputes_an_open_deadline_as_an_event(client, tokens, system, settings):
    # A 7-day term ending on Friday, 10 days ahead, and an order that makes that Friday a day off.
    today = datetime.now(COURT_ZONE).date()
    friday = today + timedelta(days=10 + (4 - (today + timedelta(days=10)).weekday()) % 7)
    base = datetime.combine(friday - timedelta(days=7), datetime.min.time(), COURT_ZONE).replace(hour=10)
    calendar, _ = system.deadlines.calendar_in_effect()
    if not calendar.is_working_day(friday) or calendar.is_working_day(friday + timedelta(days=1)):
        friday += timedelta(days=7)  # a holiday week: take the next one
        base += timedelta(days=7)
    started = system.deadlines.start("cassation.case-file-dispatch", subject="case-88", base_time=base, actor=WATCHER)
    assert started.due_at.astimezone(COURT_ZONE).date() == friday
    order = {"kind": "transfer", "from_day": (friday + timedelta(days=1)).isoformat(), "to_day": friday.isoformat(),
             "effective_from": today.isoformat(), "source": "Government decree No. 1 (test)"}  # fmt: skip
    assert client.post("/calendar/orders", json=order, headers=auth(tokens[Role.HEAD])).status_code == 201

    assert system.deadlines.recompute(started.id, actor=WATCHER, now=datetime.now(UTC))
    assert not system.deadlines.recompute(started.id, actor=WATCHER, now=datetime.now(UTC))  # once per revision
    moved = system.deadlines.get(started.id).due_at.astimezone(COURT_ZONE).date()
    assert moved == friday + timedelta(days=1)  # the Saturday made a working day
    relay_deadlines(system, settings)
    (recomputed,) = [e for e in published_envelopes(settings, "deadlines") if e["type"].endswith("recomputed.v1")]
    assert recomputed["subject"] == "case-88" and recomputed["data"]["calendar_revision"].endswith("+1")


def test_the_cli_computes_with_the_orders_entered(system, settings):
    system.deadlines.enter_transfer_order(
        from_day=date(2025, 11, 1), to_day=date(2025, 10, 28), effective_from=date(2025, 10, 1),
        source="(test) decree", actor=Actor("u-head", Role.HEAD),
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", "deadline", "compute", "--rule", "cassation.return-inadmissible",
         "--start", "2025-10-22T16:00"],
        env=settings_env(settings), cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # 25 Oct (Sat) Republic Day -> 27 moved day off -> 28 now off by the order -> 29.
    assert result.stdout.splitlines()[0] == "due: 2025-10-29T23:59:59+05:00"
    assert result.stdout.splitlines()[-1].endswith("+1")

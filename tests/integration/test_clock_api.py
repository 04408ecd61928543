"""The API reads "now" and "today" from the process's clock (api/dependencies.py get_clock):
set it, and what is due today, what is overdue and the working days left follow."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from api.dependencies import get_clock
from api.main import create_app
from consumers.projection_worker import ProjectionWorker
from contexts.clock import SetClock
from domain.actor import Actor, Role
from domain.court_time import COURT_ZONE, court_date
from projections.registry import ALL_PROJECTIONS
from sotflow.bootstrap import bootstrap
from tests.support import auth, registrar, relay_all, sample_particulars

CONSULTANT = Actor("u-consultant", Role.CONSULTANT)
MONDAY = datetime(2026, 6, 1, 10, 0, tzinfo=COURT_ZONE).astimezone(UTC)


@pytest.fixture
def clocked(settings):
    clock = SetClock(MONDAY)
    system = bootstrap(settings, clock=clock)
    with TestClient(create_app(system=system)) as client:
        yield system, clock, client
    system.close()


def due(client, token: str, which: str) -> dict[str, dict]:
    answer = client.get("/registers/deadlines", params={"due": which}, headers=auth(token))
    assert answer.status_code == 200, answer.text
    return {d["deadline_id"]: d for d in answer.json()["items"]}


def test_what_is_due_today_follows_the_set_clock(clocked, settings):
    system, clock, client = clocked
    clerk = system.users.add("clerk", Role.REGISTRAR, None)[1]
    item = system.registry.register_item(sample_particulars(1, clock.now()), actor=registrar()).id
    started = system.deadlines.start(
        "cassation.prosecutor-protest-decision", subject=str(item), base_time=clock.now(), actor=CONSULTANT
    )
    deadline_id = str(started.id)
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)

    # The day it started: a month to go, not due this week.
    assert deadline_id not in due(client, clerk, "today") | due(client, clerk, "week")

    clock.instant = started.due_at - timedelta(minutes=1)  # its last day, by the court's clock
    assert court_date(clock.now()) == court_date(started.due_at)
    today = due(client, clerk, "today")
    assert today[deadline_id]["working_days_left"] == 0 and today[deadline_id]["overdue"] is False

    clock.advance(timedelta(days=3))
    overdue = due(client, clerk, "overdue")
    assert overdue[deadline_id]["overdue"] is True and overdue[deadline_id]["working_days_left"] < 0

    # The dependency itself can be overridden, for one app, whatever the system's clock says.
    client.app.dependency_overrides[get_clock] = lambda: SetClock(MONDAY)
    try:
        assert deadline_id not in due(client, clerk, "overdue")
        hearings_from = client.get("/public/hearings").json()
        assert hearings_from["items"] == []
    finally:
        client.app.dependency_overrides.clear()
    assert deadline_id in due(client, clerk, "overdue")


def test_the_hearing_schedule_starts_on_the_clocks_day(clocked, settings):
    system, clock, client = clocked
    item = system.registry.register_item(sample_particulars(2, clock.now()), actor=registrar()).id
    clerk = Actor("u-clerk", Role.REGISTRAR)
    system.proceedings.accept_case(item, reason="admissible", actor=clerk)
    system.proceedings.request_case_file(item, from_court=None, actor=clerk)
    system.proceedings.receive_case_file(item, received_at=clock.now(), case_file_item_id=None, actor=clerk)
    hearing_at = datetime(2026, 6, 20, 11, 0, tzinfo=COURT_ZONE)
    system.proceedings.schedule_hearing(
        item, hearing_id="h-1", scheduled_for=hearing_at, room="Hall 2", public=True, actor=clerk
    )
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)

    def rooms() -> list[str]:
        answer = client.get("/public/hearings", params={"days": 7})
        assert answer.status_code == 200, answer.text
        return [h["room"] for h in answer.json()["items"]]

    assert rooms() == []  # the week from 1 June
    clock.instant = datetime(2026, 6, 16, 8, 0, tzinfo=COURT_ZONE)
    assert rooms() == ["Hall 2"]  # the week from 16 June
    clock.advance(timedelta(days=5))
    assert rooms() == []  # from 21 June: the hearing is past

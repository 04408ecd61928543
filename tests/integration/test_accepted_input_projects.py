"""Property: whatever the API accepts, every projection can apply (on the real PostgreSQL).

Hypothesis draws command bodies from the whole space the request schemas describe: text
of any Unicode (control characters and lone surrogates included), instants at any UTC
offset a real zone has and any year a court's record may hold, dates at both ends. Each
body the API accepts is recorded; then the relay publishes every event and each
projection that reads those topics applies them. A value accepted at the edge but
refused by a column (an offset of -21:52, a NUL byte) would be dead-lettered here, and
in production would have stopped the projection on every replay."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from api.bounded import text_problem
from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from domain.court_time import EARLIEST_DAY
from projections.registry import ALL_PROJECTIONS
from tests.support import auth, complaint_payload, relay_all

NOW = datetime.now(UTC)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
# Offsets beyond any real zone, and years outside a court's records: refused, never stored.
bad_offsets = st.integers(14 * 60 + 1, 23 * 60 + 59).flatmap(
    lambda m: st.sampled_from([timezone(timedelta(minutes=m)), timezone(-timedelta(minutes=m))])
)
texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60) | st.text(min_size=1, max_size=20)


def instants(first: datetime, last: datetime, zones=offsets):
    return st.datetimes(min_value=first, max_value=last, timezones=zones)


recent_instants = instants(datetime(2024, 1, 1), (NOW - timedelta(days=1)).replace(tzinfo=None))
past_instants = recent_instants | instants(
    datetime(EARLIEST_DAY.year, 1, 2), (NOW - timedelta(days=1)).replace(tzinfo=None)
)
any_instants = past_instants | instants(datetime(1, 1, 2), datetime(9999, 12, 30), bad_offsets)
days = st.dates(EARLIEST_DAY, (NOW - timedelta(days=400)).date()) | st.dates(date(1, 1, 1), date(9999, 12, 31))


@st.composite
def registration_bodies(draw) -> dict:
    body = complaint_payload(draw(st.integers(0, 10**6)))
    received = draw(any_instants)
    body["received_at"] = received.isoformat()
    body["filer"]["name"] = draw(texts)
    body["lower_court_case_ref"] = draw(texts)
    body["contested_act"]["court"] = draw(texts)
    body["contested_act"]["act_date"] = draw(days).isoformat()
    body["contested_act"]["entered_into_force"] = draw(st.none() | days.map(date.isoformat))
    return body


def project_everything(system, settings) -> dict[str, int]:
    """Publish every stored event, apply it to every projection; dead letters per projection."""
    relay_all(system, settings)
    dead = {}
    for projection in ALL_PROJECTIONS:
        worker = ProjectionWorker(projection, settings, system.pool)
        worker.run(threading.Event(), catch_up=True)
        dead[projection.NAME] = worker.dead_lettered
    return dead


def test_every_registration_the_api_accepts_is_applied_by_every_projection(client, tokens, system, settings):
    registrar = tokens[Role.REGISTRAR]
    accepted: dict[str, dict] = {}
    refused = 0

    @hypothesis_settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(body=registration_bodies())
    def register(body: dict) -> None:
        nonlocal refused
        response = client.post("/complaints", json=body, headers=auth(registrar))
        assert response.status_code in (201, 422), response.text
        if response.status_code == 201:
            accepted[response.json()["id"]] = body
        else:
            refused += 1
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["errors"], "a refusal names what was wrong"

    register()

    assert accepted and refused, "the strategies reach both sides of the edge"
    assert project_everything(system, settings) == {p.NAME: 0 for p in ALL_PROJECTIONS}
    for item_id, body in accepted.items():
        entry = client.get(f"/registers/incoming/{item_id}", headers=auth(tokens[Role.HEAD])).json()
        assert entry["filer_name"] == body["filer"]["name"].strip()
        assert datetime.fromisoformat(entry["received_at"]) == datetime.fromisoformat(body["received_at"])
        assert text_problem(entry["lower_court_case_ref"]) is None


def test_every_deadline_start_and_met_the_api_accepts_is_applied_by_every_projection(client, tokens, system, settings):
    head = tokens[Role.HEAD]
    rule = "cassation.return-inadmissible"
    met: dict[str, datetime] = {}

    @hypothesis_settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(base=any_instants, met_after=st.timedeltas(timedelta(0), timedelta(days=30_000)), zone=offsets)
    def start_and_meet(base: datetime, met_after: timedelta, zone) -> None:
        body = {"rule_id": rule, "subject": str(uuid.uuid4()), "base_time": base.isoformat()}
        started = client.post("/deadlines", json=body, headers=auth(head))
        assert started.status_code in (201, 422), started.text
        if started.status_code == 422:
            # Out of bounds, or before the rule's first version was in force.
            assert [e["field"] for e in started.json()["errors"]] in (["base_time"], ["rule_id"])
            return
        met_at = min(base + met_after, NOW).astimezone(zone)
        answer = client.post(f"/deadlines/{started.json()['id']}/met", json={"met_at": met_at.isoformat()},
                             headers=auth(head))  # fmt: skip
        assert answer.status_code in (201, 422), answer.text
        if answer.status_code == 201:
            met[body["subject"]] = met_at

    start_and_meet()

    assert met
    assert project_everything(system, settings) == {p.NAME: 0 for p in ALL_PROJECTIONS}
    for subject, met_at in met.items():
        (read,) = client.get("/deadlines", params={"subject": subject}, headers=auth(head)).json()["items"]
        assert read["status"] == "met" and datetime.fromisoformat(read["met_at"]) == met_at

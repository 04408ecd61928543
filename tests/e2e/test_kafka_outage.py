"""Kafka down: registration still succeeds (PostgreSQL is the record); once the
broker is back, the relay catches up and the register shows the complaint."""

import subprocess

import httpx
import pytest

from tests.e2e.test_slice import visible_in_register
from tests.support import REPO_ROOT, complaint_payload, stored_event_count, wait_for


def kafka(action):
    subprocess.run(["bash", str(REPO_ROOT / "ops" / "kafka.sh"), action], check=True, timeout=180)


@pytest.mark.kafka_outage
def test_registration_survives_a_broker_outage(running):
    settings = running["settings"]
    before = httpx.post(f"{running['base']}/complaints", json=complaint_payload(1), headers=running["registrar"])
    wait_for(lambda: visible_in_register(running, before.json()["id"]), timeout=60, what="the first entry")

    kafka("stop")
    try:
        during = httpx.post(
            f"{running['base']}/complaints", json=complaint_payload(2), headers=running["registrar"], timeout=30
        )
        assert during.status_code == 201, during.text
        assert stored_event_count(settings) == 7  # two registrations, their numbers and filings, the journal
        assert httpx.get(f"{running['base']}/ready", timeout=30).status_code == 503
    finally:
        kafka("start")

    entry = wait_for(
        lambda: visible_in_register(running, during.json()["id"]),
        timeout=120,
        what="the complaint registered during the outage to reach the register",
    )
    assert entry["filer_name"] == "Filer 2"
    page = httpx.get(f"{running['base']}/registers/incoming", headers=running["auditor"]).json()
    assert [e["filer_name"] for e in page["items"]] == ["Filer 1", "Filer 2"]
    assert running["relay"].alive() and running["consumer"].alive()

"""Fixtures for tests that drive the API in-process (ASGI) over the real services."""

import threading

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from consumers.distributor import Distributor
from domain.actor import Role
from tests.support import TEST_COURT, auth, complaint_payload, enrol, relay_all, settings_body


@pytest.fixture
def client(system):
    with TestClient(create_app(system=system)) as client:
        yield client


@pytest.fixture
def tokens(system):
    """A bearer token for a user in each role; the judge's account is judge-0's of TEST_COURT."""
    return {
        role: system.users.add(f"test {role}", role, (TEST_COURT, "judge-0") if role == Role.JUDGE else None)[1]
        for role in Role
    }


@pytest.fixture
def distributed_case(client, tokens, system, settings):
    """A complaint registered, distributed to a panel by the distributor, and its id."""
    enrol(client, tokens[Role.HEAD], judges=6)
    adopted = client.post(
        f"/courts/{TEST_COURT}/distribution-settings", json=settings_body(), headers=auth(tokens[Role.HEAD])
    )
    assert adopted.status_code == 201, adopted.text
    registered = client.post("/complaints", json=complaint_payload(1), headers=auth(tokens[Role.REGISTRAR]))
    case_id = registered.json()["id"]
    relay_all(system, settings)
    Distributor(system, retry_seconds=0.1).run(threading.Event(), catch_up=True)
    panel = system.assignment.panel_of(TEST_COURT, case_id).panel
    return case_id, list(panel)


@pytest.fixture
def audit_settings(settings, tmp_path):
    """A deployment whose ledger signs with a fresh key, checkpointing every 7 events."""
    from kafka import KafkaAdminClient

    from audit.note import Signer
    from audit.topics import ensure_audit_topics

    key = tmp_path / "ledger.key"
    signer = Signer.generate("sotflow.test/ledger")
    key.write_text(signer.encode())
    key.with_suffix(".pub").write_text(signer.verifier.encode())
    audit = settings.model_copy(
        update={
            "audit_signing_keys": str(key),
            "audit_origin": "sotflow.test/ledger",
            "audit_checkpoint_every_events": 7,
            "audit_checkpoint_every_seconds": 3600.0,
            "audit_idle_wait_seconds": 0.1,
        }
    )
    topics = ensure_audit_topics(audit)
    yield audit
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        admin.delete_topics(topics, timeout_ms=30_000)
    except Exception:  # noqa: BLE001 - leftover test topics are harmless
        pass
    finally:
        admin.close()


@pytest.fixture
def audit_system(audit_settings):
    from sotflow.bootstrap import bootstrap

    system = bootstrap(audit_settings)
    yield system
    system.close()

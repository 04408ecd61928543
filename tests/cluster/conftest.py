"""Tests against the replicated cluster of ops/kafka-cluster.sh (three brokers, topics
with three copies and min.insync.replicas 2). `make test-cluster` starts the cluster,
runs them (`pytest -m cluster tests/cluster`) and stops it; the default `pytest` run
leaves them out. They kill and restart the cluster's brokers, never the one broker of
ops/kafka.sh that the rest of the suite uses."""

from __future__ import annotations

import subprocess
import threading
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from sotflow.settings import Settings
from tests.support import REPO_ROOT, auth, complaint_payload

CLUSTER_SCRIPT = REPO_ROOT / "ops" / "kafka-cluster.sh"


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(REPO_ROOT / "tests" / "cluster"):
            item.add_marker(pytest.mark.cluster)


def cluster(*args: str) -> str:
    """Run ops/kafka-cluster.sh (start [node...], kill <node>, env)."""
    result = subprocess.run(
        ["bash", str(CLUSTER_SCRIPT), *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"kafka-cluster.sh {' '.join(args)}: {result.stderr}"
    return result.stdout


def cluster_profile() -> dict[str, str]:
    """The settings `kafka-cluster.sh env` prints, by Settings field name."""
    profile = {}
    for line in cluster("env").splitlines():
        name, value = line.removeprefix("export ").split("=", 1)
        profile[name.removeprefix("SOTFLOW_").lower()] = value
    return profile


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    from sotflow.readiness import kafka_ready, postgres_ready

    settings = Settings(
        pg_dbname="sotflow_test",
        log_format="json",
        relay_validate_events=True,
        # A relay whose writes are refused gives up, says why and starts again sooner.
        relay_flush_timeout_seconds=10.0,
        **cluster_profile(),
    )
    assert settings.topic_replication_factor == 3 and settings.topic_min_insync_replicas == 2
    if not postgres_ready(settings):
        pytest.fail("PostgreSQL is not reachable; run `make up`")
    if not kafka_ready(settings, brokers=3):
        pytest.fail(f"the Kafka cluster is not up at {settings.kafka_bootstrap}; run `make test-cluster`")
    return settings


@pytest.fixture(autouse=True)
def every_broker_back(base_settings):
    """Whatever a test killed is started again after it, for the next one."""
    yield
    cluster("start")


def describe(settings: Settings, topic: str) -> list[dict] | None:
    """The topic's partitions as the cluster describes them; None when the client lost
    its way (kafka-python gives up on a broker just killed until the cluster fences it)."""
    try:
        admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, request_timeout_ms=10_000)
    except KafkaError:
        return None
    try:
        (described,) = admin.describe_topics([topic])
        return described["partitions"]
    except KafkaError:
        return None
    finally:
        admin.close()


def leaders(settings: Settings, topic: str) -> Counter[int] | None:
    """How many of the topic's partitions each broker leads."""
    partitions = describe(settings, topic)
    return None if partitions is None else Counter(p["leader_id"] for p in partitions)


def led_by(settings: Settings, topic: str) -> set[tuple[int, tuple[int, ...]]] | None:
    """The (leader, in-sync replicas) pairs of the topic's partitions."""
    partitions = describe(settings, topic)
    return None if partitions is None else {(p["leader_id"], tuple(sorted(p["isr_nodes"]))) for p in partitions}


def in_sync(settings: Settings, topic: str) -> list[int] | None:
    """The size of each partition's in-sync replica set."""
    partitions = describe(settings, topic)
    return None if partitions is None else [len(p["isr_nodes"]) for p in partitions]


class Registrations:
    """A steady stream of complaint registrations through the API (in-process ASGI),
    from a thread of its own; remembers the id of every one the API accepted."""

    def __init__(self, system, token: str, interval_s: float = 0.05) -> None:
        from api.main import create_app

        self.accepted: list[str] = []
        self.refused: list[str] = []
        self._stop = threading.Event()
        self._client = TestClient(create_app(system=system))
        self._token = token
        self._interval = interval_s
        self._thread = threading.Thread(target=self._send, name="registrations", daemon=True)

    def __enter__(self) -> Registrations:
        self._client.__enter__()
        self._thread.start()
        return self

    def _send(self) -> None:
        n = 0
        while not self._stop.is_set():
            n += 1
            response = self._client.post("/complaints", json=complaint_payload(n), headers=auth(self._token))
            if response.status_code == 201:
                self.accepted.append(response.json()["id"])
            else:
                self.refused.append(response.text)
            self._stop.wait(self._interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def __exit__(self, *exc) -> None:
        self.stop()
        self._client.__exit__(*exc)

"""Fixtures. Integration and e2e tests talk to the real local PostgreSQL and Kafka
that `make test` starts (ops/); each test gets its own schemas and topics."""

from __future__ import annotations

import uuid

import pytest
from kafka import KafkaAdminClient

from sotflow.settings import Settings
from tests.support import wait_for

TEST_DBNAME = "sotflow_test"


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    # Every event the suite publishes is checked against its JSON Schema by the relay.
    # No metrics ports unless a test asks for one (free_port()): the processes tests start must
    # not take the default ports from a `make run` on the same machine, nor from each other.
    no_metrics = {
        f"{process}_metrics_port": 0
        for process in ("relay", "consumer", "distributor", "deadline_starter", "deadline_watcher", "audit_ledger")
    }
    settings = Settings(pg_dbname=TEST_DBNAME, log_format="json", relay_validate_events=True, **no_metrics)
    from sotflow.readiness import kafka_ready, postgres_ready

    if not postgres_ready(settings):
        pytest.fail(
            f"PostgreSQL is not reachable at {settings.pg_host}:{settings.pg_port}; run `make up` (or `make test`)"
        )
    if not kafka_ready(settings):
        pytest.fail(f"Kafka is not reachable at {settings.kafka_bootstrap}; run `make up` (or `make test`)")
    return settings


@pytest.fixture
def settings(base_settings: Settings) -> Settings:
    """A private deployment: its own schemas, topics, groups and transactional ids."""
    from sotflow.db import drop_schemas, migrate
    from sotflow.topics import ensure_topics

    tag = uuid.uuid4().hex[:10]
    settings = base_settings.model_copy(
        update={"db_schema": f"t_{tag}", "projection_schema": f"t_{tag}_read", "topic_prefix": f"t{tag}."}
    )
    migrate(settings)
    topics = ensure_topics(settings)
    yield settings
    drop_schemas(settings)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        admin.delete_topics(topics, timeout_ms=30_000)
    except Exception:  # noqa: BLE001 - leftover test topics are harmless
        pass
    finally:
        admin.close()


@pytest.fixture
def system(settings: Settings):
    from sotflow.bootstrap import bootstrap

    system = bootstrap(settings)
    yield system
    system.close()


@pytest.fixture
def processes(settings: Settings, tmp_path):
    """Start sotflow CLI commands as real processes; all are stopped at the end."""
    from tests.support import Process

    started: list[Process] = []

    def start(*args: str, settings_override: Settings | None = None) -> Process:
        proc = Process(settings_override or settings, *args, log_dir=tmp_path)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.stop()


__all__ = ["wait_for"]

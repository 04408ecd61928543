"""`sotflow topics ensure` against the real broker: it creates what is missing and
refuses, naming each difference, a topic that would lose events or their order."""

import subprocess
import sys
import uuid

import pytest
from kafka import KafkaAdminClient
from kafka.admin import NewTopic

from audit.topics import audit_topic_specs
from sotflow.topics import KEEP_FOREVER, TopicMismatch, ensure_topics, event_topic, event_topic_specs
from tests.support import REPO_ROOT, settings_env


def sotflow(settings, *args):
    return subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", *args],
        env=settings_env(settings),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def fresh(base_settings):
    """A deployment whose topics do not exist yet; every topic it leaves is deleted."""
    settings = base_settings.model_copy(update={"topic_prefix": f"t{uuid.uuid4().hex[:10]}."})
    yield settings
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        mine = [t for t in admin.list_topics() if t.startswith(settings.topic_prefix)]
        if mine:
            admin.delete_topics(mine, timeout_ms=30_000)
    finally:
        admin.close()


def create(settings, *topics: NewTopic) -> None:
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        admin.create_topics(list(topics), timeout_ms=30_000)
    finally:
        admin.close()


def test_ensure_creates_every_topic_then_finds_them_as_configured(fresh):
    every = {s.name for s in event_topic_specs(fresh) + audit_topic_specs(fresh)}

    first = sotflow(fresh, "topics", "ensure")
    assert first.returncode == 0, first.stderr
    assert set(first.stdout.removeprefix("created: ").strip().split(", ")) == every

    again = sotflow(fresh, "topics", "ensure")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "all topics exist as configured"


def test_a_compacted_a_time_limited_and_a_narrower_event_topic_are_reported_and_left_alone(fresh):
    registry, proceedings, assignment = (event_topic(fresh, c) for c in ("registry", "proceedings", "assignment"))
    partitions = fresh.event_topic_partitions
    create(
        fresh,
        NewTopic(registry, partitions, 1, topic_configs=KEEP_FOREVER | {"cleanup.policy": "compact"}),
        NewTopic(proceedings, partitions, 1, topic_configs=KEEP_FOREVER | {"retention.ms": "604800000"}),
        NewTopic(assignment, 1, 1, topic_configs=KEEP_FOREVER),
    )

    result = sotflow(fresh, "topics", "ensure")

    assert result.returncode == 1, result.stdout + result.stderr
    mismatches = sorted(line for line in result.stderr.splitlines() if line.startswith("MISMATCH"))
    assert mismatches == sorted(
        [
            f"MISMATCH {registry}: cleanup.policy is compact, configured delete",
            f"MISMATCH {proceedings}: retention.ms is 604800000, configured -1",
            f"MISMATCH {assignment}: partitions is 1, configured {fresh.event_topic_partitions}",
        ]
    )
    # The rest was created all the same, and the wrong topics were not "repaired".
    assert "created: " in result.stdout
    with pytest.raises(TopicMismatch) as again:
        ensure_topics(fresh)
    assert {d.topic for d in again.value.differences} == {registry, proceedings, assignment}
    assert again.value.created == []


def test_topics_with_fewer_copies_or_a_lower_write_quorum_than_configured_are_reported(fresh):
    ensure_topics(fresh, ("registry",))
    production = fresh.model_copy(update={"topic_replication_factor": 3, "topic_min_insync_replicas": 2})

    with pytest.raises(TopicMismatch) as mismatch:
        ensure_topics(production, ("registry",))

    found = {(d.topic, d.what, d.configured, d.actual) for d in mismatch.value.differences}
    topic = event_topic(fresh, "registry")
    assert (topic, "replication factor", "3", "1") in found
    assert (topic, "min.insync.replicas", "2", "1") in found
    # Every one of the context's three topics, on both counts.
    assert len(found) == 6

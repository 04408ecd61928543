"""The topics' replication settings, and the specs `sotflow topics ensure` creates from them."""

import pytest
from pydantic import ValidationError

from audit.topics import audit_topic_specs
from sotflow.settings import Settings
from sotflow.topics import event_topic_specs


def test_a_write_quorum_larger_than_the_copies_is_refused():
    with pytest.raises(ValidationError, match="MIN_INSYNC_REPLICAS exceeds"):
        Settings(topic_replication_factor=1, topic_min_insync_replicas=2)


def test_every_topic_keeps_its_events_forever_with_the_configured_copies():
    settings = Settings(
        topic_prefix="sotflow.", topic_replication_factor=3, topic_min_insync_replicas=2, event_topic_partitions=6
    )
    specs = event_topic_specs(settings, ("registry",)) + audit_topic_specs(settings)
    assert {s.name: s.partitions for s in specs} == {
        "sotflow.registry.events": 6,
        "sotflow.registry.relay-position": 1,
        "sotflow.registry.events.dead-letter": 1,
        "sotflow.audit.checkpoints": 1,
        "sotflow.audit.leaves": 1,
    }
    for spec in specs:
        assert spec.replication_factor == 3
        assert spec.configs == {
            "retention.ms": "-1",
            "retention.bytes": "-1",
            "cleanup.policy": "delete",
            "min.insync.replicas": "2",
        }

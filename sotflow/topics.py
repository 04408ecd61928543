"""Kafka topics of a deployment, and their creation.

Event topics keep every event forever (``retention.ms=-1``, ``cleanup.policy=delete``,
never compaction): auditors and new consumers replay them from offset 0.
"""

from __future__ import annotations

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from contract.catalogue import contexts
from sotflow.settings import Settings

CONTEXTS = tuple(contexts())

KEEP_FOREVER = {"retention.ms": "-1", "retention.bytes": "-1", "cleanup.policy": "delete"}


def event_topic(settings: Settings, context: str) -> str:
    return settings.topic(f"{context}.events")


def dead_letter_topic(settings: Settings, context: str) -> str:
    """Messages of the context's event topic that a consumer could not decode."""
    return settings.topic(f"{context}.events.dead-letter")


def relay_position_topic(settings: Settings, context: str) -> str:
    """One-partition topic where the relay commits, in the same Kafka transaction as
    the events it publishes, how far into the context's log it has got."""
    return settings.topic(f"{context}.relay-position")


def ensure_topics(settings: Settings, contexts: tuple[str, ...] = CONTEXTS) -> list[str]:
    wanted: list[NewTopic] = []
    for context in contexts:
        wanted.append(
            NewTopic(event_topic(settings, context), settings.event_topic_partitions, 1, topic_configs=KEEP_FOREVER)
        )
        wanted.append(NewTopic(relay_position_topic(settings, context), 1, 1, topic_configs=KEEP_FOREVER))
        wanted.append(NewTopic(dead_letter_topic(settings, context), 1, 1, topic_configs=KEEP_FOREVER))
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="sotflow-topics")
    try:
        existing = set(admin.list_topics())
        missing = [t for t in wanted if t.name not in existing]
        if missing:
            try:
                admin.create_topics(missing, timeout_ms=30_000)
            except TopicAlreadyExistsError:
                pass  # created concurrently by another process
        return [t.name for t in missing]
    finally:
        admin.close()

"""The ledger's own topics: signed checkpoints and the leaf hashes they cover.

One partition each, so a reader sees them in the order the ledger wrote them; kept
forever like the event topics.
"""

from __future__ import annotations

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from sotflow.settings import Settings
from sotflow.topics import KEEP_FOREVER


def checkpoints_topic(settings: Settings) -> str:
    return settings.topic("audit.checkpoints")


def leaves_topic(settings: Settings) -> str:
    return settings.topic("audit.leaves")


def ensure_audit_topics(settings: Settings) -> list[str]:
    wanted = [
        NewTopic(t, 1, 1, topic_configs=KEEP_FOREVER) for t in (checkpoints_topic(settings), leaves_topic(settings))
    ]
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="sotflow-audit-topics")
    try:
        missing = [t for t in wanted if t.name not in set(admin.list_topics())]
        if missing:
            try:
                admin.create_topics(missing, timeout_ms=30_000)
            except TopicAlreadyExistsError:
                pass
        return [t.name for t in missing]
    finally:
        admin.close()

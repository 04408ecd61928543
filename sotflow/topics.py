"""Kafka topics of a deployment: their creation, and a check of those that exist.

Event topics keep every event forever (``retention.ms=-1``, ``cleanup.policy=delete``,
never compaction): auditors and new consumers replay them from offset 0. A topic made
by hand, or by an older release, with another partition count, fewer copies, a
retention limit or compaction would lose events or per-case order without a sound, so
`ensure_topics` reports it (``TopicMismatch``) and leaves it to an operator: changing it
is a migration (docs/operations.md), never something to do quietly at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
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


@dataclass(frozen=True)
class TopicSpec:
    """A topic as the deployment's settings want it."""

    name: str
    partitions: int
    replication_factor: int
    configs: dict[str, str] = field(default_factory=dict)

    def new_topic(self) -> NewTopic:
        return NewTopic(self.name, self.partitions, self.replication_factor, topic_configs=dict(self.configs))


@dataclass(frozen=True)
class Difference:
    topic: str
    what: str  # "partitions", "replication factor" or a topic config's name
    configured: str
    actual: str

    def __str__(self) -> str:
        return f"{self.topic}: {self.what} is {self.actual}, configured {self.configured}"


class TopicMismatch(RuntimeError):
    """Existing topics that differ from the configuration; nothing about them was changed."""

    def __init__(self, differences: list[Difference], created: list[str]) -> None:
        self.differences = differences
        self.created = created
        super().__init__("; ".join(str(d) for d in differences))


def kept_forever(settings: Settings, name: str, partitions: int = 1) -> TopicSpec:
    """A topic that keeps every record, with the deployment's copies and write quorum."""
    configs = KEEP_FOREVER | {"min.insync.replicas": str(settings.topic_min_insync_replicas)}
    return TopicSpec(name, partitions, settings.topic_replication_factor, configs)


def event_topic_specs(settings: Settings, contexts: Iterable[str] = CONTEXTS) -> list[TopicSpec]:
    specs: list[TopicSpec] = []
    for context in contexts:
        specs.append(kept_forever(settings, event_topic(settings, context), settings.event_topic_partitions))
        specs.append(kept_forever(settings, relay_position_topic(settings, context)))
        specs.append(kept_forever(settings, dead_letter_topic(settings, context)))
    return specs


def ensure_topics(settings: Settings, contexts: tuple[str, ...] = CONTEXTS) -> list[str]:
    """Create the contexts' missing topics; return their names. Raises TopicMismatch
    when an existing one differs from the configuration."""
    return ensure(settings, event_topic_specs(settings, contexts))


def ensure(settings: Settings, specs: list[TopicSpec]) -> list[str]:
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="sotflow-topics")
    try:
        existing = set(admin.list_topics())
        missing = [s for s in specs if s.name not in existing]
        created = [s.name for s in missing]
        if missing:
            try:
                admin.create_topics([s.new_topic() for s in missing], timeout_ms=30_000, wait_for_metadata=True)
            except TopicAlreadyExistsError:
                # Created by another process, or just now and not yet in this client's list
                # (seen under load): all of them are checked below like any other.
                existing |= set(created)
                created = []
        present = [s for s in specs if s.name in existing]
        differences = differences_of(admin, present) if present else []
        if differences:
            raise TopicMismatch(differences, created)
        return created
    finally:
        admin.close()


def differences_of(admin: KafkaAdminClient, specs: list[TopicSpec]) -> list[Difference]:
    """How each existing topic differs from its spec: partition count, copies of each
    partition, and every config the spec sets (the topic's effective value, so a broker
    default that differs counts too)."""
    described = {t["name"]: t for t in admin.describe_topics([s.name for s in specs])}
    configs = admin.describe_configs(
        [ConfigResource(ConfigResourceType.TOPIC, s.name, {k: None for k in s.configs}) for s in specs],
        config_filter="all",
    )["topic"]
    differences: list[Difference] = []
    for spec in specs:
        partitions = described[spec.name]["partitions"]
        if len(partitions) != spec.partitions:
            differences.append(Difference(spec.name, "partitions", str(spec.partitions), str(len(partitions))))
        copies = sorted({len(p["replica_nodes"]) for p in partitions})
        if copies != [spec.replication_factor]:
            actual = ",".join(map(str, copies))
            differences.append(Difference(spec.name, "replication factor", str(spec.replication_factor), actual))
        for key, wanted in spec.configs.items():
            actual = configs.get(spec.name, {}).get(key, {}).get("value")
            if actual != wanted:
                differences.append(Difference(spec.name, key, wanted, str(actual)))
    return differences

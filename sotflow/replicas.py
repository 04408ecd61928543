"""Why a replicated cluster refuses writes: partitions with fewer in-sync replicas than
their topic's min.insync.replicas. An acks=all producer (the relay) gets
NotEnoughReplicas from such a partition's leader and retries until it gives up; this
says so in plain words for the log, instead of leaving an operator a timeout."""

from __future__ import annotations

from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
from kafka.errors import KafkaError

from sotflow.settings import Settings

# The transaction coordinator's log: a relay's transactions cannot begin or end without it.
TRANSACTION_STATE_TOPIC = "__transaction_state"


def short_of_replicas(settings: Settings, topics: list[str], timeout_s: float = 5.0) -> list[dict]:
    """Each partition of the topics whose ISR is below its topic's min.insync.replicas;
    empty when every partition has enough, or when the cluster does not answer."""
    try:
        admin = KafkaAdminClient(
            bootstrap_servers=settings.kafka_bootstrap,
            request_timeout_ms=int(timeout_s * 1000),
            bootstrap_timeout_ms=int(timeout_s * 1000),
            client_id="sotflow-replicas",
        )
    except (KafkaError, OSError, ValueError):
        return []
    try:
        described = admin.describe_topics(topics)
        configs = admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, t, {"min.insync.replicas": None}) for t in topics],
            config_filter="all",
        )["topic"]
    except (KafkaError, OSError, KeyError):
        return []
    finally:
        admin.close()
    short = []
    for topic in described:
        minimum = int(configs.get(topic["name"], {}).get("min.insync.replicas", {}).get("value") or 1)
        for partition in topic["partitions"]:
            if len(partition["isr_nodes"]) < minimum:
                short.append(
                    {
                        "topic": topic["name"],
                        "partition": partition["partition_index"],
                        "in_sync": sorted(partition["isr_nodes"]),
                        "min_insync_replicas": minimum,
                    }
                )
    return sorted(short, key=lambda p: (p["topic"], p["partition"]))

"""A private deployment for one benchmark run: its own schemas and topics, quiet logs."""

from __future__ import annotations

import os
import uuid

from sotflow.db import migrate
from sotflow.settings import Settings
from sotflow.topics import ensure_topics


def scratch_settings(**overrides) -> tuple[str, Settings]:
    """A new tag and settings for it, with schemas and topics created (drop them after)."""
    tag = uuid.uuid4().hex[:8]
    settings = Settings(
        db_schema=f"bench_{tag}",
        projection_schema=f"bench_{tag}_read",
        topic_prefix=f"bench{tag}.",
        log_level="WARNING",
        log_format="json",
        **overrides,
    )
    migrate(settings)
    ensure_topics(settings)
    return tag, settings


def kept_settings(tag: str) -> Settings:
    """The settings of a deployment a benchmark kept (`--keep`) under this tag."""
    return Settings(
        db_schema=f"bench_{tag}", projection_schema=f"bench_{tag}_read", topic_prefix=f"bench{tag}.",
        log_level="WARNING", log_format="json",
    )  # fmt: skip


def sotflow_env(settings: Settings) -> dict[str, str]:
    """The environment for a sotflow process of this deployment (and nothing else of SOTFLOW_*)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOTFLOW_")}
    return env | {f"SOTFLOW_{k.upper()}": str(v) for k, v in settings.model_dump().items()}


def drop_scratch(settings: Settings) -> None:
    """Remove a benchmark's schemas and topics."""
    from kafka.admin import KafkaAdminClient

    from sotflow.db import drop_schemas

    drop_schemas(settings)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        admin.delete_topics([t for t in admin.list_topics() if t.startswith(settings.topic_prefix)])
    finally:
        admin.close()

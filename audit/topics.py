"""The ledger's own topics: signed checkpoints and the leaf hashes they cover.

One partition each, so a reader sees them in the order the ledger wrote them; kept
forever like the event topics, with the deployment's copies and write quorum.
"""

from __future__ import annotations

from sotflow.settings import Settings
from sotflow.topics import TopicSpec, ensure, kept_forever


def checkpoints_topic(settings: Settings) -> str:
    return settings.topic("audit.checkpoints")


def leaves_topic(settings: Settings) -> str:
    return settings.topic("audit.leaves")


def audit_topic_specs(settings: Settings) -> list[TopicSpec]:
    return [kept_forever(settings, checkpoints_topic(settings)), kept_forever(settings, leaves_topic(settings))]


def ensure_audit_topics(settings: Settings) -> list[str]:
    """Create the ledger's missing topics; raises TopicMismatch like `ensure_topics`."""
    return ensure(settings, audit_topic_specs(settings))

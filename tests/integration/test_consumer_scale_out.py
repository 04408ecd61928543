"""Two `sotflow consume` processes for the same projections share the partitions (one
consumer group per projection) and make exactly the rows one process would, including
when one of them is SIGKILLed and the other takes over its partitions."""

from __future__ import annotations

import json

from sotflow.topics import event_topic
from tests.support import register_complaints, register_rows, relay_all, wait_for


def register_matches_a_rebuild(settings) -> bool:
    """The incoming register equals one rebuilt from offset 0 (in a scratch schema)."""
    from audit.replay import parse_as_of, replay

    return replay(settings, parse_as_of("head"))["projections"]["incoming_register"]["matches_live"]


def assignments(process, projection: str) -> list[str] | None:
    """The partitions the process was last given for the projection (None: not yet)."""
    last = None
    for line in process.output().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("event") == "consumer.assigned" and entry.get("projection") == projection:
            last = entry["partitions"]
    return last


def test_two_consumers_share_partitions_and_survive_a_kill(settings, system, processes):
    assert settings.event_topic_partitions > 1, "one partition cannot be shared"
    shared = settings.model_copy(update={"consumer_share_partitions": True})
    every = {f"{event_topic(settings, 'registry')}:{p}" for p in range(settings.event_topic_partitions)}
    register_complaints(system.registry, 30)
    relay_all(system, settings)

    # One projection each, so that the group's rebalance is not queued behind a dozen others'
    # on a loaded machine; the sharing is the same for every projection.
    first = processes("consume", "--projection", "incoming_register", settings_override=shared)
    second = processes("consume", "--projection", "incoming_register", settings_override=shared)

    def shared_out():
        mine, theirs = assignments(first, "incoming_register"), assignments(second, "incoming_register")
        return mine and theirs and not set(mine) & set(theirs) and set(mine) | set(theirs) == every

    wait_for(shared_out, timeout=120, what="the two processes to split the registry's partitions")
    wait_for(lambda: len(register_rows(settings)) == 30, timeout=90, what="the first 30 in the register")

    register_complaints(system.registry, 30)
    relay_all(system, settings)
    first.kill()  # mid-stream: it may be inside a batch's transaction
    wait_for(
        lambda: set(assignments(second, "incoming_register") or ()) == every,
        timeout=90,
        what="the survivor to take every partition",
    )
    wait_for(lambda: len(register_rows(settings)) >= 60, timeout=120, what="the second 30 in the register")
    wait_for(lambda: register_matches_a_rebuild(settings), timeout=120, interval=2, what="the register = a rebuild")

    rows = register_rows(settings)
    assert len(rows) == 60 and len({r[0] for r in rows}) == 60
    assert second.alive()

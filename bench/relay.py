"""bench/relay: events relayed per second from a backlog of stored events.

Stores a backlog (100,000 registrations by default) in a scratch schema, runs the
relay over it to the end, then produces the very same messages (same keys, values
and headers, to a fresh topic with the same partitions) with a plain kafka-python
producer: the raw produce rate, the baseline. Alternates the two `--repeat` times
(the machines are shared and noisy) and prints every run, the medians and their
ratio (target: the relay reaches at least half of the raw rate).

    python -m bench.relay --events 100000 --repeat 3

`--cluster`: both on the three-broker cluster of ops/kafka-cluster.sh (start it first),
with the production profile (three copies, min.insync.replicas 2, acks=all).

    bash ops/kafka-cluster.sh start && python -m bench.relay --cluster; bash ops/kafka-cluster.sh stop
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition

from bench.scratch import scratch_settings
from contract.envelope import CONTENT_TYPE, encode, to_cloudevents
from domain.actor import Actor, Role
from domain.registry.admissibility import AdmissibilityDecision
from domain.registry.filing import (
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    ItemParticulars,
    JudicialActKind,
    ProceduralRole,
)
from domain.registry.incoming_item import IncomingItem
from relay.relay import Relay
from sotflow.bootstrap import bootstrap
from sotflow.db import drop_schemas
from sotflow.logging import configure_logging
from sotflow.relay_position import last_committed_position
from sotflow.settings import Settings
from sotflow.topics import ensure_topics, kept_forever, relay_position_topic

REPO_ROOT = Path(__file__).resolve().parent.parent


def store_backlog(registry, events: int) -> None:
    actor = Actor("u-bench", Role.REGISTRAR)
    now = datetime.now(UTC)
    batch = []
    for n in range(events):
        filing = ItemParticulars(
            kind=ItemKind.CASSATION_COMPLAINT,
            court="cassation-criminal",
            specialisation="criminal",
            received_at=now,
            channel=FilingChannel.PAPER,
            filer=Filer(name=f"Bench filer {n}", procedural_role=ProceduralRole.CONVICT),
            lower_court_case_ref=f"1-{n}/2025",
            contested_act=ContestedAct(
                court="Almaty City Court", kind=JudicialActKind.VERDICT, act_date=date(2025, 1, 2)
            ),
        )
        batch.append(IncomingItem.register(filing, admissibility=AdmissibilityDecision(()), actor=actor, now=now))
        if len(batch) == 1000:
            registry.save(*batch)
            batch = []
    if batch:
        registry.save(*batch)


def same_messages(registry, events: int) -> list[tuple[bytes, bytes, list]]:
    messages = []
    position = 0
    while position < events:
        for notification in registry.recorder.select_notifications(start=position + 1, limit=1000):
            for envelope in to_cloudevents(registry.mapper.to_domain_event(notification), position=notification.id):
                headers = [
                    ("content-type", CONTENT_TYPE.encode()),
                    ("ce_type", envelope["type"].encode()),
                    ("ce_id", envelope["id"].encode()),
                ]
                messages.append((envelope["subject"].encode(), encode(envelope), headers))
            position = notification.id
    return messages


def raw_produce_rate(settings: Settings, messages) -> float:
    topic = settings.topic("raw-baseline")
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    admin.create_topics([kept_forever(settings, topic, settings.event_topic_partitions).new_topic()])
    admin.close()
    producer = KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap, acks="all", enable_idempotence=True, linger_ms=5
    )
    producer.partitions_for(topic)  # metadata fetched outside the timed part, as the relay's is
    started = time.perf_counter()
    for key, value, headers in messages:
        producer.send(topic, key=key, value=value, headers=headers)
    producer.flush()
    elapsed = time.perf_counter() - started
    producer.close()
    # A producer on an overloaded machine can expire records after its delivery timeout and
    # still return from flush(): a baseline that lost messages would look faster than it is.
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False)
    delivered = sum(
        consumer.end_offsets([TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]).values()
    )
    consumer.close()
    if delivered != len(messages):
        raise RuntimeError(f"the baseline delivered {delivered} of {len(messages)} messages: the machine is too loaded")
    return len(messages) / elapsed


def cluster_profile() -> dict[str, str]:
    """The settings `ops/kafka-cluster.sh env` prints (bootstrap list, 3/2), by field name."""
    printed = subprocess.run(
        ["bash", str(REPO_ROOT / "ops" / "kafka-cluster.sh"), "env"], capture_output=True, text=True, check=True
    ).stdout
    pairs = (line.removeprefix("export ").split("=", 1) for line in printed.splitlines())
    return {name.removeprefix("SOTFLOW_").lower(): value for name, value in pairs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=None, help="relay batch size (default: the setting's)")
    parser.add_argument("--profile", action="store_true", help="print the relay's cProfile top functions")
    parser.add_argument("--repeat", type=int, default=3, help="relay and raw runs, alternating")
    parser.add_argument("--cluster", action="store_true", help="on ops/kafka-cluster.sh's three brokers (3/2)")
    args = parser.parse_args()

    overrides = ({"relay_batch_size": args.batch} if args.batch else {}) | (cluster_profile() if args.cluster else {})
    tag, settings = scratch_settings(**overrides)
    configure_logging(settings)
    system = bootstrap(settings)
    runs = []
    try:
        t0 = time.perf_counter()
        store_backlog(system.registry, args.events)
        print(f"stored {args.events} events in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        messages = same_messages(system.registry, args.events)
        for run in range(args.repeat):
            # Each run relays the same backlog into its own topics.
            run_settings = settings.model_copy(update={"topic_prefix": f"bench{tag}r{run}."})
            ensure_topics(run_settings)
            relay = Relay(system.registry, "registry", run_settings)
            profiler = cProfile.Profile() if args.profile else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            relay.run(threading.Event(), exit_when_idle=True)
            relay_elapsed = time.perf_counter() - started
            if profiler:
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
            position_topic = relay_position_topic(run_settings, "registry")
            assert last_committed_position(settings.kafka_bootstrap, position_topic, "registry") == args.events
            assert relay.published == args.events
            # The ratio compares messages with messages: a stored event can have more than one
            # public version (a cassation complaint's registration is published twice), and the
            # baseline sends every one of them.
            relay_rate = len(messages) / relay_elapsed
            raw_rate = raw_produce_rate(run_settings, messages)
            runs.append(
                {
                    "relay_events_per_s": round(relay.published / relay_elapsed, 1),
                    "relay_messages_per_s": round(relay_rate, 1),
                    "raw_produce_per_s": round(raw_rate, 1),
                    "ratio": round(relay_rate / raw_rate, 3),
                }
            )
            print(json.dumps(runs[-1]), file=sys.stderr)
    finally:
        system.close()
        drop_schemas(settings)

    relay_median = statistics.median(r["relay_messages_per_s"] for r in runs)
    raw_median = statistics.median(r["raw_produce_per_s"] for r in runs)
    result = {
        "events": args.events,
        "messages": len(messages),
        "kafka": settings.kafka_bootstrap,
        "replication_factor": settings.topic_replication_factor,
        "min_insync_replicas": settings.topic_min_insync_replicas,
        "relay_batch_size": settings.relay_batch_size,
        "runs": runs,
        "relay_events_per_s_median": statistics.median(r["relay_events_per_s"] for r in runs),
        "relay_messages_per_s_median": relay_median,
        "baseline_raw_produce_per_s_median": raw_median,
        "ratio_of_medians": round(relay_median / raw_median, 3),
        "target_ratio": 0.5,
    }
    out = REPO_ROOT / "bench" / "results" / f"relay-{tag}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Readiness probes for the local services, used by ops/ scripts, /ready and tests."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta

import psycopg
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.errors import KafkaError
from psycopg import sql

from sotflow.settings import Settings, get_settings


def kafka_ready(settings: Settings, timeout_s: float = 3.0) -> bool:
    """True when the broker answers a metadata (describe cluster) request."""
    try:
        admin = KafkaAdminClient(
            bootstrap_servers=settings.kafka_bootstrap,
            request_timeout_ms=int(timeout_s * 1000),
            bootstrap_timeout_ms=int(timeout_s * 1000),
            client_id="sotflow-readiness",
        )
    except (KafkaError, OSError, ValueError):
        return False
    try:
        return bool(admin.describe_cluster().get("brokers"))
    except (KafkaError, OSError):
        return False
    finally:
        admin.close()


def postgres_ready(settings: Settings, timeout_s: float = 3.0) -> bool:
    try:
        with psycopg.connect(settings.pg_conninfo, connect_timeout=max(1, int(timeout_s))) as conn:
            return conn.execute("select 1").fetchone() == (1,)
    except psycopg.Error:
        return False


# A projection counts as stalled when it has had messages to apply for this long and has
# applied none of them (its worker stopped, or keeps failing).
STALLED_AFTER = timedelta(seconds=60)


def parked_counts(conn: psycopg.Connection, schema: str) -> dict[str, int]:
    from projections import parked_records

    return parked_records.counts(conn, schema)


def projection_lag(conn: psycopg.Connection, settings: Settings, timeout_s: float = 2.0) -> dict[str, dict]:
    """For each consumer with stored offsets: about how many messages of its topics it has
    still to read (`behind`), and whether it has stalled (behind, and no offset moved for
    STALLED_AFTER). A transaction's commit marker takes an offset of its own, so one
    message per partition past a consumer's offset is not counted. Empty if Kafka does not
    answer within the timeout."""
    rows = conn.execute(
        # Idle by the database's own clock, the one that wrote `updated_at`.
        sql.SQL("select projection, topic, partition, next_offset, now() - updated_at > %s as idle from {}").format(
            sql.Identifier(settings.projection_schema, "projection_offsets")
        ),
        (STALLED_AFTER,),
    ).fetchall()
    if not rows:
        return {}
    try:
        consumer = KafkaConsumer(
            bootstrap_servers=settings.kafka_bootstrap,
            client_id="sotflow-readiness-lag",
            request_timeout_ms=int(timeout_s * 1000) + 1000,
            api_version_auto_timeout_ms=int(timeout_s * 1000),
        )
    except (KafkaError, OSError, ValueError):
        return {}
    try:
        ends = consumer.end_offsets(list({TopicPartition(r["topic"], r["partition"]) for r in rows}))
    except (KafkaError, OSError):
        return {}
    finally:
        consumer.close()
    lag: dict[str, dict] = {}
    for row in rows:
        behind = max(0, ends.get(TopicPartition(row["topic"], row["partition"]), 0) - row["next_offset"] - 1)
        entry = lag.setdefault(row["projection"], {"behind": 0, "stalled": False})
        entry["behind"] += behind
        entry["stalled"] |= behind > 0 and row["idle"]
    return lag


class PartitionLag:
    """Per partition, how many messages each projection has still to apply (as `projection_lag`
    counts them: a transaction's commit marker is not a message). Holds one Kafka client
    across calls, made again after a failure; the metrics read it at each scrape."""

    def __init__(self, settings: Settings, topics_of: dict[str, list[str]]) -> None:
        self.settings = settings
        self.topics_of = topics_of
        self.consumer: KafkaConsumer | None = None

    def read(self, conn: psycopg.Connection) -> list[tuple[str, str, int, int]]:
        """(projection, topic, partition, messages behind) for every partition of the projections' topics."""
        rows = conn.execute(
            sql.SQL("select projection, topic, partition, next_offset from {} where projection = any(%s)").format(
                sql.Identifier(self.settings.projection_schema, "projection_offsets")
            ),
            (list(self.topics_of),),
        ).fetchall()
        stored = {(r["projection"], r["topic"], r["partition"]): r["next_offset"] for r in rows}
        if self.consumer is None:
            self.consumer = KafkaConsumer(
                bootstrap_servers=self.settings.kafka_bootstrap,
                client_id="sotflow-metrics-lag",
                request_timeout_ms=5000,
            )
        try:
            partitions = {
                topic: sorted(self.consumer.partitions_for_topic(topic) or ())
                for topics in self.topics_of.values()
                for topic in topics
            }
            ends = self.consumer.end_offsets([TopicPartition(t, p) for t, ps in partitions.items() for p in ps])
        except Exception:
            self.close()
            raise
        lag = []
        for projection, topics in sorted(self.topics_of.items()):
            for topic in topics:
                for partition in partitions[topic]:
                    end = ends.get(TopicPartition(topic, partition), 0)
                    next_offset = stored.get((projection, topic, partition), 0)
                    lag.append((projection, topic, partition, max(0, end - next_offset - 1)))
        return lag

    def close(self) -> None:
        if self.consumer is not None:
            self.consumer.close()
            self.consumer = None


def wait_until(probe, timeout_s: float, interval_s: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while True:
        if probe():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Wait until a local service is ready.")
    parser.add_argument("service", choices=["kafka", "postgres"])
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    settings = get_settings()
    probe = {"kafka": lambda: kafka_ready(settings), "postgres": lambda: postgres_ready(settings)}[args.service]
    if wait_until(probe, args.timeout):
        return 0
    print(f"{args.service} not ready after {args.timeout:.0f}s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

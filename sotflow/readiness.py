"""Readiness probes for the local services, used by ops/ scripts, /ready and tests."""

from __future__ import annotations

import argparse
import sys
import time

import psycopg
from kafka import KafkaAdminClient
from kafka.errors import KafkaError

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

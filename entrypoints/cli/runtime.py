"""What every command of the CLI does first: settings with logging set up, and a stop
flag that SIGINT and SIGTERM raise."""

from __future__ import annotations

import signal
import threading

from sotflow.logging import configure_logging
from sotflow.settings import Settings, get_settings


def configured() -> Settings:
    settings = get_settings()
    configure_logging(settings)
    return settings


def stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def serve_consumer_metrics(process: str, settings: Settings, pool, projections, port: int) -> None:
    """The process's metrics on its port, with each of its projections' lag per partition and
    its apply rate (sotflow/metrics.py)."""
    from sotflow import metrics
    from sotflow.readiness import PartitionLag
    from sotflow.topics import event_topic

    lag = PartitionLag(settings, {p.NAME: [event_topic(settings, c) for c in p.CONTEXTS] for p in projections})

    def read() -> dict:
        with pool.connection() as conn:
            rows = lag.read(conn)
        return {metrics.CONSUMER_LAG: [((name, topic, str(part)), behind) for name, topic, part, behind in rows]}

    metrics.serve_process_metrics(
        process, settings.metrics_host, port, [metrics.ScrapedGauges(metrics.CONSUMER_FAMILIES, read)]
    )

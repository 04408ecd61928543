"""Every Prometheus metric sotflow exposes, in one place (docs/operations.md, "Metrics").

Two kinds:
- counted as things happen (requests, events published or applied, the deadline watcher's
  looks): the process that does the thing updates them;
- read when Prometheus scrapes (lags, waiting cases, the ledger's unsigned tail): a
  collector asks PostgreSQL or Kafka then, so a stuck process still shows a growing figure.

The API serves them on `GET /metrics`; with `sotflow serve --workers N` its processes write
theirs to files in a directory (prometheus-client's multiprocess mode), read together there.
Every other long-running process serves its own on a port of its own (`*_metrics_port`).
No label carries case data: routes are labelled by template, never by the path requested.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import structlog
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = structlog.get_logger("metrics")

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

# -- the API ---------------------------------------------------------------
HTTP_REQUESTS = Counter(
    "sotflow_http_requests_total",
    "HTTP requests answered, by route template and status.",
    ["method", "route", "status"],
)
HTTP_DURATION = Histogram(
    "sotflow_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template and status.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
UNMATCHED_ROUTE = "unmatched"

# -- the relay ---------------------------------------------------------------
RELAY_PUBLISHED = Counter("sotflow_relay_events_published_total", "Events the relay published.", ["context"])
RELAY_BLOCKED = Gauge(
    "sotflow_relay_blocked",
    "1 while the relay cannot publish a context's events, labelled with why (not_enough_replicas, "
    "broker_unavailable, database_unavailable, other); 0 once it publishes again.",
    ["context", "reason"],
    multiprocess_mode="max",
)
RELAY_TRANSACTION = Histogram(
    "sotflow_relay_transaction_seconds",
    "Time from a batch's Kafka transaction begun to its commit acknowledged (the relay's own part of "
    "an event's way to the consumers, beside the wait for a commit's notification).",
    ["context"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
RELAY_BLOCKED_REASONS = ("not_enough_replicas", "broker_unavailable", "database_unavailable", "other")

# -- the projection workers ------------------------------------------------
PROJECTION_APPLIED = Counter(
    "sotflow_projection_events_applied_total", "Events a projection's worker applied (its rate: the apply rate).",
    ["projection"],
)  # fmt: skip

# -- the deadline watcher --------------------------------------------------
DEADLINE_WATCHER_LAST_RUN = Gauge(
    "sotflow_deadline_watcher_last_run_timestamp_seconds",
    "When the deadline watcher last looked at the register through to the end (Unix time).",
    multiprocess_mode="max",
)
DEADLINE_WATCHER_EVENTS = Counter(
    "sotflow_deadline_watcher_events_total",
    "Events the deadline watcher recorded, by kind (recomputed, approaching, missed).",
    ["kind"],
)


def route_template(scope: dict) -> str:
    """The route's template (`/cases/{case_id}`), never the path asked for: a path holds case
    ids, and every distinct label value is a series of its own."""
    route = scope.get("route")
    return getattr(route, "path_format", None) or getattr(route, "path", None) or UNMATCHED_ROUTE


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    HTTP_REQUESTS.labels(method, route, str(status)).inc()
    HTTP_DURATION.labels(method, route, str(status)).observe(seconds)


def relay_blocked(context: str, reason: str | None) -> None:
    """The relay's state for one context: blocked for `reason`, or publishing (None)."""
    for known in RELAY_BLOCKED_REASONS:
        RELAY_BLOCKED.labels(context, known).set(1 if known == reason else 0)


# -- read when scraped -------------------------------------------------------
# A reader answers rows of (label values, value) for each family it fills.
Rows = list[tuple[tuple[str, ...], float]]


class ScrapedGauges(Collector):
    """Gauges whose values `read` fetches at each scrape. A failing read (the database
    restarting, say) leaves the families empty for that scrape and is logged."""

    def __init__(self, families: dict[str, tuple[str, list[str]]], read: Callable[[], dict[str, Rows]]) -> None:
        self.families = families
        self.read = read
        self._lock = threading.Lock()  # the exporter answers scrapes on threads of its own

    def describe(self) -> Iterator[GaugeMetricFamily]:
        for name, (doc, labels) in self.families.items():
            yield GaugeMetricFamily(name, doc, labels=labels)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self._lock:
            try:
                values = self.read()
            except Exception as exc:  # noqa: BLE001 - a scrape must answer; the figure is missing this time
                log.warning("metrics.read_failed", metrics=sorted(self.families), error=f"{type(exc).__name__}: {exc}")
                values = {}
        for name, (doc, labels) in self.families.items():
            family = GaugeMetricFamily(name, doc, labels=labels)
            for label_values, value in values.get(name, []):
                family.add_metric(list(label_values), value)
            yield family


RELAY_LAG = "sotflow_relay_lag_events"
RELAY_STORED_HEAD = "sotflow_relay_stored_head_position"
RELAY_PUBLISHED_POSITION = "sotflow_relay_published_position"
RELAY_FAMILIES = {
    RELAY_LAG: ("Events stored but not yet published: the stored head minus the published position.", ["context"]),
    RELAY_STORED_HEAD: ("The context's last stored event (notification id).", ["context"]),
    RELAY_PUBLISHED_POSITION: ("The last position the active relay published to Kafka.", ["context"]),
}
CONSUMER_LAG = "sotflow_consumer_lag_messages"
CONSUMER_FAMILIES = {
    CONSUMER_LAG: (
        "Messages of a topic partition a projection has still to apply (end offset minus its stored offset).",
        ["projection", "topic", "partition"],
    ),
}
DISTRIBUTION_WAITING = "sotflow_distribution_waiting_cases"
DISTRIBUTION_OLDEST = "sotflow_distribution_oldest_waiting_seconds"
DISTRIBUTION_FAMILIES = {
    DISTRIBUTION_WAITING: ("Registered cases waiting for their court to be able to distribute them.", ["court"]),
    DISTRIBUTION_OLDEST: ("How long the court's longest-waiting case has waited.", ["court"]),
}
AUDIT_UNSIGNED = "sotflow_audit_unsigned_leaves"
AUDIT_CHECKPOINT_AGE = "sotflow_audit_checkpoint_age_seconds"
AUDIT_CHECKPOINT_INTERVAL = "sotflow_audit_checkpoint_interval_seconds"
AUDIT_FAMILIES = {
    AUDIT_UNSIGNED: ("Leaves appended to the context's tree since its latest signed checkpoint.", ["context"]),
    AUDIT_CHECKPOINT_AGE: ("Seconds since the context's latest signed checkpoint.", ["context"]),
    AUDIT_CHECKPOINT_INTERVAL: (
        "The ledger's configured time between checkpoints (audit_checkpoint_every_seconds).",
        [],
    ),
}


class RelayPositions:
    """The relay's published positions, kept by the relay threads of a process, and the lag
    against the store's head read at each scrape. A context is reported only while this
    process's relay for it is active (a waiting one knows no position)."""

    def __init__(self, heads: Callable[[str], int]) -> None:
        self.heads = heads
        self.published: dict[str, int] = {}

    def resumed(self, context: str, position: int) -> None:
        self.published[context] = position

    def advanced(self, context: str, position: int) -> None:
        self.published[context] = position

    def stopped(self, context: str) -> None:
        self.published.pop(context, None)

    def read(self) -> dict[str, Rows]:
        rows: dict[str, Rows] = {RELAY_LAG: [], RELAY_STORED_HEAD: [], RELAY_PUBLISHED_POSITION: []}
        for context, published in sorted(self.published.items()):
            head = self.heads(context)
            rows[RELAY_LAG].append(((context,), max(0, head - published)))
            rows[RELAY_STORED_HEAD].append(((context,), head))
            rows[RELAY_PUBLISHED_POSITION].append(((context,), published))
        return rows

    def collector(self) -> ScrapedGauges:
        return ScrapedGauges(RELAY_FAMILIES, self.read)


# -- exposing them ------------------------------------------------------------
def use_multiprocess_dir(directory: Path) -> None:
    """Before any API process starts: a fresh directory for their metric files (a dead
    process's files would otherwise be added in forever). prometheus-client reads the
    variable when it is first imported, so the API's processes must not have imported it."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ[MULTIPROC_ENV] = str(directory.resolve())


def exposition() -> tuple[bytes, str]:
    """This process's metrics, or every API process's when they share a multiprocess directory."""
    directory = os.environ.get(MULTIPROC_ENV)
    if directory:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=directory)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def serve_process_metrics(process: str, host: str, port: int, collectors: Iterable[Collector] = ()) -> bool:
    """Serves this process's metrics on host:port (0: none). A port already taken (a second
    process of the same kind on one host) is logged, not fatal: the process's work matters more."""
    if not port:
        return False
    for collector in collectors:
        REGISTRY.register(collector)
    try:
        start_http_server(port, addr=host)
    except OSError as exc:
        log.warning("metrics.port_unavailable", process=process, host=host, port=port, error=str(exc))
        return False
    log.info("metrics.serving", process=process, url=f"http://{host}:{port}/metrics")
    return True

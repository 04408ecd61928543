"""Liveness and readiness probes and the Prometheus metrics (no authentication: used by
supervisors, load balancers and Prometheus; none of them shows case data)."""

from __future__ import annotations

import psycopg
from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from api.dependencies import SotflowDep
from api.routing import OneHopRoute
from sotflow import metrics
from sotflow.readiness import kafka_ready, parked_counts, postgres_ready, projection_lag

router = APIRouter(route_class=OneHopRoute, tags=["health"])


@router.get("/health")
def health() -> dict[str, str]:
    """The API process is alive."""
    return {"status": "alive"}


@router.get("/ready")
def ready(system: SotflowDep) -> JSONResponse:
    """PostgreSQL and Kafka are both reachable (else 503, "not ready"). With both up, the
    consumers are looked at too: records they parked (`parked_records`, by consumer) and
    consumers that stalled with messages still to apply (`stalled`) make the status
    "degraded", still 200: the API serves, but a register may miss or lag behind events
    (docs/operations.md, "Parked records")."""
    checks = {
        "postgres": "up" if postgres_ready(system.settings, timeout_s=2) else "down",
        "kafka": "up" if kafka_ready(system.settings, timeout_s=2) else "down",
    }
    if not all(v == "up" for v in checks.values()):
        return JSONResponse({"status": "not ready", "checks": checks}, status_code=503)
    body: dict = {"status": "ready", "checks": checks}
    try:
        with system.pool.connection() as conn:
            body["parked_records"] = parked_counts(conn, system.settings.projection_schema)
            lag = projection_lag(conn, system.settings, timeout_s=2)
    except psycopg.Error:
        return JSONResponse(body | {"status": "not ready"}, status_code=503)
    body["behind"] = {name: entry["behind"] for name, entry in sorted(lag.items()) if entry["behind"]}
    body["stalled"] = sorted(name for name, entry in lag.items() if entry["stalled"])
    if body["parked_records"] or body["stalled"]:
        body["status"] = "degraded"
    return JSONResponse(body, status_code=200)


@router.get("/metrics", include_in_schema=False)
def prometheus_metrics() -> Response:
    """Request counts and latencies by route template and status, in Prometheus' text format
    (every API process's, under `serve --workers N`)."""
    body, content_type = metrics.exposition()
    return Response(body, media_type=content_type)

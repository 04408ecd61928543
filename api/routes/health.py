"""Liveness and readiness probes (no authentication: used by supervisors and load balancers)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.dependencies import SotflowDep
from sotflow.readiness import kafka_ready, postgres_ready

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> dict[str, str]:
    """The API process is alive."""
    return {"status": "alive"}


@router.get("/ready")
def ready(system: SotflowDep) -> JSONResponse:
    """PostgreSQL and Kafka are both reachable."""
    checks = {
        "postgres": "up" if postgres_ready(system.settings, timeout_s=2) else "down",
        "kafka": "up" if kafka_ready(system.settings, timeout_s=2) else "down",
    }
    ok = all(v == "up" for v in checks.values())
    return JSONResponse({"status": "ready" if ok else "not ready", "checks": checks}, status_code=200 if ok else 503)

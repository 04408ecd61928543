"""The ASGI app: `uvicorn api.main:app`. Importing it connects to nothing."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

import console
from api.bounded import known_query_parameters, recordable_request_text
from api.middleware import BodySizeLimit, RequestContext
from api.openapi import install_openapi
from api.problems import install_problem_handlers
from api.routes import (
    accounts,
    applications,
    archive,
    audit,
    complaints,
    courts,
    deadlines,
    distribution,
    health,
    inforequests,
    international,
    international_projects,
    parked,
    personnel,
    proceedings,
    public_information,
    receptions,
    registers,
    schemas,
    views,
)
from sotflow.bootstrap import Sotflow, bootstrap
from sotflow.logging import configure_logging
from sotflow.settings import Settings, get_settings


def create_app(settings: Settings | None = None, system: Sotflow | None = None) -> FastAPI:
    settings = settings or (system.settings if system else get_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        owned = system is None
        app.state.sotflow = system or bootstrap(settings)
        try:
            yield
        finally:
            if owned:
                app.state.sotflow.close()

    # The docs UI's JavaScript and CSS are served from the installed package: court
    # networks (and these machines) have no CDN.
    app = FastAPIOffline(
        title="sotflow",
        version="0.1.0",
        description="Case flow of Kazakhstan's courts: commands and registers. Errors are RFC 9457 problem+json.",
        lifespan=lifespan,
        dependencies=[Depends(recordable_request_text), Depends(known_query_parameters)],
        # Traces are the W3C context carried onto events (sotflow/tracing.py) and metrics are
        # Prometheus' (sotflow/metrics.py). FastAPI's own OpenTelemetry would look for its
        # providers, through the environment, on every request: about 5% of a command's CPU.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    install_problem_handlers(app)
    for router in (
        health.router,
        parked.router,
        complaints.router,
        proceedings.router,
        registers.router,
        registers.public_router,
        public_information.public_router,
        public_information.router,
        views.router,
        courts.router,
        distribution.router,
        schemas.router,
        audit.router,
        international_projects.router,
        international.router,
        applications.router,
        receptions.router,
        archive.router,
        inforequests.router,
        personnel.router,
        accounts.router,
    ):
        app.include_router(router)
    deadlines.install(app)
    # The staff console: HTML pages over the same routes, under /console.
    console.install(app)
    install_openapi(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContext)
    return app


def _app_from_environment() -> FastAPI:
    settings = get_settings()
    configure_logging(settings)
    return create_app(settings)


app = _app_from_environment()

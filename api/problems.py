"""RFC 9457 problem details: every error sotflow answers is application/problem+json."""

from __future__ import annotations

from typing import Any

import psycopg
import structlog
from eventsourcing.persistence import IntegrityError, PersistenceError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from contexts.assignment import UnknownCourtError
from domain.actor import JudgeNotEntitledError
from domain.assignment.errors import AlreadyDistributedError, AssignmentError, NotDistributedError
from domain.proceedings.errors import (
    CaseAlreadyOpenError,
    CaseNotFoundError,
    CommandNotAllowedNowError,
    ProceedingsError,
    VersionMismatchError,
)
from domain.registry.errors import ItemNotFoundError, RegistryError

log = structlog.get_logger("api")

PROBLEM_BASE = "https://sotflow.kz/problems/"
MEDIA_TYPE = "application/problem+json"


def problem(status: int, slug: str, title: str, detail: str, instance: str, **extra: Any) -> JSONResponse:
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status, "detail": detail, "instance": instance}
    body.update(extra)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _field_path(loc: tuple[Any, ...]) -> tuple[str, str]:
    location, *path = loc or ("body",)
    return str(location), ".".join(str(p) for p in path)


def validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for err in exc.errors():
        location, field = _field_path(tuple(err.get("loc", ())))
        errors.append(
            {
                "location": location,
                "field": field,
                "pointer": "#/" + field.replace(".", "/") if location == "body" else "",
                "type": err.get("type", ""),
                "message": err.get("msg", ""),
            }
        )
    return errors


HTTP_SLUGS = {
    400: ("unreadable-body", "The request body cannot be read"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Not allowed for this role"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    413: ("body-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("validation-error", "The request is not valid"),
}


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_errors(exc)
        fields = ", ".join(e["field"] or e["location"] for e in errors)
        return problem(
            422, "validation-error", "The request is not valid", f"Invalid: {fields}", request.url.path, errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        slug, title = HTTP_SLUGS.get(exc.status_code, ("http-error", "Request failed"))
        answer = problem(exc.status_code, slug, title, str(exc.detail), request.url.path)
        for name, value in (getattr(exc, "headers", None) or {}).items():
            answer.headers.setdefault(name, value)
        return answer

    @app.exception_handler(psycopg.OperationalError)
    @app.exception_handler(PersistenceError)
    async def on_store_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("api.store_unavailable", error=repr(exc))
        return problem(
            503,
            "store-unavailable",
            "The case store is unavailable",
            "PostgreSQL could not be reached; nothing was recorded. Retry later.",
            request.url.path,
        )

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("api.unexpected_error", error=repr(exc), exc_info=exc)
        return problem(
            500, "internal-error", "Internal error", "The request failed; it has been logged.", request.url.path
        )

    @app.exception_handler(IntegrityError)
    async def on_concurrent_change(request: Request, exc: IntegrityError) -> JSONResponse:
        return problem(
            409,
            "concurrent-change",
            "Changed by someone else at the same time",
            "Another command changed the same record first; nothing was recorded. Read it again and retry.",
            request.url.path,
        )

    @app.exception_handler(JudgeNotEntitledError)
    async def on_not_the_judges(request: Request, exc: JudgeNotEntitledError) -> JSONResponse:
        return problem(403, "not-the-judges", "Not for this judge", str(exc), request.url.path)

    @app.exception_handler(UnknownCourtError)
    @app.exception_handler(NotDistributedError)
    async def on_assignment_not_found(request: Request, exc: Exception) -> JSONResponse:
        return problem(404, "not-found", "Not found", str(exc), request.url.path)

    @app.exception_handler(AlreadyDistributedError)
    async def on_already_distributed(request: Request, exc: AlreadyDistributedError) -> JSONResponse:
        return problem(409, "already-distributed", "Already distributed", str(exc), request.url.path)

    @app.exception_handler(AssignmentError)
    async def on_assignment_rule(request: Request, exc: AssignmentError) -> JSONResponse:
        return _rule_violation(request, exc, "Refused by a distribution rule")

    @app.exception_handler(ItemNotFoundError)
    async def on_not_found(request: Request, exc: ItemNotFoundError) -> JSONResponse:
        return problem(404, "not-found", "Not found", str(exc), request.url.path)

    @app.exception_handler(CaseNotFoundError)
    async def on_case_not_found(request: Request, exc: CaseNotFoundError) -> JSONResponse:
        return problem(404, "not-found", "Not found", str(exc), request.url.path)

    @app.exception_handler(VersionMismatchError)
    async def on_version_mismatch(request: Request, exc: VersionMismatchError) -> JSONResponse:
        return problem(
            409, "concurrent-change", "Changed by someone else at the same time", str(exc), request.url.path,
            expected_version=exc.expected, current_version=exc.actual,
        )  # fmt: skip

    @app.exception_handler(CommandNotAllowedNowError)
    async def on_wrong_stage(request: Request, exc: CommandNotAllowedNowError) -> JSONResponse:
        return problem(
            409, "wrong-stage", "Not possible at the case's stage", str(exc), request.url.path, stage=exc.stage
        )

    @app.exception_handler(CaseAlreadyOpenError)
    async def on_already_open(request: Request, exc: CaseAlreadyOpenError) -> JSONResponse:
        return problem(409, "already-decided", "Already accepted or returned", str(exc), request.url.path)

    @app.exception_handler(ProceedingsError)
    async def on_proceedings_rule(request: Request, exc: ProceedingsError) -> JSONResponse:
        return _rule_violation(request, exc, "Refused by a proceedings rule")

    @app.exception_handler(RegistryError)
    async def on_rule_refused(request: Request, exc: RegistryError) -> JSONResponse:
        return _rule_violation(request, exc, "Refused by a registry rule")

    _install_international_and_applications(app)


def _install_international_and_applications(app: FastAPI) -> None:
    from domain.applications import errors as ap
    from domain.international import errors as ia

    @app.exception_handler(ia.RequestNotFoundError)
    @app.exception_handler(ap.ApplicationNotFoundError)
    async def on_not_found(request: Request, exc: Exception) -> JSONResponse:
        return problem(404, "not-found", "Not found", str(exc), request.url.path)

    @app.exception_handler(ia.VersionMismatchError)
    @app.exception_handler(ap.VersionMismatchError)
    async def on_version_mismatch(request: Request, exc) -> JSONResponse:
        return problem(
            409, "concurrent-change", "Changed by someone else at the same time", str(exc), request.url.path,
            expected_version=exc.expected, current_version=exc.actual,
        )  # fmt: skip

    @app.exception_handler(ia.StepNotAllowedNowError)
    @app.exception_handler(ap.StepNotAllowedNowError)
    async def on_wrong_stage(request: Request, exc) -> JSONResponse:
        return problem(409, "wrong-stage", "Not possible at this stage", str(exc), request.url.path, stage=exc.stage)

    @app.exception_handler(ia.RequestAlreadyReceivedError)
    @app.exception_handler(ap.ApplicationAlreadyRegisteredError)
    @app.exception_handler(ia.IdempotencyKeyReusedError)
    @app.exception_handler(ap.IdempotencyKeyReusedError)
    async def on_conflict(request: Request, exc: Exception) -> JSONResponse:
        return problem(409, "conflict", "Conflicts with what is recorded", str(exc), request.url.path)

    @app.exception_handler(ia.InternationalError)
    async def on_international_rule(request: Request, exc: Exception) -> JSONResponse:
        return _rule_violation(request, exc, "Refused by an international legal assistance rule")

    @app.exception_handler(ap.ApplicationError)
    async def on_applications_rule(request: Request, exc: Exception) -> JSONResponse:
        return _rule_violation(request, exc, "Refused by an applications rule (АППК)")


def _rule_violation(request: Request, exc: Exception, title: str) -> JSONResponse:
    field = getattr(exc, "field", None) or ""
    location = getattr(exc, "location", "body")
    errors = [
        {
            "location": location,
            "field": field,
            "pointer": "#/" + field.replace(".", "/") if field and location == "body" else "",
            "type": type(exc).__name__,
            "message": str(exc),
        }
    ]
    return problem(422, "rule-violation", title, str(exc), request.url.path, errors=errors)

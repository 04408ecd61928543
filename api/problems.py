"""RFC 9457 problem details: every error sotflow answers is application/problem+json."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from domain.applications import errors as applications
from domain.archive import errors as archive
from domain.assignment.errors import AlreadyDistributedError, AssignmentError, NotDistributedError
from domain.calendar.errors import CalendarError
from domain.deadlines import errors as deadlines
from domain.inforequests import errors as inforequests
from domain.international import errors as international
from domain.personnel import errors as personnel
from domain.proceedings import errors as proceedings
from domain.registry.errors import FilingTermNotToBeCheckedError, ItemNotFoundError, RegistryError

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


@dataclass(frozen=True)
class ProblemKind:
    """How one class of refusal is answered: its status, its problem type and title, and
    for a rule's refusal (422) the field it names; `extra` adds members of its own."""

    status: int
    slug: str
    title: str
    extra: Callable[[Exception], dict[str, Any]] | None = None

    def body(self, exc: Exception, instance: str) -> dict[str, Any]:
        extra = self.extra(exc) if self.extra else {}
        if self.slug == "rule-violation":
            extra["errors"] = [_rule_error(exc)]
        return {
            "type": PROBLEM_BASE + self.slug, "title": self.title, "status": self.status, "detail": str(exc),
            "instance": instance, **extra,
        }  # fmt: skip


NOT_FOUND = ProblemKind(404, "not-found", "Not found")
CONCURRENT = ProblemKind(
    409, "concurrent-change", "Changed by someone else at the same time",
    lambda exc: {"expected_version": exc.expected, "current_version": exc.actual},
)  # fmt: skip
WRONG_STAGE = ProblemKind(409, "wrong-stage", "Not possible at the case's stage", lambda exc: {"stage": exc.stage})
WRONG_STEP = ProblemKind(409, "wrong-stage", "Not possible at this stage", lambda exc: {"stage": exc.stage})
CONFLICT = ProblemKind(409, "conflict", "Conflicts with what is recorded")


def rule(title: str) -> ProblemKind:
    return ProblemKind(422, "rule-violation", title)


# Each refusal of the domain and the contexts, by class; a class not listed is answered as
# its nearest listed base class (so a new rule error of a context needs no new line).
PROBLEMS: dict[type[Exception], ProblemKind] = {
    JudgeNotEntitledError: ProblemKind(403, "not-the-judges", "Not for this judge"),
    # assignment
    UnknownCourtError: NOT_FOUND,
    NotDistributedError: NOT_FOUND,
    AlreadyDistributedError: ProblemKind(409, "already-distributed", "Already distributed"),
    AssignmentError: rule("Refused by a distribution rule"),
    # registry
    ItemNotFoundError: NOT_FOUND,
    FilingTermNotToBeCheckedError: ProblemKind(409, "nothing-to-confirm", "No filing term to be checked"),
    RegistryError: rule("Refused by a registry rule"),
    # proceedings
    proceedings.CaseNotFoundError: NOT_FOUND,
    proceedings.VersionMismatchError: CONCURRENT,
    proceedings.CommandNotAllowedNowError: WRONG_STAGE,
    proceedings.CaseAlreadyOpenError: ProblemKind(409, "already-decided", "Already accepted or returned"),
    proceedings.ProceedingsError: rule("Refused by a proceedings rule"),
    # deadlines and the calendar
    deadlines.DeadlineNotFoundError: NOT_FOUND,
    deadlines.DeadlineAlreadyOpenError: ProblemKind(409, "deadline-already-open", "Deadline already running"),
    deadlines.NotAuthorisedToExtendError: ProblemKind(403, "forbidden", "Not allowed for this role"),
    deadlines.DeadlineError: rule("Refused by a deadline rule"),
    CalendarError: rule("Refused by a calendar rule"),
    # international legal assistance
    international.RequestNotFoundError: NOT_FOUND,  # and ProjectNotFoundError
    international.VersionMismatchError: CONCURRENT,
    international.StepNotAllowedNowError: WRONG_STEP,
    international.RequestAlreadyReceivedError: CONFLICT,
    international.IdempotencyKeyReusedError: CONFLICT,
    international.InternationalError: rule("Refused by an international legal assistance rule"),
    # applications and receptions
    applications.ApplicationNotFoundError: NOT_FOUND,
    applications.VersionMismatchError: CONCURRENT,
    applications.StepNotAllowedNowError: WRONG_STEP,
    applications.ApplicationAlreadyRegisteredError: CONFLICT,
    applications.IdempotencyKeyReusedError: CONFLICT,
    applications.ApplicationError: rule("Refused by an applications rule (АППК)"),
    archive.ArchiveFileNotFoundError: NOT_FOUND,
    archive.VersionMismatchError: CONCURRENT,
    archive.StepNotAllowedNowError: WRONG_STEP,
    archive.FileUnderHoldError: ProblemKind(
        409,
        "under-hold",
        "The file is under hold",
        lambda exc: {"archive_number": exc.archive_number, "holds": exc.holds},
    ),
    archive.AlreadyArchivedError: CONFLICT,
    archive.IdempotencyKeyReusedError: CONFLICT,
    archive.ArchiveBusyError: ProblemKind(503, "busy", "Busy: try again"),
    archive.ArchiveError: rule("Refused by an archive rule"),
    # requests for information and analysis (000 §7.3)
    inforequests.RequestNotFoundError: NOT_FOUND,
    inforequests.VersionMismatchError: CONCURRENT,
    inforequests.StepNotAllowedNowError: WRONG_STEP,
    inforequests.RequestAlreadyRegisteredError: CONFLICT,
    inforequests.IdempotencyKeyReusedError: CONFLICT,
    inforequests.InformationRequestError: rule("Refused by a rule on requests for information"),
    # personal records of the staff
    personnel.StaffMemberNotFoundError: NOT_FOUND,
    personnel.VersionMismatchError: CONCURRENT,
    personnel.NotInPostError: WRONG_STEP,
    personnel.AlreadyAppointedError: CONFLICT,
    personnel.IdempotencyKeyReusedError: CONFLICT,
    personnel.PersonnelError: rule("Refused by a personnel records rule"),
}


def problem_kind(exc: Exception) -> ProblemKind | None:
    """The table's answer for this refusal: its class's own line, or its nearest base's."""
    return next((PROBLEMS[cls] for cls in type(exc).__mro__ if cls in PROBLEMS), None)


def _rule_error(exc: Exception) -> dict[str, str]:
    field = getattr(exc, "field", None) or ""
    location = getattr(exc, "location", "body")
    return {
        "location": location,
        "field": field,
        "pointer": "#/" + field.replace(".", "/") if field and location == "body" else "",
        "type": type(exc).__name__,
        "message": str(exc),
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

    async def on_refusal(request: Request, exc: Exception) -> JSONResponse:
        kind = problem_kind(exc)
        return JSONResponse(kind.body(exc, request.url.path), status_code=kind.status, media_type=MEDIA_TYPE)

    for refusal in PROBLEMS:
        app.add_exception_handler(refusal, on_refusal)

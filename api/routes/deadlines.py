"""Deadlines and the working-day calendar: commands, the rules, and reads."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, FastAPI, Query, status
from pydantic import BaseModel, Field

from api.access import subject_levels
from api.bounded import CourtDate, CourtInstant, StrictInput, refuse
from api.consistency import log_position
from api.dependencies import STAFF_READERS, SotflowDep, require_role
from api.pagination import NEXT_AFTER, Reverse, next_time_cursor, parse_time_cursor
from api.routing import OneHopRoute
from api.schemas import CommandAccepted
from contexts.deadlines import DeadlineRecorded, DeadlineStarted
from contract.deadlines_events import CALENDAR_SUBJECT
from domain.actor import Role
from domain.calendar.working_days import WEEKDAY_NAMES
from domain.court_time import COURT_ZONE
from domain.deadlines.deadline import Deadline
from domain.deadlines.errors import (
    DeadlineNotFoundError,
)
from domain.deadlines.terms import Term, Unit
from projections.store import subject_level
from sotflow.identity import User

calendar_router = APIRouter(route_class=OneHopRoute, prefix="/calendar", tags=["working-day calendar"])
router = APIRouter(route_class=OneHopRoute, prefix="/deadlines", tags=["deadlines"])
rules_router = APIRouter(route_class=OneHopRoute, prefix="/deadline-rules", tags=["deadlines"])

CalendarKeeper = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD))]
Reader = Annotated[User, Depends(require_role(*STAFF_READERS, Role.INTEGRATION_SERVICE))]
DeadlineKeeper = Annotated[
    User,
    Depends(
        require_role(Role.REGISTRAR, Role.CONSULTANT, Role.JUDGE, Role.HEAD, Role.DEPUTY_HEAD,
                     Role.INTERNATIONAL_OFFICER, Role.INTEGRATION_SERVICE)
    ),
]  # fmt: skip
# Whether a role may extend a term is the rule's to say; auditors and sotflow's own
# processes never change anything through the API.
NOT_EXTENDING = (Role.AUDITOR, Role.SYSTEM, Role.ARCHIVIST, Role.ANALYST, Role.PERSONNEL_OFFICER)
Extender = Annotated[User, Depends(require_role(*(r for r in Role if r not in NOT_EXTENDING)))]
# Suspension follows a judge's ruling (e.g. УПК 45): recorded by the judge or the secretariat's heads.
Suspender = Annotated[
    User, Depends(require_role(Role.JUDGE, Role.HEAD, Role.DEPUTY_HEAD, Role.CONSULTANT, Role.INTERNATIONAL_OFFICER))
]


# -- the calendar ---------------------------------------------------------------------
class TransferOrderCreate(StrictInput):
    kind: Literal["transfer"]
    from_day: date = Field(description="The day off that becomes a working day.")
    to_day: date = Field(description="The working day that becomes a day off.")
    effective_from: date = Field(description="From when computations use the order.")
    source: str = Field(min_length=3, max_length=300, description="The act: its number and date.")


class KurbanAitCreate(StrictInput):
    kind: Literal["kurban_ait"]
    day: date = Field(description="Kurban Ait's first day this year.")
    effective_from: date
    source: str = Field(min_length=3, max_length=300)


class OrderAccepted(CommandAccepted):
    number: int


class OrderPublic(BaseModel):
    number: int
    kind: str
    effective_from: date
    source: str
    from_day: date | None
    to_day: date | None
    day: date | None


class NonWorkingDayPublic(BaseModel):
    day: date
    weekday: str
    reason: str


class WorkingDaysPublic(BaseModel):
    first: date
    last: date
    working_days: int
    calendar_revision: str
    non_working_days: list[NonWorkingDayPublic]


@calendar_router.post("/orders", status_code=status.HTTP_201_CREATED, response_model=OrderAccepted)
def enter_order(
    body: Annotated[TransferOrderCreate | KurbanAitCreate, Field(discriminator="kind")],
    user: CalendarKeeper,
    system: SotflowDep,
) -> OrderAccepted:
    """Enter a transfer of days off or a Kurban Ait date; open deadlines are recomputed from its effective date."""
    if isinstance(body, TransferOrderCreate):
        recorded = system.deadlines.enter_transfer_order(
            from_day=body.from_day, to_day=body.to_day, effective_from=body.effective_from, source=body.source,
            actor=user.as_actor(),
        )  # fmt: skip
    else:
        recorded = system.deadlines.enter_kurban_ait(
            day=body.day, effective_from=body.effective_from, source=body.source, actor=user.as_actor()
        )
    position = log_position(system.settings, "deadlines", CALENDAR_SUBJECT, recorded.position)
    return OrderAccepted(id=recorded.id, log_position=position, number=recorded.number)


@calendar_router.get("/orders", response_model=list[OrderPublic])
def list_orders(user: Reader, system: SotflowDep) -> list[OrderPublic]:
    """Every calendar order entered, in the order entered."""
    return [OrderPublic(**{**o.__dict__, "kind": str(o.kind)}) for o in system.deadlines.orders()]


MAX_CALENDAR_SPAN_DAYS = 3660  # ten years: the answer lists every day off in the span


@calendar_router.get("/working-days", response_model=WorkingDaysPublic)
def working_days(
    user: Reader,
    system: SotflowDep,
    first: Annotated[CourtDate, Query(alias="from", description="First date, included.")],
    last: Annotated[CourtDate, Query(alias="to", description="Last date, included.")],
) -> WorkingDaysPublic:
    """Count the working days between two dates (at most ten years apart) and list the
    non-working ones, with reasons."""
    if (last - first).days > MAX_CALENDAR_SPAN_DAYS:
        refuse("query", "to", f"at most {MAX_CALENDAR_SPAN_DAYS} days after `from`")
    calendar, revision = system.deadlines.calendar_in_effect()
    days = calendar.non_working_days(first, last) if last >= first else []
    return WorkingDaysPublic(
        first=first, last=last, working_days=calendar.working_days_between(first, last), calendar_revision=revision,
        non_working_days=[NonWorkingDayPublic(day=d.day, weekday=WEEKDAY_NAMES[d.day.weekday()], reason=d.reason)
                          for d in days],
    )  # fmt: skip


# -- rules --------------------------------------------------------------------------------
class TermBody(StrictInput):
    value: int = Field(ge=1, le=1000)
    unit: Unit


class RulePublic(BaseModel):
    rule_id: str
    version: int
    rule_set: str
    clause: str
    title: str
    term: TermBody
    rolls_over: bool
    effective_from: date
    retired_from: date | None
    starts_on: list[str]
    met_by: list[str]
    extendable_by: list[str]
    extended_by: list[str] = Field(default_factory=list, description="Decisions on the log that extend the term.")
    note: str


@rules_router.get("", response_model=list[RulePublic])
def list_rules(user: Reader, system: SotflowDep) -> list[RulePublic]:
    """Every version of every deadline rule, with its clause."""
    return [
        RulePublic(
            rule_id=r.rule_id, version=r.version, rule_set=r.rule_set, clause=r.clause, title=r.title,
            term=TermBody(value=r.term.value, unit=r.term.unit), rolls_over=r.rolls_over,
            effective_from=r.effective_from, retired_from=r.retired_from,
            starts_on=[str(t) for t in r.starts_on], met_by=[str(t) for t in r.met_by],
            extendable_by=[str(role) for role in r.extension.by_roles] if r.extension else [], note=r.note,
            extended_by=[str(t) for t in r.extended_by],
        )
        for r in system.deadlines.rules
    ]  # fmt: skip


# -- deadlines ------------------------------------------------------------------------------
class DeadlineCreate(StrictInput):
    rule_id: str = Field(min_length=1, max_length=100)
    subject: str = Field(min_length=1, max_length=100, description="The case or item id.")
    base_time: CourtInstant = Field(description="When the term started, with its UTC offset.")
    as_of: date | None = Field(default=None, description="Use the rule version in force on this date.")


class DeadlineStartedPublic(CommandAccepted):
    rule_id: str
    rule_version: int
    due_at: datetime
    due_local: datetime


class ExtensionCreate(StrictInput):
    term: TermBody | None = Field(default=None, description="By how much; omit where the rule fixes the step.")
    grounds: str = Field(min_length=5, max_length=1000, description="The reasoned decision's grounds.")


class GroundsCreate(StrictInput):
    grounds: str = Field(min_length=5, max_length=1000)


class MetCreate(StrictInput):
    met_at: CourtInstant | None = Field(default=None, description="When it was met (now when omitted).")


class DeadlinePublic(BaseModel):
    id: UUID
    rule_id: str
    rule_version: int
    subject: str
    cycle: int
    status: str
    base_time: datetime
    due_at: datetime
    due_local: datetime
    term: TermBody
    extensions: int
    approaching_noticed: bool
    missed: bool
    calendar_revision: str


def _visible(system, user: User, deadline_id: UUID) -> Deadline:
    """The deadline; one of an item the role is not cleared for answers as one that does not
    exist. (Commands are not checked: who may change a term is the rule's to say, and the
    prosecutor's office extends terms of confidential cases too.)"""
    deadline = system.deadlines.get(deadline_id)
    with system.pool.connection() as conn:
        level = subject_level(conn, system.settings.projection_schema, deadline.subject)
    if level not in subject_levels(user.role):
        raise DeadlineNotFoundError(deadline_id)
    return deadline


def _accepted(recorded: DeadlineRecorded | DeadlineStarted, system) -> CommandAccepted:
    """A deadline's events are keyed by its case: the read-your-writes token follows suit."""
    return CommandAccepted(
        id=recorded.id, log_position=log_position(system.settings, "deadlines", recorded.subject, recorded.position)
    )


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DeadlineStartedPublic)
def start_deadline(body: DeadlineCreate, user: DeadlineKeeper, system: SotflowDep) -> DeadlineStartedPublic:
    """Start a rule's term for a case by a command (rules whose starting event is not on the log)."""
    started = system.deadlines.start(
        body.rule_id, subject=body.subject, base_time=body.base_time, actor=user.as_actor(), as_of=body.as_of
    )
    return DeadlineStartedPublic(
        **_accepted(started, system).model_dump(), rule_id=started.rule_id, rule_version=started.rule_version,
        due_at=started.due_at, due_local=started.due_at.astimezone(COURT_ZONE),
    )  # fmt: skip


class RegisterEntryPublic(BaseModel):
    deadline_id: UUID
    rule_id: str
    rule_version: int
    clause: str
    subject: str
    cycle: int
    status: str
    base_time: datetime
    due_at: datetime
    due_local: datetime
    late: bool = Field(description="Missed, or met after its due instant.")
    approaching_noticed: bool
    met_at: datetime | None
    closed_reason: str | None = Field(description="Why it was closed with its case (status `closed`).")
    extensions: int


class DeadlineRegisterPage(BaseModel):
    items: list[RegisterEntryPublic]
    next_after: str | None = Field(description=NEXT_AFTER)


@router.get("", response_model=DeadlineRegisterPage)
def list_deadlines(
    user: Reader,
    system: SotflowDep,
    status_: Annotated[Literal["open", "suspended", "met", "closed"] | None, Query(alias="status")] = None,
    late: Annotated[bool | None, Query(description="Only late (true) or only not late (false).")] = None,
    subject: Annotated[str | None, Query(max_length=100, description="One case or item.")] = None,
    rule_id: Annotated[str | None, Query(max_length=100)] = None,
    due_before: Annotated[CourtInstant | None, Query(description="Only those due before this instant.")] = None,
    after: Annotated[str | None, Query(description="The `next_after` of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    reverse: Reverse = False,
) -> DeadlineRegisterPage:
    """The deadline register, soonest due first: what is due and what is late."""
    from projections import deadline_register

    cursor = parse_time_cursor(after, lambda text: str(UUID(text))) if after else None
    with system.pool.connection() as conn:
        rows = deadline_register.page(
            conn, system.settings.projection_schema, levels=subject_levels(user.role), status=status_, late=late,
            subject=subject, rule_id=rule_id,
            due_before=due_before, after=cursor, limit=limit + 1, reverse=reverse,
        )  # fmt: skip
    items = [
        RegisterEntryPublic(
            **{k: r[k] for k in ("deadline_id", "rule_id", "rule_version", "clause", "subject", "cycle", "status",
                                 "base_time", "due_at", "met_at", "closed_reason", "extensions")},
            due_local=r["due_at"].astimezone(COURT_ZONE),
            late=r["missed_due"] is not None or r["on_time"] is False,
            approaching_noticed=r["approaching_due"] == r["due_at"],
        )
        for r in rows[:limit]
    ]  # fmt: skip
    return DeadlineRegisterPage(items=items, next_after=next_time_cursor(rows, limit, "due_at", "deadline_id"))


@router.get("/{deadline_id}", response_model=DeadlinePublic)
def get_deadline(deadline_id: UUID, user: Reader, system: SotflowDep) -> DeadlinePublic:
    """One deadline as it stands now."""
    d = _visible(system, user, deadline_id)
    return DeadlinePublic(
        id=d.id, rule_id=d.rule_id, rule_version=d.rule_version, subject=d.subject, cycle=d.cycle,
        status=str(d.status), base_time=d.base_time, due_at=d.due_at, due_local=d.due_at.astimezone(COURT_ZONE),
        term=TermBody(value=d.term.value, unit=d.term.unit), extensions=d.extensions,
        approaching_noticed=d.approaching_for == d.due_at, missed=d.missed_for is not None,
        calendar_revision=d.calendar_revision,
    )  # fmt: skip


@router.post("/{deadline_id}/extensions", status_code=status.HTTP_201_CREATED, response_model=CommandAccepted)
def extend_deadline(deadline_id: UUID, body: ExtensionCreate, user: Extender, system: SotflowDep):
    """Extend a term, by whom and as the rule allows, with the decision's grounds."""
    term = Term(body.term.value, body.term.unit) if body.term else None
    recorded = system.deadlines.extend(deadline_id, term=term, grounds=body.grounds, actor=user.as_actor())
    return _accepted(recorded, system)


@router.post("/{deadline_id}/suspensions", status_code=status.HTTP_201_CREATED, response_model=CommandAccepted)
def suspend_deadline(deadline_id: UUID, body: GroundsCreate, user: Suspender, system: SotflowDep):
    """Stop the term running (proceedings suspended, e.g. for legal assistance abroad, УПК 45)."""
    return _accepted(system.deadlines.suspend(deadline_id, grounds=body.grounds, actor=user.as_actor()), system)


@router.post("/{deadline_id}/resumptions", status_code=status.HTTP_201_CREATED, response_model=CommandAccepted)
def resume_deadline(deadline_id: UUID, body: GroundsCreate, user: Suspender, system: SotflowDep):
    """Let the term run again; its due instant moves by the time it was suspended."""
    return _accepted(system.deadlines.resume(deadline_id, grounds=body.grounds, actor=user.as_actor()), system)


@router.post("/{deadline_id}/met", status_code=status.HTTP_201_CREATED, response_model=CommandAccepted)
def meet_deadline(deadline_id: UUID, body: MetCreate, user: DeadlineKeeper, system: SotflowDep):
    """Record that what the term required was done (for rules met by no event on the log)."""
    return _accepted(system.deadlines.record_met(deadline_id, met_at=body.met_at, actor=user.as_actor()), system)


ROUTERS = (calendar_router, rules_router, router)


def install(app: FastAPI) -> None:
    """Adds the routes (their refusals are answered from api/problems.py's table)."""
    for r in ROUTERS:
        app.include_router(r)

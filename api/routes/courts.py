"""Commands on a court's roster of judges and its automatic distribution."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, status
from pydantic import BaseModel, Field

from api.access import may_see_case
from api.bounded import StrictInput
from api.consistency import log_position
from api.dependencies import SotflowDep, StaffReader, require_role
from api.routing import OneHopRoute
from api.schemas import CommandAccepted
from domain.actor import Role
from domain.assignment.errors import NotDistributedError
from domain.assignment.roster import Absence, AbsenceKind, DistributionSettings, JudgeProfile, Post
from sotflow.identity import User

router = APIRouter(route_class=OneHopRoute, prefix="/courts/{court}", tags=["judges and distribution"])

CourtCode = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[a-z0-9-]+$", description="The court's code.")]
RosterKeeper = Annotated[User, Depends(require_role(Role.HEAD, Role.DEPUTY_HEAD))]
Head = Annotated[User, Depends(require_role(Role.HEAD))]
Recuser = Annotated[User, Depends(require_role(Role.JUDGE, Role.HEAD, Role.DEPUTY_HEAD))]


class JudgeCreate(StrictInput):
    judge_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=200)
    collegium: str = Field(min_length=1, max_length=100)
    specialisations: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(min_length=1, max_length=20)
    post: Post


class AbsenceCreate(StrictInput):
    kind: AbsenceKind
    start: date
    end: date = Field(description="Last day of the absence, inclusive.")


class SettingsCreate(StrictInput):
    version: int = Field(ge=1)
    effective_from: date
    source: str = Field(min_length=1, max_length=300, description="The act that approved these settings.")
    post_coefficients: dict[Post, Annotated[float, Field(gt=0, le=1)]]
    complexity: dict[Literal["cassation", "extradition"], Annotated[float, Field(gt=0, le=100)]]
    panel_member_share: float = Field(ge=0, le=1)
    panel_sizes: dict[Literal["cassation", "extradition"], Annotated[int, Field(ge=1, le=9)]]
    min_pool_size: int = Field(ge=1, le=1000)
    max_load_deviation: float = Field(
        default=4.0, gt=0, le=1000, description="Alert when a judge's normalised load is this far from the mean."
    )
    reassign_after_absence_days: int = Field(
        default=30, ge=1, le=366, description="An absence longer than this redraws the judge's seats in open cases."
    )


class RecusalCreate(StrictInput):
    judge_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=5, max_length=1000, description="The grounds, with the legal basis (УПК 87-90).")
    self_recusal: bool


class ReassignmentCreate(StrictInput):
    seat: int = Field(ge=0, le=8, description="0 is the judge-rapporteur's seat.")
    reason: str = Field(min_length=10, max_length=1000, description="The written reason for the decision.")


class PanelPublic(BaseModel):
    case_id: str
    procedure: str
    specialisation: str
    judge_rapporteur: str
    panel: list[str]
    recused: list[str]


class RecusalAccepted(CommandAccepted):
    reassigned: bool
    panel: list[str]


class ReassignmentAccepted(CommandAccepted):
    new_judge: str
    panel: list[str]


def _accepted(recorded, settings, subject: str) -> CommandAccepted:
    """Roster events are keyed by the court, a case's by the case id: the token follows suit."""
    return CommandAccepted(
        id=recorded.id, log_position=log_position(settings, "assignment", subject, recorded.position)
    )


@router.post("/judges", status_code=status.HTTP_201_CREATED, response_model=CommandAccepted)
def enrol_judge(court: CourtCode, body: JudgeCreate, user: RosterKeeper, system: SotflowDep) -> CommandAccepted:
    """Put a judge on the court's roster (opens the roster on its first judge)."""
    profile = JudgeProfile(
        judge_id=body.judge_id,
        name=body.name,
        collegium=body.collegium,
        specialisations=tuple(body.specialisations),
        post=body.post,
    )
    return _accepted(system.assignment.enrol_judge(court, profile, actor=user.as_actor()), system.settings, court)


@router.post("/judges/{judge_id}/absences", status_code=status.HTTP_201_CREATED, response_model=CommandAccepted)
def record_absence(
    court: CourtCode, judge_id: str, body: AbsenceCreate, user: RosterKeeper, system: SotflowDep
) -> CommandAccepted:
    """Record a judge's leave, illness or business trip, before it starts."""
    absence = Absence(judge_id=judge_id, kind=body.kind, start=body.start, end=body.end)
    recorded = system.assignment.record_absence(court, absence, actor=user.as_actor())
    return _accepted(recorded, system.settings, court)


@router.post("/distribution-settings", status_code=status.HTTP_201_CREATED, response_model=CommandAccepted)
def adopt_settings(court: CourtCode, body: SettingsCreate, user: Head, system: SotflowDep) -> CommandAccepted:
    """Adopt the next version of the automatic distribution settings."""
    settings = DistributionSettings(
        version=body.version,
        effective_from=body.effective_from,
        source=body.source,
        post_coefficients={str(k): v for k, v in body.post_coefficients.items()},
        complexity=dict(body.complexity),
        panel_member_share=body.panel_member_share,
        panel_sizes=dict(body.panel_sizes),
        min_pool_size=body.min_pool_size,
        max_load_deviation=body.max_load_deviation,
        reassign_after_absence_days=body.reassign_after_absence_days,
    )
    recorded = system.assignment.adopt_settings(court, settings, actor=user.as_actor())
    return _accepted(recorded, system.settings, court)


@router.post("/cases/{case_id}/recusals", status_code=status.HTTP_201_CREATED, response_model=RecusalAccepted)
def recuse(court: CourtCode, case_id: str, body: RecusalCreate, user: Recuser, system: SotflowDep) -> RecusalAccepted:
    """Record a recusal; a recused judge's seat on the panel is redrawn at once."""
    changed = system.assignment.recuse(
        court, case_id=case_id, judge_id=body.judge_id, grounds=body.reason, self_recusal=body.self_recusal,
        actor=user.as_actor(),
    )  # fmt: skip
    accepted = _accepted(changed, system.settings, case_id)
    return RecusalAccepted(**accepted.model_dump(), reassigned=changed.redrawn, panel=list(changed.panel))


@router.post("/cases/{case_id}/reassignments", status_code=status.HTTP_201_CREATED, response_model=ReassignmentAccepted)
def reassign(
    court: CourtCode, case_id: str, body: ReassignmentCreate, user: Head, system: SotflowDep
) -> ReassignmentAccepted:
    """Redraw one seat of a case's panel by the head's decision, with a written reason."""
    changed = system.assignment.reassign(
        court, case_id=case_id, seat=body.seat, reason=body.reason, actor=user.as_actor()
    )
    return ReassignmentAccepted(
        **_accepted(changed, system.settings, case_id).model_dump(), new_judge=changed.new_judge,
        panel=list(changed.panel),
    )  # fmt: skip


@router.get("/cases/{case_id}/panel", response_model=PanelPublic)
def get_panel(court: CourtCode, case_id: str, user: StaffReader, system: SotflowDep) -> PanelPublic:
    """The case's current judge-rapporteur and panel (the draw protocols are on the log)."""
    if not may_see_case(system, user.role, case_id):
        raise NotDistributedError(case_id)  # as for a case that does not exist
    distribution = system.assignment.panel_of(court, case_id)
    return PanelPublic(
        case_id=case_id,
        procedure=str(distribution.procedure),
        specialisation=distribution.specialisation,
        judge_rapporteur=distribution.panel[0],
        panel=list(distribution.panel),
        recused=sorted(distribution.recused),
    )

"""Public events of the assignment context: their data, as pydantic models from
which the JSON Schema files are generated (`sotflow contract generate`)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from domain.assignment.draw import DrawProtocol
from domain.assignment.roster import CourtRoster


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CandidateData(Data):
    judge_id: str
    load: float = Field(description="Open weighted load at the moment of the draw.")
    post_coefficient: float = Field(description="Share of a full load the judge's post carries.")


class ExclusionData(Data):
    judge_id: str
    reason: Literal["absent", "other_specialisation", "recused", "already_on_panel"]


class ProtocolData(Data):
    """Everything the draw used: re-running it gives the same panel."""

    algorithm: str = Field(description="The draw's published algorithm and version.")
    seed: str = Field(description="Fixed before the draw from the registration event.")
    settings_version: int
    panel_size: int
    candidates: list[CandidateData]
    exclusions: list[ExclusionData]
    panel: list[str] = Field(description="The judges drawn, seat by seat; the first is the judge-rapporteur.")
    draws: list[str] = Field(description="The number u drawn for each seat.")


def protocol_data(p: DrawProtocol) -> dict[str, Any]:
    return {
        "algorithm": p.algorithm,
        "seed": p.seed,
        "settings_version": p.settings_version,
        "panel_size": p.panel_size,
        "candidates": [
            {"judge_id": c.judge_id, "load": c.load, "post_coefficient": c.post_coefficient} for c in p.candidates
        ],
        "exclusions": [{"judge_id": e.judge_id, "reason": e.reason} for e in p.exclusions],
        "panel": list(p.panel),
        "draws": list(p.draws),
    }


class CourtRosterOpenedData(Data):
    court: str


class JudgeEnrolledData(Data):
    court: str
    judge_id: str
    name: str
    collegium: str
    specialisations: list[str]
    post: Literal["judge", "collegium_chair", "deputy_chair", "court_chair"]


class AbsenceRecordedData(Data):
    court: str
    judge_id: str
    kind: Literal["leave", "illness", "business_trip"]
    start: date
    end: date = Field(description="Last day of the absence, inclusive.")


class DistributionSettingsAdoptedData(Data):
    court: str
    version: int
    effective_from: date
    source: str = Field(description="The act that approved these settings.")
    post_coefficients: dict[str, float]
    complexity: dict[str, float] = Field(description="Load a case of each procedure adds to its judge-rapporteur.")
    panel_member_share: float
    panel_sizes: dict[str, int]
    min_pool_size: int


class CaseDistributedData(Data):
    court: str
    case_id: str
    registration_event_id: str
    specialisation: str
    procedure: Literal["cassation", "extradition"]
    judge_rapporteur: str
    panel: list[str]
    protocol: ProtocolData


class PoolFellBelowMinimumData(Data):
    court: str
    case_id: str
    pool_size: int
    minimum: int


# The same data under the superseded name: its published schema keeps this title (a
# docstring here would add a description to that schema).
class PoolBelowMinimumData(PoolFellBelowMinimumData):
    pass


class JudgeRecusedData(Data):
    court: str
    case_id: str
    judge_id: str
    reason: str
    self_recusal: bool


class CaseReassignedData(Data):
    court: str
    case_id: str
    seat: int = Field(description="0 is the judge-rapporteur's seat.")
    replaced_judge: str
    new_judge: str
    reason: str
    previous_panel: list[str]
    panel: list[str]
    protocol: ProtocolData


def judge_enrolled(e: CourtRoster.JudgeEnrolled) -> dict[str, Any]:
    p = e.profile
    return {
        "court": e.court,
        "judge_id": p.judge_id,
        "name": p.name,
        "collegium": p.collegium,
        "specialisations": list(p.specialisations),
        "post": str(p.post),
    }


def absence_recorded(e) -> dict[str, Any]:
    a = e.absence
    return {
        "court": e.court,
        "judge_id": a.judge_id,
        "kind": str(a.kind),
        "start": a.start.isoformat(),
        "end": a.end.isoformat(),
    }


def settings_adopted(e) -> dict[str, Any]:
    s = e.settings
    return {
        "court": e.court,
        "version": s.version,
        "effective_from": s.effective_from.isoformat(),
        "source": s.source,
        "post_coefficients": dict(s.post_coefficients),
        "complexity": dict(s.complexity),
        "panel_member_share": s.panel_member_share,
        "panel_sizes": dict(s.panel_sizes),
        "min_pool_size": s.min_pool_size,
    }


def case_distributed(e) -> dict[str, Any]:
    return {
        "court": e.court,
        "case_id": e.case_id,
        "registration_event_id": e.registration_event_id,
        "specialisation": e.specialisation,
        "procedure": str(e.procedure),
        "judge_rapporteur": e.protocol.panel[0],
        "panel": list(e.protocol.panel),
        "protocol": protocol_data(e.protocol),
    }


def pool_fell_below_minimum(e) -> dict[str, Any]:
    return {"court": e.court, "case_id": e.case_id, "pool_size": e.pool_size, "minimum": e.minimum}


def judge_recused(e) -> dict[str, Any]:
    return {
        "court": e.court,
        "case_id": e.case_id,
        "judge_id": e.judge_id,
        "reason": e.reason,
        "self_recusal": e.self_recusal,
    }


def case_reassigned(e) -> dict[str, Any]:
    panel = list(e.previous_panel)
    panel[e.seat] = e.protocol.panel[0]
    return {
        "court": e.court,
        "case_id": e.case_id,
        "seat": e.seat,
        "replaced_judge": e.replaced_judge,
        "new_judge": e.protocol.panel[0],
        "reason": e.reason,
        "previous_panel": list(e.previous_panel),
        "panel": panel,
        "protocol": protocol_data(e.protocol),
    }


class DistributionSettingsAdoptedV2Data(DistributionSettingsAdoptedData):
    max_load_deviation: float = Field(
        description="Alert (load-share-drifted) when a judge's normalised load is this far from the pool's mean."
    )
    reassign_after_absence_days: int = Field(
        description="A judge absent longer than this leaves the panels of open cases (case-reassigned)."
    )


def settings_adopted_v2(e) -> dict[str, Any]:
    return settings_adopted(e) | {
        "max_load_deviation": e.settings.max_load_deviation,
        "reassign_after_absence_days": e.settings.reassign_after_absence_days,
    }


class LoadShareDriftedData(Data):
    court: str
    case_id: str = Field(description="The distribution after which the drift was found.")
    judge_id: str
    normalised_load: float = Field(description="The judge's open load divided by the post coefficient.")
    pool_mean: float = Field(description="The mean normalised load of the judges of the specialisation.")
    bound: float


def load_share_drifted(e) -> dict[str, Any]:
    return {
        "court": e.court,
        "case_id": e.case_id,
        "judge_id": e.judge_id,
        "normalised_load": e.normalised_load,
        "pool_mean": e.pool_mean,
        "bound": e.bound,
    }


class LoadReleasedData(Data):
    court: str
    case_id: str
    panel: list[str] = Field(description="The judges whose loads no longer count the case.")


def load_released(e) -> dict[str, Any]:
    return {"court": e.court, "case_id": e.case_id, "panel": list(e.panel)}

"""A court's roster of judges and its automatic distribution of cases.

One aggregate per court: every draw must see the loads left by the previous one,
so the roster, the settings in force and the open loads live in one stream, and
each distribution is decided against exactly that state and recorded with it.
"""

from __future__ import annotations

import copy
import hashlib
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import register_topic

from domain.actor import Actor, JudgeNotEntitledError, Role
from domain.assignment.draw import Candidate, DrawProtocol, Exclusion, draw
from domain.assignment.errors import (
    AbsenceEndsBeforeItStartsError,
    AlreadyDistributedError,
    AlreadyRecusedError,
    BackdatedAbsenceError,
    JudgeAlreadyEnrolledError,
    NoSettingsInForceError,
    NoSuchSeatError,
    NotDistributedError,
    PoolTooSmallError,
    SettingsNotAnnouncedAheadError,
    SettingsVersionError,
    UnknownJudgeError,
)
from domain.court_time import court_date
from domain.procedure import Procedure


class Post(StrEnum):
    JUDGE = "judge"
    COLLEGIUM_CHAIR = "collegium_chair"
    DEPUTY_CHAIR = "deputy_chair"
    COURT_CHAIR = "court_chair"


# The posts that act for a case not yet distributed (domain/proceedings/judges_of_case.py).
CHAIR_POSTS = frozenset({Post.COLLEGIUM_CHAIR, Post.DEPUTY_CHAIR, Post.COURT_CHAIR})


class AbsenceKind(StrEnum):
    LEAVE = "leave"
    ILLNESS = "illness"
    BUSINESS_TRIP = "business_trip"


@dataclass(frozen=True)
class JudgeProfile:
    judge_id: str
    name: str
    collegium: str
    specialisations: tuple[str, ...]
    post: Post


@dataclass(frozen=True)
class Absence:
    judge_id: str
    kind: AbsenceKind
    start: date
    end: date

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class DistributionSettings:
    """A version of the distribution rules, in force from a date (announced ahead)."""

    version: int
    effective_from: date
    source: str  # the act that approved them, e.g. a plenary resolution
    post_coefficients: dict[str, float]  # share of a full load each post carries
    complexity: dict[str, float]  # load a case of each procedure adds to the judge-rapporteur
    panel_member_share: float  # share of that load the other panel members carry
    panel_sizes: dict[str, int]
    min_pool_size: int
    # Alert when a judge's normalised load is this far from the pool's mean (in cases).
    max_load_deviation: float = 4.0
    # A judge absent longer than this many days leaves the panels of open cases.
    reassign_after_absence_days: int = 30


@dataclass(frozen=True)
class Distribution:
    """A case's panel and what it weighs. Immutable: a change replaces it, so copies of the
    roster share it (see CourtRoster.__deepcopy__)."""

    panel: tuple[str, ...]
    procedure: Procedure
    specialisation: str
    seed: str
    seat_loads: tuple[float, ...]  # what each seat added to its judge's load
    recused: frozenset[str] = frozenset()
    reassignments: int = 0
    released: bool = False


def distribution_seed(registration_event_id: str) -> str:
    """Fixed before the draw, from the registration event nobody can choose later."""
    return hashlib.sha256(f"sotflow-distribution/{registration_event_id}".encode()).hexdigest()


ROSTER_NAMESPACE = uuid.UUID("0d6c1f0e-5b8e-4a55-b0a4-31c4a8f0e7a2")


class CourtRoster(Aggregate):
    @staticmethod
    def create_id(court: str) -> uuid.UUID:
        """One roster per court, found by the court's code."""
        return uuid.uuid5(ROSTER_NAMESPACE, court)

    @event("Opened")
    def __init__(self, *, court: str, actor: Actor) -> None:
        self.court = court
        self.judges: dict[str, JudgeProfile] = {}
        self.absences: dict[str, list[Absence]] = {}
        self.settings: list[DistributionSettings] = []
        self.loads: dict[str, float] = {}
        self.distributions: dict[str, Distribution] = {}
        self.drifting: set[str] = set()

    def chairs(self) -> tuple[str, ...]:
        """The court's chairs on the roster (collegium chairs, deputy chairs, the court's chair)."""
        return tuple(sorted(j.judge_id for j in self.judges.values() if j.post in CHAIR_POSTS))

    def __deepcopy__(self, memo: dict) -> CourtRoster:
        """A deep copy for the price of the containers: every value in them is immutable
        (frozen dataclasses, strings, numbers), so the copy may share them. The event
        store's cache copies the roster for every command, and a roster keeps every case
        it ever distributed: the generic deepcopy grew with the court's history
        (bench/roster.py)."""
        clone = copy.copy(self)
        clone.judges = dict(self.judges)
        clone.absences = {judge_id: list(absences) for judge_id, absences in self.absences.items()}
        clone.settings = list(self.settings)
        clone.loads = dict(self.loads)
        clone.distributions = dict(self.distributions)
        clone.drifting = set(self.drifting)
        clone._pending_events = list(self._pending_events)
        memo[id(self)] = clone
        return clone

    # -- roster ---------------------------------------------------------------
    def enrol(self, profile: JudgeProfile, *, actor: Actor) -> None:
        if profile.judge_id in self.judges:
            raise JudgeAlreadyEnrolledError(profile.judge_id)
        self._enrolled(court=self.court, profile=profile, actor=actor)

    @event("JudgeEnrolled")
    def _enrolled(self, *, court: str, profile: JudgeProfile, actor: Actor) -> None:
        self.judges[profile.judge_id] = profile
        self.loads.setdefault(profile.judge_id, 0.0)

    def record_absence(self, absence: Absence, *, actor: Actor, now: datetime) -> None:
        self._check_known(absence.judge_id)
        if absence.end < absence.start:
            raise AbsenceEndsBeforeItStartsError()
        if absence.start < court_date(now):
            raise BackdatedAbsenceError()
        # Drawn before anything is recorded: if a seat cannot be filled, the absence is
        # refused as a whole and the head must first enrol or free another judge.
        redraws = self._redraws_for_long_absence(absence, now)
        self._absence_recorded(court=self.court, absence=absence, actor=actor)
        for case_id, protocol in redraws:
            days = (absence.end - absence.start).days + 1
            reason = f"absence: {absence.kind} of {days} days from {absence.start} to {absence.end}"
            self._record_reassignment(self.distributions[case_id], case_id, absence.judge_id, reason, protocol, actor)

    def _redraws_for_long_absence(self, absence: Absence, now: datetime) -> list[tuple[str, DrawProtocol]]:
        if not self._has_settings_on(now):
            return []  # nothing can have been distributed yet
        settings = self.settings_in_force(court_date(now))
        if (absence.end - absence.start).days + 1 <= settings.reassign_after_absence_days:
            return []
        redraws = []
        # Each redraw must see the loads the earlier ones moved, as if recorded one by one.
        loads = dict(self.loads)
        for case_id, distribution in sorted(self.distributions.items()):
            if distribution.released or absence.judge_id not in distribution.panel:
                continue
            protocol = self._redraw_seat(distribution, now, also_excluded={absence.judge_id}, loads=loads)
            seat = distribution.panel.index(absence.judge_id)
            loads[absence.judge_id] -= distribution.seat_loads[seat]
            newcomer = protocol.panel[0]
            loads[newcomer] = loads.get(newcomer, 0.0) + self._seat_load(
                self._settings_version(protocol.settings_version), distribution.procedure, seat
            )
            redraws.append((case_id, protocol))
        return redraws

    def _has_settings_on(self, now: datetime) -> bool:
        return any(s.effective_from <= court_date(now) for s in self.settings)

    @event("AbsenceRecorded")
    def _absence_recorded(self, *, court: str, absence: Absence, actor: Actor) -> None:
        self.absences.setdefault(absence.judge_id, []).append(absence)

    def adopt_settings(self, settings: DistributionSettings, *, actor: Actor, now: datetime) -> None:
        expected = len(self.settings) + 1
        if settings.version != expected:
            raise SettingsVersionError(expected)
        # The first settings open distribution and change nothing; every later
        # version changes the rules, so it must be announced before it applies.
        earliest = court_date(now) if expected == 1 else court_date(now) + timedelta(days=1)
        if settings.effective_from < earliest:
            raise SettingsNotAnnouncedAheadError()
        self._settings_adopted(court=self.court, settings=settings, actor=actor)

    @event("DistributionSettingsAdopted")
    def _settings_adopted(self, *, court: str, settings: DistributionSettings, actor: Actor) -> None:
        self.settings.append(settings)

    def settings_in_force(self, day: date) -> DistributionSettings:
        in_force = [s for s in self.settings if s.effective_from <= day]
        if not in_force:
            raise NoSettingsInForceError()
        return max(in_force, key=lambda s: s.version)

    # -- distribution ----------------------------------------------------------
    def distribute(
        self,
        *,
        case_id: str,
        registration_event_id: str,
        specialisation: str,
        procedure: Procedure,
        actor: Actor,
        now: datetime,
    ) -> DrawProtocol:
        if case_id in self.distributions:
            raise AlreadyDistributedError(case_id)
        day = court_date(now)
        settings = self.settings_in_force(day)
        seed = distribution_seed(registration_event_id)
        protocol = self._draw(settings, day, specialisation, set(), set(), settings.panel_sizes[procedure], seed)
        self._distributed(
            court=self.court,
            case_id=case_id,
            registration_event_id=registration_event_id,
            specialisation=specialisation,
            procedure=procedure,
            protocol=protocol,
            actor=actor,
        )
        if len(protocol.candidates) < settings.min_pool_size:
            self._pool_fell_below_minimum(
                court=self.court,
                case_id=case_id,
                pool_size=len(protocol.candidates),
                minimum=settings.min_pool_size,
                actor=actor,
            )
        self._check_drift(case_id, specialisation, settings, actor)
        return protocol

    def _check_drift(self, case_id: str, specialisation: str, settings: DistributionSettings, actor: Actor) -> None:
        """Alert when a judge's normalised load moves beyond the bound from the mean of the
        judges of that specialisation: once when it crosses, not on every distribution."""
        pool = [p for p in self.judges.values() if specialisation in p.specialisations]
        normalised = {p.judge_id: self.loads.get(p.judge_id, 0.0) / settings.post_coefficients[p.post] for p in pool}
        mean = sum(normalised.values()) / len(normalised)
        for judge_id, load in sorted(normalised.items()):
            beyond = abs(load - mean) > settings.max_load_deviation
            if beyond and judge_id not in self.drifting:
                self._drift_detected(
                    court=self.court,
                    case_id=case_id,
                    judge_id=judge_id,
                    normalised_load=round(load, 6),
                    pool_mean=round(mean, 6),
                    bound=settings.max_load_deviation,
                    actor=actor,
                )
            elif not beyond and judge_id in self.drifting:
                self.drifting.discard(judge_id)

    @event("LoadShareDrifted")
    def _drift_detected(
        self,
        *,
        court: str,
        case_id: str,
        judge_id: str,
        normalised_load: float,
        pool_mean: float,
        bound: float,
        actor: Actor,
    ) -> None:
        self.drifting.add(judge_id)

    def release(self, *, case_id: str, reason: str, actor: Actor) -> bool:
        """The case is disposed of: its judges' loads no longer count it. False if already released."""
        distribution = self._distribution(case_id)
        if distribution.released:
            return False
        self._released(court=self.court, case_id=case_id, panel=tuple(distribution.panel), reason=reason, actor=actor)
        return True

    @event("LoadReleased")
    def _released(self, *, court: str, case_id: str, panel: tuple[str, ...], reason: str, actor: Actor) -> None:
        distribution = self.distributions[case_id]
        for judge_id, load in zip(distribution.panel, distribution.seat_loads, strict=True):
            self.loads[judge_id] -= load
        self.distributions[case_id] = replace(distribution, released=True)

    @event("CaseDistributed")
    def _distributed(
        self,
        *,
        court: str,
        case_id: str,
        registration_event_id: str,
        specialisation: str,
        procedure: Procedure,
        protocol: DrawProtocol,
        actor: Actor,
    ) -> None:
        settings = self._settings_version(protocol.settings_version)
        seat_loads = tuple(self._seat_load(settings, procedure, seat) for seat in range(len(protocol.panel)))
        self.distributions[case_id] = Distribution(
            panel=tuple(protocol.panel), procedure=procedure, specialisation=specialisation, seed=protocol.seed,
            seat_loads=seat_loads,
        )  # fmt: skip
        for judge_id, load in zip(protocol.panel, seat_loads, strict=True):
            self.loads[judge_id] = self.loads.get(judge_id, 0.0) + load

    @event("DistributionPoolFellBelowMinimum")
    def _pool_fell_below_minimum(self, *, court: str, case_id: str, pool_size: int, minimum: int, actor: Actor) -> None:
        pass

    def recuse(
        self, *, case_id: str, judge_id: str, grounds: str, self_recusal: bool, actor: Actor, now: datetime
    ) -> DrawProtocol | None:
        """Record a recusal; if the judge sits on the case's panel, redraw that seat.

        A judge records only their own self-recusal; a challenge by a party is
        decided and recorded by the head's office."""
        distribution = self._distribution(case_id)
        self._check_known(judge_id)
        if actor.role == Role.JUDGE and not (self_recusal and actor.is_judge(self.court, judge_id)):
            raise JudgeNotEntitledError(
                f"a judge's account records only its own judge's self-recusal, not {judge_id}'s "
                f"{'self-recusal' if self_recusal else 'recusal'}"
            )
        if judge_id in distribution.recused:
            raise AlreadyRecusedError(judge_id, case_id)
        protocol = None
        if judge_id in distribution.panel:
            # Drawn before anything is recorded: if no judge can take the seat, the
            # recusal is refused as a whole and the panel stays as it was.
            protocol = self._redraw_seat(distribution, now, also_excluded={judge_id})
        self._recused(
            court=self.court, case_id=case_id, judge_id=judge_id, reason=grounds, self_recusal=self_recusal, actor=actor
        )
        if protocol is not None:
            self._record_reassignment(distribution, case_id, judge_id, f"recusal: {grounds}", protocol, actor)
        return protocol

    def reassign(self, *, case_id: str, seat: int, reason: str, actor: Actor, now: datetime) -> DrawProtocol:
        """Redraw one seat by an authorised decision with a written reason."""
        distribution = self._distribution(case_id)
        if not 0 <= seat < len(distribution.panel):
            raise NoSuchSeatError(seat, len(distribution.panel))
        replaced = distribution.panel[seat]
        protocol = self._redraw_seat(distribution, now, also_excluded=set())
        self._record_reassignment(distribution, case_id, replaced, f"decision: {reason}", protocol, actor)
        return protocol

    def _redraw_seat(
        self, distribution: Distribution, now: datetime, also_excluded: set[str], loads: dict[str, float] | None = None
    ) -> DrawProtocol:
        day = court_date(now)
        settings = self.settings_in_force(day)
        seed = f"{distribution.seed}/reassignment/{distribution.reassignments + 1}"
        # Every judge now on the panel, the one leaving the seat included, is out of
        # this draw ("already_on_panel"), and so is anyone recused from the case.
        on_panel = set(distribution.panel)
        return self._draw(
            settings, day, distribution.specialisation, on_panel, distribution.recused | also_excluded, 1, seed, loads
        )

    def _record_reassignment(
        self, distribution: Distribution, case_id: str, replaced: str, reason: str, protocol: DrawProtocol, actor: Actor
    ) -> None:
        self._reassigned(
            court=self.court,
            case_id=case_id,
            seat=distribution.panel.index(replaced),
            replaced_judge=replaced,
            reason=reason,
            previous_panel=tuple(distribution.panel),
            protocol=protocol,
            actor=actor,
        )

    @event("JudgeRecused")
    def _recused(
        self, *, court: str, case_id: str, judge_id: str, reason: str, self_recusal: bool, actor: Actor
    ) -> None:
        distribution = self.distributions[case_id]
        self.distributions[case_id] = replace(distribution, recused=distribution.recused | {judge_id})

    @event("CaseReassigned")
    def _reassigned(
        self,
        *,
        court: str,
        case_id: str,
        seat: int,
        replaced_judge: str,
        reason: str,
        previous_panel: tuple[str, ...],
        protocol: DrawProtocol,
        actor: Actor,
    ) -> None:
        distribution = self.distributions[case_id]
        settings = self._settings_version(protocol.settings_version)
        self.loads[replaced_judge] -= distribution.seat_loads[seat]
        newcomer = protocol.panel[0]
        load = self._seat_load(settings, distribution.procedure, seat)
        self.loads[newcomer] = self.loads.get(newcomer, 0.0) + load
        self.distributions[case_id] = replace(
            distribution,
            panel=_with_seat(distribution.panel, seat, newcomer),
            seat_loads=_with_seat(distribution.seat_loads, seat, load),
            reassignments=distribution.reassignments + 1,
        )

    # -- helpers ----------------------------------------------------------------
    def _draw(
        self,
        settings: DistributionSettings,
        day: date,
        specialisation: str,
        on_panel: set[str],
        recused: set[str],
        seats: int,
        seed: str,
        loads: dict[str, float] | None = None,
    ) -> DrawProtocol:
        loads = self.loads if loads is None else loads
        candidates, exclusions = [], []
        for judge_id, profile in sorted(self.judges.items()):
            reason = self._exclusion_reason(profile, day, specialisation, on_panel, recused)
            if reason:
                exclusions.append(Exclusion(judge_id=judge_id, reason=reason))
            else:
                candidates.append(
                    Candidate(
                        judge_id=judge_id,
                        load=round(loads.get(judge_id, 0.0), 6),
                        post_coefficient=settings.post_coefficients[profile.post],
                    )
                )
        if len(candidates) < seats:
            raise PoolTooSmallError(len(candidates), seats)
        return draw(
            seed=seed,
            candidates=candidates,
            exclusions=exclusions,
            panel_size=seats,
            settings_version=settings.version,
        )

    def _exclusion_reason(
        self, profile: JudgeProfile, day: date, specialisation: str, on_panel: set[str], recused: set[str]
    ) -> str:
        if profile.judge_id in recused:
            return "recused"
        if profile.judge_id in on_panel:
            return "already_on_panel"
        if specialisation not in profile.specialisations:
            return "other_specialisation"
        if any(a.covers(day) for a in self.absences.get(profile.judge_id, [])):
            return "absent"
        return ""

    @staticmethod
    def _seat_load(settings: DistributionSettings, procedure: Procedure, seat: int) -> float:
        """The judge-rapporteur carries the case's complexity; the other members a share of it."""
        share = 1.0 if seat == 0 else settings.panel_member_share
        return settings.complexity[procedure] * share

    def _settings_version(self, version: int) -> DistributionSettings:
        return self.settings[version - 1]

    def _distribution(self, case_id: str) -> Distribution:
        try:
            return self.distributions[case_id]
        except KeyError:
            raise NotDistributedError(case_id) from None

    def _check_known(self, judge_id: str) -> None:
        if judge_id not in self.judges:
            raise UnknownJudgeError(judge_id)


def _with_seat(seats: tuple, seat: int, value: object) -> tuple:
    return (*seats[:seat], value, *seats[seat + 1 :])


# Stored events keep, forever, the name of the class that recorded them. Until 2026-12
# this event was `CourtRoster.DistributionPoolBelowMinimum` (not past tense, as event
# names must be); the library resolves the old topic to the renamed class, whose fields
# are unchanged.
register_topic(
    "domain.assignment.roster:CourtRoster.DistributionPoolBelowMinimum", CourtRoster.DistributionPoolFellBelowMinimum
)

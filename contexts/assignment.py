"""The assignment context's application: court rosters and automatic distribution."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import JSONTranscoder

from contexts.clock import Clocked
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.assignment.draw import Candidate, DrawProtocol, Exclusion
from domain.assignment.errors import NotDistributedError
from domain.assignment.roster import Absence, CourtRoster, Distribution, DistributionSettings, JudgeProfile, Procedure


class UnknownCourtError(LookupError):
    def __init__(self, court: str) -> None:
        super().__init__(f"no roster for court {court!r}")


@dataclass(frozen=True)
class PanelChanged(Recorded):
    """A recusal's or a reassignment's answer: the case's panel after it, and the draw (if any)."""

    panel: tuple[str, ...]
    protocol: DrawProtocol | None

    @property
    def redrawn(self) -> bool:
        return self.protocol is not None

    @property
    def new_judge(self) -> str | None:
        """The judge drawn for the seat (a seat's redraw draws one)."""
        return self.protocol.panel[0] if self.protocol else None


# A court's roster keeps every case it ever distributed; replaying 96,000 events of
# 50,000 cases from PostgreSQL took 12 s for a process's first command on the court.
# A snapshot every so many events bounds that (docs/architecture.md, bench/roster.py).
ROSTER_SNAPSHOT_INTERVAL = 2000


class Assignment(Clocked, Application[UUID]):
    """Rosters and distribution, one method per use case. Each decides at the process's
    clock's instant unless handed another (a replay, a benchmark)."""

    name = "assignment"
    snapshotting_intervals = {CourtRoster: ROSTER_SNAPSHOT_INTERVAL}
    # The courts a roster may be opened for (the composition root sets the deployment's);
    # None: any (a context used on its own, in a benchmark or a unit of the suite).
    courts: frozenset[str] | None = None

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(
            transcoder, Actor, JudgeProfile, Absence, DistributionSettings, DrawProtocol, Candidate, Exclusion,
            Distribution,
        )  # fmt: skip

    def roster(self, court: str) -> CourtRoster:
        try:
            return self.repository.get(CourtRoster.create_id(court))
        except AggregateNotFoundError:
            raise UnknownCourtError(court) from None

    def has_roster(self, court: str) -> bool:
        return bool(self.recorder.select_events(CourtRoster.create_id(court), limit=1))

    def _roster_or_new(self, court: str, actor: Actor) -> CourtRoster:
        try:
            return self.repository.get(CourtRoster.create_id(court))
        except AggregateNotFoundError:
            if self.courts is not None and court not in self.courts:
                raise UnknownCourtError(court) from None
            return CourtRoster(court=court, actor=actor)

    def _save(self, roster: CourtRoster, *, answer_with: type | None = None) -> Recorded:
        """Save; answer with the position of the last event, or of the last one of a class
        (the event the command is about, when it also caused others keyed elsewhere)."""
        recordings = self.save(roster)
        chosen = [r for r in recordings if answer_with is None or isinstance(r.domain_event, answer_with)]
        return Recorded(roster.id, chosen[-1].notification.id)

    # -- use cases ---------------------------------------------------------------------
    def enrol_judge(self, court: str, profile: JudgeProfile, *, actor: Actor) -> Recorded:
        """Put a judge on the court's roster (opens the roster on its first judge)."""
        roster = self._roster_or_new(court, actor)
        roster.enrol(profile, actor=actor)
        return self._save(roster)

    def record_absence(self, court: str, absence: Absence, *, actor: Actor, now: datetime | None = None) -> Recorded:
        """Record a judge's leave, illness or business trip, before it starts; a long one
        redraws the judge's seats in open cases."""
        roster = self.roster(court)
        roster.record_absence(absence, actor=actor, now=now or self.clock.now())
        return self._save(roster, answer_with=CourtRoster.AbsenceRecorded)

    def adopt_settings(
        self, court: str, settings: DistributionSettings, *, actor: Actor, now: datetime | None = None
    ) -> Recorded:
        """Adopt the next version of the distribution settings (a later one announced ahead)."""
        roster = self._roster_or_new(court, actor)
        roster.adopt_settings(settings, actor=actor, now=now or self.clock.now())
        return self._save(roster)

    def distribute(
        self,
        court: str,
        *,
        case_id: str,
        registration_event_id: str,
        specialisation: str,
        procedure: Procedure,
        actor: Actor,
        now: datetime | None = None,
    ) -> tuple[DrawProtocol, Recorded]:
        roster = self.roster(court)
        protocol = roster.distribute(
            case_id=case_id,
            registration_event_id=registration_event_id,
            specialisation=specialisation,
            procedure=procedure,
            actor=actor,
            now=now or self.clock.now(),
        )
        return protocol, self._save(roster)

    def recuse(
        self, court: str, *, case_id: str, judge_id: str, grounds: str, self_recusal: bool, actor: Actor,
        now: datetime | None = None,
    ) -> PanelChanged:  # fmt: skip
        """Record a recusal; a recused judge's seat on the panel is redrawn at once."""
        roster = self.roster(court)
        protocol = roster.recuse(
            case_id=case_id, judge_id=judge_id, grounds=grounds, self_recusal=self_recusal, actor=actor,
            now=now or self.clock.now(),
        )  # fmt: skip
        return self._panel_changed(roster, case_id, protocol)

    def reassign(
        self, court: str, *, case_id: str, seat: int, reason: str, actor: Actor, now: datetime | None = None
    ) -> PanelChanged:
        """Redraw one seat of a case's panel by the head's decision, with a written reason."""
        roster = self.roster(court)
        protocol = roster.reassign(case_id=case_id, seat=seat, reason=reason, actor=actor, now=now or self.clock.now())
        return self._panel_changed(roster, case_id, protocol)

    def _panel_changed(self, roster: CourtRoster, case_id: str, protocol: DrawProtocol | None) -> PanelChanged:
        recorded = self._save(roster)
        panel = tuple(roster.distributions[case_id].panel)
        return PanelChanged(recorded.id, recorded.position, panel, protocol)

    def release(self, court: str, *, case_id: str, reason: str, actor: Actor) -> bool:
        """Release a disposed case's load; False (nothing recorded) if already released."""
        roster = self.roster(court)
        if not roster.release(case_id=case_id, reason=reason, actor=actor):
            return False
        self._save(roster)
        return True

    def panel_of(self, court: str, case_id: str) -> Distribution:
        """The case's distribution, from the roster as the store has it (fast-forwarded).
        Read from the cached roster itself, not a copy: one lookup of a frozen value needs
        no copy of every case the court ever distributed (bench/roster.py), which a
        command on a case paid each time its judge's account was checked."""
        try:
            roster = self.repository.get(CourtRoster.create_id(court), deepcopy_from_cache=False)
        except AggregateNotFoundError:
            raise UnknownCourtError(court) from None
        try:
            return roster.distributions[case_id]
        except KeyError:
            raise NotDistributedError(case_id) from None

"""A staff member's personal record (seed 004 §15.7): the court's staff who are not judges
(consultants, secretaries, officers), their posts, leave and business trips, each an event.

The record is keyed by the staff member's account (the user id other contexts name them
by: an application's consultant), so whether someone is present on a day is one load.
A business trip, domestic or foreign, is recorded here once: it is the absence; the
international monitoring (003 §7.11) reads the foreign ones from the trips register.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.personnel.errors import (
    AbsenceOverlapsError,
    AlreadyAppointedError,
    CountryRequiredError,
    IdempotencyKeyReusedError,
    NotInPostError,
    PeriodReversedError,
    ReasonRequiredError,
    ReportAlreadySubmittedError,
    ReportBeforeReturnError,
    UnknownAbsenceError,
)
from domain.proceedings.case import CommandRef
from domain.remembered_requests import RemembersRequests

STAFF_NAMESPACE = uuid.UUID("5b0c7a52-3f8e-4d1a-9c26-0e4f7d2b8a61")
HOME_COUNTRY = "KZ"


class StaffCategory(StrEnum):
    CONSULTANT = "consultant"  # judges' consultants (assistants), seed 000 §7.2
    SECRETARY = "secretary"  # secretaries of the court session, the secretariat
    OFFICER = "officer"  # specialists and officers of the units
    MANAGER = "manager"  # heads of units and sectors


class LeaveKind(StrEnum):
    ANNUAL = "annual"
    SICK = "sick"  # a sick note: absent as on leave
    UNPAID = "unpaid"
    STUDY = "study"
    MATERNITY = "maternity"


class AbsenceKind(StrEnum):
    LEAVE = "leave"
    BUSINESS_TRIP = "business_trip"


@dataclass(frozen=True)
class Post:
    title: str  # e.g. "chief consultant"
    unit: str  # the unit or sector, e.g. "consultants' group of the criminal collegium"
    category: StaffCategory


@dataclass(frozen=True)
class Trip:
    """A business trip: who is the record's, where, the dates, the purpose and the decision that approved it."""

    trip_id: str
    country: str  # ISO 3166-1 alpha-2; KZ for a trip at home
    city: str
    host: str  # the inviting or receiving body
    purpose: str
    decision_ref: str  # the order that approved the trip
    decision_on: date
    departs_on: date
    returns_on: date
    project_id: str | None  # the international project it serves, if any
    report_due_at: datetime | None  # the final report's term (rule personnel.trip-report), foreign trips

    @property
    def foreign(self) -> bool:
        return self.country != HOME_COUNTRY


@dataclass(frozen=True)
class Absence:
    absence_id: str
    kind: AbsenceKind
    starts_on: date
    ends_on: date
    what: str  # the leave's kind, or the trip's destination

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def overlaps(self, starts_on: date, ends_on: date) -> bool:
        return self.starts_on <= ends_on and starts_on <= self.ends_on

    def __str__(self) -> str:
        kind = "on leave" if self.kind == AbsenceKind.LEAVE else "on a business trip"
        return f"{kind} ({self.what}) from {self.starts_on} to {self.ends_on}"


class StaffMember(Aggregate, RemembersRequests):
    key_reused = IdempotencyKeyReusedError

    @staticmethod
    def create_id(user_id: str) -> UUID:
        return uuid.uuid5(STAFF_NAMESPACE, user_id)

    class Appointed(Aggregate.Created):
        user_id: str
        full_name: str
        post: Post
        appointed_on: date
        decision_ref: str
        actor: Actor
        command: CommandRef | None

    @classmethod
    def appoint(
        cls, *, user_id: str, full_name: str, post: Post, appointed_on: date, decision_ref: str, actor: Actor,
        command: CommandRef | None = None,
    ) -> StaffMember:  # fmt: skip
        return cls._create(
            cls.Appointed, id=cls.create_id(user_id), user_id=user_id, full_name=full_name, post=post,
            appointed_on=appointed_on, decision_ref=decision_ref, actor=actor, command=command,
        )  # fmt: skip

    def __init__(
        self, *, user_id: str, full_name: str, post: Post, appointed_on: date, decision_ref: str,
        command: CommandRef | None,
    ) -> None:  # fmt: skip
        self.user_id = user_id
        self.full_name = full_name
        self.post = post
        self.in_post = True
        self.absences: dict[str, Absence] = {}
        self.trips: dict[str, Trip] = {}
        self.reported: set[str] = set()
        self.commands: dict[str, str] = {}
        self._note(command)

    def check_new(self, command: CommandRef | None) -> None:
        """Appointing someone who has a record is refused, unless it is the same request again."""
        if not self.already_done(command):
            raise AlreadyAppointedError(self.user_id)

    # -- posts -------------------------------------------------------------------------
    def transfer(self, *, post: Post, on: date, decision_ref: str, reason: str, actor: Actor,
                 command: CommandRef | None = None) -> None:  # fmt: skip
        self._check_in_post("transfer")
        _reason_given(reason, "a transfer")
        self._transferred(post=post, on=on, decision_ref=decision_ref, reason=reason, actor=actor, command=command)

    @event("Transferred")
    def _transferred(self, *, post: Post, on: date, decision_ref: str, reason: str, actor: Actor,
                     command: CommandRef | None) -> None:  # fmt: skip
        self.post = post
        self._note(command)

    def dismiss(self, *, on: date, decision_ref: str, reason: str, actor: Actor,
                command: CommandRef | None = None) -> None:  # fmt: skip
        self._check_in_post("dismiss")
        _reason_given(reason, "a dismissal")
        self._dismissed(on=on, decision_ref=decision_ref, reason=reason, actor=actor, command=command)

    @event("Dismissed")
    def _dismissed(self, *, on: date, decision_ref: str, reason: str, actor: Actor,
                   command: CommandRef | None) -> None:  # fmt: skip
        self.in_post = False
        self._note(command)

    # -- leave and trips: absences ------------------------------------------------------
    def grant_leave(
        self, *, leave_id: str, kind: LeaveKind, starts_on: date, ends_on: date, decision_ref: str, reason: str,
        actor: Actor, command: CommandRef | None = None,
    ) -> None:  # fmt: skip
        self._check_in_post("grant_leave")
        self._check_period(starts_on, ends_on)
        _reason_given(reason, "a leave")
        self._leave_granted(leave_id=leave_id, user_id=self.user_id, kind=kind, starts_on=starts_on, ends_on=ends_on,
                            decision_ref=decision_ref, reason=reason, actor=actor, command=command)  # fmt: skip

    @event("LeaveGranted")
    def _leave_granted(self, *, leave_id: str, user_id: str, kind: LeaveKind, starts_on: date, ends_on: date,
                       decision_ref: str, reason: str, actor: Actor, command: CommandRef | None) -> None:  # fmt: skip
        self.absences[leave_id] = Absence(leave_id, AbsenceKind.LEAVE, starts_on, ends_on, str(kind))
        self._note(command)

    def send_on_trip(self, trip: Trip, *, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check_in_post("send_on_trip")
        if not trip.country or len(trip.country) != 2 or not trip.country.isupper():
            raise CountryRequiredError()
        self._check_period(trip.departs_on, trip.returns_on, starts="departs_on", ends="returns_on")
        _reason_given(reason, "a business trip")
        self._trip_sent(trip=trip, user_id=self.user_id, reason=reason, actor=actor, command=command)

    @event("TripSent")
    def _trip_sent(self, *, trip: Trip, user_id: str, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.trips[trip.trip_id] = trip
        where = f"{trip.city}, {trip.country}"
        self.absences[trip.trip_id] = Absence(trip.trip_id, AbsenceKind.BUSINESS_TRIP, trip.departs_on,
                                              trip.returns_on, where)  # fmt: skip
        self._note(command)

    def cancel_absence(self, *, absence_id: str, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        """A leave recalled or a trip called off: it no longer makes the staff member absent."""
        absence = self.absences.get(absence_id)
        if absence is None:
            raise UnknownAbsenceError(absence_id)
        _reason_given(reason, "a cancellation")
        self._absence_cancelled(absence_id=absence_id, kind=absence.kind, reason=reason, actor=actor,
                                command=command)  # fmt: skip

    @event("AbsenceCancelled")
    def _absence_cancelled(self, *, absence_id: str, kind: AbsenceKind, reason: str, actor: Actor,
                           command: CommandRef | None) -> None:  # fmt: skip
        del self.absences[absence_id]
        self.trips.pop(absence_id, None)
        self._note(command)

    def submit_trip_report(
        self, *, trip_id: str, report_ref: str, summary: str, submitted_on: date, actor: Actor,
        command: CommandRef | None = None,
    ) -> None:  # fmt: skip
        """003 §7.11: the final report of a trip, after the return (posted on the Supreme Court's portal)."""
        trip = self.trips.get(trip_id)
        if trip is None:
            raise UnknownAbsenceError(trip_id, AbsenceKind.BUSINESS_TRIP)
        if trip_id in self.reported:
            raise ReportAlreadySubmittedError(trip_id)
        if submitted_on < trip.returns_on:
            raise ReportBeforeReturnError(submitted_on, trip.returns_on)
        _reason_given(summary, "a final report's summary")
        self._trip_reported(trip_id=trip_id, report_ref=report_ref, summary=summary, submitted_on=submitted_on,
                            actor=actor, command=command)  # fmt: skip

    @event("TripReported")
    def _trip_reported(self, *, trip_id: str, report_ref: str, summary: str, submitted_on: date, actor: Actor,
                       command: CommandRef | None) -> None:  # fmt: skip
        self.reported.add(trip_id)
        self._note(command)

    # -- presence ------------------------------------------------------------------------
    def absence_on(self, day: date) -> Absence | str | None:
        """Why the staff member is not at work on the day (an absence, or dismissal), None if present."""
        if not self.in_post:
            return "dismissed"
        return next((a for a in self.absences.values() if a.covers(day)), None)

    def _check_in_post(self, command: str) -> None:
        if not self.in_post:
            raise NotInPostError(command)

    def _check_period(self, starts_on: date, ends_on: date, *, starts: str = "starts_on",
                      ends: str = "ends_on") -> None:  # fmt: skip
        if ends_on < starts_on:
            error = PeriodReversedError(starts_on, ends_on)
            error.field = ends
            raise error
        other = next((a for a in self.absences.values() if a.overlaps(starts_on, ends_on)), None)
        if other is not None:
            error = AbsenceOverlapsError(str(other))
            error.field = starts
            raise error


def _reason_given(reason: str, step: str) -> None:
    if not reason.strip():
        raise ReasonRequiredError(step)

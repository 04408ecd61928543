"""The personnel context's application: personal records of the court's staff who are
not judges (seed 004 §15.7): appointments and transfers to posts, leave, business trips
(at home and abroad) and their final reports (003 §7.11), dismissal.

What others read from it: whether a staff member is at work on a day (`absence_on`), by
the account's user id, on the written side, so a consultant's leave recorded a moment
ago already refuses an assignment (the composition root connects the applications
context to it). What it reads: the term of a foreign trip's final report, the deadlines
context's rule `personnel.trip-report` (`report_due`), recorded with the trip; the
deadline starter starts and meets the same rule from the trip's events.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application as EventsourcedApplication
from eventsourcing.persistence import JSONTranscoder

from contexts.clock import Clocked
from contexts.loading import load_of_kind
from contexts.proceedings import command_ref
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor
from domain.personnel.errors import StaffMemberNotFoundError, VersionMismatchError
from domain.personnel.staff import HOME_COUNTRY, Absence, LeaveKind, Post, StaffMember, Trip
from domain.proceedings.case import CommandRef


@dataclass(frozen=True)
class StaffRecorded(Recorded):
    """A command's answer: the record, its log position, version (for If-Match), and the
    leave or trip the command created (its id), if any."""

    version: int
    in_post: bool
    absence_id: str | None = None
    replayed: bool = False


class Personnel(Clocked, EventsourcedApplication[UUID]):
    name = "personnel"
    # the instant a foreign trip's final report is due, from the trip's return day.
    report_due: Callable[[date], datetime]

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, Post, Trip, Absence)

    def get_staff_member(self, staff_id: UUID) -> StaffMember:
        return load_of_kind(self, staff_id, StaffMember, StaffMemberNotFoundError)

    def absence_on(self, user_id: str, day: date) -> Absence | str | None:
        """Why the account's holder is not at work on the day; None if present or if no
        staff record is kept for them (judges, the head: their absences are recorded elsewhere)."""
        try:
            member = self.get_staff_member(StaffMember.create_id(user_id))
        except StaffMemberNotFoundError:
            return None
        return member.absence_on(day)

    # -- use cases ---------------------------------------------------------------------
    def appoint(
        self, *, user_id: str, full_name: str, post: Post, appointed_on: date, decision_ref: str, actor: Actor,
        idempotency_key: str | None = None,
    ) -> StaffRecorded:  # fmt: skip
        """Open a staff member's record with their appointment to a post."""
        content = {"user_id": user_id, "full_name": full_name, "post": post, "appointed_on": appointed_on,
                   "decision_ref": decision_ref}  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, "appoint", content)
        try:
            existing = self.get_staff_member(StaffMember.create_id(user_id))
        except StaffMemberNotFoundError:
            member = StaffMember.appoint(user_id=user_id, full_name=full_name, post=post, appointed_on=appointed_on,
                                         decision_ref=decision_ref, actor=actor, command=command)  # fmt: skip
            recordings = self.save(member)
            return self._recorded(member, recordings[-1].notification.id)
        existing.check_new(command)
        return self._recorded(existing, self._position(), replayed=True)

    def transfer(
        self, staff_id: UUID, *, post: Post, on: date, decision_ref: str, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> StaffRecorded:  # fmt: skip
        content = {"post": post, "on": on, "decision_ref": decision_ref, "reason": reason}
        return self._step(
            staff_id, "transfer", content, actor, idempotency_key, expected_version,
            lambda m, command: m.transfer(post=post, on=on, decision_ref=decision_ref, reason=reason, actor=actor,
                                          command=command),
        )  # fmt: skip

    def dismiss(
        self, staff_id: UUID, *, on: date, decision_ref: str, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> StaffRecorded:  # fmt: skip
        return self._step(
            staff_id, "dismiss", {"on": on, "decision_ref": decision_ref, "reason": reason}, actor, idempotency_key,
            expected_version,
            lambda m, command: m.dismiss(on=on, decision_ref=decision_ref, reason=reason, actor=actor,
                                         command=command),
        )  # fmt: skip

    def grant_leave(
        self, staff_id: UUID, *, kind: LeaveKind, starts_on: date, ends_on: date, decision_ref: str, reason: str,
        actor: Actor, idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> StaffRecorded:  # fmt: skip
        def grant(m: StaffMember, command: CommandRef | None) -> str:
            leave_id = command.id if command else str(uuid.uuid4())
            m.grant_leave(leave_id=leave_id, kind=kind, starts_on=starts_on, ends_on=ends_on,
                          decision_ref=decision_ref, reason=reason, actor=actor, command=command)  # fmt: skip
            return leave_id

        content = {"kind": kind, "starts_on": starts_on, "ends_on": ends_on, "decision_ref": decision_ref,
                   "reason": reason}  # fmt: skip
        return self._step(staff_id, "grant_leave", content, actor, idempotency_key, expected_version, grant)

    def send_on_trip(
        self, staff_id: UUID, *, country: str, city: str, host: str, purpose: str, decision_ref: str,
        decision_on: date, departs_on: date, returns_on: date, project_id: str | None, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> StaffRecorded:  # fmt: skip
        """A business trip approved by a decision; a foreign one's final report is due by the
        rule personnel.trip-report after the return."""

        def send(m: StaffMember, command: CommandRef | None) -> str:
            trip_id = command.id if command else str(uuid.uuid4())
            due = self.report_due(returns_on) if country != HOME_COUNTRY else None
            m.send_on_trip(
                Trip(trip_id, country, city, host, purpose, decision_ref, decision_on, departs_on, returns_on,
                     project_id, due),
                reason=reason, actor=actor, command=command,
            )  # fmt: skip
            return trip_id

        content = {"country": country, "city": city, "host": host, "purpose": purpose, "decision_ref": decision_ref,
                   "decision_on": decision_on, "departs_on": departs_on, "returns_on": returns_on,
                   "project_id": project_id, "reason": reason}  # fmt: skip
        return self._step(staff_id, "send_on_trip", content, actor, idempotency_key, expected_version, send)

    def cancel_absence(
        self, staff_id: UUID, *, absence_id: str, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> StaffRecorded:  # fmt: skip
        return self._step(
            staff_id, "cancel_absence", {"absence_id": absence_id, "reason": reason}, actor, idempotency_key,
            expected_version,
            lambda m, command: m.cancel_absence(absence_id=absence_id, reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def submit_trip_report(
        self, staff_id: UUID, *, trip_id: str, report_ref: str, summary: str, submitted_on: date, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> StaffRecorded:  # fmt: skip
        content = {"trip_id": trip_id, "report_ref": report_ref, "summary": summary, "submitted_on": submitted_on}
        return self._step(
            staff_id, "submit_trip_report", content, actor, idempotency_key, expected_version,
            lambda m, command: m.submit_trip_report(trip_id=trip_id, report_ref=report_ref, summary=summary,
                                                    submitted_on=submitted_on, actor=actor, command=command),
        )  # fmt: skip

    # -- the steps' common part --------------------------------------------------------
    def _step(
        self, staff_id: UUID, name: str, content: dict[str, Any], actor: Actor, idempotency_key: str | None,
        expected_version: int | None, act: Callable[[StaffMember, CommandRef | None], str | None],
    ) -> StaffRecorded:  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, name, {"staff_id": str(staff_id), **content})
        member = self.get_staff_member(staff_id)
        if member.already_done(command):
            # A leave's or a trip's id is its request's: a retry answers the same id.
            created = command.id if command and name in ("grant_leave", "send_on_trip") else None
            return self._recorded(member, self._position(), replayed=True, absence_id=created)
        if expected_version is not None and expected_version != member.version:
            raise VersionMismatchError(expected_version, member.version)
        created = act(member, command)
        recordings = self.save(member)
        return self._recorded(member, recordings[-1].notification.id, absence_id=created)

    def _position(self) -> int:
        return self.recorder.max_notification_id() or 0

    @staticmethod
    def _recorded(member: StaffMember, position: int, replayed: bool = False,
                  absence_id: str | None = None) -> StaffRecorded:  # fmt: skip
        return StaffRecorded(member.id, position, member.version, member.in_post, absence_id, replayed)

"""Public events of the personnel context (seed 004 §15.7, 003 §7.11): data models and the
mapping from each domain event. A step's reason and actor travel in the envelope.

A leave's and a trip's events have the leave or the trip as their subject (a trip's
report deadline is the trip's); the record's own events have the staff record's id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contract.public_type import PublicEventType
from domain.court_time import day_start
from domain.personnel.staff import AbsenceKind, LeaveKind, StaffCategory, StaffMember


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StaffData(Data):
    staff_id: str = Field(description="The staff record (derived from the account's user id).")


class PostData(Data):
    title: str
    unit: str
    category: StaffCategory


class StaffAppointedData(StaffData):
    user_id: str = Field(description="The staff member's account: other contexts name them by it.")
    full_name: str
    post: PostData
    appointed_on: str = Field(description="ISO date.")
    decision_ref: str = Field(description="The order of appointment.")


class StaffTransferredData(StaffData):
    post: PostData
    on: str = Field(description="ISO date.")
    decision_ref: str


class StaffDismissedData(StaffData):
    on: str = Field(description="ISO date.")
    decision_ref: str


class LeaveGrantedData(StaffData):
    leave_id: str = Field(description="The leave (also the subject).")
    user_id: str
    kind: LeaveKind
    starts_on: str = Field(description="ISO date, the first day away.")
    ends_on: str = Field(description="ISO date, the last day away.")
    decision_ref: str


class TripSentData(StaffData):
    trip_id: str = Field(description="The trip (also the subject).")
    user_id: str
    foreign: bool = Field(description="Abroad (the country is not KZ): monitored under 003 §7.11, a report due.")
    country: str = Field(description="ISO 3166-1 alpha-2.")
    city: str
    host: str = Field(description="The inviting or receiving body.")
    purpose: str
    decision_ref: str = Field(description="The decision that approved the trip.")
    decision_on: str = Field(description="ISO date of the decision.")
    departs_on: str = Field(description="ISO date, the first day away.")
    returns_on: str = Field(description="ISO date, the last day away.")
    returns_at: str = Field(description="The return day's start (court time): the report's term runs from it.")
    project_id: str | None = Field(description="The international project the trip serves, if any.")
    report_due_at: str | None = Field(description="When the final report is due (rule personnel.trip-report).")


class AbsenceCancelledData(StaffData):
    absence_id: str = Field(description="The leave or trip (also the subject).")
    kind: AbsenceKind


class TripReportedData(StaffData):
    trip_id: str = Field(description="The trip (also the subject).")
    report_ref: str = Field(description="The final report's document reference (as posted on the portal).")
    summary: str
    submitted_on: str = Field(description="ISO date.")


def _staff(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"staff_id": str(e.originator_id)} | fields(e)


def _post(post) -> dict[str, Any]:
    return {"title": post.title, "unit": post.unit, "category": str(post.category)}


def _trip_sent(e) -> dict[str, Any]:
    t = e.trip
    return {
        "trip_id": t.trip_id, "user_id": _user_of(e), "foreign": t.foreign, "country": t.country, "city": t.city,
        "host": t.host, "purpose": t.purpose, "decision_ref": t.decision_ref, "decision_on": t.decision_on.isoformat(),
        "departs_on": t.departs_on.isoformat(), "returns_on": t.returns_on.isoformat(),
        "returns_at": day_start(t.returns_on).isoformat(), "project_id": t.project_id,
        "report_due_at": t.report_due_at.isoformat() if t.report_due_at else None,
    }  # fmt: skip


def _user_of(e) -> str:
    # The events after the appointment carry the account too, so a register row needs no join.
    return e.user_id


S = StaffMember
EVENTS: list[tuple[type, str, type[Data], Callable[[Any], dict[str, Any]], str, str, str]] = [
    (S.Appointed, "staff-appointed", StaffAppointedData,
     _staff(lambda e: {"user_id": e.user_id, "full_name": e.full_name, "post": _post(e.post),
                       "appointed_on": e.appointed_on.isoformat(), "decision_ref": e.decision_ref}),
     "Staff member appointed", "A staff member's record was opened with their appointment to a post (004 §15.7).",
     "The staff record's id."),
    (S.Transferred, "staff-transferred", StaffTransferredData,
     _staff(lambda e: {"post": _post(e.post), "on": e.on.isoformat(), "decision_ref": e.decision_ref}),
     "Staff member transferred", "The staff member was moved to another post.", "The staff record's id."),
    (S.Dismissed, "staff-dismissed", StaffDismissedData,
     _staff(lambda e: {"on": e.on.isoformat(), "decision_ref": e.decision_ref}), "Staff member dismissed",
     "The staff member left the court's service; nothing more is assigned to them.", "The staff record's id."),
    (S.LeaveGranted, "leave-granted", LeaveGrantedData,
     _staff(lambda e: {"leave_id": e.leave_id, "user_id": e.user_id, "kind": str(e.kind),
                       "starts_on": e.starts_on.isoformat(), "ends_on": e.ends_on.isoformat(),
                       "decision_ref": e.decision_ref}),
     "Leave granted", "A leave (or a sick note): the staff member is absent from its first to its last day, and "
     "is assigned no applications then.", "The leave's id."),
    (S.TripSent, "trip-sent", TripSentData, _staff(_trip_sent), "Business trip approved",
     "A business trip (who, where, the dates, the purpose, the approving decision): an absence; a foreign one is "
     "monitored by the international department and its final report is due after the return (003 §7.11).",
     "The trip's id."),
    (S.AbsenceCancelled, "absence-cancelled", AbsenceCancelledData,
     _staff(lambda e: {"absence_id": e.absence_id, "kind": str(e.kind)}), "Leave or trip cancelled",
     "A leave recalled or a trip called off: it no longer makes the staff member absent.", "The leave's or trip's id."),
    (S.TripReported, "trip-reported", TripReportedData,
     _staff(lambda e: {"trip_id": e.trip_id, "report_ref": e.report_ref, "summary": e.summary,
                       "submitted_on": e.submitted_on.isoformat()}),
     "Trip's final report submitted", "The final report of a business trip was submitted (and posted on the "
     "Supreme Court's portal, 003 §7.11).", "The trip's id."),
]  # fmt: skip

SUBJECTS: dict[type, Callable[[Any], str]] = {
    S.LeaveGranted: lambda e: e.leave_id,
    S.TripSent: lambda e: e.trip.trip_id,
    S.AbsenceCancelled: lambda e: e.absence_id,
    S.TripReported: lambda e: e.trip_id,
}


def catalogue_entries() -> dict[type, tuple]:
    return {
        cls: (
            PublicEventType(
                context="personnel", name=name, version=1, to_data=to_data,
                subject=SUBJECTS.get(cls, lambda e: str(e.originator_id)), title=title, description=description,
                data_model=model, subject_description=subject_description,
            ),
        )
        for cls, name, model, to_data, title, description, subject_description in EVENTS
    }  # fmt: skip

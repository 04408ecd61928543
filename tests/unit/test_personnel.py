"""A staff member's record (004 §15.7): posts, leave and trips as events, presence on a day."""

from datetime import UTC, date, datetime

import pytest

from domain.actor import Actor, Role
from domain.personnel.errors import (
    AbsenceOverlapsError,
    CountryRequiredError,
    NotInPostError,
    PeriodReversedError,
    ReportAlreadySubmittedError,
    ReportBeforeReturnError,
    UnknownAbsenceError,
)
from domain.personnel.staff import AbsenceKind, LeaveKind, Post, StaffCategory, StaffMember, Trip

OFFICER = Actor("u-personnel", Role.PERSONNEL_OFFICER)


def member() -> StaffMember:
    return StaffMember.appoint(
        user_id="u-c1", full_name="Abenova A.", appointed_on=date(2026, 1, 5), decision_ref="order 1",
        post=Post("consultant", "consultants' group", StaffCategory.CONSULTANT), actor=OFFICER,
    )  # fmt: skip


def trip(trip_id="t1", country="FR", departs=date(2026, 4, 6), returns=date(2026, 4, 9)) -> Trip:
    due = datetime(2026, 4, 16, 18, 59, tzinfo=UTC) if country != "KZ" else None
    return Trip(trip_id, country, "Strasbourg", "CEPEJ", "plenary", "order 57", date(2026, 3, 25), departs, returns,
                None, due)  # fmt: skip


def test_the_record_is_keyed_by_the_account_so_presence_is_one_load():
    m = member()
    assert m.id == StaffMember.create_id("u-c1") != StaffMember.create_id("u-c2")
    m.grant_leave(leave_id="l1", kind=LeaveKind.ANNUAL, starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 20),
                  decision_ref="order 41", reason="annual leave", actor=OFFICER)  # fmt: skip
    assert m.absence_on(date(2026, 3, 8)) is None
    absence = m.absence_on(date(2026, 3, 20))
    assert absence.kind == AbsenceKind.LEAVE and "on leave (annual)" in str(absence)
    m.send_on_trip(trip(), reason="CEPEJ plenary", actor=OFFICER)
    assert m.absence_on(date(2026, 4, 7)).kind == AbsenceKind.BUSINESS_TRIP
    m.cancel_absence(absence_id="l1", reason="recalled", actor=OFFICER)
    assert m.absence_on(date(2026, 3, 10)) is None
    m.dismiss(on=date(2026, 6, 30), decision_ref="order 90", reason="own request", actor=OFFICER)
    assert m.absence_on(date(2026, 7, 1)) == "dismissed"
    with pytest.raises(NotInPostError):
        m.grant_leave(leave_id="l2", kind=LeaveKind.SICK, starts_on=date(2026, 8, 1), ends_on=date(2026, 8, 2),
                      decision_ref="-", reason="sick", actor=OFFICER)  # fmt: skip
    names = [type(e).__name__ for e in m.collect_events()]
    assert names == ["Appointed", "LeaveGranted", "TripSent", "AbsenceCancelled", "Dismissed"]


def test_periods_are_checked_and_name_their_field():
    m = member()
    with pytest.raises(PeriodReversedError) as reversed_:
        m.send_on_trip(trip(departs=date(2026, 4, 9), returns=date(2026, 4, 6)), reason="x", actor=OFFICER)
    assert reversed_.value.field == "returns_on"
    m.send_on_trip(trip(), reason="CEPEJ", actor=OFFICER)
    with pytest.raises(AbsenceOverlapsError) as overlap:
        m.grant_leave(leave_id="l1", kind=LeaveKind.ANNUAL, starts_on=date(2026, 4, 9), ends_on=date(2026, 4, 12),
                      decision_ref="order 41", reason="leave", actor=OFFICER)  # fmt: skip
    assert overlap.value.field == "starts_on" and "business trip" in str(overlap.value)
    with pytest.raises(CountryRequiredError):
        m.send_on_trip(trip("t2", country="fr", departs=date(2026, 5, 1), returns=date(2026, 5, 2)), reason="x",
                       actor=OFFICER)  # fmt: skip


def test_a_trips_final_report_follows_the_return_once():
    m = member()
    m.send_on_trip(trip(), reason="CEPEJ", actor=OFFICER)
    with pytest.raises(ReportBeforeReturnError) as early:
        m.submit_trip_report(trip_id="t1", report_ref="r", summary="s", submitted_on=date(2026, 4, 8), actor=OFFICER)
    assert early.value.field == "submitted_on"
    with pytest.raises(UnknownAbsenceError) as unknown:
        m.submit_trip_report(trip_id="t9", report_ref="r", summary="s", submitted_on=date(2026, 4, 9), actor=OFFICER)
    assert (unknown.value.field, unknown.value.location) == ("trip_id", "path")
    m.submit_trip_report(trip_id="t1", report_ref="r", summary="the cycle", submitted_on=date(2026, 4, 10),
                         actor=OFFICER)  # fmt: skip
    with pytest.raises(ReportAlreadySubmittedError):
        m.submit_trip_report(trip_id="t1", report_ref="r", summary="s", submitted_on=date(2026, 4, 11), actor=OFFICER)
    assert trip().foreign and not trip(country="KZ").foreign


def test_the_ledger_checks_a_records_events_as_one_stream_whatever_their_subject():
    """A leave's events have the leave as subject but the record's versions: the verifier's
    stream (versions rising by one) must be the record's, not the leave's."""
    from audit.streams import stream_of

    def envelope(name: str, subject: str) -> dict:
        return {"type": f"kz.sotflow.personnel.{name}.v1", "source": "/sotflow/personnel", "subject": subject,
                "data": {"staff_id": "s-1"}}  # fmt: skip

    streams = {stream_of(envelope(n, s)) for n, s in (("staff-appointed", "s-1"), ("leave-granted", "l-1"),
                                                       ("trip-sent", "t-1"), ("trip-reported", "t-1"))}  # fmt: skip
    assert streams == {"/sotflow/personnel:staff-member/s-1"}

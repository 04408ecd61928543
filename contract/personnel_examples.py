"""One fixed example per domain event of the personnel context."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from domain.actor import Actor, Role
from domain.personnel.staff import LeaveKind, Post, StaffCategory, StaffMember, Trip


def _personnel_events() -> dict[type, object]:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    officer = Actor("u-personnel", Role.PERSONNEL_OFFICER)
    member = StaffMember.appoint(
        user_id="u-consultant-7", full_name="Abenova Aigerim", appointed_on=date(2025, 7, 1),
        post=Post("consultant", "consultants' group of the criminal collegium", StaffCategory.CONSULTANT),
        decision_ref="order No. 112-ls of 30 June 2025", actor=officer,
    )  # fmt: skip
    member.transfer(post=Post("chief consultant", "consultants' group of the criminal collegium",
                              StaffCategory.CONSULTANT),
                    on=date(2026, 1, 5), decision_ref="order No. 3-ls", reason="promotion", actor=officer)  # fmt: skip
    member.grant_leave(leave_id="2b5c0e1a-8d4f-4c3a-9e7b-1f2a3b4c5d6e", kind=LeaveKind.ANNUAL,
                       starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 20), decision_ref="order No. 41-o",
                       reason="annual paid leave", actor=officer)  # fmt: skip
    trip_id = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
    member.send_on_trip(
        Trip(trip_id, "FR", "Strasbourg", "CEPEJ", "plenary meeting of CEPEJ", "order No. 57-k", date(2026, 3, 25),
             date(2026, 4, 6), date(2026, 4, 9), None, datetime(2026, 4, 15, 18, 59, 59, tzinfo=UTC)),
        reason="CEPEJ's plenary (003 §7.28)", actor=officer,
    )  # fmt: skip
    member.submit_trip_report(trip_id=trip_id, report_ref="report No. 12 of 13 April 2026",
                              summary="the CEPEJ evaluation cycle and Kazakhstan's indicators",
                              submitted_on=date(2026, 4, 13), actor=officer)  # fmt: skip
    member.cancel_absence(absence_id="2b5c0e1a-8d4f-4c3a-9e7b-1f2a3b4c5d6e", reason="recalled from leave",
                          actor=officer)  # fmt: skip
    member.dismiss(on=date(2026, 6, 30), decision_ref="order No. 90-ls", reason="at her own request", actor=officer)
    return {type(e): dataclasses.replace(e, timestamp=now) for e in member.collect_events()}


PERSONNEL_EXAMPLES = {cls: (lambda e=e: e) for cls, e in _personnel_events().items()}

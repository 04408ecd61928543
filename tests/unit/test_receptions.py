"""Personal receptions of citizens by the chairs (seed 000 §7.2.3): every rule, with where it comes from."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from domain.actor import Actor, Role
from domain.applications.application import Applicant, ApplicantKind, Application, Channel, Subject
from domain.applications.errors import (
    HeldBeforeScheduledDayError,
    HeldInTheFutureError,
    NotFromReceptionError,
    NotTheReceiverError,
    ReasonRequiredError,
    ReceptionInThePastError,
    ReceptionStepNotAllowedError,
    SameScheduleError,
)
from domain.applications.reception import ChairPost, Receiver, Reception, ReceptionStatus, SignUp

CLERK = Actor("clerk", Role.REGISTRAR)
CONSULTANT = Actor("consultant", Role.CONSULTANT)
CHAIR = Actor("chair", Role.HEAD)
DEPUTY = Actor("deputy", Role.DEPUTY_HEAD)
NOW = datetime(2025, 9, 1, 5, tzinfo=UTC)
AT = datetime(2025, 9, 10, 5, tzinfo=UTC)  # 10:00 in Astana
APPLICANT = Applicant("A. Serikova", ApplicantKind.INDIVIDUAL, "850101400123")


def scheduled(**changes) -> Reception:
    args = dict(
        receiver=Receiver("chair", "Chair of the collegium", ChairPost.COLLEGIUM_CHAIR), scheduled_for=AT,
        place="room 405", applicant=APPLICANT, subject="my son's cassation complaint", sign_up=SignUp.WRITTEN_REQUEST,
        related_case="CC-1/2025", actor=CLERK, now=NOW,
    )  # fmt: skip
    return Reception.schedule(uuid.uuid4(), **(args | changes))


def test_a_reception_is_prepared_then_held_by_its_chair_with_instructions():
    reception = scheduled()
    reception.prepare_material(summary="one earlier application", earlier_applications=("a-1", "a-1"),
                               related_cases=("CC-7/2024",), actor=CONSULTANT)  # fmt: skip
    assert reception.material.earlier_applications == ("a-1",)
    assert reception.material.related_cases == ("CC-7/2024", "CC-1/2025"), "the scheduled case is linked too"
    assert reception.material.prepared_by == "consultant"
    reception.hold(held_at=AT + timedelta(minutes=20), requests="asks when the hearing is",
                   instructions=("answer in writing", " "), actor=CHAIR, now=AT + timedelta(hours=1))  # fmt: skip
    held = reception.collect_events()[-1]
    assert reception.status == ReceptionStatus.HELD
    assert held.instructions == ("answer in writing",) and held.with_reference_material is True
    assert held.actor == CHAIR


def test_held_without_reference_material_is_recorded_as_such_not_refused():
    # Decision: the fact that a reception took place is kept; the missing material is visible.
    reception = scheduled()
    reception.hold(held_at=AT, requests="asks for a copy", instructions=(), actor=CHAIR, now=AT)
    assert reception.collect_events()[-1].with_reference_material is False


def test_only_the_scheduled_receiver_holds_it_another_chair_after_rescheduling():
    reception = scheduled()
    with pytest.raises(NotTheReceiverError):
        reception.hold(held_at=AT, requests="x", instructions=(), actor=DEPUTY, now=AT)
    deputy = Receiver("deputy", "Deputy chair", ChairPost.SUPREME_COURT_DEPUTY_CHAIR)
    reception.reschedule(scheduled_for=AT, place=None, receiver=deputy, reason="the chair is abroad", actor=CLERK,
                         now=NOW)  # fmt: skip
    reception.hold(held_at=AT, requests="x", instructions=(), actor=DEPUTY, now=AT)
    assert reception.status == ReceptionStatus.HELD


def test_not_held_before_the_scheduled_day_nor_recorded_ahead_of_time():
    reception = scheduled()
    with pytest.raises(HeldBeforeScheduledDayError):
        reception.hold(held_at=AT - timedelta(days=1), requests="x", instructions=(), actor=CHAIR, now=AT)
    # Earlier on the same day is the same day (a chair may start early).
    reception.hold(held_at=AT - timedelta(hours=2), requests="x", instructions=(), actor=CHAIR, now=AT)
    later = scheduled()
    with pytest.raises(HeldInTheFutureError):
        later.hold(held_at=AT + timedelta(hours=1), requests="x", instructions=(), actor=CHAIR, now=AT)


def test_scheduled_and_rescheduled_only_ahead_and_only_with_a_reason_and_a_change():
    with pytest.raises(ReceptionInThePastError):
        scheduled(scheduled_for=NOW - timedelta(minutes=1))
    reception = scheduled()
    with pytest.raises(ReasonRequiredError):
        reception.reschedule(scheduled_for=AT + timedelta(days=1), place=None, receiver=None, reason=" ",
                             actor=CLERK, now=NOW)  # fmt: skip
    with pytest.raises(SameScheduleError):
        reception.reschedule(scheduled_for=AT, place="room 405", receiver=None, reason="x", actor=CLERK, now=NOW)
    with pytest.raises(ReceptionInThePastError):
        reception.reschedule(scheduled_for=NOW, place=None, receiver=None, reason="x", actor=CLERK, now=NOW)
    reception.reschedule(scheduled_for=AT + timedelta(days=1), place=None, receiver=None, reason="plenary",
                         actor=CLERK, now=NOW)  # fmt: skip
    moved = reception.collect_events()[-1]
    assert (moved.previous_scheduled_for, moved.scheduled_for, moved.place) == (AT, AT + timedelta(days=1), "room 405")


def test_a_cancelled_or_held_reception_takes_no_further_step():
    reception = scheduled()
    with pytest.raises(ReasonRequiredError):
        reception.cancel(reason="", actor=CLERK)
    reception.cancel(reason="the applicant withdrew", actor=CLERK)
    for step in (
        lambda: reception.hold(held_at=AT, requests="x", instructions=(), actor=CHAIR, now=AT),
        lambda: reception.prepare_material(summary="s", earlier_applications=(), related_cases=(), actor=CONSULTANT),
        lambda: reception.reschedule(scheduled_for=AT + timedelta(days=1), place=None, receiver=None, reason="x",
                                     actor=CLERK, now=NOW),
        lambda: reception.cancel(reason="again", actor=CLERK),
    ):  # fmt: skip
        with pytest.raises(ReceptionStepNotAllowedError):
            step()


def test_only_an_application_handed_in_at_a_reception_is_linked_to_it_and_once():
    def application(channel):
        return Application.register(
            uuid.uuid4(), applicant=APPLICANT, channel=channel, subject=Subject.PENDING_PROCEEDINGS, summary="expedite",
            related_case=None, received_at=AT, actor=CHAIR,
        )  # fmt: skip

    with pytest.raises(NotFromReceptionError):
        application(Channel.PAPER).link_reception(reception_id="r-1", actor=CHAIR)
    linked = application(Channel.RECEPTION)
    linked.link_reception(reception_id="r-1", actor=CHAIR)
    assert linked.reception_id == "r-1"
    with pytest.raises(Exception, match="linked to reception r-1"):
        linked.link_reception(reception_id="r-2", actor=CHAIR)

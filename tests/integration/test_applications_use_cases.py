"""The applications context's use cases without HTTP: applications and personal receptions
by their named methods on the real event store, with the process's clock set by the test."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from consumers.projection_worker import ProjectionWorker
from contexts.clock import SetClock
from domain.actor import Actor, Role
from domain.applications.application import Applicant, ApplicantKind, Channel, Subject
from domain.applications.errors import (
    ApproverNotAllowedError,
    HeldInTheFutureError,
    IdempotencyKeyReusedError,
    NotTheReceiverError,
    ReceiverNotAChairError,
    ReceptionInThePastError,
    VersionMismatchError,
)
from domain.applications.reception import ChairPost, HandedIn, SignUp
from domain.court_time import court_date
from projections import applications_register
from sotflow.bootstrap import bootstrap
from tests.support import relay_all

CLERK = Actor("u-clerk", Role.REGISTRAR)
CONSULTANT = Actor("u-consultant", Role.CONSULTANT)
HEAD = Actor("u-head", Role.HEAD)
DEPUTY = Actor("u-deputy", Role.DEPUTY_HEAD)
APPLICANT = Applicant("A. Serikova", ApplicantKind.INDIVIDUAL, "850101400124")


@pytest.fixture
def clocked(settings):
    clock = SetClock(datetime.now(UTC).replace(microsecond=0))
    system = bootstrap(settings, clock=clock)
    yield system, clock
    system.close()


def register(applications, received_at: datetime, key: str | None = None, **changes):
    values = {
        "application_id": None, "applicant": APPLICANT, "channel": Channel.E_OTINISH,
        "subject": Subject.PENDING_PROCEEDINGS, "summary": "when is my hearing", "related_case": "CC-1/2026",
        "received_at": received_at, "confidential": False,
    }  # fmt: skip
    return applications.register_application(**values | changes, actor=CLERK, idempotency_key=key)


def test_an_application_from_registration_to_answer_after_an_extension(clocked):
    system, clock = clocked
    applications, now = system.applications, clock.now()
    registered = register(applications, now, key="k-register")
    again = register(applications, now, key="k-register")
    assert (registered.stage, again.id, again.replayed) == ("registered", registered.id, True)
    with pytest.raises(IdempotencyKeyReusedError):  # the same key with another application
        register(applications, now, key="k-register", summary="something else")
    aid = registered.id

    assigned = applications.assign_application(aid, consultant="c-1", reason="criminal line", actor=HEAD)
    with pytest.raises(VersionMismatchError):  # a step based on a stale read
        applications.extend_answer_term(aid, until=court_date(now) + timedelta(days=40), reason="the file is awaited",
                                        actor=HEAD, expected_version=registered.version)  # fmt: skip
    applications.extend_answer_term(aid, until=court_date(now) + timedelta(days=40), reason="the file is awaited",
                                    actor=HEAD, expected_version=assigned.version)  # fmt: skip
    applications.notify_extension(aid, notified_at=now, channel=Channel.E_OTINISH, actor=CLERK)
    applications.draft_answer(aid, document_ref="dms://answers/1", actor=CONSULTANT)
    with pytest.raises(ApproverNotAllowedError):
        applications.approve_answer(aid, reason="approved", actor=CONSULTANT)
    applications.approve_answer(aid, reason="approved", actor=DEPUTY)
    sent = applications.send_answer(aid, sent_at=now, channel=Channel.E_OTINISH, actor=CLERK)
    application = applications.get_application(aid)
    assert (sent.stage, application.stage, application.consultant) == ("answered", "answered", "c-1")

    other = register(applications, now, subject=Subject.INFORMATION_REQUEST).id
    redirected = applications.redirect_application(other, to_body="Ministry of Justice", applicant_notified=True,
                                                   reason="not a court matter", actor=CLERK)  # fmt: skip
    assert redirected.stage == "redirected"


def test_a_reception_scheduled_by_the_clock_prepared_from_the_register_and_held_with_an_application(clocked, settings):
    system, clock = clocked
    applications, now = system.applications, clock.now()
    chair, _ = system.users.add("chair of the collegium", Role.HEAD)
    deputy, _ = system.users.add("deputy chair", Role.DEPUTY_HEAD)
    clerk, _ = system.users.add("clerk", Role.REGISTRAR)
    earlier = register(applications, now - timedelta(days=20)).id
    relay_all(system, settings)
    ProjectionWorker(applications_register, settings, system.pool).run(threading.Event(), catch_up=True)

    def schedule(receiver_id: str, at: datetime, key: str | None = None):
        return applications.schedule_reception(
            reception_id=None, receiver_id=receiver_id, post=ChairPost.COLLEGIUM_CHAIR, scheduled_for=at,
            place="room 405", applicant=APPLICANT, subject="the cassation complaint in her son's case",
            related_case="CC-1/2026", sign_up=SignUp.WRITTEN_REQUEST, confidential=False, actor=CONSULTANT,
            idempotency_key=key,
        )  # fmt: skip

    for not_a_chair in (clerk.id, "u-nobody"):
        with pytest.raises(ReceiverNotAChairError):
            schedule(not_a_chair, now + timedelta(hours=2))
    with pytest.raises(ReceptionInThePastError):  # by the process's clock
        schedule(chair.id, now - timedelta(minutes=1))
    scheduled = schedule(chair.id, now + timedelta(hours=2), key="k-schedule")
    assert schedule(chair.id, now + timedelta(hours=2), key="k-schedule").replayed
    rid = scheduled.id

    moved = applications.reschedule_reception(
        rid, scheduled_for=now + timedelta(hours=2), place="room 212", receiver_id=deputy.id,
        post=ChairPost.COURT_DEPUTY_CHAIR, reason="the chair is away", actor=CLERK,
    )  # fmt: skip
    extra = uuid.uuid4()
    applications.prepare_reception_material(rid, summary="one earlier application, pending",
                                            related_cases=("CC-9/2025",), earlier_applications=(extra,),
                                            actor=CONSULTANT, expected_version=moved.version)  # fmt: skip
    reception = applications.get_reception(rid)
    assert (reception.place, reception.receiver.name) == ("room 212", "deputy chair")
    assert reception.material.earlier_applications == (str(earlier), str(extra))  # the register's, then named

    held_at = now + timedelta(hours=2, minutes=30)
    as_deputy = Actor(deputy.id, Role.DEPUTY_HEAD)
    handed_in = HandedIn(Subject.PENDING_PROCEEDINGS, "expedite the hearing")

    def hold(actor: Actor):
        return applications.hold_reception(rid, held_at=held_at, requests="asks that the hearing be expedited",
                                           instructions=("check the file request",), handed_in=handed_in,
                                           actor=actor, idempotency_key="k-held")  # fmt: skip

    with pytest.raises(HeldInTheFutureError):  # not recorded before it happened, by the process's clock
        hold(as_deputy)
    clock.advance(timedelta(hours=3))
    with pytest.raises(NotTheReceiverError):
        hold(Actor(chair.id, Role.HEAD))
    held = hold(as_deputy)
    assert (held.status, held.held_without_material, held.replayed) == ("held", False, False)
    again = hold(as_deputy)  # a retry registers no second application
    assert (again.replayed, again.version, again.application_id) == (True, held.version, held.application_id)
    application = applications.get_application(uuid.UUID(held.application_id))
    assert (application.channel, application.reception_id) == ("reception", str(rid))
    assert (application.applicant, application.received_at) == (APPLICANT, held_at)

    other = schedule(chair.id, now + timedelta(days=3)).id
    cancelled = applications.cancel_reception(other, reason="the applicant withdrew", actor=Actor(chair.id, Role.HEAD))
    assert cancelled.status == "cancelled" and cancelled.application_id is None

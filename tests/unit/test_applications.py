"""Applications of individuals and legal entities: every rule, with its clause (АППК 76)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from domain.actor import Actor, Role
from domain.applications.application import Applicant, ApplicantKind, Application, Channel, Stage, Subject
from domain.applications.errors import (
    ApproverNotAllowedError,
    ExtensionNotLaterError,
    ExtensionTooLongError,
    ProceduralComplaintError,
    ReasonRequiredError,
    StepNotAllowedNowError,
)

CLERK = Actor("clerk", Role.REGISTRAR)
CONSULTANT = Actor("consultant", Role.CONSULTANT)
HEAD = Actor("head", Role.HEAD)
DEPUTY = Actor("deputy", Role.DEPUTY_HEAD)
RECEIVED = datetime(2025, 9, 1, 5, tzinfo=UTC)


def registered(subject: Subject = Subject.PENDING_PROCEEDINGS) -> Application:
    return Application.register(
        uuid.uuid4(), applicant=Applicant("A. Serikova", ApplicantKind.INDIVIDUAL, "850101400123"),
        channel=Channel.PAPER, subject=subject, summary="when is my hearing", related_case=None,
        received_at=RECEIVED, actor=CLERK,
    )  # fmt: skip


def test_the_answer_path_assign_draft_approve_send():
    app = registered()
    app.assign(consultant="consultant", reason="criminal line", actor=HEAD)
    app.draft_answer(document_ref="dms://a/1", actor=CONSULTANT)
    app.approve_answer(reason="ok", actor=DEPUTY)
    app.send_answer(sent_at=RECEIVED, channel=Channel.PAPER, actor=CLERK)
    assert app.stage == Stage.ANSWERED
    with pytest.raises(StepNotAllowedNowError):
        app.extend_term(until=date(2025, 10, 1), reason="too late", actor=HEAD)


def test_procedural_complaints_are_not_applications():
    """АППК 3(4)(1): a cassation complaint follows the УПК, not the 15-day rule."""
    with pytest.raises(ProceduralComplaintError):
        registered(Subject.PROCEDURAL_COMPLAINT)


def test_redirect_requires_the_applicant_notified():
    """АППК 76: forwarded within 3 working days, the applicant notified."""
    app = registered()
    with pytest.raises(ReasonRequiredError):
        app.redirect(to_body="Ministry of Justice", applicant_notified=False, reason="not ours", actor=CLERK)
    app.redirect(to_body="Ministry of Justice", applicant_notified=True, reason="not ours", actor=CLERK)
    assert app.stage == Stage.REDIRECTED


def test_only_the_head_or_a_deputy_approves_and_not_the_drafter():
    app = registered()
    app.assign(consultant="consultant", reason="x", actor=HEAD)
    app.draft_answer(document_ref="dms://a/1", actor=CONSULTANT)
    with pytest.raises(ApproverNotAllowedError):
        app.approve_answer(reason="ok", actor=CONSULTANT)


def test_extension_by_head_or_deputy_to_at_most_two_months():
    """АППК 76: a reasoned decision of the head or a deputy, to at most 2 months."""
    app = registered()
    with pytest.raises(ApproverNotAllowedError):
        app.extend_term(until=date(2025, 10, 1), reason="file awaited", actor=CONSULTANT)
    with pytest.raises(ExtensionTooLongError):
        app.extend_term(until=date(2025, 11, 2), reason="file awaited", actor=HEAD)
    with pytest.raises(ReasonRequiredError):
        app.extend_term(until=date(2025, 10, 1), reason="", actor=HEAD)
    app.extend_term(until=date(2025, 11, 1), reason="file awaited", actor=DEPUTY)
    with pytest.raises(ExtensionNotLaterError):
        app.extend_term(until=date(2025, 10, 20), reason="again", actor=HEAD)


def test_extension_notice_needs_an_extension_first():
    """АППК 76: the applicant is told of the extension within 3 working days."""
    app = registered()
    with pytest.raises(StepNotAllowedNowError):
        app.notify_extension(notified_at=RECEIVED, channel=Channel.EMAIL, actor=CLERK)
    app.extend_term(until=date(2025, 10, 15), reason="file awaited", actor=HEAD)
    app.notify_extension(notified_at=RECEIVED, channel=Channel.EMAIL, actor=CLERK)

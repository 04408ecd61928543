"""A request for information or analysis (000 §7.3.4): its steps in order, each an event;
the drafter is the assignee; the answer signed with the §13 authority recorded; the term
extended only by the head or a deputy, within the rule's longest term, moving it on."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from domain.actor import Actor, Role
from domain.inforequests.errors import (
    ExtenderNotAllowedError,
    ExtensionNotLaterError,
    ExtensionTooLongError,
    IdempotencyKeyReusedError,
    NotExtendableError,
    NotTheAssigneeError,
    ReasonRequiredError,
    ReceivedInTheFutureError,
    StepNotAllowedNowError,
)
from domain.inforequests.request import Channel, InformationRequest, Requester, RequesterKind, Stage, Subject
from domain.international.errors import CapacityNotOfLineError, SignerNotAuthorisedError
from domain.international.signing import (
    LINE,
    SECRETARIAT_LINE,
    Capacity,
    SigningAuthority,
    authority_at,
    check_capacity,
)
from domain.proceedings.case import CommandRef

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
DUE = datetime(2026, 3, 27, 18, 59, 59, tzinfo=UTC)
REGISTRAR, HEAD, DEPUTY = Actor("u-reg", Role.REGISTRAR), Actor("u-head", Role.HEAD), Actor("u-dep", Role.DEPUTY_HEAD)
ANALYST, OTHER_ANALYST = Actor("u-an", Role.ANALYST), Actor("u-an2", Role.ANALYST)
HEAD_AUTHORITY = SigningAuthority("u-head", Capacity.SECRETARIAT_HEAD, datetime(2026, 1, 1, tzinfo=UTC), None,
                                  "order No. 5", SECRETARIAT_LINE)  # fmt: skip


def registered(**changes) -> InformationRequest:
    args = {"requester": Requester("Presidential Administration", RequesterKind.PRESIDENTIAL_ADMINISTRATION,
                                   "No. 12 of 27 Feb 2026"),
            "subject": Subject.STATISTICS, "channel": Channel.ESEDO, "summary": "cassation statistics for 2025",
            "received_at": NOW, "registered_at": NOW, "due_at": DUE, "actor": REGISTRAR} | changes  # fmt: skip
    return InformationRequest.register(uuid4(), **args)


def names(request: InformationRequest) -> list[str]:
    return [type(e).__name__ for e in request.collect_events()]


def test_a_request_is_registered_assigned_drafted_signed_and_answered_each_step_an_event():
    request = registered()
    request.assign(assignee="u-an", assignee_name="Analyst A.", reason="statistics", actor=HEAD)
    request.draft_answer(document_ref="dms://77", actor=ANALYST)
    request.sign_off(authority=HEAD_AUTHORITY, signed_at=NOW, actor=HEAD)
    request.send_answer(sent_at=NOW, channel=Channel.ESEDO, actor=REGISTRAR)
    assert request.stage == Stage.ANSWERED and request.signed_by == "u-head"
    assert names(request) == ["Registered", "Assigned", "AnswerDrafted", "SignedOff", "AnswerSent"]


def test_steps_out_of_order_are_refused():
    request = registered()
    with pytest.raises(StepNotAllowedNowError):
        request.draft_answer(document_ref="dms://1", actor=ANALYST)
    with pytest.raises(StepNotAllowedNowError):
        request.sign_off(authority=HEAD_AUTHORITY, signed_at=NOW, actor=HEAD)
    with pytest.raises(StepNotAllowedNowError):
        request.send_answer(sent_at=NOW, channel=Channel.PAPER, actor=REGISTRAR)
    with pytest.raises(ReceivedInTheFutureError):
        registered(received_at=datetime(2026, 3, 3, tzinfo=UTC))


def test_only_the_assignee_drafts_and_a_reassignment_drops_the_draft():
    request = registered()
    request.assign(assignee="u-an", assignee_name="Analyst A.", reason="statistics", actor=HEAD)
    with pytest.raises(NotTheAssigneeError):
        request.draft_answer(document_ref="dms://1", actor=OTHER_ANALYST)
    request.draft_answer(document_ref="dms://1", actor=ANALYST)
    request.assign(assignee="u-an2", assignee_name="Analyst B.", reason="A. is on leave", actor=HEAD)
    assert (request.stage, request.document_ref) == (Stage.ASSIGNED, None)
    with pytest.raises(ReasonRequiredError):
        request.assign(assignee="u-an", assignee_name="Analyst A.", reason="  ", actor=HEAD)


def test_the_term_is_extended_by_the_head_or_a_deputy_within_the_rules_longest_term():
    request = registered()
    with pytest.raises(ExtenderNotAllowedError):
        request.extend_term(until=date(2026, 4, 10), limit=date(2026, 5, 2), reason="data awaited", actor=ANALYST)
    with pytest.raises(ExtensionTooLongError):
        request.extend_term(until=date(2026, 5, 3), limit=date(2026, 5, 2), reason="data awaited", actor=HEAD)
    with pytest.raises(ExtensionNotLaterError):
        request.extend_term(until=date(2026, 3, 27), limit=date(2026, 5, 2), reason="data awaited", actor=HEAD)
    with pytest.raises(NotExtendableError):
        request.extend_term(until=date(2026, 4, 10), limit=None, reason="data awaited", actor=HEAD)
    with pytest.raises(ReasonRequiredError):
        request.extend_term(until=date(2026, 4, 10), limit=date(2026, 5, 2), reason="", actor=HEAD)
    request.extend_term(until=date(2026, 4, 10), limit=date(2026, 5, 2), reason="data awaited", actor=DEPUTY)
    assert request.last_day == date(2026, 4, 10)
    with pytest.raises(ExtensionNotLaterError):
        request.extend_term(until=date(2026, 4, 9), limit=date(2026, 5, 2), reason="again", actor=HEAD)


def test_the_secretariats_signing_authority_is_its_own_line():
    """The §13 register serves both lines: the international line's deputy cannot sign the
    Secretariat's answers, nor the Secretariat's head the international documents."""
    deputy = SigningAuthority("u-dep", Capacity.SUPERVISING_DEPUTY_HEAD, datetime(2026, 1, 1, tzinfo=UTC), None,
                              "order No. 4")  # fmt: skip
    acting = SigningAuthority("u-dep", Capacity.ACTING, datetime(2026, 3, 1, tzinfo=UTC),
                              datetime(2026, 3, 15, tzinfo=UTC), "acting order No. 9", SECRETARIAT_LINE)  # fmt: skip
    records = [deputy, HEAD_AUTHORITY, acting]
    assert authority_at(records, "u-head", NOW, SECRETARIAT_LINE) == HEAD_AUTHORITY
    assert authority_at(records, "u-dep", NOW, SECRETARIAT_LINE) == acting
    assert authority_at(records, "u-dep", NOW, LINE) == deputy
    with pytest.raises(SignerNotAuthorisedError, match="000 §13"):
        authority_at(records, "u-dep", datetime(2026, 3, 20, tzinfo=UTC), SECRETARIAT_LINE)
    with pytest.raises(SignerNotAuthorisedError, match="003 §13"):
        authority_at(records, "u-head", NOW, LINE)


def test_a_capacity_belongs_to_its_line():
    """The international line's records name only its own capacities (so its published v1 events can
    tell them); a record made before that was checked covers no signature."""
    check_capacity(Capacity.ACTING, LINE)
    check_capacity(Capacity.ACTING, SECRETARIAT_LINE)
    with pytest.raises(CapacityNotOfLineError, match="secretariat_head does not sign on the line"):
        check_capacity(Capacity.SECRETARIAT_HEAD, LINE)
    with pytest.raises(CapacityNotOfLineError):
        check_capacity(Capacity.SUPERVISING_DEPUTY_HEAD, SECRETARIAT_LINE)
    misrecorded = SigningAuthority("u-head", Capacity.SECRETARIAT_HEAD, datetime(2026, 1, 1, tzinfo=UTC), None,
                                   "order No. 5")  # fmt: skip
    with pytest.raises(SignerNotAuthorisedError):
        authority_at([misrecorded], "u-head", NOW, LINE)


def test_a_retried_command_is_recognised_and_a_reused_key_refused():
    command = CommandRef("c-1", "digest-a")
    request = registered(command=command)
    assert request.already_done(command)
    with pytest.raises(IdempotencyKeyReusedError):
        request.already_done(CommandRef("c-1", "digest-b"))

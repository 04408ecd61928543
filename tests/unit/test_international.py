"""Foreign requests: every rule of the international context, with its clause."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from domain.actor import Actor, Role
from domain.international.errors import (
    PretrialDiscoveryError,
    ReasonRequiredError,
    SignerNotAuthorisedError,
    SignOffRequiredError,
    StepNotAllowedNowError,
    TranslationRequiredError,
    WrongDirectionError,
)
from domain.international.jurisdiction import Competence, competent_court
from domain.international.lifecycle import TRANSITIONS, Stage, mermaid
from domain.international.request import (
    ForeignRequest,
    Party,
    RequestedAction,
    RequestKind,
    RequestParticulars,
    Treaty,
)
from domain.international.signing import Capacity, SigningAuthorities, SigningAuthority, authority_at

OFFICER = Actor("officer", Role.INTERNATIONAL_OFFICER)
DEPUTY = Actor("deputy", Role.DEPUTY_HEAD)
T0 = datetime(2025, 9, 1, 5, tzinfo=UTC)
DEPUTY_AUTHORITY = SigningAuthority("deputy", Capacity.SUPERVISING_DEPUTY_HEAD, datetime(2025, 1, 1, tzinfo=UTC),
                                    None, "order 1")  # fmt: skip


def particulars(**changes) -> RequestParticulars:
    values = dict(
        kind=RequestKind.INCOMING_LETTER_ROGATORY, requesting=Party("DE", "AG Berlin"), requested=Party("KZ", "SC"),
        treaty=Treaty.HAGUE_SERVICE_1965, language="ru", action=RequestedAction.SERVICE_OF_DOCUMENTS,
        related_case=None, confidential=False,
    )  # fmt: skip
    return RequestParticulars(**(values | changes))


def studied(**changes) -> ForeignRequest:
    request = ForeignRequest.receive(uuid.uuid4(), particulars=particulars(**changes), received_at=T0, actor=OFFICER)
    request.register(registration_number="IA-1", reason="received", actor=OFFICER)
    request.study(findings="complete", actor=OFFICER)
    return request


def signed(request: ForeignRequest) -> ForeignRequest:
    request.sign_off(document="letter", authority=DEPUTY_AUTHORITY, signed_at=T0, actor=DEPUTY)
    return request


def test_the_full_incoming_lifecycle_records_each_step():
    request = signed(studied())
    request.forward(choice=competent_court("Almaty", Competence.SERVICE_OF_DOCUMENTS, date(2025, 9, 2)),
                    reason="addressee in Almaty", actor=OFFICER)  # fmt: skip
    request.report_execution(executed=True, reported_at=T0, reason="served", actor=OFFICER)
    signed(request).return_documents(to="AG Berlin", reason="certificate", actor=OFFICER)
    request.close(reason="done", actor=OFFICER)
    assert request.stage == Stage.CLOSED
    names = [type(e).__name__ for e in request.collect_events()]
    assert names == ["Received", "Registered", "Studied", "SignedOff", "Forwarded", "ExecutionReported",
                     "SignedOff", "DocumentsReturned", "Closed"]  # fmt: skip


def test_steps_outside_the_lifecycle_table_are_refused():
    request = ForeignRequest.receive(uuid.uuid4(), particulars=particulars(), received_at=T0, actor=OFFICER)
    with pytest.raises(StepNotAllowedNowError):
        request.study(findings="too early", actor=OFFICER)
    assert "received --> registered: register" in mermaid()
    assert all(Stage.CLOSED not in sources for sources, _ in TRANSITIONS.values())


def test_every_step_needs_a_reason():
    request = ForeignRequest.receive(uuid.uuid4(), particulars=particulars(), received_at=T0, actor=OFFICER)
    with pytest.raises(ReasonRequiredError):
        request.register(registration_number="IA-1", reason=" ", actor=OFFICER)


def test_hague_service_documents_in_a_foreign_language_need_a_translation_before_study():
    """Hague Service 1965 / Evidence 1970, Kazakhstan's declarations: Kazakh or Russian, or a certified translation."""
    request = ForeignRequest.receive(uuid.uuid4(), particulars=particulars(language="en"), received_at=T0,
                                     actor=OFFICER)  # fmt: skip
    request.register(registration_number="IA-1", reason="received", actor=OFFICER)
    with pytest.raises(TranslationRequiredError):
        request.study(findings="x", actor=OFFICER)
    request.request_translation(into="ru", reason="English", actor=OFFICER)
    request.receive_translation(language="ru", certified=False, reason="uncertified", actor=OFFICER)
    with pytest.raises(TranslationRequiredError):
        request.study(findings="x", actor=OFFICER)


def test_a_certified_translation_lets_the_request_be_studied():
    request = ForeignRequest.receive(uuid.uuid4(), particulars=particulars(language="en"), received_at=T0,
                                     actor=OFFICER)  # fmt: skip
    request.register(registration_number="IA-1", reason="received", actor=OFFICER)
    request.request_translation(into="kk", reason="English", actor=OFFICER)
    request.receive_translation(language="kk", certified=True, reason="certified", actor=OFFICER)
    request.study(findings="ok", actor=OFFICER)
    assert request.stage == Stage.STUDIED


def test_pretrial_discovery_under_the_evidence_convention_is_not_forwarded_but_may_be_refused():
    """Hague Evidence Convention 1970 art. 23 (Kazakhstan's reservation)."""
    request = signed(studied(treaty=Treaty.HAGUE_EVIDENCE_1970, pretrial_discovery=True,
                             action=RequestedAction.TAKING_EVIDENCE))  # fmt: skip
    with pytest.raises(PretrialDiscoveryError):
        request.forward(choice=competent_court("Almaty", Competence.TAKING_EVIDENCE, date(2025, 9, 2)),
                        reason="x", actor=OFFICER)  # fmt: skip
    request.refuse(ground="pre-trial discovery", legal_basis="Hague Evidence Convention art. 23", actor=OFFICER)
    assert request.stage == Stage.REFUSED


def test_outgoing_documents_need_a_sign_off_and_one_signature_covers_one_document():
    """§13: signed by the supervising deputy head or the person acting for him."""
    request = studied(kind=RequestKind.OUTGOING_LETTER_ROGATORY)
    with pytest.raises(SignOffRequiredError):
        request.send_abroad(addressee="SC of Uzbekistan", electronically=True, reason="x", actor=OFFICER)
    signed(request).send_abroad(addressee="SC of Uzbekistan", electronically=True, reason="x", actor=OFFICER)
    assert request.signature is None


def test_direction_is_checked_incoming_forwarded_outgoing_sent_abroad():
    """УПК 559 / ГПК 476: incoming requests go to a Kazakh court, the court's own ones abroad."""
    with pytest.raises(WrongDirectionError):
        signed(studied()).send_abroad(addressee="x", electronically=False, reason="x", actor=OFFICER)
    with pytest.raises(WrongDirectionError):
        signed(studied(kind=RequestKind.OUTGOING_LETTER_ROGATORY)).forward(
            choice=competent_court("Almaty", Competence.SERVICE_OF_DOCUMENTS, date(2025, 9, 2)), reason="x",
            actor=OFFICER,
        )  # fmt: skip


def test_signer_authority_is_checked_at_the_signing_instant():
    """§13: an acting order covers only its dates."""
    acting = SigningAuthority("acting", Capacity.ACTING, datetime(2025, 8, 1, tzinfo=UTC),
                              datetime(2025, 8, 15, tzinfo=UTC), "order 77 (leave of the deputy)")  # fmt: skip
    register = SigningAuthorities(actor=OFFICER)
    register.record(authority=acting, actor=OFFICER)
    assert register.authority_at("acting", datetime(2025, 8, 10, tzinfo=UTC)) == acting
    with pytest.raises(SignerNotAuthorisedError):
        register.authority_at("acting", datetime(2025, 8, 15, tzinfo=UTC))
    with pytest.raises(SignerNotAuthorisedError):
        authority_at([acting], "someone-else", datetime(2025, 8, 10, tzinfo=UTC))

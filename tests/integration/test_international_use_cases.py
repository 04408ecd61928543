"""The international context's use cases without HTTP: the named methods on the real event
store, with the process's clock set by the test."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from contexts.clock import SetClock
from domain.actor import Actor, Role
from domain.international.errors import (
    IdempotencyKeyReusedError,
    NoCompetentCourtError,
    PretrialDiscoveryError,
    SignerNotAuthorisedError,
    SignOffRequiredError,
    TranslationRequiredError,
    VersionMismatchError,
)
from domain.international.jurisdiction import Matter
from domain.international.request import Party, RequestedAction, RequestKind, RequestParticulars, Treaty
from domain.international.signing import Capacity
from sotflow.bootstrap import bootstrap

OFFICER = Actor("u-officer", Role.INTERNATIONAL_OFFICER)
HEAD = Actor("u-head", Role.HEAD)
DEPUTY = Actor("u-deputy", Role.DEPUTY_HEAD)
INCOMING = RequestParticulars(
    kind=RequestKind.INCOMING_LETTER_ROGATORY, requesting=Party("DE", "Amtsgericht Berlin-Mitte"),
    requested=Party("KZ", "Judicial Administration"), treaty=Treaty.HAGUE_SERVICE_1965, language="de",
    action=RequestedAction.SERVICE_OF_DOCUMENTS, related_case=None, confidential=False,
)  # fmt: skip


def clocked(settings, at: datetime):
    clock = SetClock(at)
    return bootstrap(settings, clock=clock), clock


@pytest.fixture
def now():
    return datetime.now(UTC).replace(microsecond=0)


def authorise(international, signer: Actor, valid_from: datetime, valid_to: datetime | None = None) -> int:
    return international.record_signing_authority(
        user_id=signer.user_id, capacity=Capacity.SUPERVISING_DEPUTY_HEAD, valid_from=valid_from, valid_to=valid_to,
        basis="order No. 4", actor=HEAD,
    )  # fmt: skip


def test_an_incoming_request_from_receipt_to_closure_through_the_named_use_cases(settings, now):
    system, clock = clocked(settings, now)
    international = system.international
    try:
        received = international.receive_request(
            request_id=None, particulars=INCOMING, received_at=now, actor=OFFICER, idempotency_key="k-receive"
        )
        again = international.receive_request(
            request_id=None, particulars=INCOMING, received_at=now, actor=OFFICER, idempotency_key="k-receive"
        )
        assert (received.stage, received.replayed) == ("received", False)
        assert (again.id, again.version, again.replayed) == (received.id, received.version, True)
        with pytest.raises(IdempotencyKeyReusedError):  # the same key with another request
            international.receive_request(
                request_id=None, particulars=dataclasses.replace(INCOMING, language="fr"), received_at=now,
                actor=OFFICER, idempotency_key="k-receive",
            )  # fmt: skip
        rid = received.id

        registered = international.register_request(rid, registration_number="IA-1/2026", reason="received",
                                                     actor=OFFICER, idempotency_key="k-register")  # fmt: skip
        assert international.register_request(
            rid, registration_number="IA-1/2026", reason="received", actor=OFFICER, idempotency_key="k-register"
        ).replayed
        with pytest.raises(IdempotencyKeyReusedError):
            international.register_request(rid, registration_number="IA-2/2026", reason="received", actor=OFFICER,
                                           idempotency_key="k-register")  # fmt: skip
        with pytest.raises(TranslationRequiredError):  # German is not accepted untranslated
            international.study_request(rid, findings="complete", actor=OFFICER)
        international.request_translation(rid, into="ru", reason="German original", actor=OFFICER)
        international.record_translation(rid, language="ru", certified=True, reason="certified", actor=OFFICER)
        studied = international.study_request(rid, findings="service on a resident of Almaty", actor=OFFICER)
        assert studied.version > registered.version and studied.stage == "studied"

        with pytest.raises(SignOffRequiredError):
            international.forward_request(rid, region="Almaty", court=None, matter=Matter.CIVIL,
                                          reason="addressee in Almaty", actor=OFFICER)  # fmt: skip
        # §13 by the process's clock: an authority from tomorrow does not cover a signature today.
        authorise(international, DEPUTY, valid_from=now + timedelta(days=1))
        with pytest.raises(SignerNotAuthorisedError):
            international.sign_off_request(rid, document="covering letter", actor=DEPUTY)
        clock.advance(timedelta(days=1, hours=1))
        international.sign_off_request(rid, document="covering letter", actor=DEPUTY)
        (signed,) = [e for e in international.repository.event_store.get(rid) if type(e).__name__ == "SignedOff"]
        assert signed.signed_at == clock.now() and signed.authority.basis == "order No. 4"

        forwarded = international.forward_request(rid, region="Almaty", court=None, matter=Matter.CIVIL,
                                                  reason="addressee in Almaty", actor=OFFICER)  # fmt: skip
        assert (forwarded.stage, international.get_request(rid).forwarded_to) == ("forwarded", "almaty-city")
        with pytest.raises(VersionMismatchError):  # a step based on a stale read
            international.report_execution(rid, executed=True, reported_at=clock.now(), reason="served",
                                           actor=OFFICER, expected_version=studied.version)  # fmt: skip
        international.report_execution(rid, executed=True, reported_at=clock.now(), reason="served", actor=OFFICER,
                                       expected_version=forwarded.version)  # fmt: skip
        international.sign_off_request(rid, document="certificate of service", actor=DEPUTY)
        international.return_documents(rid, to="Amtsgericht Berlin-Mitte", reason="certificate", actor=OFFICER)
        closed = international.close_request(rid, reason="executed and returned", actor=OFFICER)
        assert closed.stage == international.get_request(rid).stage == "closed"
    finally:
        system.close()


def test_outgoing_returned_and_refused_requests(settings, now):
    system, _ = clocked(settings, now)
    international = system.international
    try:
        authorise(international, DEPUTY, valid_from=now - timedelta(days=1))
        outgoing = dataclasses.replace(
            INCOMING, kind=RequestKind.OUTGOING_LETTER_ROGATORY, requesting=Party("KZ", "Supreme Court"),
            requested=Party("UZ", "Supreme Court"), treaty=Treaty.CHISINAU_2002, language="ru",
            action=RequestedAction.TAKING_EVIDENCE,
        )  # fmt: skip
        rid = international.receive_request(request_id=None, particulars=outgoing, received_at=now, actor=OFFICER).id
        international.register_request(rid, registration_number="IA-3/2026", reason="from a judge", actor=OFFICER)
        international.study_request(rid, findings="complete", actor=OFFICER)
        international.sign_off_request(rid, document="letter rogatory", actor=DEPUTY)
        sent = international.send_abroad(rid, addressee="Supreme Court of Uzbekistan", electronically=True,
                                         reason="Chisinau 2002", actor=OFFICER)  # fmt: skip
        posted = international.post_original(rid, postal_ref="RR123456789KZ", actor=OFFICER)
        assert (sent.stage, posted.stage, posted.version) == ("sent_abroad", "sent_abroad", sent.version + 1)

        returned = international.receive_request(
            request_id=None, particulars=dataclasses.replace(INCOMING, language="ru"), received_at=now, actor=OFFICER
        ).id
        international.register_request(returned, registration_number="IA-4/2026", reason="received", actor=OFFICER)
        assert international.return_request(returned, reason="not ours", actor=OFFICER).stage == "returned"

        discovery = dataclasses.replace(
            INCOMING, treaty=Treaty.HAGUE_EVIDENCE_1970, language="ru", action=RequestedAction.TAKING_EVIDENCE,
            pretrial_discovery=True, requesting=Party("US", "S.D.N.Y."),
        )  # fmt: skip
        refused = international.receive_request(request_id=None, particulars=discovery, received_at=now,
                                                actor=OFFICER).id  # fmt: skip
        international.register_request(refused, registration_number="IA-5/2026", reason="received", actor=OFFICER)
        international.study_request(refused, findings="pre-trial discovery of documents", actor=OFFICER)
        international.sign_off_request(refused, document="refusal letter", actor=DEPUTY)
        with pytest.raises(PretrialDiscoveryError):
            international.forward_request(refused, region="Almaty", court=None, matter=Matter.CIVIL,
                                          reason="witness in Almaty", actor=OFFICER)  # fmt: skip
        refusal = international.refuse_execution(
            refused, ground="pre-trial discovery", legal_basis="Hague Evidence Convention art. 23", actor=OFFICER
        )
        assert refusal.stage == "refused"
    finally:
        system.close()


def test_the_court_is_the_jurisdiction_tables_on_the_clocks_court_day(settings):
    # Almaty's courts took administrative matters from 1 July 2021: 30 June, 22:30 court time
    # (UTC+6 then) is still June; two hours later it is July there, though still 30 June in UTC.
    system, clock = clocked(settings, datetime(2021, 6, 30, 16, 30, tzinfo=UTC))
    international = system.international
    try:
        authorise(international, DEPUTY, valid_from=clock.now() - timedelta(days=1))
        particulars = dataclasses.replace(INCOMING, language="ru")
        rid = international.receive_request(
            request_id=None, particulars=particulars, received_at=clock.now(), actor=OFFICER
        ).id
        international.register_request(rid, registration_number="IA-6/2021", reason="received", actor=OFFICER)
        international.study_request(rid, findings="an administrative matter", actor=OFFICER)
        international.sign_off_request(rid, document="covering letter", actor=DEPUTY)
        with pytest.raises(NoCompetentCourtError):
            international.forward_request(rid, region="Almaty", court=None, matter=Matter.ADMINISTRATIVE,
                                          reason="addressee in Almaty", actor=OFFICER)  # fmt: skip
        clock.advance(timedelta(hours=2))
        international.forward_request(rid, region="Almaty", court=None, matter=Matter.ADMINISTRATIVE,
                                      reason="addressee in Almaty", actor=OFFICER)  # fmt: skip
        assert international.get_request(rid).forwarded_to == "almaty-city"
        (forwarded,) = [e for e in international.repository.event_store.get(rid) if type(e).__name__ == "Forwarded"]
        assert "on 2021-07-01" in forwarded.why
    finally:
        system.close()

"""One fixed example per domain event of the international and applications contexts."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from domain.actor import Actor, Role
from domain.applications.application import Applicant, ApplicantKind, Application, Channel, Subject
from domain.applications.reception import ChairPost, Receiver, Reception, SignUp
from domain.international.jurisdiction import Competence, competent_court
from domain.international.request import (
    ForeignRequest,
    Party,
    RequestedAction,
    RequestKind,
    RequestParticulars,
    Treaty,
)
from domain.international.signing import Capacity, SigningAuthorities, SigningAuthority

NOW = datetime(2025, 9, 1, 5, 0, tzinfo=UTC)
OFFICER = Actor("u-7d3e9a1b0c4f", Role.INTERNATIONAL_OFFICER)
DEPUTY = Actor("u-2a9c4e7f1b3d", Role.DEPUTY_HEAD)


def _international_events() -> dict[type, object]:
    """An incoming letter rogatory through its whole lifecycle; an outgoing one sent electronically; a refusal."""
    authority = SigningAuthority(
        DEPUTY.user_id, Capacity.SUPERVISING_DEPUTY_HEAD, datetime(2025, 1, 10, tzinfo=UTC), None,
        "order No. 4 of 10 Jan 2025",
    )  # fmt: skip
    register = SigningAuthorities(actor=OFFICER)
    register.record(authority=authority, actor=OFFICER)
    incoming = ForeignRequest.receive(
        UUID("3e8c1f2a-4b5d-4c6e-9f70-81a2b3c4d5e6"),
        particulars=RequestParticulars(
            RequestKind.INCOMING_LETTER_ROGATORY, Party("DE", "Amtsgericht Berlin-Mitte"),
            Party("KZ", "Judicial Administration (central authority)"), Treaty.HAGUE_SERVICE_1965, "de",
            RequestedAction.SERVICE_OF_DOCUMENTS, None, False,
        ),
        received_at=NOW, actor=OFFICER,
    )  # fmt: skip
    incoming.register(registration_number="IA-117/2025", reason="registered on receipt", actor=OFFICER)
    incoming.request_translation(into="ru", reason="the request is in German", actor=OFFICER)
    incoming.receive_translation(language="ru", certified=True, reason="certified translation", actor=OFFICER)
    incoming.study(findings="service on a resident of Almaty; documents complete", actor=OFFICER)
    incoming.sign_off(document="covering letter to the court", authority=authority, signed_at=NOW, actor=DEPUTY)
    incoming.forward(
        choice=competent_court("Almaty", Competence.SERVICE_OF_DOCUMENTS, date(2025, 9, 3)),
        reason="the addressee lives in Almaty", actor=OFFICER,
    )  # fmt: skip
    incoming.report_execution(executed=True, reported_at=NOW + timedelta(days=20), reason="served", actor=OFFICER)
    incoming.sign_off(document="certificate of service", authority=authority, signed_at=NOW, actor=DEPUTY)
    incoming.return_documents(to="Amtsgericht Berlin-Mitte", reason="certificate of service", actor=OFFICER)
    incoming.close(reason="executed and returned", actor=OFFICER)
    outgoing = ForeignRequest.receive(
        UUID("4f9d2a3b-5c6e-4d7f-8a81-92b3c4d5e6f7"),
        particulars=RequestParticulars(
            RequestKind.OUTGOING_LETTER_ROGATORY, Party("KZ", "Supreme Court"), Party("UZ", "Supreme Court"),
            Treaty.CHISINAU_2002, "ru", RequestedAction.TAKING_EVIDENCE, "1-2231/2024", True,
        ),
        received_at=NOW, actor=OFFICER,
    )  # fmt: skip
    outgoing.register(registration_number="IA-118/2025", reason="request of the cassation court", actor=OFFICER)
    outgoing.study(findings="complete", actor=OFFICER)
    outgoing.sign_off(document="letter rogatory", authority=authority, signed_at=NOW, actor=DEPUTY)
    outgoing.send_abroad(addressee="Supreme Court of Uzbekistan", electronically=True, reason="Chisinau 2002",
                         actor=OFFICER)  # fmt: skip
    outgoing.post_original(postal_ref="RR123456789KZ", actor=OFFICER)
    refused = ForeignRequest.receive(
        UUID("5a0e3b4c-6d7f-4e80-9b92-a3c4d5e6f708"),
        particulars=RequestParticulars(
            RequestKind.INCOMING_LETTER_ROGATORY, Party("US", "District Court, S.D.N.Y."), Party("KZ", "Supreme Court"),
            Treaty.HAGUE_EVIDENCE_1970, "ru", RequestedAction.TAKING_EVIDENCE, None, False, pretrial_discovery=True,
        ),
        received_at=NOW, actor=OFFICER,
    )  # fmt: skip
    refused.register(registration_number="IA-119/2025", reason="registered", actor=OFFICER)
    refused.study(findings="pre-trial discovery of documents", actor=OFFICER)
    refused.sign_off(document="refusal letter", authority=authority, signed_at=NOW, actor=DEPUTY)
    refused.refuse(ground="pre-trial discovery", legal_basis="Hague Evidence Convention art. 23", actor=OFFICER)
    returned = ForeignRequest.receive(
        UUID("6b1f4c5d-7e80-4f91-8ca3-b4d5e6f70819"), particulars=outgoing.particulars, received_at=NOW,
        actor=OFFICER,
    )  # fmt: skip
    returned.register(registration_number="IA-120/2025", reason="registered", actor=OFFICER)
    returned.return_request(reason="the request names no addressee", actor=OFFICER)
    events = [
        *register.collect_events(), *incoming.collect_events(), *outgoing.collect_events(),
        *refused.collect_events(), *returned.collect_events(),
    ]  # fmt: skip
    return {type(e): dataclasses.replace(e, timestamp=NOW) for e in events}


def _applications_events() -> dict[type, object]:
    """An application answered after an extension, and one redirected."""
    clerk = Actor("u-3f2a9c0d1e2b", Role.REGISTRAR)
    consultant = Actor("u-9b8a7c6d5e4f", Role.CONSULTANT)
    head = Actor("u-5b1e07aa41c2", Role.HEAD)
    app = Application.register(
        UUID("7c2a5d6e-8f91-4a02-9db4-c5e6f708192a"),
        applicant=Applicant("Serikova A.", ApplicantKind.INDIVIDUAL, "850101400123"), channel=Channel.E_OTINISH,
        subject=Subject.PENDING_PROCEEDINGS, summary="when will my cassation complaint be heard",
        related_case="cassation-criminal-CC-1/2025", received_at=NOW, actor=clerk,
    )  # fmt: skip
    app.assign(consultant=consultant.user_id, reason="criminal cassation line", actor=head)
    app.extend_term(until=date(2025, 10, 15), reason="the case file is awaited from the lower court", actor=head)
    app.notify_extension(notified_at=NOW + timedelta(days=1), channel=Channel.E_OTINISH, actor=clerk)
    app.draft_answer(document_ref="dms://answers/2025/117", actor=consultant)
    app.approve_answer(reason="approved", actor=head)
    app.send_answer(sent_at=NOW + timedelta(days=30), channel=Channel.E_OTINISH, actor=clerk)
    other = Application.register(
        UUID("8d3b6e7f-9002-4b13-8ec5-d6f708192a3b"),
        applicant=Applicant("Nurly Zhol LLP", ApplicantKind.LEGAL_ENTITY, "120340012345"), channel=Channel.PAPER,
        subject=Subject.INFORMATION_REQUEST, summary="land registry records", related_case=None, received_at=NOW,
        actor=clerk,
    )  # fmt: skip
    other.redirect(to_body="Ministry of Justice", applicant_notified=True, reason="land registry: not a court",
                   actor=clerk)  # fmt: skip
    events = [*app.collect_events(), *other.collect_events(), *_reception_events(clerk, consultant)]
    return {type(e): dataclasses.replace(e, timestamp=NOW) for e in events}


def _reception_events(clerk: Actor, consultant: Actor) -> list:
    """A reception rescheduled, prepared and held (an application handed in there); one cancelled."""
    chair = Actor("u-1c4d7e0f2a5b", Role.HEAD)
    receiver = Receiver(chair.user_id, "Chair of the criminal collegium", ChairPost.COLLEGIUM_CHAIR)
    applicant = Applicant("Serikova A.", ApplicantKind.INDIVIDUAL, "850101400123")
    at = datetime(2025, 9, 10, 10, 0, tzinfo=UTC)
    reception = Reception.schedule(
        UUID("9e4c7f80-a113-4c24-9fd6-e7f8091a2b3c"), receiver=receiver, scheduled_for=at,
        place="Supreme Court, room 405", applicant=applicant, subject="the cassation complaint in her son's case",
        related_case="cassation-criminal-CC-1/2025", sign_up=SignUp.WRITTEN_REQUEST, actor=clerk, now=NOW,
    )  # fmt: skip
    reception.reschedule(scheduled_for=at + timedelta(days=2), place=None, receiver=None,
                         reason="the chair is in a plenary session", actor=clerk, now=NOW)  # fmt: skip
    reception.prepare_material(
        summary="complaint pending since 1 Sep 2025; one earlier application answered",
        earlier_applications=("7c2a5d6e-8f91-4a02-9db4-c5e6f708192a",), related_cases=(), actor=consultant,
    )  # fmt: skip
    held = Application.register(
        UUID("af5d8091-b224-4d35-80e7-f8091a2b3c4d"), applicant=applicant, channel=Channel.RECEPTION,
        subject=Subject.PENDING_PROCEEDINGS, summary="asks that the hearing be expedited",
        related_case="cassation-criminal-CC-1/2025", received_at=at + timedelta(days=2, minutes=30), actor=chair,
    )  # fmt: skip
    held.link_reception(reception_id=str(reception.id), actor=chair)
    reception.hold(
        held_at=at + timedelta(days=2, minutes=30), requests="asks when the complaint will be heard",
        instructions=("check the case file request", "answer in writing within 15 working days"),
        application_id=str(held.id), actor=chair, now=at + timedelta(days=3),
    )  # fmt: skip
    cancelled = Reception.schedule(
        UUID("b06e91a2-c335-4e46-91f8-091a2b3c4d5e"), receiver=receiver, scheduled_for=at, place="room 405",
        applicant=applicant, subject="duplicate request", sign_up=SignUp.PHONE, actor=clerk, now=NOW,
    )  # fmt: skip
    cancelled.cancel(reason="the applicant withdrew the request", actor=clerk)
    return [*reception.collect_events(), *held.collect_events(), *cancelled.collect_events()]


INTERNATIONAL_EXAMPLES = {cls: (lambda e=e: e) for cls, e in (_international_events() | _applications_events()).items()}

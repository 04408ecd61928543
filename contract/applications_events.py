"""Public events of the applications context (АППК 76): data models and the mapping
from each domain event. The step's reason and actor travel in the envelope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contract.public_type import PublicEventType
from domain.applications.application import ApplicantKind, Application, Channel, Subject
from domain.applications.reception import ChairPost, Reception, SignUp


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApplicationData(Data):
    application_id: str = Field(description="The application (also the subject).")


class ApplicantData(Data):
    name: str
    kind: ApplicantKind
    identifier: str | None = Field(description="ИИН/БИН when given: links the applicant's earlier applications.")


class ApplicationRegisteredData(ApplicationData):
    applicant: ApplicantData
    channel: Channel
    subject: Subject
    summary: str
    related_case: str | None
    received_at: str = Field(description="ISO date-time with offset; the 15 working days run from it (АППК 76).")
    confidential: bool = Field(description="Applications are public in the register unless marked.")


class ApplicationRedirectedData(ApplicationData):
    to_body: str = Field(description="The competent body it was forwarded to (within 3 working days, АППК 76).")


class ConsultantAssignedData(ApplicationData):
    consultant: str


class AnswerDraftedData(ApplicationData):
    document_ref: str


class AnswerApprovedData(ApplicationData):
    pass


class AnswerSentData(ApplicationData):
    sent_at: str
    channel: Channel


class AnswerTermExtendedData(ApplicationData):
    until: str = Field(description="The new last day; at most 2 months from receipt (АППК 76).")


class ExtensionNotifiedData(ApplicationData):
    notified_at: str
    channel: Channel


class ApplicationReceivedAtReceptionData(ApplicationData):
    reception_id: str = Field(description="The personal reception it was handed in at; its reception-held names it.")


class ReceptionData(Data):
    reception_id: str = Field(description="The reception (also the subject).")


class ReceiverData(Data):
    user_id: str
    name: str
    post: ChairPost


class ReceptionScheduledData(ReceptionData):
    receiver: ReceiverData = Field(description="The chair or deputy who receives.")
    scheduled_for: str = Field(description="ISO date-time with offset.")
    place: str
    applicant: ApplicantData
    subject: str = Field(description="What the applicant wants to raise.")
    related_case: str | None
    sign_up: SignUp = Field(description="How the applicant asked to be received.")
    confidential: bool


class ReceptionRescheduledData(ReceptionData):
    scheduled_for: str
    previous_scheduled_for: str
    place: str
    receiver: ReceiverData


class ReceptionCancelledData(ReceptionData):
    pass


class ReceptionMaterialPreparedData(ReceptionData):
    prepared_by: str = Field(description="The consultant's user id (§7.2(3)).")
    summary: str
    earlier_applications: list[str] = Field(description="The applicant's earlier applications (ids), by ИИН/БИН.")
    related_cases: list[str]


class ReceptionHeldData(ReceptionData):
    held_at: str
    requests: str = Field(description="What the applicant asked.")
    instructions: list[str] = Field(description="The chair's instructions.")
    application_id: str | None = Field(description="The application registered from the reception, if any.")
    with_reference_material: bool = Field(description="False: held without prepared reference material.")


def _with(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"application_id": str(e.originator_id)} | fields(e)


def _reception(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"reception_id": str(e.originator_id)} | fields(e)


def _receiver(r) -> dict[str, Any]:
    return {"user_id": r.user_id, "name": r.name, "post": str(r.post)}


def _applicant(a) -> dict[str, Any]:
    return {"name": a.name, "kind": str(a.kind), "identifier": a.identifier}


def _scheduled(e) -> dict[str, Any]:
    return {
        "receiver": _receiver(e.receiver), "scheduled_for": e.scheduled_for.isoformat(), "place": e.place,
        "applicant": _applicant(e.applicant), "subject": e.subject, "related_case": e.related_case,
        "sign_up": str(e.sign_up), "confidential": e.confidential,
    }  # fmt: skip


def _rescheduled(e) -> dict[str, Any]:
    return {
        "scheduled_for": e.scheduled_for.isoformat(), "previous_scheduled_for": e.previous_scheduled_for.isoformat(),
        "place": e.place, "receiver": _receiver(e.receiver),
    }  # fmt: skip


def _material(e) -> dict[str, Any]:
    m = e.material
    return {"prepared_by": m.prepared_by, "summary": m.summary, "earlier_applications": list(m.earlier_applications),
            "related_cases": list(m.related_cases)}  # fmt: skip


def _held(e) -> dict[str, Any]:
    return {
        "held_at": e.held_at.isoformat(), "requests": e.requests, "instructions": list(e.instructions),
        "application_id": e.application_id, "with_reference_material": e.with_reference_material,
    }  # fmt: skip


def _registered(e) -> dict[str, Any]:
    a = e.applicant
    return {
        "applicant": {"name": a.name, "kind": str(a.kind), "identifier": a.identifier},
        "channel": str(e.channel), "subject": str(e.subject), "summary": e.summary,
        "related_case": e.related_case, "received_at": e.received_at.isoformat(), "confidential": e.confidential,
    }  # fmt: skip


A = Application
EVENTS: list[tuple[type, str, type[Data], Callable[[Any], dict[str, Any]], str, str]] = [
    (A.Registered, "application-registered", ApplicationRegisteredData, _with(_registered),
     "Application registered", "An application of an individual or legal entity was registered; it is answered "
     "within 15 working days (АППК 76)."),
    (A.Redirected, "application-redirected", ApplicationRedirectedData, _with(lambda e: {"to_body": e.to_body}),
     "Application redirected", "Outside the court's competence: forwarded, the applicant notified (АППК 76)."),
    (A.Assigned, "consultant-assigned", ConsultantAssignedData, _with(lambda e: {"consultant": e.consultant}),
     "Consultant assigned", "A consultant was assigned to prepare the answer."),
    (A.AnswerDrafted, "answer-drafted", AnswerDraftedData, _with(lambda e: {"document_ref": e.document_ref}),
     "Answer drafted", "The consultant drafted the answer."),
    (A.AnswerApproved, "answer-approved", AnswerApprovedData, _with(lambda e: {}),
     "Answer approved", "The head or a deputy head approved the answer."),
    (A.AnswerSent, "answer-sent", AnswerSentData,
     _with(lambda e: {"sent_at": e.sent_at.isoformat(), "channel": str(e.channel)}),
     "Answer sent", "The answer was sent to the applicant."),
    (A.TermExtended, "answer-term-extended", AnswerTermExtendedData, _with(lambda e: {"until": e.until.isoformat()}),
     "Answer term extended", "By a reasoned decision of the head or a deputy, to at most 2 months (АППК 76); the "
     "applicant is told within 3 working days."),
    (A.ExtensionNotified, "extension-notified", ExtensionNotifiedData,
     _with(lambda e: {"notified_at": e.notified_at.isoformat(), "channel": str(e.channel)}),
     "Extension notified", "The applicant was told of the extension (АППК 76)."),
    (A.ReceivedAtReception, "application-received-at-reception", ApplicationReceivedAtReceptionData,
     _with(lambda e: {"reception_id": e.reception_id}), "Application received at a reception",
     "The application was handed in at a chair's personal reception (§7.2.3)."),
]  # fmt: skip

R = Reception
RECEPTION_EVENTS: list[tuple[type, str, type[Data], Callable[[Any], dict[str, Any]], str, str]] = [
    (R.Scheduled, "reception-scheduled", ReceptionScheduledData, _reception(_scheduled),
     "Reception scheduled", "A citizen's personal reception by a chair or deputy was scheduled (§7.2.3)."),
    (R.Rescheduled, "reception-rescheduled", ReceptionRescheduledData, _reception(_rescheduled),
     "Reception rescheduled", "A new time, place or receiving chair; the reason is in the envelope."),
    (R.Cancelled, "reception-cancelled", ReceptionCancelledData, _reception(lambda e: {}),
     "Reception cancelled", "The reception will not take place; the reason is in the envelope."),
    (R.MaterialPrepared, "reception-material-prepared", ReceptionMaterialPreparedData, _reception(_material),
     "Reception material prepared", "A consultant prepared the chair's reference material (§7.2(3)), linking the "
     "applicant's earlier applications and related cases; a later version replaces it."),
    (R.Held, "reception-held", ReceptionHeldData, _reception(_held),
     "Reception held", "The chair received the applicant: what was asked, the instructions given and the "
     "application registered from it, if any."),
]  # fmt: skip


def catalogue_entries() -> dict[type, tuple]:
    return {
        cls: (
            PublicEventType(
                context="applications", name=name, version=1, to_data=to_data,
                subject=lambda e: str(e.originator_id), title=title, description=description, data_model=model,
                subject_description=subject_description,
            ),
        )
        for events, subject_description in ((EVENTS, "The application id."), (RECEPTION_EVENTS, "The reception id."))
        for cls, name, model, to_data, title, description in events
    }  # fmt: skip

"""Public events of the applications context (АППК 76): data models and the mapping
from each domain event. The step's reason and actor travel in the envelope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from domain.applications.application import ApplicantKind, Application, Channel, Subject


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


def _with(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"application_id": str(e.originator_id)} | fields(e)


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
]  # fmt: skip


def catalogue_entries() -> dict[type, tuple]:
    from contract.catalogue import PublicEventType

    return {
        cls: (
            PublicEventType(
                context="applications", name=name, version=1, to_data=to_data,
                subject=lambda e: str(e.originator_id), title=title, description=description, data_model=model,
                subject_description="The application id.",
            ),
        )
        for cls, name, model, to_data, title, description in EVENTS
    }  # fmt: skip

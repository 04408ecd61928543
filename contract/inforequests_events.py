"""Public events of the information-requests context (seed 000 §7.3.4, §13): data models
and the mapping from each domain event. A step's reason and actor travel in the envelope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contract.international_events import _authority_v2
from contract.public_type import PublicEventType
from domain.inforequests.request import Channel, InformationRequest, RequesterKind, Subject
from domain.international.signing import LINE, Capacity


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RequestData(Data):
    request_id: str = Field(description="The request for information (also the subject).")


class RequesterData(Data):
    name: str = Field(description="The requesting body or person.")
    kind: RequesterKind
    reference: str | None = Field(description="The requester's own letter: its number and date.")


class RequestRegisteredData(RequestData):
    requester: RequesterData
    subject: Subject = Field(description="Statistics, or an analysis of judicial practice.")
    channel: Channel
    summary: str
    received_at: str = Field(description="ISO date-time with offset; the answer term runs from it.")
    due_at: str = Field(description="When the answer is due (rule inforequests.answer in force at receipt).")


class RequestAssignedData(RequestData):
    assignee: str = Field(description="The analyst's user id (the practice-analysis sector).")
    assignee_name: str


class AnswerDraftedData(RequestData):
    document_ref: str = Field(description="The drafted answer in the document system.")


# The §13 register's record as answer-signed-off v1 was published with (its line named).
class AuthorityData(Data):
    user_id: str
    capacity: Capacity
    valid_from: str
    valid_to: str | None
    basis: str = Field(description="The appointing or acting order the authority rests on.")
    line: str = Field(
        default=LINE,
        description="The line of work signed for: `international_legal_assistance` (003 §13) or "
        "`secretariat_documents` (000 §13); absent in records made before lines were told apart.",
    )


class AnswerSignedOffData(RequestData):
    document_ref: str
    signed_at: str
    authority: AuthorityData = Field(description="The signer's authority in force at signing (000 §13).")


class AnswerSentData(RequestData):
    sent_at: str
    channel: Channel


class AnswerTermExtendedData(RequestData):
    until: str = Field(description="ISO date: the answer's new last day.")


def _with(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"request_id": str(e.originator_id)} | fields(e)


def _registered(e) -> dict[str, Any]:
    r = e.requester
    return {
        "requester": {"name": r.name, "kind": str(r.kind), "reference": r.reference}, "subject": str(e.subject),
        "channel": str(e.channel), "summary": e.summary, "received_at": e.received_at.isoformat(),
        "due_at": e.due_at.isoformat(),
    }  # fmt: skip


R = InformationRequest
EVENTS: list[tuple[type, str, type[Data], Callable[[Any], dict[str, Any]], str, str]] = [
    (R.Registered, "request-registered", RequestRegisteredData, _with(_registered),
     "Request for information registered",
     "A request of the Presidential Administration, a state body, a legal entity or an individual for statistics "
     "or an analysis of judicial practice was registered (000 §7.3.4); its answer is due by `due_at`."),
    (R.Assigned, "request-assigned", RequestAssignedData,
     _with(lambda e: {"assignee": e.assignee, "assignee_name": e.assignee_name}),
     "Request assigned to the practice-analysis sector", "An analyst of the sector prepares the answer."),
    (R.AnswerDrafted, "answer-drafted", AnswerDraftedData, _with(lambda e: {"document_ref": e.document_ref}),
     "Answer drafted", "The assigned analyst drafted the answer."),
    (R.SignedOff, "answer-signed-off", AnswerSignedOffData,
     _with(lambda e: {"document_ref": e.document_ref, "signed_at": e.signed_at.isoformat(),
                      "authority": _authority_v2(e.authority)}),
     "Answer signed off", "The head of the Secretariat or the person acting for him signed the answer (000 §13); "
     "the authority in force at signing is recorded."),
    (R.AnswerSent, "answer-sent", AnswerSentData,
     _with(lambda e: {"sent_at": e.sent_at.isoformat(), "channel": str(e.channel)}),
     "Answer sent", "The signed answer was sent to the requester: the answer term is met."),
    (R.TermExtended, "answer-term-extended", AnswerTermExtendedData,
     _with(lambda e: {"until": e.until.isoformat()}), "Answer term extended",
     "The head or a deputy extended the answer's term by a reasoned decision (the reason is in the envelope)."),
]  # fmt: skip


def catalogue_entries() -> dict[type, tuple]:
    return {
        cls: (
            PublicEventType(
                context="inforequests", name=name, version=1, to_data=to_data,
                subject=lambda e: str(e.originator_id), title=title, description=description, data_model=model,
                subject_description="The request id.",
            ),
        )
        for cls, name, model, to_data, title, description in EVENTS
    }  # fmt: skip

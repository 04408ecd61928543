"""Public events of the international context (foreign requests and the §13 signing
register): data models (their JSON Schemas are generated from these) and the mapping
from each domain event. The step's reason and actor travel in the envelope."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contract.public_type import PublicEventType
from domain.international import signing
from domain.international.request import ForeignRequest, RequestedAction, RequestKind, Treaty
from domain.international.signing import LINE, SigningAuthorities


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RequestData(Data):
    request_id: str = Field(description="The foreign request (also the subject).")


class PartyData(Data):
    state: str = Field(description="ISO 3166-1 alpha-2.")
    authority: str


class RequestReceivedData(RequestData):
    kind: RequestKind
    requesting: PartyData
    requested: PartyData
    foreign_state: str = Field(description="The other state: the requesting one for incoming requests.")
    treaty: Treaty
    language: str = Field(description="ISO 639-1 language of the request.")
    action: RequestedAction
    related_case: str | None
    confidential: bool = Field(description="True only when the request itself asks for confidentiality.")
    pretrial_discovery: bool
    received_electronically: bool
    received_at: str = Field(description="ISO date-time with offset.")


class RequestRegisteredData(RequestData):
    registration_number: str


class TranslationRequestedData(RequestData):
    into: str


class TranslationReceivedData(RequestData):
    language: str
    certified: bool


class RequestStudiedData(RequestData):
    findings: str


# The capacities v1 was published with, those of the international line (003 §13); named as
# in the domain so that the v1 schemas stay as published (comments, not docstrings, for the same reason).
class Capacity(StrEnum):
    SUPERVISING_DEPUTY_HEAD = "supervising_deputy_head"
    ACTING = "acting"


# An authority as v1 carries it: the international line's, without naming the line.
class AuthorityData(Data):
    user_id: str
    capacity: Capacity
    valid_from: str
    valid_to: str | None
    basis: str = Field(description="The appointing or acting order the authority rests on.")


class AuthorityV2Data(Data):
    user_id: str
    capacity: signing.Capacity
    valid_from: str
    valid_to: str | None
    basis: str = Field(description="The appointing or acting order the authority rests on.")
    line: str = Field(
        description="The line of work signed for: `international_legal_assistance` (003 §13) or "
        "`secretariat_documents` (000 §13).",
    )


class RequestSignedOffData(RequestData):
    document: str
    signed_at: str
    authority: AuthorityData = Field(description="The signer's authority in force at signing (§13).")


class RequestForwardedData(RequestData):
    court: str = Field(description="The competent Kazakh court, from the jurisdiction table.")
    why: str = Field(description="Why this court: the table row, its basis and effective date.")
    kind: RequestKind


class RequestSentAbroadData(RequestData):
    addressee: str
    electronically: bool = Field(description="True: the original follows by post within 3 days (УПК 560(4)).")


class OriginalPostedData(RequestData):
    postal_ref: str


class RequestReturnedData(RequestData):
    pass


class RequestRefusedData(RequestData):
    ground: str
    legal_basis: str


class ExecutionReportedData(RequestData):
    executed: bool
    reported_at: str


class DocumentsReturnedData(RequestData):
    to: str


class RequestClosedData(RequestData):
    pass


class SigningAuthorityRecordedData(Data):
    authority: AuthorityData


class SigningAuthorityRecordedV2Data(Data):
    authority: AuthorityV2Data


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _authority(a) -> dict[str, Any]:
    return {"user_id": a.user_id, "capacity": str(a.capacity), "valid_from": a.valid_from.isoformat(),
            "valid_to": _iso(a.valid_to), "basis": a.basis}  # fmt: skip


def _authority_v2(a) -> dict[str, Any]:
    return _authority(a) | {"line": a.line}


def _v1_can_tell(authority) -> bool:
    """v1 knows only international signing authorities: one for the Secretariat's documents
    (000 §13) is none of its consumers' business, and its capacity is not in v1's enum."""
    return authority.line == LINE and str(authority.capacity) in {c.value for c in Capacity}


def _party(p) -> dict[str, str]:
    return {"state": p.state, "authority": p.authority}


def _with(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"request_id": str(e.originator_id)} | fields(e)


def _received(e) -> dict[str, Any]:
    p = e.particulars
    return {
        "kind": str(p.kind), "requesting": _party(p.requesting), "requested": _party(p.requested),
        "foreign_state": p.foreign_state, "treaty": str(p.treaty), "language": p.language,
        "action": str(p.action), "related_case": p.related_case, "confidential": p.confidential,
        "pretrial_discovery": p.pretrial_discovery, "received_electronically": p.received_electronically,
        "received_at": e.received_at.isoformat(),
    }  # fmt: skip


R = ForeignRequest
EVENTS: list[tuple[type, str, type[Data], Callable[[Any], dict[str, Any]], str, str]] = [
    (R.Received, "request-received", RequestReceivedData, _with(_received),
     "Foreign request received", "A letter rogatory, recognition petition or other foreign correspondence arrived."),
    (R.Registered, "request-registered", RequestRegisteredData,
     _with(lambda e: {"registration_number": e.registration_number}),
     "Foreign request registered", "The request was given its registration number."),
    (R.TranslationRequested, "translation-requested", TranslationRequestedData, _with(lambda e: {"into": e.into}),
     "Translation requested", "A certified translation into Kazakh or Russian was ordered."),
    (R.TranslationReceived, "translation-received", TranslationReceivedData,
     _with(lambda e: {"language": e.language, "certified": e.certified}),
     "Translation received", "The translation arrived."),
    (R.Studied, "request-studied", RequestStudiedData, _with(lambda e: {"findings": e.findings}),
     "Foreign request studied", "The officer studied the request; the findings are recorded."),
    (R.SignedOff, "request-signed-off", RequestSignedOffData, _with(lambda e: {
        "document": e.document, "signed_at": e.signed_at.isoformat(), "authority": _authority(e.authority)}),
     "Document signed off", "An outgoing document was signed by the supervising deputy head or the person acting "
     "for him (§13); the authority in force at signing is recorded."),
    (R.Forwarded, "request-forwarded", RequestForwardedData, _with(lambda e: {
        "court": e.court, "why": e.why, "kind": str(e.kind)}),
     "Foreign request forwarded", "Forwarded to the competent Kazakh court by jurisdiction; a foreign court's order "
     "is carried out within 1 month of that court receiving it (ГПК 476)."),
    (R.SentAbroad, "request-sent-abroad", RequestSentAbroadData,
     _with(lambda e: {"addressee": e.addressee, "electronically": e.electronically}),
     "Request sent abroad", "A Kazakh court's request was sent to the foreign court or central authority."),
    (R.OriginalPosted, "original-posted", OriginalPostedData, _with(lambda e: {"postal_ref": e.postal_ref}),
     "Original posted", "The original of a request sent electronically was posted (УПК 560(4))."),
    (R.Returned, "request-returned", RequestReturnedData, _with(lambda e: {}),
     "Foreign request returned", "The request was returned unexecuted; the reason is in the envelope."),
    (R.Refused, "request-refused", RequestRefusedData,
     _with(lambda e: {"ground": e.ground, "legal_basis": e.legal_basis}),
     "Foreign request refused", "Execution was refused with its ground (e.g. pre-trial discovery, Hague Evidence "
     "Convention art. 23)."),
    (R.ExecutionReported, "execution-reported", ExecutionReportedData,
     _with(lambda e: {"executed": e.executed, "reported_at": e.reported_at.isoformat()}),
     "Execution reported", "The addressed court (or the foreign side) reported on execution."),
    (R.DocumentsReturned, "documents-returned", DocumentsReturnedData, _with(lambda e: {"to": e.to}),
     "Documents returned", "The execution documents were sent back to the requesting side."),
    (R.Closed, "request-closed", RequestClosedData, _with(lambda e: {}),
     "Foreign request closed", "Nothing more is to be done on the request."),
]  # fmt: skip


def catalogue_entries() -> dict[type, tuple]:
    entries = {
        cls: (
            PublicEventType(
                context="international", name=name, version=1, to_data=to_data,
                subject=lambda e: str(e.originator_id), title=title, description=description, data_model=model,
                subject_description="The foreign request id.",
            ),
        )
        for cls, name, model, to_data, title, description in EVENTS
    }  # fmt: skip
    entries[SigningAuthorities.AuthorityRecorded] = (
        PublicEventType(
            context="international", name="signing-authority-recorded", version=1,
            to_data=lambda e: {"authority": _authority(e.authority)}, subject=lambda e: "signing-authorities",
            title="Signing authority recorded",
            description="A supervising deputy head or an acting person was given authority to sign international "
            "legal assistance documents for a period (§13). Deprecated: v2 names the line of work and covers the "
            "Secretariat's signing authorities (000 §13) too; this type is published beside it, for the "
            "international line only, until its consumers have moved.",
            data_model=SigningAuthorityRecordedData, subject_description="`signing-authorities`: the register.",
            published_for=lambda e: _v1_can_tell(e.authority),
        ),
        PublicEventType(
            context="international", name="signing-authority-recorded", version=2,
            to_data=lambda e: {"authority": _authority_v2(e.authority)}, subject=lambda e: "signing-authorities",
            title="Signing authority recorded",
            description="A supervising deputy head or an acting person was given authority to sign international "
            "legal assistance documents for a period (003 §13); or the head of the Secretariat, or the person acting "
            "for him, to sign the Secretariat's documents (000 §13). The line says which.",
            data_model=SigningAuthorityRecordedV2Data, subject_description="`signing-authorities`: the register.",
        ),
    )  # fmt: skip
    entries[SigningAuthorities.Opened] = (
        PublicEventType(
            context="international", name="signing-register-opened", version=1, to_data=lambda e: {},
            subject=lambda e: "signing-authorities", title="Signing register opened",
            description="The register of who may sign international legal assistance documents (§13) was opened.",
            data_model=Data, subject_description="`signing-authorities`: the register.",
        ),
    )  # fmt: skip
    return entries

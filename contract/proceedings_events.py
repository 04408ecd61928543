"""Public events of the proceedings context: data models (their JSON Schemas are
generated from these) and the mapping from each domain event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from domain.procedure import Procedure
from domain.proceedings.case import Outcome, ProceedingsCase, SuspensionAuthority


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseData(Data):
    case_id: str = Field(description="The case (also the subject): the id of the item that opened it.")


class CaseAcceptedData(CaseData):
    court: str
    procedure: Procedure
    lower_court_case_ref: str
    registration_number: str | None


class ItemReturnedData(CaseData):
    court: str
    legal_basis: str = Field(description="The clause the return rests on, e.g. УПК 489.")


class CaseFileRequestedData(CaseData):
    from_court: str = Field(description="The court asked to send the case file (within 7 days, УПК 486(4)).")


class CaseFileReceivedData(CaseData):
    received_at: str = Field(description="ISO date-time with offset.")
    case_file_item_id: str | None = Field(description="The case file's registration in the registry, if registered.")


class PartiesNotifiedData(CaseData):
    parties: list[str]


class HearingScheduledData(CaseData):
    hearing_id: str
    scheduled_for: str = Field(description="ISO date-time with offset.")
    room: str
    public: bool = Field(description="Whether the hearing appears on the court's public schedule.")


class HearingPostponedData(CaseData):
    hearing_id: str


class HearingHeldData(CaseData):
    hearing_id: str
    held_at: str = Field(description="ISO date-time with offset.")
    panel: list[str] = Field(description="The judges who sat, the presiding judge-rapporteur first.")
    as_assigned: bool = Field(description="False: the panel differs from the distribution's; the reason says why.")


class DefendantOutcomeData(Data):
    defendant: str
    outcome: Outcome
    legal_basis: str


class RulingEnteredData(CaseData):
    hearing_id: str
    outcomes: list[DefendantOutcomeData]


class JudicialActEnteredData(CaseData):
    document_ref: str
    document_sha256: str
    publishable: bool
    hearing_held_at: str
    hours_after_hearing: float = Field(description="How long after the hearing the judge entered the act.")


class JudicialActEnteredV2Data(JudicialActEnteredData):
    text: str | None = Field(
        description="The act's text as the judge entered it (null for acts entered without one). Personal data: "
        "the public sees it only depersonalised (docs/public-information.md)."
    )


class ActPublishedData(CaseData):
    portal_ref: str
    redacted: bool


class ComplaintWithdrawnData(CaseData):
    pass


class ComplaintsJoinedData(CaseData):
    joined_case_ids: list[str]


class JoinedIntoData(CaseData):
    main_case_id: str


class ExecutionSuspendedData(CaseData):
    authority: SuspensionAuthority
    decided_on: str
    until: str = Field(description="At most six months after the decision (УПК 493).")


# Only the opening events carry the court: the case's later events are about the case.
def _with(fields: Callable[[Any], dict[str, Any]], *, court: bool = False) -> Callable[[Any], dict[str, Any]]:
    def to_data(e) -> dict[str, Any]:
        data = {"case_id": str(e.originator_id)}
        if court:
            data["court"] = e.court
        return data | fields(e)

    return to_data


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


C = ProceedingsCase
EVENTS: list[tuple[type, str, type[Data], Callable[[Any], dict[str, Any]], str, str]] = [
    (C.Accepted, "case-accepted", CaseAcceptedData, _with(lambda e: {
        "procedure": str(e.procedure), "lower_court_case_ref": e.lower_court_case_ref,
        "registration_number": e.registration_number}, court=True),
     "Case accepted", "The item was accepted into proceedings (УПК 489); every admissible complaint is heard."),
    (C.Returned, "item-returned", ItemReturnedData, _with(lambda e: {"legal_basis": e.legal_basis}, court=True),
     "Item returned", "The item was returned to the filer by letter with the ground, without acceptance (УПК 489)."),
    (C.CaseFileRequested, "case-file-requested", CaseFileRequestedData,
     _with(lambda e: {"from_court": e.from_court}),
     "Case file requested", "The court requested the criminal case file (to be sent within 7 days, УПК 486(4))."),
    (C.CaseFileReceived, "case-file-received", CaseFileReceivedData,
     _with(lambda e: {"received_at": e.received_at.isoformat(), "case_file_item_id": e.case_file_item_id}),
     "Case file received", "The requested case file arrived; the parties are to be notified within 10 days."),
    (C.PartiesNotified, "parties-notified", PartiesNotifiedData, _with(lambda e: {"parties": list(e.parties)}),
     "Parties notified",
     "The parties were sent copies of the complaint and notice of the hearing (within 10 days of the file)."),
    (C.HearingScheduled, "hearing-scheduled", HearingScheduledData, _with(lambda e: {
        "hearing_id": e.hearing_id, "scheduled_for": e.scheduled_for.isoformat(), "room": e.room,
        "public": e.public}),
     "Hearing scheduled", "A hearing of the case was scheduled."),
    (C.HearingPostponed, "hearing-postponed", HearingPostponedData, _with(lambda e: {"hearing_id": e.hearing_id}),
     "Hearing postponed", "A scheduled hearing was postponed; the reason is in the envelope."),
    (C.HearingHeld, "hearing-held", HearingHeldData, _with(lambda e: {
        "hearing_id": e.hearing_id, "held_at": e.held_at.isoformat(), "panel": list(e.panel),
        "as_assigned": e.as_assigned}),
     "Hearing held", "The hearing took place, with the panel that sat."),
    (C.RulingEntered, "ruling-entered", RulingEnteredData, _with(lambda e: {
        "hearing_id": e.hearing_id,
        "outcomes": [{"defendant": o.defendant, "outcome": str(o.outcome), "legal_basis": o.legal_basis}
                     for o in e.outcomes]}),
     "Ruling entered", "The court's ruling: the outcome for each defendant, with its legal basis."),
    (C.JudicialActEntered, "judicial-act-entered", JudicialActEnteredData, _with(lambda e: {
        "document_ref": e.document_ref, "document_sha256": e.document_sha256, "publishable": e.publishable,
        "hearing_held_at": e.hearing_held_at.isoformat(), "hours_after_hearing": e.hours_after_hearing}),
     "Judicial act entered", "The judge entered the judicial act; the time since the hearing is recorded. "
     "Deprecated: v2 adds the act's text."),
    (C.ActPublished, "act-published", ActPublishedData,
     _with(lambda e: {"portal_ref": e.portal_ref, "redacted": e.redacted}),
     "Act published", "The judicial act was published on the public portal."),
    (C.ComplaintWithdrawn, "complaint-withdrawn", ComplaintWithdrawnData, _with(lambda e: {}),
     "Complaint withdrawn", "The filer withdrew the complaint before the hearing; the case closes."),
    (C.ComplaintsJoined, "complaints-joined", ComplaintsJoinedData,
     _with(lambda e: {"joined_case_ids": list(e.case_ids)}),
     "Complaints joined", "Complaints on the same lower-court case were joined into this case."),
    (C.JoinedInto, "joined-into", JoinedIntoData, _with(lambda e: {"main_case_id": e.main_case_id}),
     "Joined into another case", "This complaint was joined into another case on the same lower-court case."),
    (C.ExecutionSuspended, "execution-suspended", ExecutionSuspendedData, _with(lambda e: {
        "authority": str(e.authority), "decided_on": e.decided_on.isoformat(), "until": e.until.isoformat()}),
     "Execution suspended", "Execution of the contested act was suspended for up to six months (УПК 493)."),
]  # fmt: skip


def _act_entered_v2(e) -> dict[str, Any]:
    return _ACT_ENTERED_V1(e) | {"text": getattr(e, "text", None)}


_ACT_ENTERED_V1 = next(to_data for cls, _, _, to_data, _, _ in EVENTS if cls is C.JudicialActEntered)

# Later versions of a type, published beside the first (the catalogue's transition, oldest first).
LATER_VERSIONS: list[tuple[type, str, int, type[Data], Callable[[Any], dict[str, Any]], str, str]] = [
    (C.JudicialActEntered, "judicial-act-entered", 2, JudicialActEnteredV2Data, _act_entered_v2,
     "Judicial act entered",
     "The judge entered the judicial act, with its text when given; the time since the hearing is recorded."),
]  # fmt: skip

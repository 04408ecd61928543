"""Public events of the archive context (seed 004 §15.14): data models and the mapping
from each domain event. A step's reason and actor travel in the envelope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from contract.public_type import PublicEventType
from domain.archive.destruction import DestructionAct
from domain.archive.file import ArchiveFile, Disposal, HoldGround, RecipientKind
from domain.archive.journal import ArchiveJournal


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FileData(Data):
    file_id: str = Field(description="The archived file (also the subject): the case's id.")


class RetentionData(Data):
    edition: str = Field(description="The retention schedule's edition in force at the handover.")
    category: str = Field(description="The file's category in the schedule (the item's kind, or `returned`).")
    years: int | None = Field(description="The term in years; null: kept permanently.")
    ends_on: str | None = Field(description="ISO date: the last day it is kept (31 December); null: permanent.")


class FileHandedOverData(FileData):
    court: str
    registration_number: str | None
    archive_number: str = Field(description="Gapless per court and year of handover.")
    sequence: int
    year: int
    nomenclature_index: str = Field(description="The file-nomenclature index it is kept under.")
    volumes: int
    pages: int
    handed_over_by: str = Field(description="Who handed the file over (the actor received it).")
    handed_over_at: str = Field(description="ISO date-time with offset.")
    disposal: Disposal = Field(description="How the case was disposed of.")
    disposed_on: str = Field(description="ISO date of the event that disposed of the case.")
    confidentiality: str = Field(description="The case's: the archive shows it to the same roles as the registers.")
    retention: RetentionData


class FileIssuedData(FileData):
    issue_id: str
    recipient_kind: RecipientKind
    recipient: str
    request_ref: str = Field(description="The request the file was issued on.")
    issued_at: str = Field(description="ISO date-time with offset; the return term runs from it.")
    return_due_at: str = Field(description="When it is due back (rule archive.file-return).")


class FileReturnedData(FileData):
    issue_id: str
    returned_at: str


class HoldPlacedData(FileData):
    hold_id: str
    ground: HoldGround


class HoldLiftedData(FileData):
    hold_id: str


class FileDestroyedData(FileData):
    act_id: str = Field(description="The destruction act the head approved.")
    act_number: str
    destroyed_on: str


class ActData(Data):
    act_id: str = Field(description="The destruction act (also the subject).")


class DestructionActDrawnUpData(ActData):
    court: str
    act_number: str
    file_ids: list[str]
    archive_numbers: list[str]
    drawn_up_on: str


class DestructionActApprovedData(ActData):
    approved_on: str


class JournalOpenedData(Data):
    court: str
    year: int


class ArchiveNumberAssignedData(Data):
    court: str
    year: int
    file_id: str
    sequence: int
    archive_number: str


def _file(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"file_id": str(e.originator_id)} | fields(e)


def _act(fields: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    return lambda e: {"act_id": str(e.originator_id)} | fields(e)


def _handed_over(e) -> dict[str, Any]:
    r, v = e.retention, e.volumes
    return {
        "court": e.court, "registration_number": e.registration_number, "archive_number": e.archive_number,
        "sequence": e.sequence, "year": e.year, "nomenclature_index": v.nomenclature_index, "volumes": v.volumes,
        "pages": v.pages, "handed_over_by": e.handed_over_by, "handed_over_at": e.handed_over_at.isoformat(),
        "disposal": str(e.disposal), "disposed_on": e.disposed_on.isoformat(), "confidentiality": e.confidentiality,
        "retention": {"edition": r.edition, "category": r.category, "years": r.years,
                      "ends_on": r.ends_on.isoformat() if r.ends_on else None},
    }  # fmt: skip


def _issued(e) -> dict[str, Any]:
    i = e.issue
    return {
        "issue_id": i.issue_id, "recipient_kind": str(i.recipient_kind), "recipient": i.recipient,
        "request_ref": i.request_ref, "issued_at": i.issued_at.isoformat(),
        "return_due_at": i.return_due_at.isoformat(),
    }  # fmt: skip


F, D = ArchiveFile, DestructionAct
EVENTS: list[tuple[type, str, type[Data], Callable[[Any], dict[str, Any]], str, str, str]] = [
    (F.HandedOver, "file-handed-over", FileHandedOverData, _file(_handed_over), "File handed over to the archive",
     "A disposed case's file was registered in the archive: its archive number, nomenclature index, volumes and "
     "pages, who handed it over and who received it, and its retention term by the schedule in force.",
     "The file id (the case id)."),
    (F.Issued, "file-issued", FileIssuedData, _file(_issued), "File issued",
     "An archived file was issued on request to a court, a judge or an authorised body; it is due back by "
     "`return_due_at` (rule archive.file-return).", "The file id (the case id)."),
    (F.Returned, "file-returned", FileReturnedData,
     _file(lambda e: {"issue_id": e.issue_id, "returned_at": e.returned_at.isoformat()}), "File returned",
     "An issued file came back to the archive.", "The file id (the case id)."),
    (F.HoldPlaced, "hold-placed", HoldPlacedData, _file(lambda e: {"hold_id": e.hold_id, "ground": str(e.ground)}),
     "Hold placed", "The file is held (a pending request, the case reopened): it cannot be destroyed while held.",
     "The file id (the case id)."),
    (F.HoldLifted, "hold-lifted", HoldLiftedData, _file(lambda e: {"hold_id": e.hold_id}), "Hold lifted",
     "A hold on the file was lifted, with the reason.", "The file id (the case id)."),
    (F.Destroyed, "file-destroyed", FileDestroyedData,
     _file(lambda e: {"act_id": e.act_id, "act_number": e.act_number, "destroyed_on": e.destroyed_on.isoformat()}),
     "File destroyed", "The file was destroyed after its retention term, by a destruction act the head approved; "
     "this event keeps the record of it.", "The file id (the case id)."),
    (D.DrawnUp, "destruction-act-drawn-up", DestructionActDrawnUpData,
     _act(lambda e: {"court": e.court, "act_number": e.act_number, "file_ids": list(e.file_ids),
                     "archive_numbers": list(e.archive_numbers), "drawn_up_on": e.drawn_up_on.isoformat()}),
     "Destruction act drawn up", "An act listing files whose retention term has ended, none held, for the head's "
     "approval.", "The act id."),
    (D.Approved, "destruction-act-approved", DestructionActApprovedData,
     _act(lambda e: {"approved_on": e.approved_on.isoformat()}), "Destruction act approved",
     "The head approved the act; each listed file's destruction follows in the same transaction.", "The act id."),
    (ArchiveJournal.Opened, "archive-journal-opened", JournalOpenedData,
     lambda e: {"court": e.court, "year": e.year}, "Archive journal opened",
     "A court's journal of archive numbers for a year was opened.", "The court's code and the year, as court/year."),
    (ArchiveJournal.NumberAssigned, "archive-number-assigned", ArchiveNumberAssignedData,
     lambda e: {"court": e.court, "year": e.year, "file_id": e.file_id, "sequence": e.sequence,
                "archive_number": e.number},
     "Archive number assigned", "A file got its archive number, in the transaction that handed it over.",
     "The file id (the case id)."),
]  # fmt: skip

SUBJECTS: dict[type, Callable[[Any], str]] = {
    ArchiveJournal.Opened: lambda e: f"{e.court}/{e.year}",
    ArchiveJournal.NumberAssigned: lambda e: e.file_id,
}


def catalogue_entries() -> dict[type, tuple]:
    return {
        cls: (
            PublicEventType(
                context="archive", name=name, version=1, to_data=to_data,
                subject=SUBJECTS.get(cls, lambda e: str(e.originator_id)), title=title, description=description,
                data_model=model, subject_description=subject_description,
            ),
        )
        for cls, name, model, to_data, title, description, subject_description in EVENTS
    }  # fmt: skip

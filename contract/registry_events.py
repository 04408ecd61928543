"""Public events of the registry context with generated schemas (data models)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from domain.procedure import Procedure
from domain.registry.admissibility import Outcome
from domain.registry.filing import (
    Confidentiality,
    FilingChannel,
    ItemKind,
    JudicialActKind,
    OffenceCategory,
    ProceduralRole,
)


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class JournalOpenedData(Data):
    court: str
    year: int


class NumberAssignedData(Data):
    item_id: str = Field(description="The registered item (also the subject).")
    court: str
    year: int
    kind: str = Field(description="The kind's code in the number, e.g. CC for a cassation complaint.")
    sequence: int = Field(description="Position in the court's journal for the year: 1, 2, 3... without gaps.")
    registration_number: str


def journal_opened(e) -> dict[str, Any]:
    return {"court": e.court, "year": e.year}


def number_assigned(e) -> dict[str, Any]:
    return {
        "item_id": e.item_id,
        "court": e.court,
        "year": e.year,
        "kind": str(e.kind),
        "sequence": e.sequence,
        "registration_number": e.number,
    }


class FilerData(Data):
    name: str
    procedural_role: ProceduralRole


class ContestedActData(Data):
    court: str
    kind: JudicialActKind
    act_date: str = Field(description="ISO date.")
    entered_into_force: str | None = Field(description="ISO date; starts the УПК 487 filing term.")
    copy_received_on: str | None = Field(description="ISO date the filer got its copy (extradition, УПК 592).")


class OffenceData(Data):
    article: str = Field(description="Article of the Criminal Code, as filed.")
    category: OffenceCategory


class FindingData(Data):
    rule_id: str
    rule_version: int
    clause: str = Field(description="The statute clause the rule encodes.")
    outcome: Outcome = Field(description="not_checkable: a fact the rule needs was not filed; a person must look.")
    explanation: str


class AdmissibilityData(Data):
    admissible: bool = Field(description="False when a rule failed: the item is then returned (item-returned).")
    findings: list[FindingData]


class ItemRegisteredData(Data):
    item_id: str = Field(description="The item (also the subject).")
    kind: ItemKind
    court: str = Field(description="The court that registered the item and will hear it.")
    registration_number: str | None = Field(description="Null only for items registered before numbering began.")
    received_at: str = Field(description="ISO date-time with offset.")
    registered_at: str = Field(description="ISO date-time with offset.")
    channel: FilingChannel
    filer: FilerData
    lower_court_case_ref: str
    contested_act: ContestedActData
    offence: OffenceData | None
    specialisation: str = Field(description="Judges of this specialisation may hear it.")
    procedure: Procedure | None = Field(
        description="cassation (panel of three) or extradition (one judge); null for items that join an existing case."
    )
    improves_position: bool | None = Field(description="Whether the request would improve the convict's position.")
    confidentiality: Confidentiality
    related_item_id: str | None = Field(description="For a case file or extradition materials: the case's item.")
    admissibility: AdmissibilityData


class ItemReturnedData(Data):
    item_id: str
    ground: str = Field(description="Why the item was returned, with the clauses.")
    clauses: list[str]


class FilingTermConfirmedData(Data):
    item_id: str
    confirmed: bool = Field(description="True: the term was kept (or none applies); false: it was missed.")
    note: str = Field(description="What the person found, e.g. the facts the rules lacked.")
    rule_ids: list[str] = Field(description="The filing-term rules that could not be checked at registration.")
    checked_at: datetime


class FilingRecordedData(Data):
    item_id: str
    filing_index_id: str = Field(description="Items sharing this id were filed as the same request.")


def item_registered(e) -> dict[str, Any]:
    p = e.particulars
    act = p.contested_act
    return {
        "item_id": str(e.originator_id),
        "kind": str(p.kind),
        "court": p.court,
        "registration_number": e.registration_number,
        "received_at": p.received_at.isoformat(),
        "registered_at": e.registered_at.isoformat(),
        "channel": str(p.channel),
        "filer": {"name": p.filer.name, "procedural_role": str(p.filer.procedural_role)},
        "lower_court_case_ref": p.lower_court_case_ref,
        "contested_act": {
            "court": act.court,
            "kind": str(act.kind),
            "act_date": act.act_date.isoformat(),
            "entered_into_force": _iso(act.entered_into_force),
            "copy_received_on": _iso(act.copy_received_on),
        },
        "offence": {"article": p.offence.article, "category": str(p.offence.category)} if p.offence else None,
        "specialisation": p.specialisation,
        "procedure": str(p.kind.procedure) if p.kind.procedure else None,
        "improves_position": p.improves_position,
        "confidentiality": str(p.confidentiality),
        "related_item_id": p.related_item_id,
        "admissibility": {
            "admissible": e.admissibility.admissible,
            "findings": [
                {
                    "rule_id": f.rule_id,
                    "rule_version": f.rule_version,
                    "clause": f.clause,
                    "outcome": str(f.outcome),
                    "explanation": f.explanation,
                }
                for f in e.admissibility.findings
            ],
        },
    }


def item_returned(e) -> dict[str, Any]:
    return {"item_id": str(e.originator_id), "ground": e.ground, "clauses": list(e.clauses)}


def filing_term_confirmed(e) -> dict[str, Any]:
    return {
        "item_id": str(e.originator_id),
        "confirmed": e.confirmed,
        "note": e.note,
        "rule_ids": list(e.rule_ids),
        "checked_at": e.checked_at.isoformat(),
    }


def filing_recorded(e) -> dict[str, Any]:
    return {"item_id": e.item_id, "filing_index_id": str(e.originator_id)}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None

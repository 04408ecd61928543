"""Public events of the registry context with generated schemas (data models)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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

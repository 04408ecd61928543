"""Request and response shapes of the API (XCreate / XPublic families)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from domain.registry.complaint import (
    ComplaintFiling,
    ContestedAct,
    Filer,
    FilingChannel,
    JudicialActKind,
    ProceduralRole,
)


class StrictInput(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class FilerCreate(StrictInput):
    name: str = Field(min_length=1, max_length=300, description="Full name of the person or body filing.")
    procedural_role: ProceduralRole


class ContestedActCreate(StrictInput):
    court: str = Field(min_length=1, max_length=300, description="The court that issued the act.")
    kind: JudicialActKind
    act_date: date


class ComplaintCreate(StrictInput):
    received_at: AwareDatetime = Field(description="When the court received the complaint, with its UTC offset.")
    channel: FilingChannel
    filer: FilerCreate
    lower_court_case_ref: str = Field(min_length=1, max_length=100, description="The lower court's case number.")
    contested_act: ContestedActCreate

    def to_filing(self) -> ComplaintFiling:
        return ComplaintFiling(
            received_at=self.received_at,
            channel=self.channel,
            filer=Filer(**self.filer.model_dump()),
            lower_court_case_ref=self.lower_court_case_ref,
            contested_act=ContestedAct(**self.contested_act.model_dump()),
        )


class LogPosition(BaseModel):
    context: str
    position: int = Field(description="Position of the command's last event in the context's log.")


class CommandAccepted(BaseModel):
    id: UUID
    log_position: LogPosition


class ComplaintRegistered(CommandAccepted):
    registration_number: str = Field(description="The number in the court's journal for the year, without gaps.")


class RegisterEntryPublic(BaseModel):
    item_id: UUID
    registration_number: str | None = Field(description="Null only for items registered before numbering began.")
    kind: str
    received_at: datetime
    registered_at: datetime
    channel: str
    filer_name: str
    filer_role: str
    lower_court_case_ref: str
    contested_court: str
    contested_act_kind: str
    contested_act_date: date
    registered_by: str
    registered_by_role: str
    log_position: int


class RegisterPage(BaseModel):
    items: list[RegisterEntryPublic]
    next_after: int | None = Field(description="Pass as `after` to get the next page; null on the last page.")

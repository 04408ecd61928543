"""Request and response shapes of the API (XCreate / XPublic families)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from api.bounded import CourtInstant, StrictInput
from domain.registry.filing import (
    Confidentiality,
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    JudicialActKind,
    Offence,
    OffenceCategory,
    ProceduralRole,
)
from domain.registry.intake import Filing


class FilerCreate(StrictInput):
    name: str = Field(min_length=1, max_length=300, description="Full name of the person or body filing.")
    procedural_role: ProceduralRole


class ContestedActCreate(StrictInput):
    court: str = Field(min_length=1, max_length=300, description="The court that issued the act.")
    kind: JudicialActKind
    act_date: date
    entered_into_force: date | None = Field(
        default=None, description="When the act entered into force: starts the one-year term of УПК 487."
    )
    copy_received_on: date | None = Field(
        default=None, description="When the filer received the act's copy (extradition: 10 days, УПК 592)."
    )


class OffenceCreate(StrictInput):
    article: str = Field(min_length=1, max_length=50, description='Criminal Code article, e.g. "188 ч.2".')
    category: OffenceCategory


class ComplaintCreate(StrictInput):
    received_at: CourtInstant = Field(description="When the court received the item, with its UTC offset.")
    channel: FilingChannel
    filer: FilerCreate
    lower_court_case_ref: str = Field(min_length=1, max_length=100, description="The lower court's case number.")
    contested_act: ContestedActCreate
    offence: OffenceCreate | None = Field(default=None, description="The offence of the conviction complained of.")
    improves_position: bool | None = Field(
        default=None, description="Whether the request would improve the convict's position (УПК 487)."
    )
    confidentiality: Confidentiality | None = Field(
        default=None, description="Default: confidential for extradition items, public otherwise."
    )

    def kind_of_item(self) -> ItemKind:
        return ItemKind.CASSATION_COMPLAINT

    def to_filing(self) -> Filing:
        """The item as filed; the registry fills in what it leaves unsaid."""
        return Filing(
            kind=self.kind_of_item(),
            court=getattr(self, "court", None),
            received_at=self.received_at,
            channel=self.channel,
            filer=Filer(**self.filer.model_dump()),
            lower_court_case_ref=self.lower_court_case_ref,
            contested_act=ContestedAct(**self.contested_act.model_dump()),
            offence=Offence(**self.offence.model_dump()) if self.offence else None,
            improves_position=self.improves_position,
            confidentiality=self.confidentiality,
            related_item_id=str(getattr(self, "related_item_id", None) or "") or None,
        )


class IncomingItemCreate(ComplaintCreate):
    kind: ItemKind
    court: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="The court registering the item; default: the cassation court for complaints and protests, "
        "the Supreme Court for the other kinds.",
    )
    related_item_id: UUID | None = Field(
        default=None, description="For a case file or extradition materials: the registered item they belong to."
    )

    def kind_of_item(self) -> ItemKind:
        return self.kind


class LogPosition(BaseModel):
    context: str
    position: int = Field(description="Position of the command's last event in the context's log.")
    partition: int = Field(description="The Kafka partition of the context's topic that carries the event.")
    token: str = Field(description="Pass as `wait_for` to a register read to see this command's effect.")


class CommandAccepted(BaseModel):
    id: UUID
    log_position: LogPosition


class FindingPublic(BaseModel):
    rule_id: str
    rule_version: int
    clause: str
    outcome: str = Field(description="passed, failed or not_checkable.")
    explanation: str


class AdmissibilityPublic(BaseModel):
    admissible: bool = Field(description="False: the item was registered and returned with the ground.")
    ground: str | None
    findings: list[FindingPublic]


class ComplaintRegistered(CommandAccepted):
    registration_number: str = Field(description="The number in the court's journal for the year, without gaps.")
    admissibility: AdmissibilityPublic


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
    court: str | None
    specialisation: str | None
    offence_article: str | None
    offence_category: str | None
    improves_position: bool | None
    confidentiality: str
    related_item_id: UUID | None
    act_entered_into_force: date | None
    admissible: bool | None
    status: str = Field(description="registered or returned.")
    return_ground: str | None
    to_be_checked: bool = Field(
        default=False,
        description="Admitted though its filing term could not be checked (a finding `not_checkable`): a "
        "registrar or judge confirms it (POST /incoming-items/{id}/filing-term-check).",
    )
    filing_term_confirmed: bool | None = Field(default=None, description="The check: kept (true) or missed (false).")
    filing_term_note: str | None = None


class RegisterPage(BaseModel):
    items: list[RegisterEntryPublic]
    next_after: int | None = Field(description="Pass as `after` to get the next page; null on the last page.")

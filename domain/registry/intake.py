"""An item as filed, and what the court makes of what the filing leaves unsaid: the court
that registers it, its confidentiality and the specialisation of the judges who may hear it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from domain.registry.filing import (
    Confidentiality,
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    ItemParticulars,
    Offence,
)
from domain.registry.specialisation import implied_specialisation

# Kinds the Supreme Court registers itself; the rest go to the cassation court.
SUPREME_COURT_KINDS = frozenset(
    {
        ItemKind.LEGACY_PETITION,
        ItemKind.JUDGE_SUBMISSION,
        ItemKind.EXCEPTIONAL_REVIEW_APPLICATION,
        ItemKind.EXTRADITION_COMPLAINT,
        ItemKind.EXTRADITION_MATERIALS,
    }
)
CONFIDENTIAL_KINDS = frozenset({ItemKind.EXTRADITION_COMPLAINT, ItemKind.EXTRADITION_MATERIALS})


@dataclass(frozen=True)
class Filing:
    """What the filer (or the registrar, from the paper) stated; None: not stated."""

    kind: ItemKind
    received_at: datetime
    channel: FilingChannel
    filer: Filer
    lower_court_case_ref: str
    contested_act: ContestedAct
    court: str | None = None
    offence: Offence | None = None
    improves_position: bool | None = None
    confidentiality: Confidentiality | None = None
    related_item_id: str | None = None


@dataclass(frozen=True)
class CourtsOfFiling:
    """The deployment's courts that register items, and its article-to-specialisation table."""

    cassation_court: str
    supreme_court: str
    specialisation_by_article: Mapping[str, str] = field(default_factory=dict)

    def court_for(self, kind: ItemKind) -> str:
        return self.supreme_court if kind in SUPREME_COURT_KINDS else self.cassation_court


def particulars_of(filing: Filing, courts: CourtsOfFiling) -> ItemParticulars:
    """The particulars registered: the filing with the court's defaults where it is silent."""
    default_confidentiality = (
        Confidentiality.CONFIDENTIAL if filing.kind in CONFIDENTIAL_KINDS else Confidentiality.PUBLIC
    )
    return ItemParticulars(
        kind=filing.kind,
        court=filing.court or courts.court_for(filing.kind),
        received_at=filing.received_at,
        channel=filing.channel,
        filer=filing.filer,
        lower_court_case_ref=filing.lower_court_case_ref,
        contested_act=filing.contested_act,
        specialisation=implied_specialisation(filing.offence, courts.specialisation_by_article),
        offence=filing.offence,
        improves_position=filing.improves_position,
        confidentiality=filing.confidentiality or default_confidentiality,
        related_item_id=filing.related_item_id or None,
    )

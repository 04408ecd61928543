"""What the court received: the particulars of an incoming item as filed.

Value objects only. The kinds of incoming item are those the criminal collegium's
secretariat and the cassation court register (seed 000 §7.1; УПК 484-498-4, 592).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.procedure import Procedure


class FilingChannel(StrEnum):
    PAPER = "paper"
    E_FILING = "e_filing"


class ProceduralRole(StrEnum):
    """Who filed the item (УПК 484, 498-1, 592)."""

    CONVICT = "convict"
    ACQUITTED = "acquitted"
    DEFENDER = "defender"
    VICTIM = "victim"
    VICTIM_REPRESENTATIVE = "victim_representative"
    CIVIL_CLAIMANT = "civil_claimant"
    CIVIL_DEFENDANT = "civil_defendant"
    LEGAL_REPRESENTATIVE = "legal_representative"
    PROSECUTOR = "prosecutor"
    PROSECUTOR_GENERAL = "prosecutor_general"
    SUPREME_COURT_JUDGE = "supreme_court_judge"
    PERSON_TO_BE_EXTRADITED = "person_to_be_extradited"
    COURT = "court"  # a lower court sending a case file


class JudicialActKind(StrEnum):
    VERDICT = "verdict"
    RULING = "ruling"
    RESOLUTION = "resolution"
    EXTRADITION_DECISION = "extradition_decision"  # the Prosecutor General's (УПК 592)


class OffenceCategory(StrEnum):
    """Categories of criminal offence (УК РК art. 10-11), lightest first."""

    MISDEMEANOUR = "misdemeanour"  # уголовный проступок
    MINOR = "minor"  # небольшой тяжести
    MEDIUM = "medium"  # средней тяжести
    GRAVE = "grave"  # тяжкое
    ESPECIALLY_GRAVE = "especially_grave"  # особо тяжкое


class Confidentiality(StrEnum):
    PUBLIC = "public"
    CONFIDENTIAL = "confidential"  # hidden from roles not cleared for it (extradition, minors...)
    SECRET = "secret"  # state secrets


class ItemKind(StrEnum):
    CASSATION_COMPLAINT = "cassation_complaint"  # УПК 484, 488
    PROSECUTOR_PROTEST = "prosecutor_protest"  # УПК 484, 488
    LEGACY_PETITION = "legacy_petition"  # ходатайство, the flow before 1 July 2025
    JUDGE_SUBMISSION = "judge_submission"  # представление of a Supreme Court judge, УПК гл. 52-1
    EXCEPTIONAL_REVIEW_APPLICATION = "exceptional_review_application"  # УПК гл. 52-1
    CASE_FILE = "case_file"  # a criminal case file received (УПК 486(4))
    EXTRADITION_COMPLAINT = "extradition_complaint"  # УПК 592
    EXTRADITION_MATERIALS = "extradition_materials"  # sent by the Prosecutor General, УПК 592

    @property
    def code(self) -> str:
        """The kind's code in the registration number."""
        return _CODES[self]

    @property
    def procedure(self) -> Procedure | None:
        """How the item is heard; None for items that join an existing case."""
        return _PROCEDURES.get(self)

    @property
    def attaches_to_case(self) -> bool:
        return self.procedure is None


_CODES = {
    ItemKind.CASSATION_COMPLAINT: "CC",
    ItemKind.PROSECUTOR_PROTEST: "CP",
    ItemKind.LEGACY_PETITION: "PT",
    ItemKind.JUDGE_SUBMISSION: "JS",
    ItemKind.EXCEPTIONAL_REVIEW_APPLICATION: "ER",
    ItemKind.CASE_FILE: "CF",
    ItemKind.EXTRADITION_COMPLAINT: "EC",
    ItemKind.EXTRADITION_MATERIALS: "EM",
}
_PROCEDURES = {
    ItemKind.CASSATION_COMPLAINT: Procedure.CASSATION,
    ItemKind.PROSECUTOR_PROTEST: Procedure.CASSATION,
    ItemKind.LEGACY_PETITION: Procedure.CASSATION,
    ItemKind.JUDGE_SUBMISSION: Procedure.CASSATION,
    ItemKind.EXCEPTIONAL_REVIEW_APPLICATION: Procedure.CASSATION,
    ItemKind.EXTRADITION_COMPLAINT: Procedure.EXTRADITION,
}


@dataclass(frozen=True)
class Filer:
    name: str
    procedural_role: ProceduralRole


@dataclass(frozen=True)
class ContestedAct:
    """The judicial act (or extradition decision) the item attacks."""

    court: str
    kind: JudicialActKind
    act_date: date
    entered_into_force: date | None = None  # the start of the УПК 487 filing term
    copy_received_on: date | None = None  # when the filer got its copy (УПК 592: 10 days)


@dataclass(frozen=True)
class Offence:
    article: str  # of the Criminal Code, e.g. "188 ч.2"
    category: OffenceCategory


@dataclass(frozen=True)
class ItemParticulars:
    kind: ItemKind
    court: str  # the court registering and hearing it
    received_at: datetime
    channel: FilingChannel
    filer: Filer
    lower_court_case_ref: str
    contested_act: ContestedAct
    specialisation: str  # of the judges who may hear it, implied by the offence
    offence: Offence | None = None
    improves_position: bool | None = None  # None: not stated (a case file, say)
    confidentiality: Confidentiality = Confidentiality.PUBLIC
    related_item_id: str | None = None  # the case a case file or extradition materials belong to

    def fingerprint(self) -> str:
        """What makes two filings the same request, for the duplicate check."""
        act = self.contested_act
        return "|".join(
            [
                self.court,
                self.kind.value,
                self.filer.name.casefold(),
                self.lower_court_case_ref.casefold(),
                act.court.casefold(),
                act.act_date.isoformat(),
            ]
        )

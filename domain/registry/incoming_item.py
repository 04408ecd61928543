"""An incoming item registered by the court: a complaint, protest, petition, submission,
case file, extradition complaint or materials. One aggregate per item.

Registration records the particulars as filed together with the admissibility
decision taken on them; an item that fails a rule is registered all the same and
returned with the ground (УПК 489), so that everything received is on record.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.court_time import court_date
from domain.registry.admissibility import AdmissibilityDecision
from domain.registry.errors import (
    ContestedActAfterReceiptError,
    FilingTermNotToBeCheckedError,
    NotAComplainantError,
    ReceiptInFutureError,
    RelatedItemRequiredError,
)
from domain.registry.filing import (
    Confidentiality,
    ContestedAct,
    ItemKind,
    ItemParticulars,
    ProceduralRole,
)

# Items registered before the court and kind were recorded were all cassation
# complaints of the one court registering then.
LEGACY_COURT = "cassation-criminal"


class ItemStatus(StrEnum):
    REGISTERED = "registered"
    RETURNED = "returned"


class IncomingItem(Aggregate):
    class Registered(Aggregate.Created):
        """The item was registered.

        v1 carried a complaint's particulars as separate fields; v2 grouped them into
        ``filing``; v3 added the registration number; v4 records every kind of item,
        its court and the admissibility decision (``particulars`` and ``admissibility``).
        """

        class_version = 4
        particulars: ItemParticulars
        actor: Actor
        registered_at: datetime
        registration_number: str | None
        admissibility: AdmissibilityDecision

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["filing"] = {
                name: state.pop(name)
                for name in ("received_at", "channel", "filer", "lower_court_case_ref", "contested_act")
            }

        @staticmethod
        def upcast_v2_v3(state: dict) -> None:
            state["registration_number"] = None

        @staticmethod
        def upcast_v3_v4(state: dict) -> None:
            filing: dict[str, Any] = state.pop("filing")
            state["particulars"] = ItemParticulars(
                kind=ItemKind.CASSATION_COMPLAINT,
                court=LEGACY_COURT,
                specialisation="criminal",
                **filing,
            )
            state["admissibility"] = AdmissibilityDecision(findings=())

    class Returned(Aggregate.Event):
        """The item was returned to the filer, with the legal ground (УПК 489)."""

        ground: str
        clauses: tuple[str, ...]
        actor: Actor

    @event(Registered)
    def __init__(
        self,
        *,
        particulars: ItemParticulars,
        actor: Actor,
        registered_at: datetime,
        registration_number: str | None,
        admissibility: AdmissibilityDecision,
    ) -> None:
        self.particulars = particulars
        self.registered_by = actor
        self.registered_at = registered_at
        self.registration_number = registration_number
        self.admissibility = admissibility
        self.status = ItemStatus.REGISTERED
        self.return_ground: str | None = None
        # Admitted though its filing term could not be checked: a person confirms it.
        self.filing_term_to_be_checked = bool(admissibility.unchecked_filing_term)
        self.filing_term_confirmed: bool | None = None

    @property
    def kind(self) -> ItemKind:
        return self.particulars.kind

    @property
    def confidential(self) -> bool:
        return self.particulars.confidentiality != Confidentiality.PUBLIC

    @classmethod
    def register(
        cls,
        particulars: ItemParticulars,
        *,
        admissibility: AdmissibilityDecision,
        actor: Actor,
        now: datetime,
        registration_number: str | None = None,
        id: uuid.UUID | None = None,  # noqa: A002
    ) -> IncomingItem:
        """Check the registration rules, record the item, and return it if inadmissible.

        The id may be given (derived from a client's idempotency key), so that a
        retried request names the same item instead of registering a new one.
        """
        check_particulars(particulars, now)
        facts = {
            "particulars": particulars,
            "actor": actor,
            "registered_at": now,
            "registration_number": registration_number,
            "admissibility": admissibility,
        }
        item = cls(**facts) if id is None else cls._create(cls.Registered, id=id, **facts)
        if not admissibility.admissible:
            item.return_to_filer(
                ground=admissibility.ground, clauses=tuple(f.clause for f in admissibility.failed), actor=actor
            )
        return item

    def confirm_filing_term(self, *, confirmed: bool, note: str, actor: Actor, now: datetime) -> None:
        """A registrar or judge looked at the filing term the rules could not check: kept
        (`confirmed`) or missed. Recorded once; a missed term is the ground for the judge's
        return of the item in proceedings (УПК 489), which this does not decide."""
        if not self.filing_term_to_be_checked:
            raise FilingTermNotToBeCheckedError(self.id)
        rule_ids = tuple(f.rule_id for f in self.admissibility.unchecked_filing_term)
        self._filing_term_confirmed(confirmed=confirmed, note=note, rule_ids=rule_ids, checked_at=now, actor=actor)

    class FilingTermConfirmed(Aggregate.Event):
        """A person checked the filing term that could not be checked at registration."""

        confirmed: bool
        note: str
        rule_ids: tuple[str, ...]
        checked_at: datetime
        actor: Actor

    @event(FilingTermConfirmed)
    def _filing_term_confirmed(
        self, *, confirmed: bool, note: str, rule_ids: tuple[str, ...], checked_at: datetime, actor: Actor
    ) -> None:
        self.filing_term_to_be_checked = False
        self.filing_term_confirmed = confirmed

    @event(Returned)
    def return_to_filer(self, *, ground: str, clauses: tuple[str, ...], actor: Actor) -> None:
        self.status = ItemStatus.RETURNED
        self.return_ground = ground


# Who may file a cassation complaint: the parties of УПК 484 (the published
# complaint-registered.v1 carries exactly these); a court sends a case file, the Prosecutor
# General a protest or materials, a Supreme Court judge a submission.
COMPLAINANTS = frozenset(
    {
        ProceduralRole.CONVICT, ProceduralRole.ACQUITTED, ProceduralRole.DEFENDER, ProceduralRole.VICTIM,
        ProceduralRole.VICTIM_REPRESENTATIVE, ProceduralRole.CIVIL_CLAIMANT, ProceduralRole.CIVIL_DEFENDANT,
        ProceduralRole.LEGAL_REPRESENTATIVE, ProceduralRole.PROSECUTOR,
    }
)  # fmt: skip


def check_particulars(particulars: ItemParticulars, now: datetime) -> None:
    if particulars.received_at > now:
        raise ReceiptInFutureError()
    role = particulars.filer.procedural_role
    if particulars.kind == ItemKind.CASSATION_COMPLAINT and role not in COMPLAINANTS:
        raise NotAComplainantError(role)
    check_act_precedes_receipt(particulars.contested_act, particulars.received_at)
    if particulars.kind.attaches_to_case and not particulars.related_item_id:
        raise RelatedItemRequiredError(particulars.kind)


def check_act_precedes_receipt(act: ContestedAct, received_at: datetime) -> None:
    if act.act_date > court_date(received_at):
        raise ContestedActAfterReceiptError()

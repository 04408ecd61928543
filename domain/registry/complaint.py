"""A cassation complaint (кассационная жалоба) registered by the court (УПК 488)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.court_time import court_date
from domain.registry.errors import ContestedActAfterReceiptError, ReceiptInFutureError


class FilingChannel(StrEnum):
    PAPER = "paper"
    E_FILING = "e_filing"


class ProceduralRole(StrEnum):
    """Who may file a cassation complaint (УПК 484)."""

    CONVICT = "convict"
    ACQUITTED = "acquitted"
    DEFENDER = "defender"
    VICTIM = "victim"
    VICTIM_REPRESENTATIVE = "victim_representative"
    CIVIL_CLAIMANT = "civil_claimant"
    CIVIL_DEFENDANT = "civil_defendant"
    LEGAL_REPRESENTATIVE = "legal_representative"
    PROSECUTOR = "prosecutor"


class JudicialActKind(StrEnum):
    VERDICT = "verdict"
    RULING = "ruling"
    RESOLUTION = "resolution"


@dataclass(frozen=True)
class Filer:
    name: str
    procedural_role: ProceduralRole


@dataclass(frozen=True)
class ContestedAct:
    """The lower court's judicial act the complaint attacks."""

    court: str
    kind: JudicialActKind
    act_date: date


@dataclass(frozen=True)
class ComplaintFiling:
    """What the court received: the complaint's particulars as filed."""

    received_at: datetime
    channel: FilingChannel
    filer: Filer
    lower_court_case_ref: str
    contested_act: ContestedAct


class Complaint(Aggregate):
    class Registered(Aggregate.Created):
        """The complaint was registered.

        Version 2 groups the particulars as filed into ``filing``; version 1
        (stored before that) carried them as separate fields. Version 3 adds the
        registration number (none for complaints registered before numbering).
        """

        class_version = 3
        filing: ComplaintFiling
        actor: Actor
        registered_at: datetime
        registration_number: str | None

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["filing"] = ComplaintFiling(
                received_at=state.pop("received_at"),
                channel=state.pop("channel"),
                filer=state.pop("filer"),
                lower_court_case_ref=state.pop("lower_court_case_ref"),
                contested_act=state.pop("contested_act"),
            )

        @staticmethod
        def upcast_v2_v3(state: dict) -> None:
            state["registration_number"] = None

    @event(Registered)
    def __init__(
        self, *, filing: ComplaintFiling, actor: Actor, registered_at: datetime, registration_number: str | None
    ) -> None:
        self.filing = filing
        self.registered_by = actor
        self.registered_at = registered_at
        self.registration_number = registration_number

    @classmethod
    def register(
        cls,
        filing: ComplaintFiling,
        *,
        actor: Actor,
        now: datetime,
        registration_number: str | None = None,
        id: uuid.UUID | None = None,  # noqa: A002
    ) -> "Complaint":
        """Check the registration rules, then record the complaint as registered.

        The id may be given (derived from a client's idempotency key), so that a
        retried request names the same complaint instead of registering a new one.
        """
        check_receipt_not_in_future(filing.received_at, now)
        check_act_precedes_receipt(filing.contested_act, filing.received_at)
        facts = {"filing": filing, "actor": actor, "registered_at": now, "registration_number": registration_number}
        if id is None:
            return cls(**facts)
        return cls._create(cls.Registered, id=id, **facts)


def check_receipt_not_in_future(received_at: datetime, now: datetime) -> None:
    if received_at > now:
        raise ReceiptInFutureError()


def check_act_precedes_receipt(act: ContestedAct, received_at: datetime) -> None:
    if act.act_date > court_date(received_at):
        raise ContestedActAfterReceiptError()

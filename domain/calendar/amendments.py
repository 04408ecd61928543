"""The court's calendar as it changes: transfer orders and Kurban Ait dates, entered
as events, each with the date it takes effect and its source reference.

The ministry's yearly transfers cannot be derived by a rule, and Kurban Ait's date
is announced each year, so both arrive as data. A computation made "as of" a date
uses the built-in edition and the orders in effect on that date; deadlines record
the calendar revision (edition and orders) they were computed under, so that a later
order or edition recomputes the open ones.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.calendar.data import KurbanAit, Transfer
from domain.calendar.editions import LATEST, Edition, edition_on
from domain.calendar.errors import MissingSourceError, OrderTakesEffectTooLateError, TransferDaysError
from domain.calendar.working_days import WorkingCalendar

CALENDAR_NAMESPACE = uuid.UUID("b7a4f1d2-3c5e-4e8f-9a0b-1c2d3e4f5a6b")


class OrderKind(StrEnum):
    TRANSFER = "transfer"
    KURBAN_AIT = "kurban_ait"


@dataclass(frozen=True)
class CalendarOrder:
    number: int  # 1, 2, 3... in the order entered
    kind: OrderKind
    effective_from: date
    source: str
    from_day: date | None = None  # transfer: becomes a working day
    to_day: date | None = None  # transfer: becomes a day off
    day: date | None = None  # Kurban Ait's first day


class CourtCalendar(Aggregate):
    """Kazakhstan's working-day calendar: one stream for the whole country."""

    @staticmethod
    def create_id() -> uuid.UUID:
        return uuid.uuid5(CALENDAR_NAMESPACE, "KZ")

    @event("Opened")
    def __init__(self, *, actor: Actor) -> None:
        self.orders: list[CalendarOrder] = []

    def enter_transfer(
        self, *, from_day: date, to_day: date, effective_from: date, source: str, actor: Actor
    ) -> CalendarOrder:
        check_source(source)
        current = self.calendar()
        if from_day == to_day:
            raise TransferDaysError("the two days are the same")
        if current.is_working_day(from_day):
            raise TransferDaysError(f"{from_day.isoformat()} is already a working day")
        if not current.is_working_day(to_day):
            raise TransferDaysError(f"{to_day.isoformat()} is already a day off")
        if effective_from > min(from_day, to_day):
            raise OrderTakesEffectTooLateError()
        order = CalendarOrder(
            len(self.orders) + 1, OrderKind.TRANSFER, effective_from, source.strip(), from_day=from_day, to_day=to_day
        )
        self._order_entered(order=order, actor=actor)
        return order

    def enter_kurban_ait(self, *, day: date, effective_from: date, source: str, actor: Actor) -> CalendarOrder:
        """Kurban Ait's first day for a year; a later entry for the same year corrects an earlier one."""
        check_source(source)
        if effective_from > day:
            raise OrderTakesEffectTooLateError()
        order = CalendarOrder(len(self.orders) + 1, OrderKind.KURBAN_AIT, effective_from, source.strip(), day=day)
        self._order_entered(order=order, actor=actor)
        return order

    @event("OrderEntered")
    def _order_entered(self, *, order: CalendarOrder, actor: Actor) -> None:
        self.orders.append(order)

    # -- the calendar -----------------------------------------------------------
    def in_effect(self, as_of: date | None = None) -> list[CalendarOrder]:
        return [o for o in self.orders if as_of is None or o.effective_from <= as_of]

    def calendar(self, as_of: date | None = None) -> WorkingCalendar:
        """The calendar (edition and orders) in effect on `as_of`; the latest edition
        with every order entered when None."""
        return calendar_with(self.in_effect(as_of), _edition(as_of))

    def revision(self, as_of: date | None = None) -> str:
        return revision_of(self.in_effect(as_of), _edition(as_of))


def _edition(as_of: date | None) -> Edition:
    return LATEST if as_of is None else edition_on(as_of)


def calendar_with(orders: list[CalendarOrder], edition: Edition = LATEST) -> WorkingCalendar:
    kurban = {o.day.year: KurbanAit(o.day, o.source) for o in orders if o.kind == OrderKind.KURBAN_AIT}
    transfers = [Transfer(o.from_day, o.to_day, o.source) for o in orders if o.kind == OrderKind.TRANSFER]
    return WorkingCalendar.of(edition).with_amendments(kurban, transfers)


def revision_of(orders: list[CalendarOrder], edition: Edition = LATEST) -> str:
    """Names the calendar a computation used: the built-in edition and the orders applied."""
    numbers = sorted(o.number for o in orders)
    return edition.name + ("+" + ",".join(map(str, numbers)) if numbers else "")


def recomputation_reason(previous_revision: str, orders: list[CalendarOrder], edition: Edition) -> str:
    """Why a deadline computed under `previous_revision` is computed again: the revision
    it moves to and from, the orders applied, and what a new edition changed."""
    reason = f"calendar revision {revision_of(orders, edition)} (was {previous_revision})"
    if orders:
        reason += f"; orders {', '.join(str(o.number) for o in sorted(orders, key=lambda o: o.number))}"
    if previous_revision.split("+", 1)[0] != edition.name:
        reason += f"; edition {edition.name}: {edition.change}"
    return reason


BUILTIN_REVISION = revision_of([])


def check_source(source: str) -> None:
    if not source or not source.strip():
        raise MissingSourceError()

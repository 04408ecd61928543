"""Procedural rules as data: what starts a deadline, what meets it, how long it runs.

A rule is identified by its id; each version has an effective-from date (and, for
a retired regime, the date it stopped applying). A deadline is started under the
version in force on its base date and keeps that version for life, so the legacy
(until 30 June 2025) and the current rules coexist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.actor import Role
from domain.calendar.working_days import WorkingCalendar
from domain.court_time import court_date
from domain.deadlines.errors import NoRuleInForceError, UnknownRuleError
from domain.deadlines.terms import Term, rolls_over_by_default, term_end


@dataclass(frozen=True)
class EventType:
    """A public event type, by context and name (any version), optionally narrowed
    to events whose data has the given values."""

    context: str
    name: str
    where: tuple[tuple[str, Any], ...] = ()

    def matches(self, context: str, name: str, data: Mapping[str, Any]) -> bool:
        return (
            context == self.context and name == self.name and all(data.get(key) == value for key, value in self.where)
        )

    def __str__(self) -> str:
        narrowed = "".join(f"[{k}={v}]" for k, v in self.where)
        return f"{self.context}.{self.name}{narrowed}"


@dataclass(frozen=True)
class ExtensionPolicy:
    by_roles: tuple[Role, ...]
    step: Term | None = None  # a fixed length per extension; None: the decision states it
    max_total: Term | None = None  # the longest the whole term may become, from the base
    max_times: int | None = None  # None: as often as needed
    note: str = ""


@dataclass(frozen=True)
class Rule:
    rule_id: str
    version: int
    rule_set: str  # e.g. "upk-2025" (from 1 July 2025), "upk-legacy" (until 30 June 2025)
    clause: str  # the statute clause it encodes
    title: str
    term: Term
    effective_from: date
    retired_from: date | None = None
    starts_on: tuple[EventType, ...] = ()  # empty: started by a command only
    met_by: tuple[EventType, ...] = ()  # empty: met by a command only
    # Where the base time is read from the starting event's data (e.g. when the
    # complaint was received, not when it was registered); the event's time if absent.
    base_time_field: str | None = None
    detention: bool = False  # detention terms never roll over (УПК 48)
    extension: ExtensionPolicy | None = None
    note: str = ""
    # Events recording a decision that extends the term to a new last day (read from
    # their data's `extended_until_field`): the deadline starter extends the open deadline.
    extended_by: tuple[EventType, ...] = ()
    extended_until_field: str = "until"
    rolls_over: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rolls_over", not self.detention and rolls_over_by_default(self.term.unit))

    @property
    def key(self) -> str:
        return f"{self.rule_id}@v{self.version}"

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.retired_from is None or day < self.retired_from)

    def due(self, base_time: datetime, calendar: WorkingCalendar) -> datetime:
        return term_end(base_time, self.term, calendar, rolls_over=self.rolls_over)

    def longest_due(self, base_time: datetime, calendar: WorkingCalendar) -> datetime | None:
        if self.extension is None or self.extension.max_total is None:
            return None
        return term_end(base_time, self.extension.max_total, calendar, rolls_over=self.rolls_over)

    def starts_with(self, context: str, name: str, data: Mapping[str, Any]) -> bool:
        return any(t.matches(context, name, data) for t in self.starts_on)

    def is_met_by(self, context: str, name: str, data: Mapping[str, Any]) -> bool:
        return any(t.matches(context, name, data) for t in self.met_by)


class RuleBook:
    """Every version of every rule."""

    def __init__(self, rules: Iterable[Rule], disposals: Iterable[tuple[EventType, str]] = ()) -> None:
        # The events that dispose of a case, each with its reason: every deadline of the
        # case still running then is closed (nothing is due any more).
        self.disposals = tuple(disposals)
        self._versions: dict[str, list[Rule]] = {}
        for rule in rules:
            self._versions.setdefault(rule.rule_id, []).append(rule)
        for versions in self._versions.values():
            versions.sort(key=lambda r: r.version)

    def __iter__(self):
        for rule_id in sorted(self._versions):
            yield from self._versions[rule_id]

    def ids(self) -> list[str]:
        return sorted(self._versions)

    def in_force(self, rule_id: str, on: date) -> Rule:
        """The version of a rule in force on a date: the latest one effective by then."""
        versions = self._versions.get(rule_id)
        if not versions:
            raise UnknownRuleError(rule_id)
        candidates = [r for r in versions if r.in_force_on(on)]
        if not candidates:
            raise NoRuleInForceError(rule_id, on)
        return candidates[-1]

    def version(self, rule_id: str, version: int) -> Rule:
        for rule in self._versions.get(rule_id, []):
            if rule.version == version:
                return rule
        raise UnknownRuleError(f"{rule_id} v{version}")

    def started_by(
        self, context: str, name: str, data: Mapping[str, Any], event_time: datetime
    ) -> list[tuple[Rule, datetime]]:
        """The rules an event starts, each with its base time and in the version in
        force on the day the term began (the law in force when the step was taken)."""
        started = []
        for _, versions in sorted(self._versions.items()):
            matching = [r for r in versions if r.starts_with(context, name, data)]
            if not matching:
                continue
            base_time = base_time_of(matching[-1], event_time, data)
            in_force = [r for r in matching if r.in_force_on(court_date(base_time))]
            if in_force:
                started.append((in_force[-1], base_time))
        return started

    def rule_ids_met_by(self, context: str, name: str, data: Mapping[str, Any]) -> list[str]:
        return sorted({r.rule_id for r in self if r.is_met_by(context, name, data)})

    def extensions_by(self, context: str, name: str, data: Mapping[str, Any]) -> list[tuple[str, date]]:
        """The rules whose running deadline an event extends, each with the new last day it decided."""
        found = {}
        for rule in self:
            if any(t.matches(context, name, data) for t in rule.extended_by):
                value = data.get(rule.extended_until_field)
                if isinstance(value, str):
                    found[rule.rule_id] = date.fromisoformat(value)
        return sorted(found.items())

    def disposal_by(self, context: str, name: str, data: Mapping[str, Any]) -> str | None:
        """Why the event disposes of its case ("case disposed: published"...), or None."""
        return next((reason for t, reason in self.disposals if t.matches(context, name, data)), None)

    def source_contexts(self) -> list[str]:
        """The contexts whose events start, meet or close some rule's deadlines."""
        return sorted(
            {t.context for r in self for t in (*r.starts_on, *r.met_by, *r.extended_by)}
            | {t.context for t, _ in self.disposals}
        )


def base_time_of(rule: Rule, event_time: datetime, data: Mapping[str, Any]) -> datetime:
    if rule.base_time_field and data.get(rule.base_time_field):
        value = data[rule.base_time_field]
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
        if isinstance(parsed, datetime) and parsed.tzinfo is not None:
            return parsed
    return event_time

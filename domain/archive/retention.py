"""Retention terms from the versioned retention schedule (retention_data.py).

A term is counted in whole years from 1 January of the year after the case was
disposed of (the archival practice for files closed in a year), so it ends on
31 December of the disposal year plus the term; a permanent file has no end. The
edition in force on the day of the handover gives the term, and the file keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from domain.archive import retention_data
from domain.archive.errors import NoRetentionTermError, NoScheduleInForceError


@dataclass(frozen=True)
class RetentionTerm:
    category: str
    years: int | None  # None: kept permanently
    basis: str

    @property
    def permanent(self) -> bool:
        return self.years is None


@dataclass(frozen=True)
class ScheduleEdition:
    name: str
    effective_from: date
    source: str
    terms: Mapping[str, RetentionTerm]


@dataclass(frozen=True)
class Retention:
    """What a file records: the edition, its term and the last day it is kept (None: permanently)."""

    edition: str
    category: str
    years: int | None
    ends_on: date | None

    @property
    def permanent(self) -> bool:
        return self.years is None

    def ended_by(self, day: date) -> bool:
        return self.ends_on is not None and self.ends_on < day

    def due_for_review_in(self, year: int) -> bool:
        """Its term ends in that year or ended before (and it is not permanent)."""
        return self.ends_on is not None and self.ends_on.year <= year


def editions_from(data: Sequence[tuple]) -> tuple[ScheduleEdition, ...]:
    return tuple(
        ScheduleEdition(name, effective_from, source, {c: RetentionTerm(c, years, basis) for c, years, basis in terms})
        for name, effective_from, source, terms in sorted(data, key=lambda e: e[1])
    )


SCHEDULE = editions_from(retention_data.EDITIONS)


def edition_in_force(on: date, editions: Sequence[ScheduleEdition] = SCHEDULE) -> ScheduleEdition:
    in_force = [e for e in editions if e.effective_from <= on]
    if not in_force:
        raise NoScheduleInForceError(on)
    return in_force[-1]


def retention_for(category: str, *, disposed_on: date, handed_over_on: date,
                  editions: Sequence[ScheduleEdition] = SCHEDULE) -> Retention:  # fmt: skip
    edition = edition_in_force(handed_over_on, editions)
    term = edition.terms.get(category)
    if term is None:
        raise NoRetentionTermError(category, edition.name)
    ends_on = None if term.permanent else date(disposed_on.year + term.years, 12, 31)
    return Retention(edition.name, category, term.years, ends_on)

"""Which Kazakh court is competent for a foreign request: reference data with
effective dates, and the lookup forwarding uses (its answer records why).

A court's competence changes by law or by a Supreme Court order (e.g. the
specialised cassation courts from 1 July 2025): a change is a new row with its
effective-from date and an end date on the old one, never an edit of the old row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.international.errors import NoCompetentCourtError, UnknownCourtError


class Competence(StrEnum):
    SERVICE_OF_DOCUMENTS = "service_of_documents"
    TAKING_EVIDENCE = "taking_evidence"
    RECOGNITION = "recognition"  # recognition and enforcement of a foreign judicial act


class Instance(StrEnum):
    DISTRICT = "district"  # district (city) courts, specialised inter-district courts
    REGIONAL = "regional"  # regional courts and the courts of the cities of republican significance


@dataclass(frozen=True)
class CourtEntry:
    court: str
    region: str
    instance: Instance
    competence: frozenset[Competence]
    effective_from: date
    effective_to: date | None = None  # the first day it no longer applies
    basis: str = ""

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


@dataclass(frozen=True)
class CourtChoice:
    court: str
    why: str


GPK_2015 = date(2016, 1, 1)
_FIRST = frozenset({Competence.SERVICE_OF_DOCUMENTS, Competence.TAKING_EVIDENCE})
_RECOGNITION = frozenset({Competence.RECOGNITION})

# Service and evidence: the district court where the act is to be done (ГПК 476);
# recognition and enforcement: the regional court where the debtor lives or has
# property (ГПК 501-503). A sample of regions; the full table is data like this.
COURTS: tuple[CourtEntry, ...] = (
    CourtEntry("almaty-medeu-district", "Almaty", Instance.DISTRICT, _FIRST, GPK_2015, basis="ГПК 476"),
    CourtEntry("almaty-city", "Almaty", Instance.REGIONAL, _RECOGNITION, GPK_2015, basis="ГПК 501"),
    CourtEntry("astana-saryarka-district", "Astana", Instance.DISTRICT, _FIRST, GPK_2015, basis="ГПК 476"),
    CourtEntry("astana-city", "Astana", Instance.REGIONAL, _RECOGNITION, GPK_2015, basis="ГПК 501"),
    CourtEntry(
        "shymkent-al-farabi-district", "Shymkent", Instance.DISTRICT, _FIRST, GPK_2015, date(2026, 1, 1),
        basis="ГПК 476",
    ),
    # From 2026 the inter-district civil court takes Shymkent's international assistance.
    CourtEntry(
        "shymkent-interdistrict-civil", "Shymkent", Instance.DISTRICT, _FIRST, date(2026, 1, 1),
        basis="ГПК 476; specialisation order of 2025",
    ),
    CourtEntry("shymkent-city", "Shymkent", Instance.REGIONAL, _RECOGNITION, GPK_2015, basis="ГПК 501"),
    CourtEntry("karaganda-district-2", "Karaganda region", Instance.DISTRICT, _FIRST, GPK_2015, basis="ГПК 476"),
    CourtEntry("karaganda-regional", "Karaganda region", Instance.REGIONAL, _RECOGNITION, GPK_2015, basis="ГПК 501"),
)  # fmt: skip


def competent_court(
    region: str, competence: Competence, on: date, table: tuple[CourtEntry, ...] = COURTS
) -> CourtChoice:
    """The court of the region competent for the action on the day, and why."""
    matches = [e for e in table if e.region == region and competence in e.competence and e.in_force(on)]
    if not matches:
        raise NoCompetentCourtError(region, competence, on)
    entry = matches[0]
    return CourtChoice(
        entry.court,
        f"{entry.instance} court of {region} competent for {competence.replace('_', ' ')} on {on.isoformat()} "
        f"({entry.basis}; in force from {entry.effective_from.isoformat()})",
    )


def check_court_competent(
    court: str, competence: Competence, on: date, table: tuple[CourtEntry, ...] = COURTS
) -> CourtChoice:
    """A court the officer named instead of the table's choice: it must still be competent."""
    for entry in table:
        if entry.court == court and competence in entry.competence and entry.in_force(on):
            return CourtChoice(court, f"chosen by the officer; competent for {competence.replace('_', ' ')} "
                               f"on {on.isoformat()} ({entry.basis})")  # fmt: skip
    raise UnknownCourtError(court)

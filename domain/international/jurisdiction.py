"""Which Kazakh court is competent for a foreign request: reference data with
effective dates (data/courts.csv), and the lookup forwarding uses (its answer records why).

A court's competence changes by law or by a Supreme Court order (e.g. the cassation
court for criminal cases from 1 July 2025): a change is a new row with its
effective-from date and an end date on the old one, never an edit of the old row.

The table holds the regional-level courts of the 17 regions and the 3 cities of
republican significance (the "local courts" of seed 003 §4.2 that requests are
forwarded to): a request for service or evidence goes to the court of the region where
the act is to be done, which has it carried out by the district court there; a
recognition petition to the court of the region where the debtor lives or has property.
Rows for district courts may be added: where one is in force for the region, matter and
competence, it is chosen before the regional court.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib.resources import files

from domain.international.errors import NoCompetentCourtError, UnknownCourtError


class Competence(StrEnum):
    SERVICE_OF_DOCUMENTS = "service_of_documents"
    TAKING_EVIDENCE = "taking_evidence"
    RECOGNITION = "recognition"  # recognition and enforcement of a foreign judicial act


class Matter(StrEnum):
    """The branch of law the request belongs to (the court's collegium that deals with it)."""

    CIVIL = "civil"
    CRIMINAL = "criminal"
    ADMINISTRATIVE = "administrative"


class Instance(StrEnum):
    DISTRICT = "district"  # district (city) courts, specialised inter-district courts
    REGIONAL = "regional"  # regional courts and the courts of the cities of republican significance
    CASSATION = "cassation"  # the cassation courts (from 1 July 2025)


@dataclass(frozen=True)
class CourtEntry:
    court: str
    region: str
    instance: Instance
    competence: frozenset[Competence]
    effective_from: date
    effective_to: date | None = None  # the first day it no longer applies
    basis: str = ""
    matters: frozenset[Matter] = frozenset({Matter.CIVIL})
    name: str = ""

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)

    def serves(self, competence: Competence, matter: Matter, on: date) -> bool:
        return competence in self.competence and matter in self.matters and self.in_force(on)


@dataclass(frozen=True)
class CourtChoice:
    court: str
    why: str


def parse_courts(text: str) -> tuple[CourtEntry, ...]:
    """The table from its CSV text (lines starting with # are comments); a bad row is named."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    entries = []
    for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
        try:
            entries.append(
                CourtEntry(
                    court=row["court"],
                    name=row["name"],
                    region=row["region"],
                    instance=Instance(row["instance"]),
                    competence=frozenset(Competence(c) for c in row["competence"].split()),
                    matters=frozenset(Matter(m) for m in row["matters"].split()),
                    effective_from=date.fromisoformat(row["effective_from"]),
                    effective_to=date.fromisoformat(row["effective_to"]) if row["effective_to"] else None,
                    basis=row["basis"],
                )  # fmt: skip
            )
        except (KeyError, ValueError, AttributeError) as exc:
            raise ValueError(f"courts table, data row {number - 1}: {exc}") from None
    return tuple(entries)


# Package data, read once like the code beside it: the table is data, not I/O at decision time.
COURTS: tuple[CourtEntry, ...] = parse_courts(
    files("domain.international").joinpath("data/courts.csv").read_text("utf-8")
)


def regions(table: tuple[CourtEntry, ...] = COURTS, on: date | None = None) -> list[str]:
    return sorted({e.region for e in table if on is None or e.in_force(on)})


def competent_court(
    region: str,
    competence: Competence,
    on: date,
    table: tuple[CourtEntry, ...] = COURTS,
    matter: Matter = Matter.CIVIL,
) -> CourtChoice:
    """The court of the region competent for the action in the matter on the day, and why."""
    matches = [e for e in table if e.region == region and e.serves(competence, matter, on)]
    if not matches:
        raise NoCompetentCourtError(region, competence, on)
    entry = min(matches, key=lambda e: (e.instance != Instance.DISTRICT, e.court))
    return CourtChoice(
        entry.court,
        f"{entry.instance} court of {region} competent for {competence.replace('_', ' ')} in {matter} matters on "
        f"{on.isoformat()} ({entry.basis}; in force from {entry.effective_from.isoformat()})",
    )


def check_court_competent(
    court: str,
    competence: Competence,
    on: date,
    table: tuple[CourtEntry, ...] = COURTS,
    matter: Matter = Matter.CIVIL,
) -> CourtChoice:
    """A court the officer named instead of the table's choice: it must still be competent."""
    for entry in table:
        if entry.court == court and entry.serves(competence, matter, on):
            return CourtChoice(court, f"chosen by the officer; competent for {competence.replace('_', ' ')} "
                               f"in {matter} matters on {on.isoformat()} ({entry.basis})")  # fmt: skip
    raise UnknownCourtError(court)

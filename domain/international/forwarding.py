"""Which Kazakh court a foreign request is forwarded to: the competence its action needs,
and the court the jurisdiction table names for the region (or the one the officer named,
checked against the table) on the day of forwarding."""

from __future__ import annotations

from datetime import date

from domain.international.jurisdiction import Competence, CourtChoice, Matter, check_court_competent, competent_court
from domain.international.request import RequestedAction, RequestKind, RequestParticulars

ACTION_COMPETENCE = {
    RequestedAction.SERVICE_OF_DOCUMENTS: Competence.SERVICE_OF_DOCUMENTS,
    RequestedAction.TAKING_EVIDENCE: Competence.TAKING_EVIDENCE,
    RequestedAction.RECOGNITION: Competence.RECOGNITION,
    RequestedAction.OTHER: Competence.SERVICE_OF_DOCUMENTS,
}


def competence_needed(particulars: RequestParticulars) -> Competence:
    """A recognition petition needs the recognising court whatever action it names."""
    if particulars.kind == RequestKind.RECOGNITION_PETITION:
        return Competence.RECOGNITION
    return ACTION_COMPETENCE[particulars.action]


def court_to_forward_to(
    particulars: RequestParticulars, *, region: str, court: str | None, matter: Matter, on: date
) -> CourtChoice:
    competence = competence_needed(particulars)
    if court:
        return check_court_competent(court, competence, on, matter=matter)
    return competent_court(region, competence, on, matter=matter)

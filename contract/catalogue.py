"""Public event types: how each private domain event is published.

A public type is versioned: changing what it carries means adding a new version
here (and a new schema file), never editing an existing one. During a transition a
domain event maps to several versions at once; the relay then publishes one message
per version (same position, same partition, oldest version first) until consumers
have moved and the old version is removed from the tuple.
"""

from __future__ import annotations

from typing import Any

from contract import assignment_events as ae
from contract import registry_events as re_
from contract.applications_events import catalogue_entries as applications_types
from contract.archive_events import catalogue_entries as archive_types
from contract.deadlines_events import catalogue_entries as deadline_types
from contract.inforequests_events import catalogue_entries as inforequests_types
from contract.international_events import catalogue_entries as international_types
from contract.international_project_events import catalogue_entries as project_types
from contract.personnel_events import catalogue_entries as personnel_types
from contract.public_type import PublicEventType, UnpublishedEventError
from domain.assignment.roster import CourtRoster
from domain.registry.filing import ItemKind
from domain.registry.filing_index import FilingIndex
from domain.registry.incoming_item import IncomingItem
from domain.registry.journal import RegistrationJournal


def _complaint_registered(e: IncomingItem.Registered) -> dict[str, Any]:
    filing = e.particulars
    return {
        "complaint_id": str(e.originator_id),
        "received_at": filing.received_at.isoformat(),
        "registered_at": e.registered_at.isoformat(),
        "channel": str(filing.channel),
        "filer": {"name": filing.filer.name, "procedural_role": str(filing.filer.procedural_role)},
        "lower_court_case_ref": filing.lower_court_case_ref,
        "contested_act": {
            "court": filing.contested_act.court,
            "kind": str(filing.contested_act.kind),
            "act_date": filing.contested_act.act_date.isoformat(),
        },
    }


# Domain event class -> the public versions published for it, oldest first.
CATALOGUE: dict[type, tuple[PublicEventType, ...]] = {
    IncomingItem.Registered: (
        PublicEventType(
            context="registry",
            name="complaint-registered",
            version=1,
            to_data=_complaint_registered,
            subject=lambda e: str(e.originator_id),
            title="Complaint registered",
            description="A cassation complaint (УПК 488) was received and registered by the court's registry. "
            "Deprecated: item-registered covers every kind of item with all its particulars; this type is "
            "published beside it, for cassation complaints only, until its consumers have moved.",
            published_for=lambda e: e.particulars.kind == ItemKind.CASSATION_COMPLAINT,
        ),
        PublicEventType(
            context="registry",
            name="item-registered",
            version=1,
            to_data=re_.item_registered,
            subject=lambda e: str(e.originator_id),
            title="Item registered",
            description="An incoming item (complaint, protest, petition, submission, case file, extradition "
            "complaint or materials) was registered, with the admissibility decision taken on it.",
            data_model=re_.ItemRegisteredData,
            subject_description="The item's id (the case id for items that open a case).",
        ),
    ),
    IncomingItem.Returned: (
        PublicEventType(
            context="registry",
            name="item-returned",
            version=1,
            to_data=re_.item_returned,
            subject=lambda e: str(e.originator_id),
            title="Item returned",
            description="A registered item failed an admissibility rule and is returned to the filer with "
            "the legal ground (УПК 489).",
            data_model=re_.ItemReturnedData,
            subject_description="The item's id.",
        ),
    ),
    IncomingItem.FilingTermConfirmed: (
        PublicEventType(
            context="registry",
            name="filing-term-confirmed",
            version=1,
            to_data=re_.filing_term_confirmed,
            subject=lambda e: str(e.originator_id),
            title="Filing term confirmed",
            description="An item admitted though its filing term could not be checked at registration (a finding "
            "`not_checkable`) had the term checked by a registrar or judge: kept, or missed.",
            data_model=re_.FilingTermConfirmedData,
            subject_description="The item's id (the case id for items that open a case).",
        ),
    ),
}


def _roster_event(
    name, to_data, data_model, title, description, *, per_case: bool, version: int = 1
) -> tuple[PublicEventType, ...]:
    return (
        PublicEventType(
            context="assignment",
            name=name,
            version=version,
            to_data=to_data,
            subject=(lambda e: e.case_id) if per_case else (lambda e: e.court),
            title=title,
            description=description,
            data_model=data_model,
            subject_description="The case id." if per_case else "The court's code.",
        ),
    )


CATALOGUE.update(
    {
        RegistrationJournal.Opened: (
            PublicEventType(
                context="registry",
                name="registration-journal-opened",
                version=1,
                to_data=re_.journal_opened,
                subject=lambda e: f"{e.court}/{e.year}",
                title="Registration journal opened",
                description="A court's journal of registration numbers for a year was opened.",
                data_model=re_.JournalOpenedData,
                subject_description="The court's code and the year, as court/year.",
            ),
        ),
        RegistrationJournal.NumberAssigned: (
            PublicEventType(
                context="registry",
                name="registration-number-assigned",
                version=1,
                to_data=re_.number_assigned,
                subject=lambda e: e.item_id,
                title="Registration number assigned",
                description="An incoming item got its registration number, in the transaction that registered it.",
                data_model=re_.NumberAssignedData,
                subject_description="The registered item's id.",
            ),
        ),
        **dict.fromkeys(
            (FilingIndex.FirstFiled, FilingIndex.Filed),
            (
                PublicEventType(
                    context="registry",
                    name="filing-recorded",
                    version=1,
                    to_data=re_.filing_recorded,
                    subject=lambda e: e.item_id,
                    title="Filing recorded",
                    description="An item was entered in the duplicate-check index of the requests it repeats.",
                    data_model=re_.FilingRecordedData,
                    subject_description="The item's id.",
                ),
            ),
        ),
        CourtRoster.Opened: _roster_event(
            "court-roster-opened",
            lambda e: {"court": e.court},
            ae.CourtRosterOpenedData,
            "Court roster opened",
            "A court's roster of judges and its distribution of cases started.",
            per_case=False,
        ),
        CourtRoster.JudgeEnrolled: _roster_event(
            "judge-enrolled",
            ae.judge_enrolled,
            ae.JudgeEnrolledData,
            "Judge enrolled",
            "A judge joined the court's roster, with specialisations and post.",
            per_case=False,
        ),
        CourtRoster.AbsenceRecorded: _roster_event(
            "absence-recorded",
            ae.absence_recorded,
            ae.AbsenceRecordedData,
            "Absence recorded",
            "A judge's leave, illness or business trip was recorded before it began.",
            per_case=False,
        ),
        CourtRoster.DistributionSettingsAdopted: _roster_event(
            "distribution-settings-adopted",
            ae.settings_adopted,
            ae.DistributionSettingsAdoptedData,
            "Distribution settings adopted",
            "A new version of the automatic distribution settings, in force from a later date. "
            "Deprecated: v2 adds the drift bound and the absence that triggers reassignment.",
            per_case=False,
        )
        + _roster_event(
            "distribution-settings-adopted",
            ae.settings_adopted_v2,
            ae.DistributionSettingsAdoptedV2Data,
            "Distribution settings adopted",
            "A new version of the automatic distribution settings, in force from a later date.",
            per_case=False,
            version=2,
        ),
        CourtRoster.LoadShareDrifted: _roster_event(
            "load-share-drifted",
            ae.load_share_drifted,
            ae.LoadShareDriftedData,
            "Load share drifted",
            "Alert: a judge's normalised load moved beyond the settings' bound from the pool's mean.",
            per_case=True,
        ),
        CourtRoster.LoadReleased: _roster_event(
            "load-released",
            ae.load_released,
            ae.LoadReleasedData,
            "Load released",
            "The case was disposed of (act entered, returned, withdrawn or joined): its judges' loads drop it.",
            per_case=True,
        ),
        CourtRoster.CaseDistributed: _roster_event(
            "case-distributed",
            ae.case_distributed,
            ae.CaseDistributedData,
            "Case distributed",
            "A case was automatically distributed to a judge-rapporteur and panel, with the whole draw protocol.",
            per_case=True,
        ),
        # Renamed to the past tense: the old type is published first, beside its successor,
        # until its consumers have moved (docs/integration.md, "Renamed types").
        CourtRoster.DistributionPoolFellBelowMinimum: _roster_event(
            "distribution-pool-below-minimum",
            ae.pool_fell_below_minimum,
            ae.PoolBelowMinimumData,
            "Distribution pool below minimum",
            "Alert: a case was distributed from fewer eligible judges than the settings' minimum. "
            "Deprecated: superseded by distribution-pool-fell-below-minimum.v1, the same data under a "
            "past-tense name.",
            per_case=True,
        )
        + _roster_event(
            "distribution-pool-fell-below-minimum",
            ae.pool_fell_below_minimum,
            ae.PoolFellBelowMinimumData,
            "Distribution pool fell below minimum",
            "Alert: a case was distributed from fewer eligible judges than the settings' minimum.",
            per_case=True,
        ),
        CourtRoster.JudgeRecused: _roster_event(
            "judge-recused",
            ae.judge_recused,
            ae.JudgeRecusedData,
            "Judge recused",
            "A judge was recused (or recused themself) from a case.",
            per_case=True,
        ),
        CourtRoster.CaseReassigned: _roster_event(
            "case-reassigned",
            ae.case_reassigned,
            ae.CaseReassignedData,
            "Case reassigned",
            "A seat of a case's panel was redrawn; links the previous panel and includes the new draw's protocol.",
            per_case=True,
        ),
    }
)


def _proceedings_types() -> dict[type, tuple[PublicEventType, ...]]:
    from contract.proceedings_events import EVENTS, LATER_VERSIONS

    def public(name, version, model, to_data, title, description) -> PublicEventType:
        return PublicEventType(
            context="proceedings",
            name=name,
            version=version,
            to_data=to_data,
            subject=lambda e: str(e.originator_id),
            title=title,
            description=description,
            data_model=model,
        )

    types = {
        cls: (public(name, 1, model, to_data, title, description),)
        for cls, name, model, to_data, title, description in EVENTS
    }
    for cls, name, version, model, to_data, title, description in LATER_VERSIONS:
        types[cls] += (public(name, version, model, to_data, title, description),)
    return types


CATALOGUE.update(_proceedings_types())


def public_types_of(domain_event: object) -> tuple[PublicEventType, ...]:
    try:
        return CATALOGUE[type(domain_event)]
    except KeyError:
        raise UnpublishedEventError(type(domain_event).__qualname__) from None


def all_public_types() -> list[PublicEventType]:
    return [public for versions in CATALOGUE.values() for public in versions]


def contexts() -> list[str]:
    return sorted({public.context for public in all_public_types()})


CATALOGUE.update(deadline_types())
CATALOGUE.update(international_types())
CATALOGUE.update(applications_types())
CATALOGUE.update(archive_types())
CATALOGUE.update(inforequests_types())
CATALOGUE.update(personnel_types())
CATALOGUE.update(project_types())

"""Public event types: how each private domain event is published.

A public type is versioned: changing what it carries means adding a new version
here (and a new schema file), never editing an existing one. During a transition a
domain event maps to several versions at once; the relay then publishes one message
per version (same position, same partition, oldest version first) until consumers
have moved and the old version is removed from the tuple.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from domain.registry.complaint import Complaint


@dataclass(frozen=True)
class PublicEventType:
    context: str
    name: str  # kebab-case, past tense, in the court's language
    version: int
    to_data: Callable[[Any], dict[str, Any]]
    subject: Callable[[Any], str]
    title: str
    description: str

    @property
    def type(self) -> str:
        return f"kz.sotflow.{self.context}.{self.name}.v{self.version}"

    @property
    def schema_file(self) -> str:
        return f"{self.type}.json"


def _complaint_registered(e: Complaint.Registered) -> dict[str, Any]:
    filing = e.filing
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
    Complaint.Registered: (
        PublicEventType(
            context="registry",
            name="complaint-registered",
            version=1,
            to_data=_complaint_registered,
            subject=lambda e: str(e.originator_id),
            title="Complaint registered",
            description="A cassation complaint (УПК 488) was received and registered by the court's registry.",
        ),
    ),
}


def public_types_of(domain_event: object) -> tuple[PublicEventType, ...]:
    try:
        return CATALOGUE[type(domain_event)]
    except KeyError:
        raise UnpublishedEventError(type(domain_event).__qualname__) from None


def all_public_types() -> list[PublicEventType]:
    return [public for versions in CATALOGUE.values() for public in versions]


def contexts() -> list[str]:
    return sorted({public.context for public in all_public_types()})


class UnpublishedEventError(LookupError):
    """A domain event has no public type: the catalogue must be extended."""

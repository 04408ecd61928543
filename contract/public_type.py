"""A public event type: what the relay publishes for a domain event, and under which name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PublicEventType:
    context: str
    name: str  # kebab-case, past tense, in the court's language
    version: int
    to_data: Callable[[Any], dict[str, Any]]
    subject: Callable[[Any], str]
    title: str
    description: str
    # Where set, the type's JSON Schema is generated from this model of its data;
    # the older hand-written schemas have none.
    data_model: type | None = None
    subject_description: str = "The case id."
    # A type may cover only some events of its domain class (complaint-registered
    # covers the registrations of complaints, not of other kinds).
    published_for: Callable[[Any], bool] = lambda _event: True

    @property
    def type(self) -> str:
        return f"kz.sotflow.{self.context}.{self.name}.v{self.version}"

    @property
    def schema_file(self) -> str:
        return f"{self.type}.json"


class UnpublishedEventError(LookupError):
    """A domain event has no public type: the catalogue must be extended."""

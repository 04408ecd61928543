"""Loading one aggregate of a known kind by the id a caller gave.

A context's store holds aggregates of several kinds (an application and a reception, a
deadline and the calendar, a request and the signing register): an id of the wrong kind
is answered as an unknown one, never handed to a step that does not exist on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

T = TypeVar("T")


def load_of_kind(app: Application, aggregate_id: UUID, kind: type[T], not_found: Callable[[UUID], Exception]) -> T:
    try:
        found = app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        raise not_found(aggregate_id) from None
    if not isinstance(found, kind):
        raise not_found(aggregate_id)
    return found

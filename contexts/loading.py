"""Loading one aggregate of a known kind by the id a caller gave.

A context's store holds aggregates of several kinds (an application and a reception, a
deadline and the calendar, a request and the signing register): an id of the wrong kind
is answered as an unknown one, never handed to a step that does not exist on it."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate

T = TypeVar("T")


def load_of_kind(app: Application, aggregate_id: UUID, kind: type[T], not_found: Callable[[UUID], Exception]) -> T:
    try:
        found = app.repository.get(aggregate_id)
    except AggregateNotFoundError:
        raise not_found(aggregate_id) from None
    if not isinstance(found, kind):
        raise not_found(aggregate_id)
    return found


def cached_copy(app: Application, aggregate_id: UUID, kind: type[T]) -> T | None:
    """A copy of the aggregate as this process last saw it, with no round trip; None when
    it is not in the process's cache (or not of that kind).

    It may be behind the store: another process may have changed it since. A command
    decided on it is safe only because its save is refused when the version it would
    write is taken (the event store's optimistic lock); the caller then decides again on
    the current state (`Repository.get`). The copy is taken under the lock the library
    fast-forwards the cached aggregate under, so it is never half-way through an event."""
    repository = app.repository
    if not repository.cache:
        return None
    # The library's per-aggregate fast-forward lock (eventsourcing 9.5, pinned in constraints.txt).
    lock = repository._use_fastforward_lock(aggregate_id)  # noqa: SLF001
    try:
        with lock:
            try:
                cached = repository.cache.get(aggregate_id)
            except KeyError:
                return None
            return deepcopy(cached) if isinstance(cached, kind) else None
    finally:
        repository._disuse_fastforward_lock(aggregate_id)  # noqa: SLF001


def remember_saved(app: Application, *aggregates: Aggregate) -> None:
    """Keep aggregates just saved in the process's cache, as saved: the next command on them
    starts from there without reading them back. (The library does this only when it does
    not fast-forward; with fast-forwarding on, the next `get` would select the events this
    save wrote.) The caller must not change them after."""
    if app.repository.cache:
        for aggregate in aggregates:
            app.repository.cache.put(aggregate.id, aggregate)

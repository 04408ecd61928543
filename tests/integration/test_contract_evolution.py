"""A public event changing version: during the transition the relay publishes both
the old and the new version of each event, and old consumers go on unaffected."""

import threading
from pathlib import Path

import pytest

from consumers.projection_worker import ProjectionWorker
from contract import catalogue, schemas
from contract.catalogue import PublicEventType
from domain.court_time import court_date
from domain.registry.incoming_item import IncomingItem
from projections import incoming_register
from relay.relay import Relay
from tests.support import published_envelopes, register_complaints, register_rows

FIXTURE_SCHEMAS = Path(__file__).parent.parent / "fixtures" / "schemas"


@pytest.fixture
def transition_to_v2(monkeypatch):
    """A (test-only) v2 of complaint-registered that adds the receipt date at the court."""
    v1, item_registered = catalogue.CATALOGUE[IncomingItem.Registered]

    def to_data_v2(event):
        return v1.to_data(event) | {"received_on": court_date(event.particulars.received_at).isoformat()}

    v2 = PublicEventType(
        context=v1.context,
        name=v1.name,
        version=2,
        to_data=to_data_v2,
        subject=v1.subject,
        title=v1.title,
        description=v1.description,
        published_for=v1.published_for,
    )
    monkeypatch.setitem(catalogue.CATALOGUE, IncomingItem.Registered, (v1, v2, item_registered))
    monkeypatch.setattr(schemas, "SCHEMA_DIRECTORIES", [*schemas.SCHEMA_DIRECTORIES, FIXTURE_SCHEMAS])
    return v1, v2


def test_both_versions_are_published_in_order_and_old_consumers_are_unaffected(settings, system, transition_to_v2):
    v1, v2 = transition_to_v2
    ids = register_complaints(system.registry, 20)

    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)

    envelopes = [e for e in published_envelopes(settings) if e["type"] in (v1.type, v2.type)]
    assert len(envelopes) == 40
    by_position: dict[int, list[dict]] = {}
    for e in envelopes:
        by_position.setdefault(e["logposition"], []).append(e)
    for pair in by_position.values():
        assert [e["type"] for e in sorted(pair, key=lambda e: e["_offset"])] == [v1.type, v2.type]
        # (item-registered, at the same position, follows them: not a version of this type)
        assert len({e["_partition"] for e in pair}) == 1, "both versions of one event share its case's partition"
        assert len({e["id"] for e in pair}) == 2
        assert pair[0]["subject"] == pair[1]["subject"]
    assert all("received_on" in e["data"] for e in envelopes if e["type"] == v2.type)

    ProjectionWorker(incoming_register, settings, system.pool).run(threading.Event(), catch_up=True)
    assert [r[0] for r in register_rows(settings)] == ids

"""Events stored by an older class still load: Complaint.Registered v1 (flat fields,
as stored before the filing was grouped) is read, under its old name, as
IncomingItem.Registered and upcast through v2 and v3 to v4."""

import json
from pathlib import Path
from uuid import UUID

from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Mapper, StoredEvent, UUIDAsHex

from contexts.registry_legacy import register_legacy_names
from contexts.transcodings import register_value_objects
from contract.envelope import to_cloudevents
from domain.actor import Actor
from domain.registry.admissibility import AdmissibilityDecision, Finding
from domain.registry.filing import ContestedAct, Filer, ItemKind, ItemParticulars, Offence
from domain.registry.incoming_item import IncomingItem

FIXTURE = Path(__file__).parent.parent / "fixtures" / "complaint_registered_v1.stored.json"


def mapper() -> Mapper:
    transcoder = JSONTranscoder()
    transcoder.register(UUIDAsHex())
    transcoder.register(DatetimeAsISO())
    register_legacy_names(transcoder)
    register_value_objects(
        transcoder, Actor, Filer, ContestedAct, Offence, ItemParticulars, AdmissibilityDecision, Finding
    )
    return Mapper(transcoder=transcoder)


def stored_v1() -> StoredEvent:
    """A real event as the version-1 class stored it (copied from a development database)."""
    raw = json.loads(FIXTURE.read_text("utf-8"))
    return StoredEvent(
        originator_id=UUID(raw["originator_id"]),
        originator_version=raw["originator_version"],
        topic=raw["topic"],
        state=json.dumps(raw["state"], ensure_ascii=False).encode("utf-8"),
    )


def test_a_version_1_registration_is_read_as_the_latest_version():
    event = mapper().to_domain_event(stored_v1())

    assert isinstance(event, IncomingItem.Registered)
    assert event.particulars.kind == ItemKind.CASSATION_COMPLAINT
    assert event.particulars.court == "cassation-criminal"
    assert event.particulars.lower_court_case_ref == "1-2231/2024"
    assert event.particulars.filer == Filer(name="Abenov A.", procedural_role="convict")
    assert event.particulars.contested_act.court == "Almaty City Court"
    assert event.admissibility.findings == ()
    assert event.actor.user_id == "u-6dc4cc3ca452"


def test_an_upcast_event_rebuilds_the_aggregate_and_publishes_the_same_public_event():
    event = mapper().to_domain_event(stored_v1())
    complaint = event.mutate(None)

    assert complaint.particulars.received_at.isoformat() == "2026-11-17T10:00:00+05:00"
    old, new = to_cloudevents(event, position=1)
    assert old["type"] == "kz.sotflow.registry.complaint-registered.v1"
    assert old["data"]["lower_court_case_ref"] == "1-2231/2024"
    assert new["type"] == "kz.sotflow.registry.item-registered.v1"
    assert new["data"]["contested_act"]["entered_into_force"] is None


def test_a_version_1_registration_has_no_registration_number():
    assert mapper().to_domain_event(stored_v1()).registration_number is None


def test_new_events_are_stored_as_the_latest_version():
    complaint = mapper().to_domain_event(stored_v1()).mutate(None)
    again = IncomingItem.register(
        complaint.particulars,
        admissibility=AdmissibilityDecision(()),
        actor=complaint.registered_by,
        now=complaint.registered_at,
        registration_number="X-CC-1/2026",
    )
    stored = mapper().to_stored_event(again.collect_events()[0])
    assert stored.topic == "domain.registry.incoming_item:IncomingItem.Registered"
    assert json.loads(stored.state)["class_version"] == 4
    reread = mapper().to_domain_event(stored)
    assert (reread.particulars, reread.registration_number) == (complaint.particulars, "X-CC-1/2026")

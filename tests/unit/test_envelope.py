"""The public contract: CloudEvents envelopes and their JSON Schemas."""

import dataclasses
from datetime import UTC, date, datetime

import jsonschema
import pytest
from eventsourcing.persistence import JSONTranscoder

from contexts.transcodings import register_value_objects
from contract.catalogue import all_public_types
from contract.envelope import MissingActorError, UndecodableMessageError, decode, encode, event_id, to_cloudevents
from contract.schemas import schema_for
from domain.actor import Actor, Role
from domain.registry.admissibility import AdmissibilityDecision, Finding
from domain.registry.filing import (
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    ItemParticulars,
    JudicialActKind,
    Offence,
    ProceduralRole,
)
from domain.registry.incoming_item import IncomingItem

NOW = datetime(2025, 9, 1, 6, 0, tzinfo=UTC)


def registered_event():
    filing = ItemParticulars(
        kind=ItemKind.CASSATION_COMPLAINT,
        court="cassation-criminal",
        specialisation="criminal",
        received_at=datetime(2025, 9, 1, 4, 30, tzinfo=UTC),
        channel=FilingChannel.E_FILING,
        filer=Filer(name="Sadykova G.", procedural_role=ProceduralRole.DEFENDER),
        lower_court_case_ref="1-118/2025",
        contested_act=ContestedAct(court="Astana City Court", kind=JudicialActKind.VERDICT, act_date=date(2025, 6, 3)),
    )
    actor = Actor(user_id="u-7", role=Role.REGISTRAR, on_behalf_of="u-head")
    complaint = IncomingItem.register(filing, admissibility=AdmissibilityDecision(()), actor=actor, now=NOW)
    return complaint.collect_events()[0]


def test_a_registration_is_published_as_a_valid_cloudevent():
    event = registered_event()
    envelope = to_cloudevents(event, position=42)[0]
    jsonschema.Draft202012Validator(
        schema_for(envelope["type"]), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(envelope)
    assert envelope["type"] == "kz.sotflow.registry.complaint-registered.v1"
    assert envelope["subject"] == str(event.originator_id)
    assert envelope["logposition"] == 42
    assert envelope["streamversion"] == 1
    assert (envelope["actorid"], envelope["actorrole"], envelope["actoronbehalfof"]) == ("u-7", "registrar", "u-head")
    assert envelope["data"]["contested_act"]["act_date"] == "2025-06-03"


def test_a_complaint_is_published_in_both_types_and_another_kind_only_as_item_registered():
    complaint = registered_event()
    assert [e["type"] for e in to_cloudevents(complaint, position=1)] == [
        "kz.sotflow.registry.complaint-registered.v1",
        "kz.sotflow.registry.item-registered.v1",
    ]
    protest = dataclasses.replace(
        complaint, particulars=dataclasses.replace(complaint.particulars, kind=ItemKind.PROSECUTOR_PROTEST)
    )
    (only,) = to_cloudevents(protest, position=1)
    assert only["type"] == "kz.sotflow.registry.item-registered.v1"
    assert only["data"]["kind"] == "prosecutor_protest"


def test_event_ids_are_stable_so_consumers_can_deduplicate():
    event = registered_event()
    envelope = to_cloudevents(event, position=1)[0]
    assert envelope["id"] == event_id(event.originator_id, 1, envelope["type"])
    assert to_cloudevents(event, position=1)[0] == envelope
    assert event_id(event.originator_id, 1, envelope["type"]) != event_id(event.originator_id, 2, envelope["type"])


def test_an_event_without_an_actor_is_refused():
    anonymous = dataclasses.replace(registered_event(), actor=None)
    with pytest.raises(MissingActorError):
        to_cloudevents(anonymous, position=1)


def test_encode_then_decode_gives_back_the_envelope():
    envelope = to_cloudevents(registered_event(), position=3)[0]
    assert decode(encode(envelope)) == envelope


@pytest.mark.parametrize("value", [b"\xff\xfe", b"[]", b'{"specversion": "1.0"}', b"not json"])
def test_garbage_is_not_decoded(value):
    with pytest.raises(UndecodableMessageError):
        decode(value)


def test_every_public_type_has_a_schema_file():
    for public in all_public_types():
        assert schema_for(public.type)["$id"].endswith(public.schema_file)


def test_value_objects_survive_the_event_store_transcoder():
    transcoder = JSONTranscoder()
    register_value_objects(
        transcoder, Actor, Filer, ContestedAct, Offence, ItemParticulars, AdmissibilityDecision, Finding
    )
    from eventsourcing.persistence import DatetimeAsISO, UUIDAsHex

    transcoder.register(UUIDAsHex())
    transcoder.register(DatetimeAsISO())
    event = registered_event()
    state = {"particulars": event.particulars, "actor": event.actor, "admissibility": event.admissibility}
    assert transcoder.decode(transcoder.encode(state)) == state


def test_event_ids_are_standard_uuid5_values():
    import uuid

    from contract.envelope import EVENT_ID_NAMESPACE

    expected = uuid.uuid5(EVENT_ID_NAMESPACE, "9a491ce0-6964-4cf9-821b-0958c5fa29ec/3/kz.sotflow.x.v1")
    assert event_id("9a491ce0-6964-4cf9-821b-0958c5fa29ec", 3, "kz.sotflow.x.v1") == str(expected)

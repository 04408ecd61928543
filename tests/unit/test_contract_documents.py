"""The generated contract documents are what the code says, and the examples obey the schemas."""

import json

import pytest

from contract.catalogue import CATALOGUE, all_public_types
from contract.documents import (
    ASYNCAPI_PATH,
    CATALOGUE_PATH,
    LIFECYCLE_PATH,
    asyncapi_document,
    case_lifecycle_markdown,
    event_catalogue_markdown,
)
from contract.envelope import to_cloudevent
from contract.examples import EXAMPLES
from contract.schemas import ContractViolationError, validate


def test_the_checked_in_asyncapi_document_is_up_to_date():
    assert json.loads(ASYNCAPI_PATH.read_text("utf-8")) == asyncapi_document(), "run `sotflow contract generate`"


def test_the_checked_in_event_catalogue_is_up_to_date():
    assert CATALOGUE_PATH.read_text("utf-8") == event_catalogue_markdown(), "run `sotflow contract generate`"


def test_the_checked_in_case_lifecycle_diagram_is_the_one_the_code_enforces():
    assert LIFECYCLE_PATH.read_text("utf-8") == case_lifecycle_markdown(), "run `sotflow contract generate`"


def test_every_public_type_has_an_asyncapi_message_and_a_channel():
    document = asyncapi_document()
    names = {m["name"] for m in document["components"]["messages"].values()}
    assert {p.type for p in all_public_types()} <= names
    addresses = {c["address"] for c in document["channels"].values()}
    assert {"sotflow.registry.events", "sotflow.registry.events.dead-letter"} <= addresses


@pytest.mark.parametrize("domain_class", list(CATALOGUE))
def test_every_example_is_valid_against_its_schema(domain_class):
    for public in CATALOGUE[domain_class]:
        validate(to_cloudevent(EXAMPLES[domain_class](), position=1, public=public))


def test_an_envelope_that_breaks_its_schema_is_named_precisely():
    public = CATALOGUE[next(iter(CATALOGUE))][0]
    envelope = to_cloudevent(EXAMPLES[next(iter(CATALOGUE))](), position=1, public=public)
    envelope["data"]["filer"]["procedural_role"] = "bystander"
    with pytest.raises(ContractViolationError, match="data/filer/procedural_role"):
        validate(envelope)


@pytest.mark.parametrize("received_at", ["yesterday", "2026-11-22T07:53:59", "2026-11-31T07:53:59+05:00"])
def test_a_time_that_is_not_an_rfc3339_date_time_breaks_the_schema(received_at):
    """Without a date-time checker installed, jsonschema would let every one of these through."""
    domain_class = next(iter(CATALOGUE))
    envelope = to_cloudevent(EXAMPLES[domain_class](), position=1, public=CATALOGUE[domain_class][0])
    validate(envelope)
    envelope["data"]["received_at"] = received_at
    with pytest.raises(ContractViolationError, match="data/received_at.*date-time"):
        validate(envelope)


def test_the_auditors_verifier_knows_the_stream_of_every_public_type():
    from audit.streams import STREAMS

    missing = {f"kz.sotflow.{p.context}.{p.name}" for p in all_public_types()} - set(STREAMS)
    assert not missing, f"add to audit/streams.py: {sorted(missing)}"

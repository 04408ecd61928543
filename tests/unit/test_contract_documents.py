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


def test_a_published_schema_keeps_its_shape():
    """A consumer validates strictly against the version it downloaded: titles and descriptions
    may be reworded, nothing else (tests/schema_fingerprints.py)."""
    from tests.schema_fingerprints import current, recorded

    frozen, now = recorded(), current()
    changed = sorted(name for name in set(frozen) & set(now) if frozen[name] != now[name])
    assert not changed, (
        f"published schemas changed shape: {changed}. Publish a new version instead, beside the old one for a "
        "transition (docs/integration.md, 'Handling a new version'), and put the old schema back"
    )
    unrecorded = sorted(set(now) - set(frozen))
    assert not unrecorded, (
        f"new schemas {unrecorded}: record their fingerprints with `.venv/bin/python -m tests.schema_fingerprints`"
    )


def test_the_shape_fingerprint_ignores_wording_and_sees_a_new_property_or_enum_value():
    from tests.schema_fingerprints import fingerprint

    schema = {
        "title": "T v1",
        "description": "As published.",
        "properties": {"title": {"type": "string", "description": "A property named title."}},
        "$defs": {"Capacity": {"enum": ["acting"], "title": "Capacity"}},
        "additionalProperties": False,
    }
    reworded = schema | {"description": "Deprecated: v2 adds the line."}
    widened = schema | {"$defs": {"Capacity": {"enum": ["acting", "secretariat_head"], "title": "Capacity"}}}
    extended = schema | {"properties": schema["properties"] | {"line": {"type": "string"}}}
    without_title_property = schema | {"properties": {}}
    assert fingerprint(reworded) == fingerprint(schema)
    assert len({fingerprint(s) for s in (schema, widened, extended, without_title_property)}) == 4


def test_v1_of_signing_authority_recorded_tells_only_of_the_international_line():
    """An authority to sign the Secretariat's documents (000 §13) is not one v1's consumers know of:
    it is published as v2 only; an international one as both, v1 without the line."""
    from datetime import UTC, datetime

    from contract.envelope import to_cloudevents
    from domain.actor import Actor, Role
    from domain.international.signing import SECRETARIAT_LINE, Capacity, SigningAuthorities, SigningAuthority

    actor = Actor("u-head", Role.HEAD)
    register = SigningAuthorities(actor=actor)
    since = datetime(2026, 1, 1, tzinfo=UTC)
    register.record(authority=SigningAuthority("u-dep", Capacity.ACTING, since, None, "order No. 4"), actor=actor)
    register.record(
        authority=SigningAuthority("u-sec", Capacity.SECRETARIAT_HEAD, since, None, "order No. 5", SECRETARIAT_LINE),
        actor=actor,
    )
    international, secretariat = register.collect_events()[1:]
    v1, v2 = (p.type for p in CATALOGUE[type(international)])
    sent = to_cloudevents(international, position=2)
    assert [e["type"] for e in sent] == [v1, v2]
    assert "line" not in sent[0]["data"]["authority"]
    assert sent[1]["data"]["authority"]["line"] == "international_legal_assistance"
    sent = to_cloudevents(secretariat, position=3)
    assert [e["type"] for e in sent] == [v2]
    authority = sent[0]["data"]["authority"]
    assert (authority["capacity"], authority["line"]) == ("secretariat_head", SECRETARIAT_LINE)
    for envelope in [*to_cloudevents(international, position=2), *sent]:
        validate(envelope)

"""Generated documents of the contract: the AsyncAPI 3 description of every topic and
the event catalogue in docs/. `sotflow contract generate` writes them; a test checks
that the checked-in copies are what the code generates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contract.catalogue import CATALOGUE, PublicEventType, all_public_types, contexts
from contract.envelope import CONTENT_TYPE, to_cloudevent
from contract.examples import EXAMPLES
from contract.schema_builder import envelope_schema
from contract.schemas import schema_for

DEFAULT_PREFIX = "sotflow."
REPO_ROOT = Path(__file__).resolve().parent.parent
ASYNCAPI_PATH = REPO_ROOT / "docs" / "asyncapi.json"
CATALOGUE_PATH = REPO_ROOT / "docs" / "events.md"
LIFECYCLE_PATH = REPO_ROOT / "docs" / "case-lifecycle.md"
SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"


def _camel(text: str) -> str:
    parts = text.replace(".", "-").split("-")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def _message_id(public: PublicEventType) -> str:
    return _camel(f"{public.context}-{public.name}-v{public.version}")


HEADERS_SCHEMA = {
    "type": "object",
    "properties": {
        "content-type": {"const": CONTENT_TYPE, "description": "CloudEvents structured mode."},
        "ce_type": {"type": "string", "description": "The envelope's `type`, for routing without parsing."},
        "ce_id": {"type": "string", "description": "The envelope's `id`."},
    },
    "required": ["content-type", "ce_type", "ce_id"],
}


def asyncapi_document(prefix: str = DEFAULT_PREFIX) -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for public in all_public_types():
        messages[_message_id(public)] = {
            "name": public.type,
            "title": public.title,
            "summary": public.description,
            "contentType": "application/cloudevents+json",
            "headers": HEADERS_SCHEMA,
            "payload": {"$ref": f"../contract/schemas/{public.schema_file}"},
            "bindings": {
                "kafka": {
                    "key": {"type": "string", "format": "uuid", "description": "The case id (= `subject`)."},
                    "bindingVersion": "0.5.0",
                }
            },
        }
    for context in contexts():
        types = [p for p in all_public_types() if p.context == context]
        channel_id = _camel(f"{context}-events")
        refs = {_message_id(p): {"$ref": f"#/components/messages/{_message_id(p)}"} for p in types}
        channels[channel_id] = {
            "address": f"{prefix}{context}.events",
            "title": f"{context} events",
            "description": (
                f"Every public event of the {context} context, in log order per case. Keyed by case id; "
                "written in Kafka transactions (read with isolation_level=read_committed); kept forever."
            ),
            "messages": refs,
            "bindings": {
                "kafka": {
                    "partitions": 3,
                    "replicas": 1,
                    "topicConfiguration": {"cleanup.policy": ["delete"], "retention.ms": -1, "retention.bytes": -1},
                    "bindingVersion": "0.5.0",
                }
            },
        }
        operations[_camel(f"receive-{context}-events")] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "summary": f"Integrating systems subscribe to the {context} events.",
            "messages": [{"$ref": f"#/channels/{channel_id}/messages/{m}"} for m in refs],
        }
        dlq_id = _camel(f"{context}-events-dead-letter")
        channels[dlq_id] = {
            "address": f"{prefix}{context}.events.dead-letter",
            "title": f"{context} dead letters",
            "description": (
                "Messages of the events topic that a sotflow consumer could not decode, unchanged, with headers "
                "dlq_reason, dlq_consumer, dlq_source_topic, dlq_source_partition, dlq_source_offset."
            ),
            "messages": {"deadLetter": {"$ref": "#/components/messages/deadLetter"}},
        }
    messages["deadLetter"] = {
        "name": "dead-letter",
        "title": "Undecodable message",
        "summary": "The original bytes of a message a consumer could not decode, with the reason in the headers.",
        "headers": {
            "type": "object",
            "properties": {
                name: {"type": "string"}
                for name in (
                    "dlq_reason",
                    "dlq_consumer",
                    "dlq_source_topic",
                    "dlq_source_partition",
                    "dlq_source_offset",
                )
            },
        },
        "payload": {"description": "The original message value, unchanged (may not be JSON)."},
    }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "sotflow event log",
            "version": "1.0.0",
            "description": (
                "The public events of sotflow, the case-flow backend of Kazakhstan's courts. Each message is a "
                "CloudEvents 1.0 envelope in structured JSON mode; see docs/events.md and docs/integration.md."
            ),
        },
        "defaultContentType": "application/cloudevents+json",
        "servers": {
            "local": {
                "host": "127.0.0.1:9092",
                "protocol": "kafka",
                "description": "The broker `make up` runs on a developer's machine.",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


ENVELOPE_DOC = """\
# Event catalogue

<!-- Generated by `sotflow contract generate` from contract/; do not edit by hand. -->

Every message on a sotflow event topic is one public event: a CloudEvents 1.0
envelope in structured JSON mode (Kafka header `content-type: {content_type}`; also
`ce_type` and `ce_id` headers for routing without parsing). Private domain events are
mapped to public types by `contract/catalogue.py`; changing a public type means a new
version, never an edit. JSON Schemas: `contract/schemas/<type>.json`, also served by
the API at `/schemas/events/<type>.json`. The topics are described for tools in
[asyncapi.json](asyncapi.json) (AsyncAPI 3.0).

## Envelope

| attribute | meaning |
|---|---|
| `specversion` | `1.0` |
| `id` | UUIDv5 of (case id, stream version, type): stable, so a re-read de-duplicates |
| `source` | `/sotflow/<context>` |
| `type` | `kz.sotflow.<context>.<event-name>.v<version>` |
| `subject` | the case id; also the Kafka message key |
| `time` | when the event was recorded (UTC, ISO 8601) |
| `datacontenttype` | `application/json` |
| `dataschema` | the type's JSON Schema |
| `logposition` | position in the context's log: gap-free, from 1 |
| `streamversion` | version within the case's own stream (1 = its first event) |
| `actorid`, `actorrole` | who did it (always present) |
| `actoronbehalfof` | present when acting for someone else |
| `reason`, `correlationid`, `causationid` | present when the command gave them |
| `traceparent`, `tracestate` | the W3C trace context of the command's HTTP request (distributed-tracing extension) |
| `data` | the type's own fields, below |

## Topics

| topic | key | content |
|---|---|---|
{topics}

Event topics are created with `retention.ms=-1`, `retention.bytes=-1`,
`cleanup.policy=delete`, and written in Kafka transactions: read them with
`isolation_level=read_committed`. (Topic names carry the deployment's prefix,
`{prefix}` by default.)
"""


def _field_rows(schema: dict[str, Any], path: str = "") -> list[tuple[str, str, str]]:
    rows = []
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        dotted = f"{path}{name}"
        if "enum" in prop:
            kind = " \\| ".join(f"`{v}`" for v in prop["enum"])
        else:
            kind = prop.get("format") or prop.get("type", "")
        if name not in required:
            kind += " (optional)"
        rows.append((dotted, kind, prop.get("description", "")))
        if prop.get("type") == "object":
            rows.extend(_field_rows(prop, dotted + "."))
    return rows


def event_catalogue_markdown(prefix: str = DEFAULT_PREFIX) -> str:
    topic_rows = []
    for context in contexts():
        topic_rows.append(f"| `{prefix}{context}.events` | case id | the {context} context's public events |")
        topic_rows.append(
            f"| `{prefix}{context}.events.dead-letter` | as received | messages a consumer could not decode |"
        )
        topic_rows.append(
            f"| `{prefix}{context}.relay-position` | context | the relay's committed position (internal) |"
        )
    parts = [ENVELOPE_DOC.format(content_type=CONTENT_TYPE, topics="\n".join(topic_rows), prefix=prefix), "## Types\n"]
    for domain_class, versions in CATALOGUE.items():
        for public in versions:
            schema = schema_for(public.type)
            rows = _field_rows(schema["properties"]["data"])
            example = to_cloudevent(EXAMPLES[domain_class](), position=1, public=public)
            parts.append(f"### `{public.type}`\n")
            parts.append(f"{public.title}. {public.description} From `{domain_class.__qualname__}`.\n")
            parts.append("| field | type | meaning |\n|---|---|---|")
            parts.extend(f"| `{f}` | {k} | {d} |" for f, k, d in rows)
            parts.append("\nExample:\n")
            parts.append("```json\n" + json.dumps(example, ensure_ascii=False, indent=2) + "\n```\n")
    return "\n".join(parts)


def generated_schemas() -> dict[Path, str]:
    """The schema files generated from data models (hand-written ones are left alone)."""
    return {
        SCHEMAS_DIR / public.schema_file: json.dumps(envelope_schema(public), ensure_ascii=False, indent=2) + "\n"
        for public in all_public_types()
        if public.data_model is not None
    }


def generate() -> list[Path]:
    written = []
    for path, text in generated_schemas().items():
        path.write_text(text, "utf-8")
        written.append(path)
    ASYNCAPI_PATH.write_text(json.dumps(asyncapi_document(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    CATALOGUE_PATH.write_text(event_catalogue_markdown(), "utf-8")
    LIFECYCLE_PATH.write_text(case_lifecycle_markdown(), "utf-8")
    return [*written, ASYNCAPI_PATH, CATALOGUE_PATH, LIFECYCLE_PATH]


def case_lifecycle_markdown() -> str:
    """docs/case-lifecycle.md: the proceedings lifecycle, drawn from the table the code enforces."""
    from contract.proceedings_events import EVENTS
    from domain.proceedings.lifecycle import DISPOSED, FINAL, OPENING, TRANSITIONS, mermaid

    rows = "\n".join(
        f"| `{command}` | {', '.join(f'`{s}`' for s in sorted(sources))} | `{target or 'unchanged'}` |"
        for command, (sources, target) in TRANSITIONS.items()
    )
    events = "\n".join(f"| `{cls.__qualname__}` | `kz.sotflow.proceedings.{name}.v1` |" for cls, name, *_ in EVENTS)
    return f"""# Case lifecycle (proceedings context)

Generated by `sotflow contract generate` from `domain/proceedings/lifecycle.py`, the table
the `ProceedingsCase` aggregate enforces; a unit test fails when this file and the code differ.
A case opens by being accepted ({", ".join(f"`{c}`" for c in OPENING)}: accepted, or returned with the
ground under УПК 489). Final stages: {", ".join(f"`{s}`" for s in sorted(FINAL))}. From
{", ".join(f"`{s}`" for s in sorted(DISPOSED))} the case no longer counts in its judges' loads.

```mermaid
{mermaid()}```

| command | allowed in stages | leads to |
|---|---|---|
{rows}

| domain event | public type |
|---|---|
{events}
"""

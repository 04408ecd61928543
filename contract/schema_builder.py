"""Builds a public type's JSON Schema: the CloudEvents envelope around its data model."""

from __future__ import annotations

from typing import Any

from contract.catalogue import PublicEventType

SCHEMA_BASE = "https://sotflow.kz/schemas/events/"
ENVELOPE_REQUIRED = [
    "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "dataschema",
    "logposition", "streamversion", "actorid", "actorrole", "data",
]  # fmt: skip


def envelope_schema(public: PublicEventType) -> dict[str, Any]:
    data = public.data_model.model_json_schema(mode="serialization")
    definitions = data.pop("$defs", {})
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + public.schema_file,
        "title": f"{public.title} v{public.version}",
        "description": f"{public.description} One CloudEvents 1.0 message in structured JSON mode.",
        "type": "object",
        "required": ENVELOPE_REQUIRED,
        "additionalProperties": False,
        "properties": {
            "specversion": {"const": "1.0"},
            "id": {"type": "string", "format": "uuid"},
            "source": {"const": f"/sotflow/{public.context}"},
            "type": {"const": public.type},
            "subject": {"type": "string", "minLength": 1, "description": public.subject_description},
            "time": {"type": "string", "format": "date-time"},
            "datacontenttype": {"const": "application/json"},
            "dataschema": {"const": SCHEMA_BASE + public.schema_file},
            "logposition": {"type": "integer", "minimum": 1, "description": "Position in the context's log."},
            "streamversion": {"type": "integer", "minimum": 1, "description": "Version within its stream."},
            "actorid": {"type": "string", "minLength": 1},
            "actorrole": {"type": "string", "minLength": 1},
            "actoronbehalfof": {"type": "string"},
            "reason": {"type": "string"},
            "correlationid": {"type": "string"},
            "causationid": {"type": "string"},
            # CloudEvents' distributed-tracing extension: the W3C trace context of the command.
            "traceparent": {"type": "string", "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"},
            "tracestate": {"type": "string"},
            "data": data,
        },
    }
    if definitions:
        schema["$defs"] = definitions
    return schema

"""The checked-in JSON Schema files of the public event types, and validation against them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_DIRECTORIES: list[Path] = [Path(__file__).parent / "schemas"]


class ContractViolationError(ValueError):
    """An envelope does not match its type's published schema."""


def schema_path(event_type: str) -> Path:
    for directory in SCHEMA_DIRECTORIES:
        path = directory / f"{event_type}.json"
        if path.is_file():
            return path
    raise ContractViolationError(f"no JSON Schema for event type {event_type!r}")


def schema_for(event_type: str) -> dict[str, Any]:
    return json.loads(schema_path(event_type).read_text("utf-8"))


@cache
def _validator(path: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads(path.read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def validate(envelope: dict[str, Any]) -> None:
    validator = _validator(schema_path(str(envelope.get("type"))))
    error = jsonschema.exceptions.best_match(validator.iter_errors(envelope))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(envelope)"
        raise ContractViolationError(f"{envelope.get('type')} at {where}: {error.message}")


def published_schema_files() -> list[Path]:
    return sorted(SCHEMA_DIRECTORIES[0].glob("*.json"))

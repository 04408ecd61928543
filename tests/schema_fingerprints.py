"""Fingerprints of the published event schemas, frozen once published.

A consumer validates strictly against the schema of a version it downloaded, so a
published version never changes shape: a change is published as a new version, beside
the old one for a transition (docs/integration.md, "Handling a new version"). The
fingerprint is a digest of the schema without its titles and descriptions (those may be
reworded, e.g. to mark a version deprecated); anything else (a property, a required
field, an enum value, a type, a format, additionalProperties) changes it.

When a schema file is added (a new type, or a new version of one), record its
fingerprint: `.venv/bin/python -m tests.schema_fingerprints`. Recorded fingerprints are
never rewritten, and stay when a retired version's file is removed, so that its name is
not reused for another shape.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from contract.schemas import published_schema_files

FINGERPRINTS_PATH = Path(__file__).parent / "fixtures" / "published_schema_fingerprints.json"
_WORDING = frozenset({"title", "description"})
_NAMES = frozenset({"properties", "$defs", "patternProperties"})  # keys below these are names, kept whole


def shape(node: Any, *, names: bool = False) -> Any:
    if isinstance(node, dict):
        if names:
            return {key: shape(value) for key, value in node.items()}
        return {key: shape(value, names=key in _NAMES) for key, value in node.items() if key not in _WORDING}
    if isinstance(node, list):
        return [shape(item) for item in node]
    return node


def fingerprint(schema: dict[str, Any]) -> str:
    canonical = json.dumps(shape(schema), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def recorded() -> dict[str, str]:
    return json.loads(FINGERPRINTS_PATH.read_text("utf-8")) if FINGERPRINTS_PATH.is_file() else {}


def current() -> dict[str, str]:
    return {path.name: fingerprint(json.loads(path.read_text("utf-8"))) for path in published_schema_files()}


def record_new() -> list[str]:
    """Adds the fingerprints of schema files not yet recorded; the answer is their names."""
    fingerprints = recorded()
    added = sorted(set(current()) - set(fingerprints))
    fingerprints |= {name: print_ for name, print_ in current().items() if name in added}
    FINGERPRINTS_PATH.write_text(json.dumps(dict(sorted(fingerprints.items())), indent=2) + "\n", "utf-8")
    return added


if __name__ == "__main__":
    for name in record_new():
        print(f"recorded {name}")

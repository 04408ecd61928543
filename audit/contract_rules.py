"""What the published contract requires of every event, as the verifier checks it."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any


@cache
def reason_required() -> frozenset[str]:
    """Types whose schema requires a reason (in the envelope or in the data)."""
    required = set()
    for entry in resources.files("contract").joinpath("schemas").iterdir():
        if not entry.name.endswith(".json"):
            continue
        schema = json.loads(entry.read_text())
        data = schema.get("properties", {}).get("data", {})
        if "reason" in schema.get("required", ()) or "reason" in data.get("required", ()):
            required.add(schema["properties"]["type"]["const"])
    return frozenset(required)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def contract_problems(envelope: Any, context: str) -> list[tuple[str, str]]:
    """(check, detail) for each rule the event breaks."""
    if not isinstance(envelope, dict):
        return [("envelope", "not a JSON object")]
    problems = []
    get = envelope.get  # read once per attribute: this runs for every event of the log
    if get("specversion") != "1.0":
        problems.append(("envelope", f"specversion {get('specversion')!r}"))
    for attribute in ("id", "type", "subject"):
        if not _text(get(attribute)):
            problems.append(("envelope", f"no {attribute}"))
    if get("source") != "/sotflow/" + context:
        problems.append(("envelope", f"source {get('source')!r} is not this context's"))
    data = get("data")
    if not isinstance(data, dict):
        problems.append(("envelope", "no data object"))
        data = {}
    if not (_text(get("actorid")) and _text(get("actorrole"))):
        problems.append(("actor", "no actor (actorid and actorrole)"))
    time = get("time")
    try:
        if not isinstance(time, str) or datetime.fromisoformat(time).tzinfo is None:
            raise ValueError
    except ValueError:
        problems.append(("time", f"no time with a zone: {time!r}"))
    if get("type") in reason_required() and not (_text(get("reason")) or _text(data.get("reason"))):
        problems.append(("reason", "the contract requires a reason"))
    version = get("streamversion")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool) or version < 1):
        problems.append(("stream-version", f"streamversion {version!r}"))
    return problems


def position_of(envelope: Any) -> int | None:
    if not isinstance(envelope, dict):
        return None
    position = envelope.get("logposition")
    return position if isinstance(position, int) and not isinstance(position, bool) and position > 0 else None

"""Access to the checked-in JSON Schema files of the public event types."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def schema_for(event_type: str) -> dict[str, Any]:
    return json.loads(files("contract").joinpath("schemas", f"{event_type}.json").read_text("utf-8"))

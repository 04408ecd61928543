"""JSON transcodings for the domain's value objects, shared by every context."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class FrozenDataclassAsDict(Transcoding):
    """Stores a value object's fields by name; nested values go through the transcoder."""

    def __init__(self, cls: type) -> None:
        self.type = cls
        self.name = f"{cls.__module__}.{cls.__qualname__}"
        self._fields = [f.name for f in dataclasses.fields(cls)]
        self._tuple_fields = {f.name for f in dataclasses.fields(cls) if str(f.type).startswith("tuple")}

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in self._fields}

    def decode(self, data: dict[str, Any]) -> Any:
        # JSON has no tuples: give tuple-typed fields (value objects are immutable) back their type.
        return self.type(
            **{k: tuple(v) if k in self._tuple_fields and isinstance(v, list) else v for k, v in data.items()}
        )


def register_value_objects(transcoder: JSONTranscoder, *classes: type) -> None:
    transcoder.register(DateAsISO())
    for cls in classes:
        transcoder.register(FrozenDataclassAsDict(cls))

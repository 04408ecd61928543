"""JSON transcodings for the domain's value objects, shared by every context."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
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


class SetAsSortedList(Transcoding):
    """A set in an aggregate's state (a snapshot): sorted, so equal sets are stored alike."""

    type = set
    name = "set_sorted"

    def encode(self, obj: set) -> list:
        return sorted(obj)

    def decode(self, data: list) -> set:
        return set(data)


class FrozenDataclassAsDict(Transcoding):
    """Stores a value object's fields by name; nested values go through the transcoder."""

    def __init__(self, cls: type, name: str | None = None) -> None:
        self.type = cls
        # A value object that moved keeps decoding under its old name (given here).
        self.name = name or f"{cls.__module__}.{cls.__qualname__}"
        self._fields = [f.name for f in dataclasses.fields(cls)]
        self._tuple_fields = {f.name for f in dataclasses.fields(cls) if str(f.type).startswith("tuple")}
        self._frozenset_fields = {f.name for f in dataclasses.fields(cls) if str(f.type).startswith("frozenset")}
        self._enum_fields = _enum_fields(cls)

    def encode(self, obj: Any) -> dict[str, Any]:
        values = {name: getattr(obj, name) for name in self._fields}
        for name in self._frozenset_fields:
            values[name] = sorted(values[name])
        return values

    def decode(self, data: dict[str, Any]) -> Any:
        # JSON has neither tuples nor enums: give such fields back their type, so that a
        # value object read from the store equals the one that was stored.
        values = {}
        for k, v in data.items():
            if k in self._tuple_fields and isinstance(v, list):
                v = tuple(v)
            elif k in self._frozenset_fields and isinstance(v, list):
                v = frozenset(v)
            elif k in self._enum_fields and isinstance(v, str):
                v = self._enum_fields[k](v)
            values[k] = v
        return self.type(**values)


def _enum_fields(cls: type) -> dict[str, type[enum.Enum]]:
    """Fields typed as an enum (or an optional one)."""
    found = {}
    for name, hint in typing.get_type_hints(cls).items():
        options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        enums = [o for o in options if isinstance(o, type) and issubclass(o, enum.Enum)]
        if enums:
            found[name] = enums[0]
    return found


def register_value_objects(transcoder: JSONTranscoder, *classes: type) -> None:
    transcoder.register(DateAsISO())
    transcoder.register(SetAsSortedList())
    for cls in classes:
        transcoder.register(FrozenDataclassAsDict(cls))

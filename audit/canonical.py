"""The bytes an event is hashed as: RFC 8785 (JCS) canonical JSON, after strict parsing.

Strict parsing rejects what a lenient parser would silently resolve: duplicate keys
(which value did the producer mean?), NaN and Infinity, invalid UTF-8. The
`rfc8785` package is the reference canonicaliser. It is pure Python and costs about
100 µs per event, so the common case takes a faster route whose output is the same
bytes by construction (and is tested against the package on random documents):

- a message that orjson parses and re-encodes to exactly its own bytes is compact
  JSON with no duplicate keys (a duplicate would make the original longer);
- for such a message, orjson with sorted keys writes what RFC 8785 writes (same
  string escaping), provided no key order differs between UTF-8 and UTF-16 (no
  character above U+FFFF), no integer exceeds 2^53 and floats are written as
  ECMAScript numbers, which `es6_number` does (spliced in as orjson fragments
  while the standard library's C parser re-reads the numbers).

Anything else goes through the strict parser and the package.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from typing import Any

import orjson
import rfc8785


class StrictJSONError(ValueError):
    """The message is not strict JSON (duplicate key, NaN, invalid UTF-8, ...)."""


class NotCanonicalizableError(ValueError):
    """The value has no RFC 8785 form (an integer beyond 2^53, a lone surrogate, ...)."""


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise StrictJSONError(f"duplicate key {key!r}")
            seen.add(key)
    return result


def _reject_constant(name: str) -> None:
    raise StrictJSONError(f"{name} is not JSON")


def strict_loads(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StrictJSONError(f"not UTF-8: {exc}") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise StrictJSONError(f"not JSON: {exc}") from None


def canonical_bytes(value: Any) -> bytes:
    """The reference: RFC 8785 by the rfc8785 package."""
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as exc:
        raise NotCanonicalizableError(str(exc)) from None


def es6_number(f: float) -> str:
    """A float as ECMAScript's Number.prototype.toString writes it (RFC 8785 3.2.2.3)."""
    if math.isnan(f) or math.isinf(f):
        raise NotCanonicalizableError(f"{f} is not representable in JSON")
    if f == 0:
        return "0"
    r = repr(f)
    if "e" not in r:
        # Between 1e-4 and 1e16 Python's repr is already positional, like ECMAScript.
        return r[:-2] if r.endswith(".0") else r
    if f < 0:
        return "-" + es6_number(-f)
    # repr gives the shortest digits that round-trip, as ECMAScript requires.
    sign, digits, exponent = Decimal(repr(f)).as_tuple()
    s = "".join(map(str, digits)).rstrip("0")
    exponent += len(digits) - len(s)
    k = len(s)
    n = k + exponent
    if k <= n <= 21:
        return s + "0" * (n - k)
    if 0 < n <= 21:
        return s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + s
    e = n - 1
    mark = "+" if e >= 0 else "-"
    return (s if k == 1 else s[0] + "." + s[1:]) + "e" + mark + str(abs(e))


# Lead bytes of 4-byte UTF-8 sequences: characters above U+FFFF, which sort
# differently by code point and by UTF-16 code unit.
_ASTRAL_LEAD = re.compile(b"[\xf0-\xf4]")
_SORTED_SAFE = orjson.OPT_SORT_KEYS | orjson.OPT_STRICT_INTEGER  # an integer beyond 2^53 raises


class _Fragments(dict[str, orjson.Fragment]):
    """A float's token and its ECMAScript form. Loads and coefficients repeat endlessly,
    so formatting each once is enough, and a hit is a dict lookup with no Python call."""

    def __missing__(self, token: str) -> orjson.Fragment:
        if len(self) > 4096:
            self.clear()
        fragment = self[token] = orjson.Fragment(es6_number(float(token)))
        return fragment


_es6_fragment = _Fragments().__getitem__


def _may_hold_floats(compact: bytes) -> bool:
    """Whether compact JSON may hold a float: a '.' or an exponent outside its strings."""
    if b'\\"' in compact:
        return True  # an escaped quote: strings cannot be told apart by splitting
    structure = b"".join(compact.split(b'"')[0::2])
    if b"." in structure:
        return True
    if b"e" not in structure and b"E" not in structure:
        return False
    structure = structure.replace(b"true", b"").replace(b"false", b"")
    return b"e" in structure or b"E" in structure


def _may_hold_astral(raw: bytes) -> bool:
    return not raw.isascii() and _ASTRAL_LEAD.search(raw) is not None


# What a caller passes who has not parsed the message already.
UNPARSED: Any = object()


def parse_event(raw: bytes, value: Any = UNPARSED) -> tuple[Any, bytes]:
    """(value, its RFC 8785 bytes); raises StrictJSONError or NotCanonicalizableError.
    `value`: what orjson.loads(raw) gave, where the caller has it already (the log
    reader parses each message for its position)."""
    try:
        if value is UNPARSED:
            value = orjson.loads(raw)
        compact = orjson.dumps(value) == raw
    except (orjson.JSONDecodeError, orjson.JSONEncodeError, TypeError):
        compact = False
    if compact and raw[:1] in (b"{", b"[") and not _may_hold_astral(raw):
        # orjson escapes strings exactly as RFC 8785 does; only its floats differ,
        # so where there are floats the numbers are re-read and spliced in as
        # ECMAScript-formatted fragments.
        try:
            if not _may_hold_floats(raw):
                return value, orjson.dumps(value, option=_SORTED_SAFE)
            with_numbers = json.loads(raw, parse_float=_es6_fragment)
            return value, orjson.dumps(with_numbers, option=_SORTED_SAFE)
        except orjson.JSONEncodeError:
            pass  # an integer beyond 2^53: the package decides
    if not compact:
        value = strict_loads(raw)
    return value, canonical_bytes(value)

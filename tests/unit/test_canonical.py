"""Canonical bytes: the fast route gives exactly the rfc8785 package's bytes; strict parsing."""

from __future__ import annotations

import struct

import orjson
import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.canonical import NotCanonicalizableError, StrictJSONError, es6_number, parse_event

# RFC 8785 section 3.2.3's example, written as it is there (the input is not compact).
RFC_INPUT = (
    b'{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],'
    b' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}'
)
RFC_OUTPUT = (
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
    '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
).encode()

# RFC 8785 appendix B: IEEE 754 bit patterns and their ECMAScript form.
ES6_NUMBERS = {
    0x0000000000000000: "0",
    0x8000000000000000: "0",
    0x0000000000000001: "5e-324",
    0x8000000000000001: "-5e-324",
    0x7FEFFFFFFFFFFFFF: "1.7976931348623157e+308",
    0x4340000000000000: "9007199254740992",
    0xC340000000000000: "-9007199254740992",
    0x4430000000000000: "295147905179352830000",
    0x44B52D02C7E14AF5: "9.999999999999997e+22",
    0x44B52D02C7E14AF6: "1e+23",
    0x3EB0C6F7A0B5ED8D: "0.000001",
    0x3EB0C6F7A0B5ED8C: "9.999999999999997e-7",
    0x41B3DE4355555555: "333333333.3333333",
}


def test_rfc_example():
    assert parse_event(RFC_INPUT)[1] == RFC_OUTPUT


@pytest.mark.parametrize("bits, expected", ES6_NUMBERS.items())
def test_es6_numbers_of_the_rfc(bits, expected):
    value = struct.unpack(">d", bits.to_bytes(8, "big"))[0]
    assert es6_number(value) == expected == rfc8785.dumps(value).decode()


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_es6_number_agrees_with_the_package(value):
    assert es6_number(value).encode() == rfc8785.dumps(value)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=400)
@given(json_values)
def test_fast_route_gives_the_package_bytes(value):
    try:
        raw = orjson.dumps(value)
    except orjson.JSONEncodeError:
        return  # lone surrogates: orjson refuses them, so no such message exists
    assert parse_event(raw)[1] == rfc8785.dumps(value)


@settings(max_examples=200)
@given(json_values)
def test_any_spelling_gives_the_package_bytes(value):
    import json

    try:
        raw = json.dumps(value, indent=1).encode()  # not compact: the strict route
        expected = rfc8785.dumps(value)
    except (UnicodeEncodeError, rfc8785.CanonicalizationError):
        return
    assert parse_event(raw)[1] == expected


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a":1,"a":2}',
        b'{"a":{"b":1,"b":1}}',
        b'{"a":NaN}',
        b'{"a":Infinity}',
        b"\xff{}",
        b'{"a":1',
        b"",
    ],
)
def test_strict_parsing_rejects(raw):
    with pytest.raises(StrictJSONError):
        parse_event(raw)


@pytest.mark.parametrize(
    "raw", [b'{"a":9007199254740993}', b'{"a":0.5,"b":9007199254740993}', b'{"a":"\\ud800"}', b'{"a":1e400}']
)
def test_values_without_a_canonical_form_are_refused(raw):
    with pytest.raises((NotCanonicalizableError, StrictJSONError)):
        parse_event(raw)


def test_keys_sort_by_utf16_code_units():
    raw = orjson.dumps({"\ue000": 1, "\U0001f600": 2})
    assert parse_event(raw)[1] == rfc8785.dumps({"\ue000": 1, "\U0001f600": 2})
    assert parse_event(raw)[1].index("\U0001f600".encode()) < parse_event(raw)[1].index("\ue000".encode())


@settings(max_examples=200)
@given(json_values)
def test_a_parse_handed_in_gives_the_same_bytes(value):
    try:
        raw = orjson.dumps(value)
    except orjson.JSONEncodeError:
        return
    assert parse_event(raw, orjson.loads(raw)) == parse_event(raw)

"""The individual identification number (ИИН / ЖСН): 12 digits, the last a check digit.

The check digit is the weighted sum of the first eleven digits modulo 11, with weights
1..11; a remainder of 10 is recomputed with weights 3..11, 1, 2, and a second 10 means
no valid IIN has those eleven digits (the published algorithm of the national registers).
"""

from __future__ import annotations

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    """The twelfth digit for these eleven, or None when no IIN can start with them."""
    digits = [int(c) for c in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def is_valid_iin(value: str) -> bool:
    return len(value) == 12 and value.isascii() and value.isdigit() and check_digit(value[:11]) == int(value[11])

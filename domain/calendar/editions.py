"""Editions of the built-in calendar: what each release knew, and from when it applies.

The law changes (Constitution Day moved in 2026) and so does what is known (a year's
Kurban Ait date). Such a change is a new edition with the date it takes effect, never
an edit of one already released: a deadline records the edition (in its calendar
revision) its due instant was computed under, so that edition must stay reproducible,
and an open deadline computed under an older one is recomputed, as an event, by the
watcher (as for a transfer order entered as an event).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from domain.calendar.data import (
    HOLIDAYS_2026_1,
    HOLIDAYS_2026_2,
    KURBAN_AIT_2022_2026,
    KURBAN_AIT_2027,
    TRANSFERS_2022_2025,
    FixedHoliday,
    KurbanAit,
    Transfer,
)


@dataclass(frozen=True)
class Edition:
    name: str
    effective_from: date  # computations as of this day or later use it (until a later edition)
    change: str  # what it changed, in a recomputation's reason
    holidays: tuple[FixedHoliday, ...]
    kurban_ait: Mapping[int, KurbanAit]
    transfers: tuple[Transfer, ...]
    # The years whose data is complete (Kurban Ait's date known): checked day by day
    # against the holidays package. Other years still count (statute holidays and
    # the transfer rule) but lack what cannot be derived.
    years: range


KZ_2026_1 = Edition(
    name="kz-2026.1",
    effective_from=date.min,  # the first edition: from the start
    change="the first edition",
    holidays=HOLIDAYS_2026_1,
    kurban_ait=KURBAN_AIT_2022_2026,
    transfers=TRANSFERS_2022_2025,
    years=range(2022, 2027),
)

KZ_2026_2 = Edition(
    name="kz-2026.2",
    # The day the new Constitution, and with it the amended holidays law, took effect.
    effective_from=date(2026, 7, 1),
    change=(
        "30 August is no longer Constitution Day after 2025 (31 August 2026 is a working day); "
        "Constitution Day is 15 March from 2027; Kurban Ait 2027 (estimated)"
    ),
    holidays=HOLIDAYS_2026_2,
    kurban_ait={**KURBAN_AIT_2022_2026, 2027: KURBAN_AIT_2027},
    transfers=TRANSFERS_2022_2025,
    years=range(2022, 2028),
)

EDITIONS: tuple[Edition, ...] = (KZ_2026_1, KZ_2026_2)
LATEST = EDITIONS[-1]


def edition_on(day: date, editions: Sequence[Edition] = EDITIONS) -> Edition:
    """The edition in effect on a day: the last one taking effect on or before it."""
    in_effect = [e for e in editions if e.effective_from <= day]
    return in_effect[-1] if in_effect else editions[0]

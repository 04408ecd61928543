"""The automatic distribution draw: deterministic given its recorded inputs.

Anyone holding a protocol can re-run the draw, in any language, and get the same
panel. The algorithm ("sotflow-weighted-draw/1"):

1. Candidates are sorted by judge id. Each has a normalised load n = L / c, where L
   is the judge's open weighted load and c the coefficient of the judge's post (a
   chair with c = 0.5 counts as carrying twice the load), and a weight
   1 / (1 + n - n_min), n_min being the lowest normalised load in the pool: the least
   loaded judge weighs 1, one a case ahead 1/2, two cases ahead 1/3. Relative, so the
   pull towards an even load does not fade as absolute loads grow.
2. For seat k (0 = judge-rapporteur), u_k = the first 8 bytes of
   SHA-256(seed || ":" || k), big-endian, divided by 2^64.
3. The seat goes to the first candidate whose cumulative weight exceeds
   u_k x (total weight); that judge leaves the pool for the next seat.

The seed is fixed before the draw from data nobody can choose at draw time (the
registration event's id), so the result cannot be steered by re-drawing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

ALGORITHM = "sotflow-weighted-draw/1"


@dataclass(frozen=True)
class Candidate:
    judge_id: str
    load: float
    post_coefficient: float

    @property
    def normalised_load(self) -> float:
        return self.load / self.post_coefficient


def weights(pool: list[Candidate]) -> list[float]:
    lowest = min(c.normalised_load for c in pool)
    return [1.0 / (1.0 + c.normalised_load - lowest) for c in pool]


@dataclass(frozen=True)
class Exclusion:
    judge_id: str
    reason: str  # inactive, other_specialisation, absent, recused, already_on_panel


@dataclass(frozen=True)
class DrawProtocol:
    """Everything the draw used and what it gave: recorded in the distribution event."""

    algorithm: str
    seed: str
    settings_version: int
    panel_size: int
    candidates: tuple[Candidate, ...]
    exclusions: tuple[Exclusion, ...]
    panel: tuple[str, ...]  # panel[0] is the judge-rapporteur
    draws: tuple[str, ...]  # u_k as decimal strings, so the protocol shows each seat's number


def seat_number(seed: str, seat: int) -> float:
    digest = hashlib.sha256(f"{seed}:{seat}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def draw(
    *, seed: str, candidates: list[Candidate], exclusions: list[Exclusion], panel_size: int, settings_version: int
) -> DrawProtocol:
    pool = sorted(candidates, key=lambda c: c.judge_id)
    if len(pool) < panel_size:
        raise ValueError(f"{len(pool)} candidates for a panel of {panel_size}")
    remaining = list(pool)
    panel: list[str] = []
    numbers: list[str] = []
    for seat in range(panel_size):
        u = seat_number(seed, seat)
        seat_weights = weights(remaining)
        target = u * sum(seat_weights)
        cumulative = 0.0
        chosen = remaining[-1]  # guards against rounding at the very top of the range
        for candidate, weight in zip(remaining, seat_weights, strict=True):
            cumulative += weight
            if cumulative > target:
                chosen = candidate
                break
        panel.append(chosen.judge_id)
        numbers.append(repr(u))
        remaining.remove(chosen)
    return DrawProtocol(
        algorithm=ALGORITHM,
        seed=seed,
        settings_version=settings_version,
        panel_size=panel_size,
        candidates=tuple(pool),
        exclusions=tuple(sorted(exclusions, key=lambda e: e.judge_id)),
        panel=tuple(panel),
        draws=tuple(numbers),
    )


def rerun(protocol: DrawProtocol) -> tuple[str, ...]:
    """The panel the protocol's inputs give: an auditor's check."""
    return draw(
        seed=protocol.seed,
        candidates=list(protocol.candidates),
        exclusions=list(protocol.exclusions),
        panel_size=protocol.panel_size,
        settings_version=protocol.settings_version,
    ).panel

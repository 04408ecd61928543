"""The legal-statistics report for the authorised body (seed 004 §15.15): the figures of
the statistics summary laid out as the sections of the official report on the work of
courts considering criminal cases in cassation, as far as its public description goes
(docs/legal-statistics.md says which form and how sure we are of it).

Queries only, over the same registers as the statistics (projections/statistics.py), so
the report's totals are the case register's: line 1 + line 2 - line 3 = line 4, and each
section that breaks a line down sums to it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection

from projections import statistics

FORM = "Report on the work of courts considering criminal cases in cassation (structure after the public description)"


def report(conn: Connection, schema: str, start: datetime, end: datetime, court: str | None = None) -> dict[str, Any]:
    stats = statistics.summary(conn, schema, start, end, court)
    movement = [
        ("1", "Cases pending at the start of the period", stats["pending_at_start"]),
        ("2", "Cases received in the period", stats["incoming"]),
        ("3", "Cases disposed of in the period", stats["resolved"]),
        ("4", "Cases pending at the end of the period", stats["pending_at_end"]),
    ]
    by_kind = [
        (f"2.{n}", f"received: {row['kind']}", row["incoming"], row["resolved"], row["pending_at_end"])
        for n, row in enumerate(stats["by_kind"], start=1)
    ]
    outcomes = [(f"5.{n}", r["outcome"], r["defendants"]) for n, r in enumerate(stats["outcomes"], start=1)]
    categories = [(f"6.{n}", r["category"], r["incoming"]) for n, r in enumerate(stats["offence_categories"], start=1)]
    return {
        "form": FORM,
        "from": stats["from"],
        "to": stats["to"],
        "court": court,
        "sections": [
            {"title": "Section 1. Movement of cases", "header": ["line", "indicator", "cases"],
             "rows": [list(r) for r in movement]},
            {"title": "Section 2. Cases by kind of proceeding",
             "header": ["line", "indicator", "received", "disposed of", "pending at the end"],
             "rows": [list(r) for r in by_kind]},
            {"title": "Section 3. Results of consideration, per convicted or acquitted person",
             "header": ["line", "result", "persons"], "rows": [list(r) for r in outcomes]},
            {"title": "Section 4. Cases received, by category of offence",
             "header": ["line", "category", "cases"], "rows": [list(r) for r in categories]},
        ],
        "checks": {
            "movement_balances": stats["pending_at_start"] + stats["incoming"] - stats["resolved"]
            == stats["pending_at_end"],
            "kinds_sum_to_received": sum(r[2] for r in by_kind) == stats["incoming"],
            "categories_sum_to_received": sum(r[2] for r in categories) == stats["incoming"],
        },
    }  # fmt: skip

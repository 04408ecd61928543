"""Statistics as files for the analysts: CSV (the table by kind, with the totals) and an
.xlsx workbook (openpyxl) with a sheet per table."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook

KIND_COLUMNS = ("kind", "incoming", "resolved", "pending_at_start", "pending_at_end", "median_days_to_disposition")


def _kind_rows(stats: dict[str, Any]) -> list[list[Any]]:
    rows = [[row[c] for c in KIND_COLUMNS] for row in stats["by_kind"]]
    totals = ["all", stats["incoming"], stats["resolved"], stats["pending_at_start"], stats["pending_at_end"], None]
    return [*rows, totals]


def to_csv(stats: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(KIND_COLUMNS)
    writer.writerows(_kind_rows(stats))
    writer.writerow([])
    writer.writerow(["clearance_rate", stats["clearance_rate"]])
    writer.writerow(["disposition_time_days", stats["disposition_time_days"]])
    return out.getvalue()


def to_xlsx(stats: dict[str, Any]) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "summary"
    for label in ("from", "to", "court", "incoming", "resolved", "pending_at_start", "pending_at_end",
                  "clearance_rate", "disposition_time_days"):  # fmt: skip
        value = stats[label]
        summary.append([label, value.isoformat() if hasattr(value, "isoformat") else value])
    outcomes = [[r["outcome"], r["defendants"]] for r in stats["outcomes"]]
    categories = [[r["category"], r["incoming"]] for r in stats["offence_categories"]]
    sheets = (
        ("by kind", KIND_COLUMNS, _kind_rows(stats)),
        ("outcomes", ("outcome", "defendants"), outcomes),
        ("offence categories", ("category", "incoming"), categories),
    )
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(list(header))
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""Statistics as files for the analysts, carrying every figure of the JSON answer: CSV
(one section per table, each under its title, separated by an empty row) and an .xlsx
workbook (openpyxl) with a sheet per table."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook

SUMMARY_FIGURES = (
    "from", "to", "court", "incoming", "resolved", "pending_at_start", "pending_at_end",
    "clearance_rate", "disposition_time_days",
)  # fmt: skip
KIND_COLUMNS = ("kind", "incoming", "resolved", "pending_at_start", "pending_at_end", "median_days_to_disposition")


def _cell(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def tables(stats: dict[str, Any]) -> list[tuple[str, tuple[str, ...], list[list[Any]]]]:
    """(title, header, rows) of each table: the summary, by kind (with the totals), outcomes, categories."""
    by_kind = [[row[c] for c in KIND_COLUMNS] for row in stats["by_kind"]]
    totals = ["all", stats["incoming"], stats["resolved"], stats["pending_at_start"], stats["pending_at_end"], None]
    return [
        ("summary", ("figure", "value"), [[name, _cell(stats[name])] for name in SUMMARY_FIGURES]),
        ("by kind", KIND_COLUMNS, [*by_kind, totals]),
        ("outcomes", ("outcome", "defendants"), [[r["outcome"], r["defendants"]] for r in stats["outcomes"]]),
        ("offence categories", ("category", "incoming"),
         [[r["category"], r["incoming"]] for r in stats["offence_categories"]]),
    ]  # fmt: skip


def to_csv(stats: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for n, (title, header, rows) in enumerate(tables(stats)):
        if n:
            writer.writerow([])
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows(rows)
    return out.getvalue()


def to_xlsx(stats: dict[str, Any]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in tables(stats):
        sheet = book.create_sheet(title)
        if title != "summary":  # the summary's rows name their figures
            sheet.append(list(header))
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cells(row: list[Any]) -> list[Any]:
    return [_cell(v) for v in row]


def legal_form_csv(report: dict[str, Any]) -> str:
    """The legal-statistics report (004 §15.15): a heading with the form and the period, then
    each section under its title, separated by an empty row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([report["form"]])
    writer.writerow(["from", _cell(report["from"]), "to", _cell(report["to"]), "court", report["court"] or "all"])
    for section in report["sections"]:
        writer.writerow([])
        writer.writerow([section["title"]])
        writer.writerow(section["header"])
        writer.writerows(_cells(r) for r in section["rows"])
    return out.getvalue()


def legal_form_xlsx(report: dict[str, Any]) -> bytes:
    """The same report as a workbook: a title sheet, then one sheet per section."""
    book = Workbook()
    cover = book.active
    cover.title = "form"
    cover.append([report["form"]])
    cover.append(["from", _cell(report["from"]), "to", _cell(report["to"]), "court", report["court"] or "all"])
    for n, section in enumerate(report["sections"], start=1):
        sheet = book.create_sheet(f"section {n}")
        sheet.append([section["title"]])
        sheet.append(section["header"])
        for row in section["rows"]:
            sheet.append(_cells(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

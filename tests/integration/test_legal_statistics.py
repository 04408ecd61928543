"""The legal-statistics report for the authorised body (004 §15.15) on the real PostgreSQL
and Kafka: its totals reconcile with the case register (counted here straight from the
register's table), its sections sum to their lines, and the CSV and .xlsx files carry the
same figures as the JSON."""

import csv
import io
import threading
from datetime import datetime, timedelta

from openpyxl import load_workbook
from psycopg import sql

from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from domain.court_time import COURT_ZONE, days_between
from projections.registry import ALL_PROJECTIONS
from tests.support import auth, complaint_payload, post, relay_all

R, H = Role.REGISTRAR, Role.HEAD


def project_all(system, settings):
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def register_counts(system, settings, first, last) -> tuple[int, int, int, int]:
    """(pending at start, received, disposed of, pending at end) counted from the case register itself."""
    start, end = days_between(first, last)
    query = sql.SQL(
        "select count(*) filter (where received_at < %(s)s and (disposed_at is null or disposed_at >= %(s)s)) as a, "
        "count(*) filter (where received_at >= %(s)s and received_at < %(e)s) as b, "
        "count(*) filter (where disposed_at >= %(s)s and disposed_at < %(e)s) as c, "
        "count(*) filter (where received_at < %(e)s and (disposed_at is null or disposed_at >= %(e)s)) as d "
        "from {} where registry_position is not null"
    ).format(sql.Identifier(settings.projection_schema, "case_register"))
    with system.pool.connection() as conn:
        return tuple(conn.execute(query, {"s": start, "e": end}).fetchone().values())


def test_the_report_reconciles_with_the_case_register_in_every_format(client, tokens, system, settings):
    clerk, head = tokens[R], tokens[H]
    cases = [client.post("/complaints", json=complaint_payload(n), headers=auth(clerk)).json()["id"] for n in range(4)]
    for case_id in cases[:2]:
        assert post(client, head, f"/cases/{case_id}/return", {"reason": "not signed by the filer"}).status_code == 201
    project_all(system, settings)

    last = datetime.now(COURT_ZONE).date()
    first = last - timedelta(days=30)
    params = {"from": first.isoformat(), "to": last.isoformat()}
    report = client.get("/registers/legal-statistics", params=params, headers=auth(clerk)).json()
    movement, by_kind, outcomes, categories = (s["rows"] for s in report["sections"])
    lines = {row[0]: row[2] for row in movement}
    counted = register_counts(system, settings, first, last)
    assert (lines["1"], lines["2"], lines["3"], lines["4"]) == counted
    assert counted[1] >= 4 and counted[2] >= 2  # the cases above are in it
    assert lines["1"] + lines["2"] - lines["3"] == lines["4"]
    assert sum(r[2] for r in by_kind) == lines["2"] and sum(r[3] for r in by_kind) == lines["3"]
    assert sum(r[2] for r in categories) == lines["2"]
    assert all(report["checks"].values()), report["checks"]

    as_csv = client.get("/registers/legal-statistics", params=params | {"format": "csv"}, headers=auth(clerk))
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == [report["form"]]
    csv_lines = {r[0]: r[2] for r in rows if len(r) == 3 and r[0] in lines}
    assert csv_lines == {k: str(v) for k, v in lines.items()}

    as_xlsx = client.get("/registers/legal-statistics", params=params | {"format": "xlsx"}, headers=auth(clerk))
    book = load_workbook(io.BytesIO(as_xlsx.content))
    assert book.sheetnames == ["form", "section 1", "section 2", "section 3", "section 4"]
    sheet_lines = {r[0]: r[2] for r in book["section 1"].iter_rows(min_row=3, values_only=True)}
    assert sheet_lines == lines
    kinds = list(book["section 2"].iter_rows(min_row=3, values_only=True))
    assert sum(r[2] for r in kinds) == lines["2"]

    reversed_period = {"from": last.isoformat(), "to": first.isoformat()}
    assert client.get("/registers/legal-statistics", params=reversed_period, headers=auth(clerk)).status_code == 422

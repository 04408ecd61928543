"""Statistics over the registers (queries only: no projection of its own).

For a period [start, end): cases received, cases resolved (act entered, returned,
withdrawn or joined), cases pending at its start and end, by kind; outcomes per
defendant; offence categories of the cases received; the median time to disposition; and the CEPEJ
indicators: clearance rate = resolved / incoming x 100, and disposition time =
(days in the period) x pending at the end / resolved, which for a year is CEPEJ's
365 x pending / resolved.

A case counts once, by the case register: every breakdown of a total (by kind, by
offence category) counts the same cases as the total, so it sums to it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection, sql

BY_KIND = """
select kind,
       count(*) filter (where received_at >= %(start)s and received_at < %(end)s) as incoming,
       count(*) filter (where disposed_at >= %(start)s and disposed_at < %(end)s) as resolved,
       count(*) filter (where received_at < %(start)s and (disposed_at is null or disposed_at >= %(start)s))
           as pending_at_start,
       count(*) filter (where received_at < %(end)s and (disposed_at is null or disposed_at >= %(end)s))
           as pending_at_end,
       percentile_cont(0.5) within group (order by extract(epoch from disposed_at - received_at) / 86400)
           filter (where disposed_at >= %(start)s and disposed_at < %(end)s) as median_days_to_disposition
from {cases}
where registry_position is not null and (%(court)s::text is null or court = %(court)s)
group by kind order by kind
"""

OUTCOMES = """
select o ->> 'outcome' as outcome, count(*) as defendants
from {rulings} r join {cases} c on c.case_id = r.case_id, jsonb_array_elements(r.outcomes) o
where r.ruled_at >= %(start)s and r.ruled_at < %(end)s and (%(court)s::text is null or c.court = %(court)s)
group by 1 order by 1
"""

# Offence categories of the cases counted as incoming (not of every incoming item: a case
# file or extradition materials join a case and are not one), so that they sum to `incoming`.
CATEGORIES = """
select coalesce(i.offence_category, 'not stated') as category, count(*) as incoming
from {cases} c left join {incoming} i on i.item_id = c.case_id
where c.registry_position is not null and c.received_at >= %(start)s and c.received_at < %(end)s
  and (%(court)s::text is null or c.court = %(court)s)
group by 1 order by 1
"""


def summary(conn: Connection, schema: str, start: datetime, end: datetime, court: str | None = None) -> dict[str, Any]:
    names = {
        "cases": sql.Identifier(schema, "case_register"),
        "rulings": sql.Identifier(schema, "rulings_register"),
        "incoming": sql.Identifier(schema, "incoming_register"),
    }
    params = {"start": start, "end": end, "court": court}
    by_kind = conn.execute(sql.SQL(BY_KIND).format(**names), params).fetchall()
    totals = {k: sum(row[k] for row in by_kind) for k in ("incoming", "resolved", "pending_at_start", "pending_at_end")}
    days = (end - start).total_seconds() / 86400
    return {
        "from": start,
        "to": end,
        "court": court,
        **totals,
        "clearance_rate": round(100 * totals["resolved"] / totals["incoming"], 1) if totals["incoming"] else None,
        "disposition_time_days": round(days * totals["pending_at_end"] / totals["resolved"], 1)
        if totals["resolved"]
        else None,
        "by_kind": [dict(r) for r in by_kind],
        "outcomes": [dict(r) for r in conn.execute(sql.SQL(OUTCOMES).format(**names), params).fetchall()],
        "offence_categories": [dict(r) for r in conn.execute(sql.SQL(CATEGORIES).format(**names), params).fetchall()],
    }

"""Workload takes a batch set-based (`apply_many`): the same rows, counts included, as
event by event, whether a case's distribution is in the batch or came before it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from psycopg.rows import dict_row

from projections import workload

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
COURT = f"court-{uuid.uuid4()}"


def envelope(event: str, position: int, data: dict) -> dict:
    return {
        "id": str(uuid.uuid4()), "source": "/sotflow/assignment", "type": f"kz.sotflow.assignment.{event}.v1",
        "subject": COURT, "time": (WHEN + timedelta(minutes=position)).isoformat(), "logposition": position,
        "streamversion": 1, "actorid": "u-test", "actorrole": "head", "data": data,
    }  # fmt: skip


def distributed(case_id: str, position: int, panel: list[str], version: int = 1) -> dict:
    return envelope("case-distributed", position, {
        "case_id": case_id, "court": COURT, "procedure": "cassation", "panel": panel,
        "protocol": {"settings_version": version},
    })  # fmt: skip


def reassigned(case_id: str, position: int, seat: int, judge: str) -> dict:
    return envelope("case-reassigned", position, {
        "case_id": case_id, "seat": seat, "new_judge": judge, "protocol": {"settings_version": 2},
    })  # fmt: skip


def released(case_id: str, position: int) -> dict:
    return envelope("load-released", position, {"case_id": case_id})


@pytest.fixture
def conn(settings):
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        yield conn


def rows_after(conn, schema: str, batches: list[list[dict]]) -> list[list[dict]]:
    orders = {
        "workload_judges": "judge_id", "workload_settings": "version", "workload_seats": "case_id, seat",
        "workload_open_seats": "judge_id, procedure, settings_version, rapporteur",
    }  # fmt: skip
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        for batch in batches:
            assert workload.apply_many(cur, schema, batch) == []
        return [
            cur.execute(
                psycopg.sql.SQL("select * from {} where court = %s order by " + orders[table]).format(
                    psycopg.sql.Identifier(schema, table)
                ),
                (COURT,),
            ).fetchall()
            for table in workload.TABLES
        ]


def test_a_batch_leaves_the_rows_and_counts_its_events_one_by_one_leave(conn, settings):
    first, second, third = (str(uuid.uuid4()) for _ in range(3))
    events = [
        envelope("judge-enrolled", 1, {"court": COURT, "judge_id": "j-1", "name": "Judge 1", "post": "judge"}),
        envelope(
            "distribution-settings-adopted",
            2,
            {
                "court": COURT,
                "version": 1,
                "complexity": {"cassation": 1.0},
                "panel_member_share": 0.5,
                "post_coefficients": {"judge": 1.0},
            },
        ),  # fmt: skip
        distributed(first, 3, ["j-1", "j-2", "j-3"]),
        distributed(second, 4, ["j-2", "j-1", "j-3"]),
        reassigned(first, 5, 1, "j-4"),  # j-2's count as a member goes back to zero
        released(second, 6),
        reassigned(second, 7, 0, "j-5"),  # a released case: no count changes
        distributed(third, 8, ["j-1"]),
        released(third, 9),
        reassigned(third, 10, 3, "j-6"),  # no such seat
    ]
    schema = settings.projection_schema
    one_by_one = rows_after(conn, schema, [[e] for e in events])
    assert rows_after(conn, schema, [events]) == one_by_one
    # Reassigned and released after the batch that distributed them: read from the register.
    assert rows_after(conn, schema, [events[:4], events[4:]]) == one_by_one
    assert rows_after(conn, schema, [events[:8], events[8:]]) == one_by_one
    counts = {(r["judge_id"], r["settings_version"], r["rapporteur"]): r["seats"] for r in one_by_one[3]}
    assert counts == {
        ("j-1", 1, True): 1, ("j-1", 1, False): 0, ("j-2", 1, False): 0, ("j-2", 1, True): 0,
        ("j-3", 1, False): 1, ("j-4", 2, False): 1,
    }  # fmt: skip


@pytest.mark.parametrize("together", [True, False])
def test_a_case_distributed_twice_is_refused_in_a_batch_as_alone(conn, settings, together):
    case = str(uuid.uuid4())
    events = [distributed(case, 1, ["j-1"]), released(case, 2), distributed(case, 3, ["j-2"])]
    with pytest.raises(psycopg.errors.UniqueViolation):
        rows_after(conn, settings.projection_schema, [events] if together else [[e] for e in events])

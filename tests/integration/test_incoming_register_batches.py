"""The incoming register takes a batch set-based (`apply_many`): the same rows as event by
event, and the same refusals where the register and the log disagree."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from psycopg.rows import dict_row

from projections import incoming_register

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def envelope(event: str, item_id: str, position: int, data: dict) -> dict:
    return {
        "id": str(uuid.uuid4()), "source": "/sotflow/registry", "type": f"kz.sotflow.registry.{event}.v1",
        "subject": item_id, "time": (WHEN + timedelta(minutes=position)).isoformat(), "logposition": position,
        "streamversion": 1, "actorid": "u-test", "actorrole": "registrar", "data": data,
    }  # fmt: skip


def registered(item_id: str, position: int) -> dict:
    return envelope("item-registered", item_id, position, {
        "item_id": item_id, "kind": "cassation_complaint", "court": "cassation-criminal",
        "registration_number": None, "received_at": WHEN.isoformat(), "registered_at": WHEN.isoformat(),
        "channel": "paper", "filer": {"name": f"Filer {position}", "procedural_role": "convict"},
        "lower_court_case_ref": "1-1/2025",
        "contested_act": {"court": "Almaty City Court", "kind": "verdict", "act_date": "2025-12-01",
                          "entered_into_force": None},
        "offence": None, "specialisation": "criminal", "improves_position": True, "confidentiality": "public",
        "related_item_id": None, "admissibility": {"admissible": True, "findings": []},
    })  # fmt: skip


def numbered(item_id: str, position: int, number: str) -> dict:
    return envelope(
        "registration-number-assigned", item_id, position, {"item_id": item_id, "registration_number": number}
    )


@pytest.fixture
def conn(settings):
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        yield conn


def rows_after(conn, schema: str, batches: list[list[dict]]) -> list[dict]:
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        for batch in batches:
            assert incoming_register.apply_many(cur, schema, batch) == []
        return cur.execute(
            psycopg.sql.SQL("select * from {} order by log_position").format(
                psycopg.sql.Identifier(schema, incoming_register.NAME)
            )
        ).fetchall()


def test_a_batch_leaves_the_rows_its_events_one_by_one_leave(conn, settings):
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    events = [
        registered(first, 1),
        registered(second, 2),
        numbered(first, 3, "CC-3/2026"),
        envelope("item-returned", second, 4, {"item_id": second, "ground": "late", "clauses": ["1"]}),
        envelope("filing-term-confirmed", first, 5, {"item_id": first, "confirmed": True, "note": "kept"}),
    ]
    one_by_one = rows_after(conn, settings.projection_schema, [[e] for e in events])
    assert rows_after(conn, settings.projection_schema, [events]) == one_by_one
    assert [(r["registration_number"], r["status"], r["filing_term_confirmed"]) for r in one_by_one] == [
        ("CC-3/2026", "registered", True),
        (None, "returned", None),
    ]


@pytest.mark.parametrize("together", [True, False])
def test_a_second_number_for_one_item_is_refused_in_a_batch_as_alone(conn, settings, together):
    item = str(uuid.uuid4())
    events = [registered(item, 1), numbered(item, 2, "CC-2/2026"), numbered(item, 3, "CC-3/2026")]
    batches = [events] if together else [[e] for e in events]
    with pytest.raises(psycopg.errors.RaiseException, match="register out of step"):
        rows_after(conn, settings.projection_schema, batches)


def test_an_item_registered_again_at_another_position_is_refused_in_a_batch(conn, settings):
    item = str(uuid.uuid4())
    with pytest.raises(psycopg.errors.RaiseException, match="register out of step"):
        rows_after(conn, settings.projection_schema, [[registered(item, 1), registered(item, 2)]])

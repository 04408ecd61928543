"""The deadline register and the foreign requests take a batch set-based (`apply_many`):
the same rows as event by event, and the same refusals where the register and the log
disagree."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from psycopg.rows import dict_row

from projections import deadline_register, foreign_requests

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def envelope(kind: str, subject: str, position: int, data: dict) -> dict:
    return {
        "id": str(uuid.uuid4()), "source": "/sotflow/test", "type": f"kz.sotflow.{kind}", "subject": subject,
        "time": (WHEN + timedelta(minutes=position)).isoformat(), "logposition": position, "streamversion": 1,
        "actorid": "u-test", "actorrole": "registrar", "reason": f"reason {position}", "data": data,
    }  # fmt: skip


def due(days: int) -> str:
    return (WHEN + timedelta(days=days)).isoformat()


def deadline(event: str, deadline_id: str, position: int, **data) -> dict:
    return envelope(f"deadlines.{event}.v1", "case-1", position, {"deadline_id": deadline_id} | data)


def started(deadline_id: str, position: int) -> dict:
    return deadline("deadline-started", deadline_id, position, rule_id="cassation.return-inadmissible",
                    rule_version=1, rule_set="cassation", clause="УПК 484(2)", subject=str(uuid.uuid4()), cycle=1,
                    base_time=WHEN.isoformat(), due_at=due(5), term={"value": 5, "unit": "working_days"},
                    calendar_revision="r1")  # fmt: skip


def request(event: str, request_id: str, position: int, **data) -> dict:
    return envelope(f"international.{event}.v1", request_id, position, {"request_id": request_id} | data)


def received(request_id: str, position: int) -> dict:
    return request("request-received", request_id, position, kind="incoming_letter_rogatory",
                   treaty="hague_service_1965", foreign_state="DE",
                   requesting={"state": "DE", "authority": "Amtsgericht Berlin-Mitte"},
                   requested={"state": "KZ", "authority": "Judicial Administration"}, language="de",
                   action="service_of_documents", related_case=None, confidential=False,
                   received_at=WHEN.isoformat())  # fmt: skip


@pytest.fixture
def conn(settings):
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        yield conn


def rows_after(conn, schema: str, projection, tables: tuple[str, ...], batches: list[list[dict]]) -> list[list]:
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        for batch in batches:
            assert projection.apply_many(cur, schema, batch) == []
        return [
            cur.execute(
                psycopg.sql.SQL("select * from {} order by log_position").format(psycopg.sql.Identifier(schema, t))
            ).fetchall()
            for t in tables
        ]


def test_a_deadline_batch_leaves_the_rows_its_events_one_by_one_leave(conn, settings):
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    events = [
        started(first, 1),
        started(second, 2),
        deadline("deadline-extended", first, 3, due_at=due(8)),
        deadline("deadline-approaching", second, 4, due_at=due(5)),
        deadline("deadline-approached", second, 4, due_at=due(5)),
        deadline("deadline-extended", first, 5, due_at=due(9)),
        deadline("deadline-suspended", first, 6),
        deadline("deadline-missed", second, 7, due_at=due(5)),
        deadline("deadline-resumed", first, 8, due_at=due(10)),
        deadline("deadline-recomputed", first, 9, due_at=due(11), calendar_revision="r2"),
        deadline("deadline-met", first, 10, met_at=due(3), on_time=True),
        deadline("deadline-closed", second, 11, reason="case closed"),
        envelope("deadlines.calendar-published.v1", "calendar", 12, {"year": 2026}),
    ]
    schema, tables = settings.projection_schema, (deadline_register.NAME,)
    one_by_one = rows_after(conn, schema, deadline_register, tables, [[e] for e in events])
    assert rows_after(conn, schema, deadline_register, tables, [events]) == one_by_one
    assert rows_after(conn, schema, deadline_register, tables, [events[:4], events[4:]]) == one_by_one
    [rows] = one_by_one
    assert [(r["status"], r["extensions"], r["calendar_revision"], r["log_position"]) for r in rows] == [
        ("met", 2, "r2", 10),
        ("closed", 0, "r1", 11),
    ]
    assert rows[1]["approaching_due"] == rows[1]["missed_due"] == WHEN + timedelta(days=5)


@pytest.mark.parametrize("together", [True, False])
def test_a_deadline_changed_before_its_start_is_refused_in_a_batch_as_alone(conn, settings, together):
    item = str(uuid.uuid4())
    events = [deadline("deadline-suspended", item, 1), started(item, 2)]
    with pytest.raises(psycopg.errors.RaiseException, match="register out of step"):
        rows_after(conn, settings.projection_schema, deadline_register, (deadline_register.NAME,),
                   [events] if together else [[e] for e in events])  # fmt: skip


def test_a_deadline_started_twice_in_a_batch_is_refused(conn, settings):
    item = str(uuid.uuid4())
    with pytest.raises(psycopg.errors.UniqueViolation):
        rows_after(conn, settings.projection_schema, deadline_register, (deadline_register.NAME,),
                   [[started(item, 1), started(item, 2)]])  # fmt: skip


def test_a_request_batch_leaves_the_rows_its_events_one_by_one_leave(conn, settings):
    first, second, unknown = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    events = [
        request("request-registered", second, 1, registration_number="IA-0/2026"),  # before its receipt: no row yet
        received(first, 2),
        request("request-registered", first, 3, registration_number="IA-1/2026"),
        received(second, 4),
        request("translation-requested", first, 5, into="ru"),
        request("request-studied", unknown, 6, findings="complete"),  # not in the register: left alone
        request("request-forwarded", first, 7, court="Almaty", why="the addressee lives there"),
        received(first, 8),  # again: changes nothing
        envelope("international.document-signed.v1", "signing", 9, {"document": "letter"}),
        request("request-closed", second, 10),
    ]
    schema, tables = settings.projection_schema, foreign_requests.TABLES
    one_by_one = rows_after(conn, schema, foreign_requests, tables, [[e] for e in events])
    assert rows_after(conn, schema, foreign_requests, tables, [events]) == one_by_one
    assert rows_after(conn, schema, foreign_requests, tables, [events[:3], events[3:]]) == one_by_one
    requests, steps = one_by_one
    assert [(r["registration_number"], r["stage"], r["forwarded_to"], r["log_position"]) for r in requests] == [
        ("IA-1/2026", "forwarded", "Almaty", 7),
        (None, "closed", None, 10),
    ]
    assert [s["log_position"] for s in steps] == [1, 2, 3, 4, 5, 6, 7, 8, 10]

"""The statistics agree with themselves and with the log, for generated logs: registrations
of every kind (case files and extradition materials among them, complaints also in their
legacy double publication), with and without an offence category, inadmissible ones,
returns, rulings with outcomes, acts, withdrawals and joinders, applied to the real
projection tables on the real PostgreSQL. Every breakdown sums to its total, the totals
are those the log implies, and pending at the end = pending at the start + incoming - resolved."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from psycopg.rows import dict_row

from contract.schemas import validate
from domain.registry.filing import ItemKind, OffenceCategory
from projections import case_register, incoming_register, rulings_register
from projections import statistics as projection_statistics

COURTS = ("cassation-criminal", "supreme-court-criminal")
PERIOD = (datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC))
DISPOSALS = ("none", "returned", "act", "withdrawn", "joined")
OUTCOMES = ("left_unchanged", "changed", "cancelled")


@dataclass
class Item:
    kind: ItemKind
    court: str
    received_at: datetime
    category: OffenceCategory | None
    admissible: bool
    legacy_double: bool
    disposal: str
    disposal_days: int
    defendants: list[str]
    item_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def is_case(self) -> bool:
        return self.kind.procedure is not None

    @property
    def registered_at(self) -> datetime:
        return self.received_at + timedelta(hours=1)

    @property
    def disposed_at(self) -> datetime | None:
        if not self.admissible:
            return self.registered_at  # returned by the rules on registration
        if self.disposal == "none":
            return None
        return self.registered_at + timedelta(days=self.disposal_days, hours=2)

    @property
    def ruled_at(self) -> datetime | None:
        return self.registered_at + timedelta(days=self.disposal_days, hours=1) if self.ruled else None

    @property
    def ruled(self) -> bool:
        return self.is_case and self.admissible and self.disposal == "act"


items = st.builds(
    Item,
    kind=st.sampled_from(list(ItemKind)),
    court=st.sampled_from(COURTS),
    received_at=st.integers(-40 * 24, 70 * 24).map(lambda hours: PERIOD[0] + timedelta(hours=hours)),
    category=st.none() | st.sampled_from(list(OffenceCategory)),
    admissible=st.booleans(),
    legacy_double=st.booleans(),
    disposal=st.sampled_from(DISPOSALS),
    disposal_days=st.integers(0, 60),
    defendants=st.lists(st.sampled_from(OUTCOMES), min_size=1, max_size=3),
)


def envelope(context: str, event: str, subject: str, position: int, when: datetime, data: dict) -> dict:
    """A CloudEvents envelope as the relay publishes it, checked against the event's schema."""
    event_type = f"kz.sotflow.{context}.{event}.v1"
    built = {
        "specversion": "1.0", "id": str(uuid.uuid4()), "source": f"/sotflow/{context}", "type": event_type,
        "subject": subject, "time": when.isoformat(), "datacontenttype": "application/json",
        "dataschema": f"https://sotflow.kz/schemas/events/{event_type}.json", "logposition": position,
        "streamversion": 1, "actorid": "u-test", "actorrole": "registrar", "data": data,
    }  # fmt: skip
    validate(built)
    return built


def registry_events(item: Item, position: int) -> list[dict]:
    received, registered = item.received_at.isoformat(), item.registered_at.isoformat()
    filer = {"name": "Абенов Ә.", "procedural_role": "defender"}
    act = {"court": "Almaty City Court", "kind": "verdict", "act_date": "2024-12-01"}
    legacy = item.legacy_double and item.kind == ItemKind.CASSATION_COMPLAINT
    events = []
    if legacy:  # published twice at one position: the register keeps one entry
        events.append(envelope("registry", "complaint-registered", item.item_id, position, item.registered_at, {
            "complaint_id": item.item_id, "received_at": received, "registered_at": registered,
            "channel": "paper", "filer": filer, "lower_court_case_ref": "1-1/2025", "contested_act": act,
        }))  # fmt: skip
    data = {
        "item_id": item.item_id, "kind": str(item.kind), "court": item.court,
        "registration_number": f"{item.court}-{item.kind.code}-{position}/2025",
        "received_at": received, "registered_at": registered, "channel": "paper", "filer": filer,
        "lower_court_case_ref": "1-1/2025",
        "contested_act": act | {"entered_into_force": None, "copy_received_on": None},
        "offence": {"article": "188", "category": str(item.category)} if item.category else None,
        "specialisation": "criminal", "procedure": item.kind.procedure and str(item.kind.procedure),
        "improves_position": True, "confidentiality": "public",
        "related_item_id": None if item.is_case else str(uuid.uuid4()),
        "admissibility": {"admissible": item.admissible, "findings": []},
    }  # fmt: skip
    events.append(envelope("registry", "item-registered", item.item_id, position, item.registered_at, data))
    if not item.admissible:
        events.append(envelope("registry", "item-returned", item.item_id, position + 1, item.registered_at,
                               {"item_id": item.item_id, "ground": "late", "clauses": ["УПК 487"]}))  # fmt: skip
    return events


def proceedings_events(item: Item, position: int, main_case: str) -> list[dict]:
    if not (item.is_case and item.admissible) or item.disposal == "none":
        return []
    case, when = item.item_id, item.disposed_at
    if item.disposal == "returned":
        return [envelope("proceedings", "item-returned", case, position, when,
                         {"case_id": case, "court": item.court, "legal_basis": "УПК 489"})]  # fmt: skip
    if item.disposal == "withdrawn":
        return [envelope("proceedings", "complaint-withdrawn", case, position, when, {"case_id": case})]
    if item.disposal == "joined":
        return [envelope("proceedings", "joined-into", case, position, when,
                         {"case_id": case, "main_case_id": main_case})]  # fmt: skip
    outcomes = [{"defendant": f"D{n}", "outcome": o, "legal_basis": "УПК 494"} for n, o in enumerate(item.defendants)]
    return [
        envelope("proceedings", "ruling-entered", case, position, item.ruled_at,
                 {"case_id": case, "hearing_id": "h-1", "outcomes": outcomes}),
        envelope("proceedings", "judicial-act-entered", case, position + 1, when, {
            "case_id": case, "document_ref": "dms://1", "document_sha256": "0" * 64, "publishable": False,
            "hearing_held_at": item.ruled_at.isoformat(), "hours_after_hearing": 1.0,
        }),
    ]  # fmt: skip


def in_period(instant: datetime | None) -> bool:
    return instant is not None and PERIOD[0] <= instant < PERIOD[1]


def pending_at(item: Item, instant: datetime) -> bool:
    return item.received_at < instant and (item.disposed_at is None or item.disposed_at >= instant)


@pytest.fixture
def conn(settings):
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        yield conn


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    log=st.lists(items, min_size=1, max_size=14),
    proceedings_first=st.booleans(),
    court=st.none() | st.sampled_from(COURTS),
)
def test_every_breakdown_sums_to_its_total(conn, settings, log, proceedings_first, court):
    schema = settings.projection_schema
    registry = [e for n, item in enumerate(log) for e in registry_events(item, 10 * n + 1)]
    proceedings = [e for n, item in enumerate(log) for e in proceedings_events(item, 10 * n + 1, log[0].item_id)]
    # Kafka orders each context's topic, not the topics among themselves.
    ordered = proceedings + registry if proceedings_first else registry + proceedings
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        for projection in (incoming_register, case_register, rulings_register):
            cur.execute(psycopg.sql.SQL("delete from {}").format(psycopg.sql.Identifier(schema, projection.NAME)))
        for event in ordered:
            for projection in (incoming_register, case_register, rulings_register):
                if event["source"].removeprefix("/sotflow/") in projection.CONTEXTS:
                    projection.apply(cur, schema, event)
        stats = projection_statistics.summary(conn, schema, *PERIOD, court)

    cases = [i for i in log if i.is_case and (court is None or i.court == court)]
    expected = {
        "incoming": sum(in_period(i.received_at) for i in cases),
        "resolved": sum(in_period(i.disposed_at) for i in cases),
        "pending_at_start": sum(pending_at(i, PERIOD[0]) for i in cases),
        "pending_at_end": sum(pending_at(i, PERIOD[1]) for i in cases),
    }
    assert {total: stats[total] for total in expected} == expected
    for total in expected:
        assert sum(row[total] for row in stats["by_kind"]) == stats[total], total
    assert sum(row["incoming"] for row in stats["offence_categories"]) == stats["incoming"]
    categories = {row["category"]: row["incoming"] for row in stats["offence_categories"]}
    stated = [str(i.category) if i.category else "not stated" for i in cases if in_period(i.received_at)]
    assert categories == {category: stated.count(category) for category in set(stated)}
    assert stats["pending_at_end"] == stats["pending_at_start"] + stats["incoming"] - stats["resolved"]
    ruled = [outcome for i in cases if i.ruled and in_period(i.ruled_at) for outcome in i.defendants]
    assert sum(row["defendants"] for row in stats["outcomes"]) == len(ruled)
    if stats["incoming"]:
        assert stats["clearance_rate"] == round(100 * stats["resolved"] / stats["incoming"], 1)

"""Helpers shared by the integration and end-to-end tests (real PostgreSQL and Kafka)."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
from eventsourcing.persistence import StoredEvent
from kafka import KafkaConsumer, TopicPartition
from psycopg import sql

from domain.actor import Actor, Role
from domain.court_time import COURT_ZONE, court_date
from domain.registry.filing import (
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    ItemParticulars,
    JudicialActKind,
    ProceduralRole,
)
from relay.relay import Relay
from sotflow.relay_position import last_committed_position
from sotflow.settings import Settings
from sotflow.topics import event_topic, relay_position_topic

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def stored_fixture_stream(name: str) -> list[StoredEvent]:
    """A stream of stored events as an older release recorded them (tests/fixtures/<name>)."""
    return [
        StoredEvent(
            originator_id=uuid.UUID(raw["originator_id"]),
            originator_version=raw["originator_version"],
            topic=raw["topic"],
            state=json.dumps(raw["state"], ensure_ascii=False).encode("utf-8"),
        )
        for raw in json.loads((FIXTURES / name).read_text("utf-8"))
    ]


def wait_for(predicate: Callable[[], object], timeout: float = 60.0, interval: float = 0.2, what: str = "condition"):
    """Poll until predicate() is truthy; return its value. Never a bare sleep in a test."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def settings_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOTFLOW_")}
    for name, value in settings.model_dump().items():
        # pydantic-settings reads a list or a map from the environment as JSON.
        env[f"SOTFLOW_{name.upper()}"] = json.dumps(value) if isinstance(value, list | dict) else str(value)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class Process:
    """A sotflow CLI command running as a real OS process, with its output in a file."""

    def __init__(self, settings: Settings, *args: str, log_dir: Path) -> None:
        self.args = args
        self.log_path = log_dir / f"{'-'.join(args)}-{uuid.uuid4().hex[:6]}.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "entrypoints.cli", *args],
            env=settings_env(settings),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=REPO_ROOT,
        )

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to tidy up (a crash)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def output(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")


def court_today() -> date:
    """Today in court time (Asia/Almaty): what the court's rules count days from. The machine's
    own date is another day from 19:00 UTC on."""
    return datetime.now(COURT_ZONE).date()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def registrar() -> Actor:
    return Actor(user_id="u-test-registrar", role=Role.REGISTRAR)


def complaint_payload(n: int = 0) -> dict:
    """A valid registration request body."""
    received = datetime.now(UTC) - timedelta(hours=1)
    return {
        "received_at": received.isoformat(),
        "channel": "e_filing",
        "filer": {"name": f"Filer {n}", "procedural_role": "defender"},
        "lower_court_case_ref": f"1-{n}/2025",
        "contested_act": {"court": "Almaty City Court", "kind": "verdict", "act_date": "2025-02-03"},
    }


TEST_COURT = "cassation-criminal"


def judge_token(system, judge_id: str, court: str = TEST_COURT) -> str:
    """A bearer token for a new account of the judge `judge_id` on the court's roster."""
    return system.users.add(f"judge {court}/{judge_id} {uuid.uuid4().hex[:8]}", Role.JUDGE, (court, judge_id))[1]


def sample_particulars(n: int, now: datetime, **changes) -> ItemParticulars:
    """A cassation complaint's particulars, distinct per n, that pass every admissibility rule."""
    particulars = ItemParticulars(
        kind=ItemKind.CASSATION_COMPLAINT,
        court=TEST_COURT,
        received_at=now - timedelta(minutes=5),
        channel=FilingChannel.PAPER,
        filer=Filer(name=f"Filer {n}", procedural_role=ProceduralRole.CONVICT),
        # Unique per call too: a second batch must not repeat (duplicate) the first.
        lower_court_case_ref=f"1-{n}-{uuid.uuid4().hex[:6]}/2025",
        contested_act=ContestedAct(court="Astana City Court", kind=JudicialActKind.VERDICT, act_date=date(2025, 1, 10)),
        specialisation="criminal",
        improves_position=True,
    )
    return dataclasses.replace(particulars, **changes)


def register_complaints(registry, count: int, *, per_transaction: int = 1) -> list[uuid.UUID]:
    """Register complaints straight through the registry context (no HTTP), each with its
    registration number and duplicate-check entry (three events each, plus the journal's
    opening once).

    With per_transaction > 1, complaints are saved in bulk without numbers: a quick
    backlog of stored events (one each) for relay tests, which do not care what they say.
    """
    from domain.registry.admissibility import AdmissibilityDecision
    from domain.registry.incoming_item import IncomingItem

    now = datetime.now(UTC)
    ids = []
    pending = []
    for n in range(count):
        particulars = sample_particulars(n, now)
        if per_transaction == 1:
            ids.append(registry.register_item(particulars, actor=registrar(), now=now).id)
            continue
        pending.append(
            IncomingItem.register(particulars, admissibility=AdmissibilityDecision(()), actor=registrar(), now=now)
        )
        if len(pending) == per_transaction or n == count - 1:
            registry.save(*pending)
            ids.extend(c.id for c in pending)
            pending = []
    return ids


def read_topic(settings: Settings, topic: str, timeout_s: float = 30.0) -> list:
    """Every committed record of a topic, from offset 0 to its end, as read_committed sees it."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
    )
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records = []
        deadline = time.monotonic() + timeout_s
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            if time.monotonic() > deadline:
                raise AssertionError(f"could not read {topic} to its end in {timeout_s}s")
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(batch)
        return records
    finally:
        consumer.close()


def published_envelopes(settings: Settings, context: str = "registry") -> list[dict]:
    """The context's events as published, in log order (partitions are read side by side)."""
    envelopes = [
        json.loads(r.value) | {"_partition": r.partition, "_offset": r.offset}
        for r in read_topic(settings, event_topic(settings, context))
    ]
    return sorted(envelopes, key=lambda e: (e["logposition"], e["_offset"]))


def relay_position(settings: Settings, context: str = "registry") -> int:
    return last_committed_position(settings.kafka_bootstrap, relay_position_topic(settings, context), context)


def all_positions(settings: Settings, context: str = "registry") -> list[int]:
    """Every position of the context's log, as the event store has it."""
    return list(range(1, stored_event_count(settings, context) + 1))


def stored_event_count(settings: Settings, context: str = "registry") -> int:
    with psycopg.connect(settings.pg_conninfo) as conn:
        return conn.execute(
            sql.SQL("select count(*) from {}").format(sql.Identifier(settings.db_schema, f"{context}_events"))
        ).fetchone()[0]


def register_rows(settings: Settings) -> list[tuple]:
    with psycopg.connect(settings.pg_conninfo) as conn:
        return conn.execute(
            sql.SQL("select item_id, log_position, registration_number from {} order by log_position").format(
                sql.Identifier(settings.projection_schema, "incoming_register")
            )
        ).fetchall()


def assert_exactly_once_in_order(envelopes: list[dict], expected_positions: list[int]) -> None:
    """Every stored event appears once (once per public type it is published as), and each
    partition carries positions in log order."""
    published = [(e["logposition"], e["type"]) for e in envelopes]
    duplicates = len(published) - len(set(published))
    assert duplicates == 0, f"{duplicates} events published more than once"
    positions = [p for p, _ in published]
    missing = sorted(set(expected_positions) - set(positions))
    assert not missing, f"{len(missing)} events never published, first: {missing[:5]}"
    assert len({e["id"] for e in envelopes}) == len(envelopes), "event ids are not unique"
    by_partition: dict[int, list[dict]] = {}
    for e in envelopes:
        by_partition.setdefault(e["_partition"], []).append(e)
    for partition, items in by_partition.items():
        ordered = [e["logposition"] for e in sorted(items, key=lambda e: e["_offset"])]
        assert ordered == sorted(ordered), f"partition {partition} is out of log order"


def relay_all(system, settings):
    """Publish everything stored so far, in every context."""
    for context, app in system.contexts.items():
        Relay(app, context, settings).run(threading.Event(), exit_when_idle=True)


def settings_body(version=1, effective_from=None, min_pool=5):
    """A distribution settings request body, in force from today by default."""
    return {
        "version": version,
        "effective_from": (effective_from or court_date(datetime.now(UTC))).isoformat(),
        "source": "test settings",
        "post_coefficients": {"judge": 1.0, "collegium_chair": 0.5, "deputy_chair": 0.75, "court_chair": 0.25},
        "complexity": {"cassation": 1.0, "extradition": 1.5},
        "panel_member_share": 0.5,
        "panel_sizes": {"cassation": 3, "extradition": 1},
        "min_pool_size": min_pool,
    }


def enrol(client, token, judges=6, court=TEST_COURT):
    """Enrol judges judge-0.. in the court over HTTP (judge-0 chairs the collegium)."""
    for n in range(judges):
        body = {"judge_id": f"judge-{n}", "name": f"Judge {n}", "collegium": "criminal",
                "specialisations": ["criminal"], "post": "collegium_chair" if n == 0 else "judge"}  # fmt: skip
        response = client.post(f"/courts/{court}/judges", json=body, headers=auth(token))
        assert response.status_code == 201, response.text


def post(client, token: str, path: str, body: dict, **headers: str):
    """POST a JSON body as the token's user, with extra headers."""
    return client.post(path, json=body, headers=auth(token) | headers)


def read_pages(
    client, token: str, path: str, params: dict | None = None, limit: int = 1, changing: tuple[str, ...] = ()
) -> list[dict]:
    """Every page of a register, `limit` items at most each, following `next_after` to the last
    page; checks on the way that the register read in reverse gives the same items backwards.
    `changing` names fields a live process may update between the two reads; they are not compared."""
    pages = _pages(client, token, path, params or {}, limit)
    backwards = _pages(client, token, path, (params or {}) | {"reverse": "true"}, limit)

    def steady(items):
        return [{k: v for k, v in item.items() if k not in changing} for item in items]

    forwards = steady(item for page in pages for item in page["items"])
    assert steady(item for page in backwards for item in page["items"]) == forwards[::-1], f"{path} reversed"
    return pages


def _pages(client, token: str, path: str, params: dict, limit: int) -> list[dict]:
    pages: list[dict] = []
    after = None
    while True:
        query = params | {"limit": limit} | ({} if after is None else {"after": after})
        response = client.get(path, params=query, headers=auth(token))
        assert response.status_code == 200, response.text
        pages.append(response.json())
        after = pages[-1]["next_after"]
        if after is None:
            return pages
        assert len(pages) < 100, f"{path}: the cursor does not move on"


def page_ids(pages: list[dict], key: str) -> list[list]:
    """Each page's items by `key`: [[first page's], [second page's], ...]."""
    return [[item[key] for item in page["items"]] for page in pages]


def projections_match_a_rebuild(settings: Settings) -> dict | None:
    """The replay report when every projection equals one rebuilt from offset 0 (in a
    scratch schema); None while a live one still lags. (Kafka's end offsets are no measure
    of "caught up" where brokers died: the transactions their deaths aborted leave markers
    and aborted records that a read_committed consumer never receives.)"""
    from audit.replay import parse_as_of, replay

    report = replay(settings, parse_as_of("head"))
    return report if all(p["matches_live"] for p in report["projections"].values()) else None

"""Events renamed to the past tense, over the real services: streams stored in PostgreSQL
under the old names load and are published under both names, and a superseded type
alone on the log (as published before the rename) is applied by the projections as
its successor is."""

import json
import threading
from datetime import UTC, datetime, timedelta

import psycopg
from psycopg import sql

from consumers.deadline_watcher import WATCHER, DeadlineWatcher
from consumers.projection_worker import ProjectionWorker
from contract import catalogue
from domain.actor import Actor, Role
from domain.deadlines.deadline import Deadline
from projections import audit_trail, deadline_register
from relay.relay import Relay
from tests.support import published_envelopes, stored_fixture_stream

HEAD = Actor("u-head", Role.HEAD)
OLD, NEW = "kz.sotflow.deadlines.deadline-approaching.v1", "kz.sotflow.deadlines.deadline-approached.v1"
POOL_OLD = "kz.sotflow.assignment.distribution-pool-below-minimum.v1"
POOL_NEW = "kz.sotflow.assignment.distribution-pool-fell-below-minimum.v1"


def relay(app, context, settings):
    Relay(app, context, settings).run(threading.Event(), exit_when_idle=True)


def feed(projection, system, settings):
    ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def rows(settings, table: str, order: str) -> list[dict]:
    with psycopg.connect(settings.pg_conninfo, row_factory=psycopg.rows.dict_row) as conn:
        return conn.execute(
            sql.SQL("select * from {} order by {}").format(
                sql.Identifier(settings.projection_schema, table), sql.Identifier(order)
            )
        ).fetchall()


def test_streams_stored_under_the_old_names_load_and_are_published_under_both(system, settings):
    deadline_stream = stored_fixture_stream("deadline_approaching_v1.stored.json")
    roster_stream = stored_fixture_stream("roster_pool_below_minimum_v1.stored.json")
    system.deadlines.recorder.insert_events(deadline_stream)
    system.assignment.recorder.insert_events(roster_stream)

    deadline = system.deadlines.get(deadline_stream[0].originator_id)
    assert deadline.version == 2 and deadline.approaching_for == deadline.due_at
    noticed_at = datetime.fromisoformat(json.loads(deadline_stream[-1].state)["noticed_at"]["_data_"])
    assert not system.deadlines.note_approaching(deadline.id, now=noticed_at, window=timedelta(hours=48), actor=WATCHER)
    roster = system.assignment.roster("cassation-criminal")
    assert roster.version == 7 and roster.id == roster_stream[0].originator_id

    relay(system.deadlines, "deadlines", settings)
    relay(system.assignment, "assignment", settings)
    deadlines_log = published_envelopes(settings, "deadlines")
    assert [(e["logposition"], e["type"].split(".")[3]) for e in deadlines_log] == [
        (1, "deadline-started"), (2, "deadline-approaching"), (2, "deadline-approached"),
    ]  # fmt: skip
    old, new = deadlines_log[1:]
    assert old["_partition"] == new["_partition"] and old["data"] == new["data"]
    assignment_log = published_envelopes(settings, "assignment")
    assert [e["type"] for e in assignment_log[-2:]] == [POOL_OLD, POOL_NEW]
    assert assignment_log[-2]["logposition"] == assignment_log[-1]["logposition"] == 7

    feed(deadline_register, system, settings)
    (row,) = rows(settings, "deadline_register", "log_position")
    assert row["approaching_due"] == deadline.due_at and row["log_position"] == 2


def test_the_superseded_type_alone_on_the_log_is_applied_as_its_successor_is(system, settings, monkeypatch):
    now = datetime.now(UTC)
    before, after = (
        system.deadlines.start(
            "extradition.complaint-forwarding", subject=subject, base_time=now - timedelta(hours=1), actor=HEAD
        ).id
        for subject in ("case-before", "case-after")
    )
    assert system.deadlines.note_approaching(before, now=now, window=timedelta(hours=48), actor=WATCHER)
    # Published as the release before the rename did: the old type only.
    superseded, successor = catalogue.CATALOGUE[Deadline.Approached]
    with monkeypatch.context() as m:
        m.setitem(catalogue.CATALOGUE, Deadline.Approached, (superseded,))
        relay(system.deadlines, "deadlines", settings)
    assert system.deadlines.note_approaching(after, now=now, window=timedelta(hours=48), actor=WATCHER)
    relay(system.deadlines, "deadlines", settings)
    log = published_envelopes(settings, "deadlines")
    assert [(e["subject"], e["type"]) for e in log if "approach" in e["type"]] == [
        ("case-before", OLD),
        ("case-after", OLD),
        ("case-after", NEW),
    ]

    feed(deadline_register, system, settings)
    feed(audit_trail, system, settings)
    register = {r["subject"]: r for r in rows(settings, "deadline_register", "log_position")}
    for subject in ("case-before", "case-after"):
        assert register[subject]["approaching_due"] == register[subject]["due_at"]
    assert DeadlineWatcher(system).tick(datetime.now(UTC)).approaching == 0
    trail = [r for r in rows(settings, audit_trail.NAME, "log_position") if r["context"] == "deadlines"]
    assert [(r["subject"], r["type"]) for r in trail if "approach" in r["type"]] == [
        ("case-before", OLD), ("case-after", NEW),
    ]  # fmt: skip
    assert len(trail) == len({r["log_position"] for r in trail}) == 4

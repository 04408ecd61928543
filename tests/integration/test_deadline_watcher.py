"""The deadline watcher over the real services: approaching and missed are each
emitted once, by one watcher or two at once, across restarts, and a deadline that
fell due a week before the watcher started is not skipped. A calendar order, and
a new edition of the built-in calendar, recompute the open deadlines they touch."""

import threading
from datetime import UTC, datetime, timedelta

import psycopg
from psycopg import sql

from consumers.deadline_watcher import DeadlineWatcher
from consumers.projection_worker import ProjectionWorker
from contexts.deadlines import Deadlines
from domain.actor import Actor, Role
from domain.calendar.editions import KZ_2026_1
from domain.court_time import COURT_ZONE
from projections import deadline_register
from relay.relay import Relay
from sotflow.bootstrap import rule_book_for
from sotflow.eventstore import eventstore_env
from tests.support import published_envelopes, read_pages, wait_for

HEAD = Actor("u-head", Role.HEAD)
NOW = datetime.now(UTC)


def relay(system, settings):
    Relay(system.deadlines, "deadlines", settings).run(threading.Event(), exit_when_idle=True)


def feed_register(system, settings):
    ProjectionWorker(deadline_register, settings, system.pool).run(threading.Event(), catch_up=True)


def stored(settings, kind: str) -> dict[str, int]:
    """How many events of a kind each deadline has in the event store."""
    with psycopg.connect(settings.pg_conninfo) as conn:
        rows = conn.execute(
            sql.SQL("select originator_id, count(*) from {} where topic like %s group by originator_id").format(
                sql.Identifier(settings.db_schema, "deadlines_events")
            ),
            (f"%Deadline.{kind}",),
        ).fetchall()
    return {str(r[0]): r[1] for r in rows}


def overdue(system, subject: str, days_ago: int = 10) -> str:
    """A 3-day term started `days_ago` days back: due a week (or more) ago."""
    base = NOW - timedelta(days=days_ago)
    return str(system.deadlines.start("cassation.return-inadmissible", subject=subject, base_time=base, actor=HEAD).id)


def approaching(system, subject: str) -> str:
    """A 24-hour term that started an hour ago: due within the 48-hour window."""
    base = NOW - timedelta(hours=1)
    return str(
        system.deadlines.start("extradition.complaint-forwarding", subject=subject, base_time=base, actor=HEAD).id
    )


def day(instant: datetime) -> str:
    return instant.astimezone(COURT_ZONE).date().isoformat()


def far(system, subject: str) -> str:
    return str(system.deadlines.start("cassation.decision", subject=subject, base_time=NOW, actor=HEAD).id)


def test_one_watcher_notices_each_deadline_once_however_often_it_looks(system, settings):
    late, near, later = overdue(system, "case-1"), approaching(system, "case-2"), far(system, "case-3")
    relay(system, settings)
    feed_register(system, settings)
    watcher = DeadlineWatcher(system)
    first = watcher.tick(datetime.now(UTC))
    assert (first.missed, first.approaching) == (1, 1)
    # Before the register has heard of it, asking again records nothing.
    again = watcher.tick(datetime.now(UTC))
    assert (again.missed, again.approaching) == (0, 0)
    relay(system, settings)
    feed_register(system, settings)
    assert watcher.tick(datetime.now(UTC)) == type(first)()
    assert stored(settings, "Missed") == {late: 1}
    assert stored(settings, "Approached") == {near: 1}
    missed = [e for e in published_envelopes(settings, "deadlines") if e["type"].endswith("deadline-missed.v1")]
    assert [e["subject"] for e in missed] == ["case-1"] and missed[0]["actorid"] == "system:deadline-watcher"
    with system.pool.connection() as conn:
        row = conn.execute(
            sql.SQL("select * from {} where deadline_id = %s").format(
                sql.Identifier(settings.projection_schema, "deadline_register")
            ),
            (later,),
        ).fetchone()
    assert row["status"] == "open" and row["missed_due"] is None and row["approaching_due"] is None


def test_a_calendar_order_recomputes_the_open_deadlines(system, settings, client, tokens):
    from tests.support import auth

    # A 7-day term from a Friday ends on a Friday; the order makes that Friday a day off.
    today = datetime.now(COURT_ZONE).date()
    start = today + timedelta(days=(4 - today.weekday()) % 7 + 7)
    calendar, _ = system.deadlines.calendar_in_effect()
    while not (
        calendar.is_working_day(start + timedelta(days=7)) and not calendar.is_working_day(start + timedelta(days=8))
    ):
        start += timedelta(days=7)
    friday = start + timedelta(days=7)
    base = datetime.combine(start, datetime.min.time(), COURT_ZONE).replace(hour=11)
    deadline = system.deadlines.start("cassation.case-file-dispatch", subject="case-9", base_time=base, actor=HEAD)
    relay(system, settings)
    feed_register(system, settings)
    watcher = DeadlineWatcher(system)
    assert watcher.tick(datetime.now(UTC)).recomputed == 0
    order = {"kind": "transfer", "from_day": (friday + timedelta(days=8)).isoformat(), "to_day": friday.isoformat(),
             "effective_from": today.isoformat(), "source": "Government decree No. 2 (test)"}  # fmt: skip
    assert client.post("/calendar/orders", json=order, headers=auth(tokens[Role.HEAD])).status_code == 201
    assert watcher.tick(datetime.now(UTC)).recomputed == 1
    relay(system, settings)
    feed_register(system, settings)
    assert watcher.tick(datetime.now(UTC)).recomputed == 0
    assert system.deadlines.get(deadline.id).due_at.astimezone(COURT_ZONE).date() == friday + timedelta(days=3)
    (event,) = [e for e in published_envelopes(settings, "deadlines") if e["type"].endswith("deadline-recomputed.v1")]
    assert event["data"]["previous_due"] < event["data"]["due_at"]


def test_a_new_calendar_edition_recomputes_the_open_deadlines_computed_under_the_old_one(system, settings):
    """Deadlines the previous release computed under kz-2026.1 (31 August 2026 a day
    off) meet the release with kz-2026.2 (a working day): the watcher recomputes each
    one, as an event that keeps the edition it leaves."""
    previous_release = Deadlines(
        env=eventstore_env(settings, create_table=False), rules=rule_book_for(settings), editions=(KZ_2026_1,)
    )
    try:
        # 7 calendar days ending on Sunday 30 August; 5 working days from Tuesday 25 August.
        dispatch = previous_release.start("cassation.case-file-dispatch", subject="case-aug-1", actor=HEAD,
                                          base_time=datetime(2026, 8, 23, 11, 0, tzinfo=COURT_ZONE))  # fmt: skip
        act = previous_release.start("proceedings.judicial-act-entry", subject="case-aug-2", actor=HEAD,
                                     base_time=datetime(2026, 8, 25, 15, 0, tzinfo=COURT_ZONE))  # fmt: skip
    finally:
        previous_release.close()
    current = system.deadlines.start("cassation.case-file-dispatch", subject="case-aug-3", actor=HEAD,
                                      base_time=datetime(2026, 8, 23, 11, 0, tzinfo=COURT_ZONE))  # fmt: skip
    assert (day(dispatch.due_at), day(act.due_at), day(current.due_at)) == ("2026-09-01", "2026-09-02", "2026-08-31")
    relay(system, settings)
    feed_register(system, settings)

    # The watcher looks on 26 August 2026, when kz-2026.2 is in effect and nothing is due yet.
    looked_at = datetime(2026, 8, 26, 12, 0, tzinfo=COURT_ZONE)
    watcher = DeadlineWatcher(system)
    noticed = watcher.tick(looked_at)
    assert (noticed.recomputed, noticed.approaching, noticed.missed) == (2, 0, 0)
    relay(system, settings)
    feed_register(system, settings)
    assert watcher.tick(looked_at).recomputed == 0
    assert stored(settings, "Recomputed") == {str(dispatch.id): 1, str(act.id): 1}
    assert day(system.deadlines.get(dispatch.id).due_at) == "2026-08-31"
    assert day(system.deadlines.get(act.id).due_at) == "2026-09-01"

    envelopes = [e for e in published_envelopes(settings, "deadlines") if e["subject"] in ("case-aug-1", "case-aug-2")]
    kinds = [(e["subject"], e["type"].split(".")[-2], e["data"]["calendar_revision"]) for e in envelopes]
    assert sorted(kinds) == [
        ("case-aug-1", "deadline-recomputed", "kz-2026.2"), ("case-aug-1", "deadline-started", "kz-2026.1"),
        ("case-aug-2", "deadline-recomputed", "kz-2026.2"), ("case-aug-2", "deadline-started", "kz-2026.1"),
    ]  # fmt: skip
    recomputed = next(e["data"] for e in envelopes if e["subject"] == "case-aug-1" and "recomputed" in e["type"])
    assert recomputed["previous_due"] == "2026-09-01T18:59:59+00:00"
    assert recomputed["due_local"] == "2026-08-31T23:59:59+05:00"
    assert recomputed["reason"].startswith("calendar revision kz-2026.2 (was kz-2026.1); edition kz-2026.2: 30 August")
    with system.pool.connection() as conn:
        rows = conn.execute(
            sql.SQL("select subject, calendar_revision, due_at from {} order by subject").format(
                sql.Identifier(settings.projection_schema, "deadline_register")
            )
        ).fetchall()
    assert [(r["subject"], r["calendar_revision"], day(r["due_at"])) for r in rows] == [
        ("case-aug-1", "kz-2026.2", "2026-08-31"), ("case-aug-2", "kz-2026.2", "2026-09-01"),
        ("case-aug-3", "kz-2026.2", "2026-08-31"),
    ]  # fmt: skip


def test_two_watchers_and_a_restart_emit_each_notice_once(system, settings, processes):
    fast = settings.model_copy(update={"deadline_watch_interval_seconds": 0.1})
    late = [overdue(system, f"late-{n}") for n in range(20)]
    near = [approaching(system, f"near-{n}") for n in range(10)]
    relay_process = processes("relay", settings_override=fast)
    first = processes("watch-deadlines", settings_override=fast)
    second = processes("watch-deadlines", settings_override=fast)
    wait_for(lambda: len(stored(settings, "Missed")) == 20 and len(stored(settings, "Approached")) == 10,
             timeout=120, what="every deadline noticed")  # fmt: skip

    # Both keep looking while the register catches up; then one is killed mid-run,
    # deadlines fall due (a week ago) while it is down, and it is started again.
    assert first.alive() and second.alive()
    assert "watcher.started" in first.output() and "watcher.started" in second.output()
    first.kill()
    down = [overdue(system, f"down-{n}", days_ago=11) for n in range(10)]
    wait_for(lambda: len(stored(settings, "Missed")) == 30, timeout=120, what="the second watcher to notice")
    second.kill()
    more = [overdue(system, f"while-down-{n}", days_ago=12) for n in range(5)]
    restarted = processes("watch-deadlines", settings_override=fast)
    wait_for(lambda: len(stored(settings, "Missed")) == 35, timeout=120, what="the restarted watcher to notice")

    # Every notice is on the log and the register shows it: nothing is left to do.
    def register_caught_up():
        with system.pool.connection() as conn:
            return (
                conn.execute(
                    sql.SQL("select count(*) as n from {} where missed_due is not null").format(
                        sql.Identifier(settings.projection_schema, "deadline_register")
                    )
                ).fetchone()["n"]
                == 35
            )

    wait_for(register_caught_up, timeout=120, what="the register to show every missed deadline")
    assert restarted.alive() and relay_process.alive()
    missed, noticed_near = stored(settings, "Missed"), stored(settings, "Approached")
    assert set(missed) == set(late + down + more) and set(missed.values()) == {1}
    assert set(noticed_near) == set(near) and set(noticed_near.values()) == {1}
    on_the_log = [e for e in published_envelopes(settings, "deadlines") if e["type"].endswith("deadline-missed.v1")]
    assert len(on_the_log) == 35 and len({e["data"]["deadline_id"] for e in on_the_log}) == 35


def test_staff_see_what_is_due_and_what_is_late(system, settings, client, tokens):
    from tests.support import auth

    late = [overdue(system, f"late-{n}") for n in range(3)]
    near = approaching(system, "near-1")
    later = far(system, "far-1")
    relay(system, settings)
    feed_register(system, settings)
    DeadlineWatcher(system).tick(datetime.now(UTC))
    relay(system, settings)
    feed_register(system, settings)

    def get(query: str):
        response = client.get(f"/deadlines?{query}", headers=auth(tokens[Role.CONSULTANT]))
        assert response.status_code == 200, response.text
        return response.json()

    everything = get("limit=50")
    order = [i["deadline_id"] for i in everything["items"]]
    assert set(order[:3]) == set(late) and order[3:] == [near, later]
    assert {i["deadline_id"] for i in get("late=true")["items"]} == set(late)
    assert near in {i["deadline_id"] for i in get("late=false&status=open")["items"]}
    first = get("limit=2")
    second = get(f"limit=2&after={first['next_after']}")
    third = get(f"limit=2&after={second['next_after']}")
    assert third["next_after"] is None
    paged = [i["deadline_id"] for page in (first, second, third) for i in page["items"]]
    assert paged == [i["deadline_id"] for i in everything["items"]]
    pages = read_pages(client, tokens[Role.CONSULTANT], "/deadlines", limit=2)  # and checks the reverse order
    assert [i["deadline_id"] for p in pages for i in p["items"]] == paged
    assert get("subject=near-1")["items"][0]["approaching_noticed"] is True
    assert client.get("/deadlines", headers=auth("sft_nope")).status_code == 401
    assert client.get("/deadlines?after=nonsense", headers=auth(tokens[Role.JUDGE])).status_code == 422

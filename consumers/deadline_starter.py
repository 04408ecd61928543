"""The deadline starter: starts, meets and extends deadlines from the contexts' events,
as the rule set says (keyed by each event's subject, the case), and closes every
deadline still running when its case is disposed of (published, returned, withdrawn,
joined into another), with the reason.

It is fed like a projection (consumers/projection_worker.py): its offsets are
advanced in PostgreSQL in the same transaction as its own bookkeeping, and its
commands to the deadlines context are idempotent (a deadline's id comes from its
rule, case and cycle, and records the event that started it), so a starter killed
at any point and started again has each effect once.

Events of different contexts are on different topics, so nothing orders a meeting
event after the event that started the term: an acceptance may be read before the
registration it answers. Such an early meeting is kept here and applied when the
deadline starts; so is a disposal, which closes a deadline started afterwards by an
event from before it. One global advisory lock per transaction serialises two starters
running at once, so neither misses the other's early meeting.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import structlog
from psycopg import Connection, Cursor, sql

from consumers.projection_worker import ProjectionWorker
from contexts.deadlines import Deadlines
from domain.actor import Actor, Role
from domain.court_time import court_date
from domain.deadlines.deadline import BaseEvent, Status
from domain.deadlines.errors import DeadlineError
from domain.deadlines.terms import Term, Unit
from sotflow.topics import ensure_topics

if TYPE_CHECKING:  # the composition root hands a consumer its system; the type only
    from sotflow.bootstrap import Sotflow

log = structlog.get_logger("deadline_starter")

STARTER = Actor(user_id="system:deadline-starter", role=Role.SYSTEM)
STARTER_LOCK = 0x44_4C_53_54  # "DLST"
EARLY = "deadline_starter_early_meetings"
DISPOSED = "deadline_starter_disposed_cases"

EARLY_DDL = """
create table if not exists {table} (
    subject     text not null,
    rule_id     text not null,
    event_id    text not null,
    event_type  text not null,
    event_time  timestamptz not null,
    primary key (subject, rule_id, event_id)
)
"""

DISPOSED_DDL = """
create table if not exists {table} (
    subject     text primary key,
    reason      text not null,
    event_id    text not null,
    event_type  text not null,
    event_time  timestamptz not null
)
"""


class DeadlineStarter:
    """A projection-shaped consumer (NAME, CONTEXTS, create_tables, apply) whose
    `apply` issues commands to the deadlines context."""

    NAME = "deadline_starter"

    def __init__(self, deadlines: Deadlines) -> None:
        self.deadlines = deadlines
        self.rules = deadlines.rules
        self.CONTEXTS = tuple(self.rules.source_contexts())
        self.started = 0
        self.met = 0
        self.extended = 0
        self.closed = 0

    def create_tables(self, conn: Connection, schema: str) -> None:
        conn.execute(sql.SQL(EARLY_DDL).format(table=sql.Identifier(schema, EARLY)))
        conn.execute(sql.SQL(DISPOSED_DDL).format(table=sql.Identifier(schema, DISPOSED)))

    def apply(self, cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
        context = str(envelope["source"]).rsplit("/", 1)[-1]
        parts = str(envelope["type"]).split(".")
        if len(parts) != 5:
            return  # not a sotflow type
        name, data = parts[3], envelope.get("data") or {}
        if not isinstance(data, dict):
            return
        subject, event_time = str(envelope["subject"]), datetime.fromisoformat(envelope["time"])
        starting = self.rules.started_by(context, name, data, event_time)
        meeting = self.rules.rule_ids_met_by(context, name, data)
        extending = self.rules.extensions_by(context, name, data)
        disposal = self.rules.disposal_by(context, name, data)
        if not starting and not meeting and not extending and disposal is None:
            return
        cur.execute("select pg_advisory_xact_lock(%s)", (STARTER_LOCK,))
        base_event = BaseEvent(envelope["type"], envelope["id"], context, int(envelope["logposition"]))
        for rule, base_time in starting:
            started = self.deadlines.start(
                rule.rule_id, subject=subject, base_time=base_time, actor=STARTER, base_event=base_event
            )
            self.started += started.new
            if started.new:
                log.info("deadline.started", rule_id=rule.rule_id, subject=subject, due_at=started.due_at.isoformat())
            self._apply_early_meetings(cur, schema, rule.rule_id, subject, base_time)
            self._apply_earlier_disposal(cur, schema, rule.rule_id, subject, base_time)
        for rule_id in meeting:
            self._meet(cur, schema, rule_id, subject, envelope, event_time)
        for rule_id, until in extending:
            self._extend(rule_id, subject, until, envelope, event_time)
        if disposal is not None:
            self._close_with_case(cur, schema, subject, disposal, envelope, event_time)

    def _close_with_case(
        self, cur: Cursor, schema: str, subject: str, reason: str, envelope: dict, event_time: datetime
    ) -> None:
        """The case is disposed of: close every deadline of it still running (after this
        event met what it meets), and remember the disposal for deadlines started later
        by an earlier event read late."""
        cur.execute(
            sql.SQL("insert into {} values (%s, %s, %s, %s, %s) on conflict do nothing").format(
                sql.Identifier(schema, DISPOSED)
            ),
            (subject, reason, envelope["id"], envelope["type"], event_time),
        )
        closed = self.deadlines.close_with_case(
            subject, reason=reason, at=event_time, closed_by=envelope["type"], event_id=envelope["id"], actor=STARTER
        )
        self.closed += len(closed)
        if closed:
            log.info("deadline.closed_with_case", subject=subject, reason=reason, closed=len(closed))

    def _apply_earlier_disposal(
        self, cur: Cursor, schema: str, rule_id: str, subject: str, base_time: datetime
    ) -> None:
        cur.execute(
            sql.SQL("select reason, event_id, event_type, event_time from {} where subject = %s").format(
                sql.Identifier(schema, DISPOSED)
            ),
            (subject,),
        )
        disposal = cur.fetchone()
        if disposal is None or disposal["event_time"] < base_time:
            return
        deadline = self.deadlines.open_deadline(rule_id, subject)
        if deadline is not None and self.deadlines.close_deadline(
            deadline.id, reason=disposal["reason"], at=disposal["event_time"], closed_by=disposal["event_type"],
            event_id=disposal["event_id"], actor=STARTER,
        ):  # fmt: skip
            self.closed += 1

    def _extend(self, rule_id: str, subject: str, until: date, envelope: dict, event_time: datetime) -> None:
        """A decision taken in another context (the head's extension of an application's
        term, АППК 76) moves the running deadline to its new last day. The deadline is
        extended by the days between its current last day and the decided one, so the same
        event read again finds it there already and changes nothing."""
        deadline = self.deadlines.open_deadline(rule_id, subject)
        if deadline is None or deadline.status != Status.OPEN:
            log.info("deadline.extension_skipped", rule_id=rule_id, subject=subject, why="no open deadline")
            return
        days = (until - court_date(deadline.due_at)).days
        if days < 1:
            return  # already there (a re-read), or the decision does not move it on
        # The decision is the head's: its author is the actor, checked against the rule's
        # extension policy; the grounds name the event it came from.
        decider = Actor(
            user_id=str(envelope["actorid"]), role=Role(envelope["actorrole"]),
            on_behalf_of=envelope.get("actoronbehalfof"),
        )  # fmt: skip
        grounds = (
            f"{envelope.get('reason') or 'extension decided'} (decision recorded as {envelope['type']} "
            f"{envelope['id']}: to {until.isoformat()})"
        )
        try:
            self.deadlines.extend(
                deadline.id, term=Term(days, Unit.CALENDAR_DAYS), grounds=grounds, actor=decider, now=event_time
            )
        except DeadlineError as refused:
            # The decision stands in its own context; the deadline keeps its due date and
            # the watcher reports it as missed if it passes. Logged for the secretariat.
            log.warning("deadline.extension_refused", rule_id=rule_id, subject=subject, reason=str(refused))
            return
        self.extended += 1
        log.info("deadline.extended", rule_id=rule_id, subject=subject, until=until.isoformat())

    def _meet(self, cur: Cursor, schema: str, rule_id: str, subject: str, envelope: dict, event_time: datetime) -> None:
        deadline = self.deadlines.open_deadline(rule_id, subject)
        if deadline is None or deadline.base_time > event_time:
            # Not started yet (its event may still be on its way): keep it for then.
            cur.execute(
                sql.SQL("insert into {} values (%s, %s, %s, %s, %s) on conflict do nothing").format(
                    sql.Identifier(schema, EARLY)
                ),
                (subject, rule_id, envelope["id"], envelope["type"], event_time),
            )
            return
        if self.deadlines.meet(
            deadline.id, met_at=event_time, met_by=envelope["type"], event_id=envelope["id"], actor=STARTER
        ):
            self.met += 1

    def _apply_early_meetings(self, cur: Cursor, schema: str, rule_id: str, subject: str, base_time: datetime) -> None:
        cur.execute(
            sql.SQL(
                "select event_id, event_type, event_time from {} where subject = %s and rule_id = %s "
                "and event_time >= %s order by event_time limit 1"
            ).format(sql.Identifier(schema, EARLY)),
            (subject, rule_id, base_time),
        )
        early = cur.fetchone()
        if early is None:
            return
        deadline = self.deadlines.open_deadline(rule_id, subject)
        if deadline is None:
            return
        if self.deadlines.meet(
            deadline.id, met_at=early["event_time"], met_by=early["event_type"], event_id=early["event_id"],
            actor=STARTER,
        ):  # fmt: skip
            self.met += 1


def run_starter(
    system: Sotflow, stop: threading.Event, *, max_idle_polls: int | None = None, catch_up: bool = False
) -> DeadlineStarter:
    """Read every context topic the rules name (creating those not there yet) and start and meet deadlines."""
    starter = DeadlineStarter(system.deadlines)
    ensure_topics(system.settings, starter.CONTEXTS)
    with system.pool.connection() as conn:
        starter.create_tables(conn, system.settings.projection_schema)
        conn.commit()
    worker = ProjectionWorker(
        starter, system.settings, system.pool, group_id=f"{system.settings.topic_prefix}deadline-starter"
    )
    worker.run(stop, max_idle_polls=max_idle_polls, catch_up=catch_up)
    return starter

"""The deadline starter over the real services: registry events start deadlines,
proceedings events meet them, an acceptance read before its registration still
meets its deadline, and a restarted starter starts nothing twice."""

import threading
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
from kafka import KafkaProducer
from psycopg import sql

from consumers.deadline_starter import run_starter
from contract.envelope import encode
from domain.actor import Actor, Role
from domain.deadlines.deadline import Deadline, Status
from relay.relay import Relay
from sotflow.topics import event_topic
from tests.support import published_envelopes, register_complaints

HEAD = Actor("u-head", Role.HEAD)


def relay(system, settings, context):
    Relay(system.contexts[context], context, settings).run(threading.Event(), exit_when_idle=True)


def start_deadlines(system):
    return run_starter(system, threading.Event(), catch_up=True)


class Proceedings:
    """Publishes proceedings events as that context will (it is being built elsewhere)."""

    def __init__(self, settings):
        self.settings = settings
        self.position = 0
        self.producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")

    def publish(self, name: str, subject: str, at: datetime, data: dict | None = None) -> dict:
        self.position += 1
        envelope = {
            "specversion": "1.0", "id": str(uuid.uuid4()), "source": "/sotflow/proceedings",
            "type": f"kz.sotflow.proceedings.{name}.v1", "subject": subject, "time": at.isoformat(),
            "datacontenttype": "application/json", "logposition": self.position, "streamversion": 2,
            "actorid": "u-judge", "actorrole": "judge", "data": data or {},
        }  # fmt: skip
        self.producer.send(event_topic(self.settings, "proceedings"), key=subject.encode(), value=encode(envelope))
        self.producer.flush()
        return envelope

    def close(self):
        self.producer.close()


def stored(settings, kind: str) -> int:
    with psycopg.connect(settings.pg_conninfo) as conn:
        return conn.execute(
            sql.SQL("select count(*) from {} where topic like %s").format(
                sql.Identifier(settings.db_schema, "deadlines_events")
            ),
            (f"%Deadline.{kind}",),
        ).fetchone()[0]


def test_registered_complaints_start_deadlines_and_proceedings_meet_them(system, settings):
    from sotflow.topics import ensure_topics

    ensure_topics(settings, ("proceedings",))
    proceedings = Proceedings(settings)
    try:
        ids = [str(i) for i in register_complaints(system.registry, 3)]
        relay(system, settings, "registry")
        starter = start_deadlines(system)
        assert starter.started == 6  # return-inadmissible and decision for each
        deadlines = system.deadlines
        returned = [deadlines.open_deadline("cassation.return-inadmissible", i) for i in ids]
        assert all(d is not None and d.rule_version == 1 for d in returned)
        (registered,) = [e for e in published_envelopes(settings, "registry")
                         if e["subject"] == ids[0] and e["type"].endswith("complaint-registered.v1")]  # fmt: skip
        # The term runs from the receipt the event's data records, not from the event's time.
        assert returned[0].base_time == datetime.fromisoformat(registered["data"]["received_at"])
        assert returned[0].base_time < datetime.fromisoformat(registered["time"])

        now = datetime.now(UTC)
        proceedings.publish("case-accepted", ids[0], now)
        proceedings.publish("hearing-held", ids[1], now)
        proceedings.publish("ruling-entered", ids[2], now)
        starter = start_deadlines(system)
        assert starter.met == 2 and starter.started == 1
        assert deadlines.open_deadline("cassation.return-inadmissible", ids[0]) is None
        assert deadlines.open_deadline("cassation.decision", ids[2]) is None
        act_entry = deadlines.open_deadline("proceedings.judicial-act-entry", ids[1])
        assert act_entry is not None and act_entry.term.value == 5

        proceedings.publish("judicial-act-entered", ids[1], now + timedelta(minutes=5))
        start_deadlines(system)
        assert deadlines.get(act_entry.id).status == Status.MET

        again = start_deadlines(system)  # a restarted starter has nothing left to do
        assert (again.started, again.met) == (0, 0)
        assert stored(settings, "Started") == 7 and stored(settings, "Met") == 3
    finally:
        proceedings.close()


def test_an_acceptance_read_before_its_registration_still_meets_the_deadline(system, settings):
    from sotflow.topics import ensure_topics

    ensure_topics(settings, ("proceedings",))
    proceedings = Proceedings(settings)
    try:
        (complaint_id,) = [str(i) for i in register_complaints(system.registry, 1)]
        accepted_at = datetime.now(UTC)
        proceedings.publish("case-accepted", complaint_id, accepted_at)
        starter = start_deadlines(system)  # the registry's topic is still empty
        assert (starter.started, starter.met) == (0, 0)

        relay(system, settings, "registry")
        starter = start_deadlines(system)
        assert starter.started == 2 and starter.met == 1
        deadline = system.deadlines.get(Deadline.create_id("cassation.return-inadmissible", complaint_id, 1))
        assert deadline.status == Status.MET
        assert system.deadlines.open_deadline("cassation.decision", complaint_id) is not None
    finally:
        proceedings.close()


def test_an_extended_application_answer_starts_the_notice_to_the_applicant(system, settings):
    started = system.deadlines.start(
        "applications.answer", subject="application-5", base_time=datetime.now(UTC) - timedelta(days=3), actor=HEAD
    )
    from domain.deadlines.terms import Term, Unit

    system.deadlines.extend(
        started.id, term=Term(10, Unit.WORKING_DAYS), grounds="an expert's opinion is needed", actor=HEAD,
        now=datetime.now(UTC),
    )  # fmt: skip
    relay(system, settings, "deadlines")
    starter = start_deadlines(system)
    assert starter.started == 1
    notice = system.deadlines.open_deadline("applications.extension-notice", "application-5")
    assert notice is not None and notice.base_event.type == "kz.sotflow.deadlines.deadline-extended.v1"


def test_the_heads_extension_of_an_application_extends_its_running_answer_deadline_once(system, settings):
    """АППК 76: the applications context's extension moves the answer deadline to the decided day."""
    from consumers.deadline_starter import DeadlineStarter
    from consumers.projection_worker import ProjectionWorker
    from domain.applications.application import Applicant, ApplicantKind, Application, Channel, Subject
    from domain.court_time import court_date
    from domain.deadlines.terms import end_of_court_day

    received = datetime.now(UTC) - timedelta(days=2)
    application = Application.register(
        uuid.uuid4(), applicant=Applicant("A. Serikova", ApplicantKind.INDIVIDUAL, None), channel=Channel.PAPER,
        subject=Subject.PENDING_PROCEEDINGS, summary="when is my hearing", related_case=None, received_at=received,
        actor=Actor("u-clerk", Role.REGISTRAR),
    )  # fmt: skip
    until = court_date(received) + timedelta(days=40)
    application.extend_term(until=until, reason="the case file is awaited", actor=HEAD)
    system.applications.save(application)
    subject = str(application.id)
    relay(system, settings, "applications")
    starter = start_deadlines(system)
    assert starter.extended == 1
    answer = system.deadlines.open_deadline("applications.answer", subject)
    assert answer.due_at == end_of_court_day(until) and answer.extensions == 1
    relay(system, settings, "deadlines")
    (extended,) = [e for e in published_envelopes(settings, "deadlines") if "deadline-extended" in e["type"]]
    assert (extended["actorid"], extended["actorrole"]) == (HEAD.user_id, "head"), "the head's decision"
    assert extended["reason"].startswith("the case file is awaited (decision recorded as ")
    notice = system.deadlines.open_deadline("applications.extension-notice", subject)
    assert notice is not None, "the notice to the applicant runs from the extension"

    # Read again from offset 0 (its stored offsets forgotten): the same decision extends nothing more.
    with system.pool.connection() as conn:
        conn.execute(
            f'delete from "{settings.projection_schema}".projection_offsets where projection = %s',
            (DeadlineStarter.NAME,),
        )
    again = DeadlineStarter(system.deadlines)
    worker = ProjectionWorker(again, settings, system.pool, group_id=f"{settings.topic_prefix}reread")
    worker.run(threading.Event(), catch_up=True)
    assert worker.applied > 0, "the whole applications topic was read again"
    assert again.extended == 0 and again.started == 0
    assert stored(settings, "Extended") == 1
    assert system.deadlines.get(answer.id).due_at == end_of_court_day(until)

"""A large mixed log for the read-side benchmarks, written to Kafka as the relay writes it.

The events come from the domain aggregates themselves (the same calls the contexts
make), are turned into CloudEvents by `contract.envelope.to_cloudevents`, keyed by
subject and sent in transactions, one topic per context, so every projection reads
what it would read in production. Only the event store is skipped: writing a million
events through the command side first would take the benchmark an hour, and a
rebuild never reads the store.

Per case: a complaint registered, indexed and numbered (registry); distributed to a
panel and released at the end (assignment); accepted, its file requested and
received, a hearing scheduled and held, the parties notified, a ruling, the act
entered and published (proceedings); two deadlines started and met (deadlines).
Every fifth case also brings a citizen's application through to its answer, every
tenth a foreign letter rogatory through to its closing.
"""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from kafka import KafkaProducer

from contract.envelope import CONTENT_TYPE, encode, to_cloudevents
from contract.examples import example_particulars
from domain.actor import Actor, Role
from domain.applications.application import Applicant, ApplicantKind, Application, Channel, Subject
from domain.assignment.roster import CourtRoster, DistributionSettings, JudgeProfile, Post
from domain.calendar.amendments import CourtCalendar
from domain.court_time import COURT_ZONE
from domain.deadlines.deadline import BaseEvent, Deadline
from domain.deadlines.rule_sets import rule_book
from domain.international.jurisdiction import Competence, competent_court
from domain.international.request import (
    ForeignRequest,
    Party,
    RequestedAction,
    RequestKind,
    RequestParticulars,
    Treaty,
)
from domain.international.signing import Capacity, SigningAuthority
from domain.procedure import Procedure
from domain.proceedings.case import DefendantOutcome, Outcome, ProceedingsCase
from domain.registry.admissibility import CheckContext, decide, weekend_roll_over
from domain.registry.filing import ContestedAct, Filer, JudicialActKind, Offence, OffenceCategory, ProceduralRole
from domain.registry.filing_index import FilingIndex
from domain.registry.incoming_item import IncomingItem
from domain.registry.journal import DEFAULT_NUMBER_FORMAT, RegistrationJournal
from sotflow.settings import Settings
from sotflow.topics import event_topic

CONTEXTS = ("registry", "assignment", "proceedings", "deadlines", "international", "applications")
COURT = "cassation-criminal"
START = datetime(2025, 9, 1, 4, 0, tzinfo=UTC)
REGISTRAR = Actor("u-registrar-bench", Role.REGISTRAR)
JUDGE = Actor("u-judge-bench", Role.JUDGE)
HEAD = Actor("u-head-bench", Role.HEAD)
CONSULTANT = Actor("u-consultant-bench", Role.CONSULTANT)
OFFICER = Actor("u-officer-bench", Role.INTERNATIONAL_OFFICER)
DEPUTY = Actor("u-deputy-bench", Role.DEPUTY_HEAD)
DISTRIBUTOR = Actor("system:distributor", Role.SYSTEM)
STARTER = Actor("system:deadline-starter", Role.SYSTEM)
# One in ten is a minor offence, which the rules return (УПК 484(2)); the rest go on to a hearing.
CATEGORIES = [OffenceCategory.MEDIUM, OffenceCategory.GRAVE, OffenceCategory.ESPECIALLY_GRAVE] * 3 + [
    OffenceCategory.MINOR
]
OUTCOMES = [Outcome.LEFT_UNCHANGED, Outcome.CHANGED, Outcome.CANCELLED_AND_REMANDED]
AUTHORITY = SigningAuthority(
    DEPUTY.user_id, Capacity.SUPERVISING_DEPUTY_HEAD, datetime(2025, 1, 10, tzinfo=UTC), None, "bench order"
)


class MixedLog:
    """Yields (context, domain event) in log order, case after case."""

    def __init__(self, judges: int = 15) -> None:
        self.calendar = CourtCalendar(actor=HEAD)
        self.book = rule_book()
        self.journal = RegistrationJournal(court=COURT, year=2025, actor=REGISTRAR)
        self.roster = CourtRoster(court=COURT, actor=HEAD)
        for n in range(judges):
            post = Post.COLLEGIUM_CHAIR if n == 0 else Post.JUDGE
            profile = JudgeProfile(f"judge-{n + 1:02d}", f"Judge {n + 1}", "criminal", ("criminal",), post)
            self.roster.enrol(profile, actor=HEAD)
        self.roster.adopt_settings(
            DistributionSettings(
                version=1, effective_from=date(2025, 7, 1), source="bench",
                post_coefficients={"judge": 1.0, "collegium_chair": 0.5, "deputy_chair": 0.75, "court_chair": 0.25},
                complexity={"cassation": 1.0, "extradition": 1.5}, panel_member_share=0.5,
                panel_sizes={"cassation": 3, "extradition": 1}, min_pool_size=5, max_load_deviation=4.0,
                reassign_after_absence_days=30,
            ),
            actor=HEAD, now=datetime(2025, 6, 30, 4, 0, tzinfo=UTC),
        )  # fmt: skip

    def opening(self) -> Iterator[tuple[str, object]]:
        yield from (("registry", e) for e in self.journal.collect_events())
        yield from (("assignment", e) for e in self.roster.collect_events())
        yield from (("deadlines", e) for e in self.calendar.collect_events())

    def case(self, n: int) -> Iterator[tuple[str, object]]:
        at = START + timedelta(minutes=7 * n)
        item_id = uuid.UUID(int=n + 1, version=4)
        case_id = str(item_id)
        particulars = example_particulars(
            received_at=at,
            filer=Filer(name=f"Filer {n}", procedural_role=ProceduralRole.CONVICT),
            lower_court_case_ref=f"1-{n}/2025",
            contested_act=ContestedAct(
                "Almaty City Court", JudicialActKind.VERDICT, date(2025, 6, 3), date(2025, 7, 4)
            ),
            offence=Offence(article="188 ч.2", category=CATEGORIES[n % len(CATEGORIES)]),
        )
        number = self.journal.assign_number(
            item_id=case_id, kind="CC", number_format=DEFAULT_NUMBER_FORMAT, actor=REGISTRAR
        )
        decision = decide(particulars, CheckContext(weekend_roll_over))
        item = IncomingItem.register(
            particulars, admissibility=decision, actor=REGISTRAR, now=at, registration_number=number, id=item_id
        )
        index = FilingIndex.first_filing(f"bench-{n}", item_id=case_id, actor=REGISTRAR)
        yield from _in("registry", item, index, self.journal)
        if not decision.admissible:
            return

        protocol = self.roster.distribute(
            case_id=case_id, registration_event_id=str(uuid.UUID(int=n + 1, version=5)), specialisation="criminal",
            procedure=Procedure.CASSATION, actor=DISTRIBUTOR, now=at + timedelta(minutes=1),
        )  # fmt: skip
        yield from _in("assignment", self.roster)

        returning = self._deadline("cassation.return-inadmissible", case_id, at, "registry")
        yield from _in("deadlines", returning)

        case = ProceedingsCase.accept(
            item_id, court=COURT, procedure=Procedure.CASSATION, lower_court_case_ref=f"1-{n}/2025",
            registration_number=number, reason="admissible", actor=JUDGE,
        )  # fmt: skip
        returning.meet(met_at=at + timedelta(days=2), met_by="kz.sotflow.proceedings.case-accepted.v1",
                       event_id=None, actor=STARTER)  # fmt: skip
        case.request_case_file(from_court="Almaty City Court", actor=REGISTRAR)
        case.receive_case_file(
            received_at=at + timedelta(days=5), case_file_item_id=None, now=at + timedelta(days=5), actor=REGISTRAR
        )
        hearing_at = at + timedelta(days=20)
        case.schedule_hearing(
            hearing_id=f"h-{n}", scheduled_for=hearing_at, room=f"Hall {n % 4 + 1}", public=n % 7 != 0,
            actor=REGISTRAR,
        )  # fmt: skip
        case.notify_parties(parties=(f"Filer {n}", "Prosecutor"), actor=REGISTRAR)
        yield from _in("proceedings", case)
        yield from _in("deadlines", returning)

        if n % 3:  # a third of the cases are still waiting for their hearing
            case.hold_hearing(
                hearing_id=f"h-{n}", held_at=hearing_at, panel=protocol.panel, assigned_panel=protocol.panel,
                substitution_reason=None, now=hearing_at, actor=REGISTRAR,
            )  # fmt: skip
            rapporteur = dataclasses.replace(JUDGE, judge_court=case.court, judge_id=protocol.panel[0])
            case.enter_ruling(
                outcomes=(DefendantOutcome(f"Filer {n}", OUTCOMES[n % len(OUTCOMES)], "УПК 494(1)"),), actor=rapporteur
            )
            case.enter_judicial_act(
                document_ref=f"dms://acts/{n}", document_sha256="9f2b" * 16, publishable=True,
                now=hearing_at + timedelta(days=1), actor=rapporteur,
            )  # fmt: skip
            case.publish_act(portal_ref=f"https://office.sud.kz/acts/{n}", redacted=True, actor=REGISTRAR)
            yield from _in("proceedings", case)
            self.roster.release(case_id=case_id, reason="judicial act entered", actor=DISTRIBUTOR)
            yield from _in("assignment", self.roster)

        if n % 5 == 0:
            yield from self._application(n, at)
        if n % 10 == 0:
            yield from self._foreign_request(n, at)

    def _deadline(self, rule_id: str, subject: str, at: datetime, context: str) -> Deadline:
        return Deadline.start(
            self.book.in_force(rule_id, at.date()), subject=subject, cycle=1, base_time=at.astimezone(COURT_ZONE),
            base_event=BaseEvent(f"kz.sotflow.{context}.item-registered.v1", subject, context, 0),
            calendar=self.calendar.calendar(), calendar_revision=self.calendar.revision(), actor=STARTER,
        )  # fmt: skip

    def _application(self, n: int, at: datetime) -> Iterator[tuple[str, object]]:
        app = Application.register(
            uuid.UUID(int=n + 1, version=1),
            applicant=Applicant(f"Applicant {n % 997}", ApplicantKind.INDIVIDUAL, f"{850101400000 + n % 997}"),
            channel=Channel.E_OTINISH, subject=Subject.PENDING_PROCEEDINGS, summary="when is my hearing",
            related_case=None, received_at=at, actor=REGISTRAR,
        )  # fmt: skip
        app.assign(consultant=CONSULTANT.user_id, reason="criminal line", actor=HEAD)
        app.draft_answer(document_ref=f"dms://answers/{n}", actor=CONSULTANT)
        app.approve_answer(reason="approved", actor=HEAD)
        app.send_answer(sent_at=at + timedelta(days=10), channel=Channel.E_OTINISH, actor=REGISTRAR)
        yield from _in("applications", app)

    def _foreign_request(self, n: int, at: datetime) -> Iterator[tuple[str, object]]:
        request = ForeignRequest.receive(
            uuid.UUID(int=n + 1, version=3),
            particulars=RequestParticulars(
                RequestKind.INCOMING_LETTER_ROGATORY, Party("DE", "Amtsgericht Berlin-Mitte"),
                Party("KZ", "Judicial Administration"), Treaty.HAGUE_SERVICE_1965, "de",
                RequestedAction.SERVICE_OF_DOCUMENTS, None, False,
            ),
            received_at=at, actor=OFFICER,
        )  # fmt: skip
        request.register(registration_number=f"IA-{n}/2025", reason="registered on receipt", actor=OFFICER)
        request.request_translation(into="ru", reason="in German", actor=OFFICER)
        request.receive_translation(language="ru", certified=True, reason="certified", actor=OFFICER)
        request.study(findings="complete", actor=OFFICER)
        request.sign_off(document="covering letter", authority=AUTHORITY, signed_at=at, actor=DEPUTY)
        request.forward(
            choice=competent_court("Almaty", Competence.SERVICE_OF_DOCUMENTS, date(2025, 9, 3)),
            reason="the addressee lives in Almaty", actor=OFFICER,
        )  # fmt: skip
        request.report_execution(executed=True, reported_at=at + timedelta(days=20), reason="served", actor=OFFICER)
        request.sign_off(document="certificate of service", authority=AUTHORITY, signed_at=at, actor=DEPUTY)
        request.return_documents(to="Amtsgericht Berlin-Mitte", reason="certificate of service", actor=OFFICER)
        request.close(reason="executed", actor=OFFICER)
        yield from _in("international", request)


def _in(context: str, *aggregates) -> Iterator[tuple[str, object]]:
    for aggregate in aggregates:
        for event in aggregate.collect_events():
            yield context, event


def write(settings: Settings, messages: int, *, chunk: int = 5000) -> dict[str, int]:
    """Writes cases until at least `messages` messages are on the topics; answers the count per context."""
    producer = KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap,
        transactional_id=f"{settings.topic_prefix}bench-writer",
        linger_ms=20,
        batch_size=512 * 1024,
        compression_type=None,
    )
    producer.init_transactions()
    log = MixedLog()
    positions = dict.fromkeys(CONTEXTS, 0)
    sent = dict.fromkeys(positions, 0)
    total = pending = 0
    producer.begin_transaction()

    def send(context: str, event) -> None:
        nonlocal total, pending
        positions[context] += 1
        for envelope in to_cloudevents(event, position=positions[context]):
            producer.send(
                event_topic(settings, context),
                key=envelope["subject"].encode("utf-8"),
                value=encode(envelope),
                headers=[
                    ("content-type", CONTENT_TYPE.encode()),
                    ("ce_type", envelope["type"].encode()),
                    ("ce_id", envelope["id"].encode()),
                ],
            )
            sent[context] += 1
            total += 1
            pending += 1
        if pending >= chunk:
            producer.commit_transaction()
            producer.begin_transaction()
            pending = 0

    for context, event in log.opening():
        send(context, event)
    for n in itertools.count():
        for context, event in log.case(n):
            send(context, event)
        if total >= messages:
            break
    producer.commit_transaction()
    producer.close()
    return sent

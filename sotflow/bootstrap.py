"""The composition root: builds the contexts, pools and directories from settings.

The API, the relay, the consumers, the CLI and the tests all start here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eventsourcing.application import Application
from psycopg_pool import ConnectionPool

from contexts.applications import Applications
from contexts.archive import Archive
from contexts.assignment import Assignment
from contexts.clock import SYSTEM_CLOCK, Clock
from contexts.deadlines import Deadlines
from contexts.inforequests import InformationRequests
from contexts.international import International
from contexts.personnel import Personnel
from contexts.proceedings import Proceedings
from contexts.registry import Intake, Registry
from domain.actor import Role
from domain.archive.file import CaseStanding, Disposal
from domain.court_time import court_date, day_start
from domain.deadlines.rule_sets import RuleParameters, rule_book
from domain.deadlines.rules import RuleBook
from domain.international.signing import SECRETARIAT_LINE
from domain.proceedings.errors import CaseNotFoundError
from domain.proceedings.lifecycle import Stage
from domain.registry.errors import ItemNotFoundError
from domain.registry.incoming_item import ItemStatus
from domain.registry.intake import CourtsOfFiling
from projections import applications_register
from sotflow.eventstore import eventstore_env
from sotflow.identity import UserDirectory
from sotflow.postgres import create_pool
from sotflow.settings import Settings, get_settings


@dataclass
class Sotflow:
    settings: Settings
    registry: Registry
    assignment: Assignment
    proceedings: Proceedings
    pool: ConnectionPool
    users: UserDirectory
    deadlines: Deadlines
    international: International
    applications: Applications
    archive: Archive
    inforequests: InformationRequests
    personnel: Personnel
    clock: Clock = field(default=SYSTEM_CLOCK)
    closed: bool = field(default=False)

    @property
    def contexts(self) -> dict[str, Application]:
        return {
            "registry": self.registry,
            "assignment": self.assignment,
            "proceedings": self.proceedings,
            "deadlines": self.deadlines,
            "international": self.international,
            "applications": self.applications,
            "archive": self.archive,
            "inforequests": self.inforequests,
            "personnel": self.personnel,
        }

    def use_clock(self, clock: Clock) -> None:
        """Every context, and the API through its dependency, reads this clock from now on."""
        self.clock = clock
        for context in self.contexts.values():
            context.clock = clock

    def close(self) -> None:
        if not self.closed:
            self.registry.close()
            self.assignment.close()
            self.proceedings.close()
            self.deadlines.close()
            self.international.close()
            self.applications.close()
            self.archive.close()
            self.inforequests.close()
            self.personnel.close()
            self.pool.close()
            self.closed = True


CACHED = {"AGGREGATE_CACHE_MAXSIZE": "256"}


def bootstrap(settings: Settings | None = None, *, clock: Clock = SYSTEM_CLOCK) -> Sotflow:
    settings = settings or get_settings()
    pool = create_pool(settings)
    deadlines = Deadlines(env=eventstore_env(settings, create_table=False) | CACHED, rules=rule_book_for(settings))

    def roll_over(day: date) -> date:
        """УПК 48: a term ending on a day off ends on the next working day, by the calendar in effect."""
        calendar, _revision = deadlines.calendar_in_effect()
        return calendar.working_day_on_or_after(day)

    system = Sotflow(
        settings=settings,
        clock=clock,
        # A court's journal and roster are long streams: keep the recent ones in memory
        # and read only their new events (the library's aggregate cache, fast-forwarded).
        registry=Registry(env=eventstore_env(settings, create_table=False) | CACHED, roll_over=roll_over),
        assignment=Assignment(env=eventstore_env(settings, create_table=False) | CACHED),
        proceedings=Proceedings(env=eventstore_env(settings, create_table=False) | CACHED),
        pool=pool,
        users=UserDirectory(pool, settings.db_schema),
        deadlines=deadlines,
        international=International(env=eventstore_env(settings, create_table=False)),
        applications=Applications(env=eventstore_env(settings, create_table=False)),
        archive=Archive(env=eventstore_env(settings, create_table=False)),
        inforequests=InformationRequests(env=eventstore_env(settings, create_table=False)),
        personnel=Personnel(env=eventstore_env(settings, create_table=False)),
    )
    system.use_clock(clock)
    system.registry.intake = Intake(
        courts=CourtsOfFiling(
            cassation_court=settings.default_court,
            supreme_court=settings.supreme_court,
            specialisation_by_article=settings.specialisation_by_article,
        ),
        configured_courts=tuple(settings.configured_courts),
        number_format=settings.registration_number_format,
    )
    # What a context reads from the others, through their public methods.
    system.registry.has_roster = system.assignment.has_roster
    system.assignment.courts = frozenset(settings.configured_courts)
    system.proceedings.registered_item = system.registry.get_item
    system.proceedings.assigned_panel = lambda court, case_id: tuple(system.assignment.panel_of(court, case_id).panel)
    system.proceedings.court_chairs = lambda court: system.assignment.roster(court).chairs()
    # What the applications read: a receiver's account, and an applicant's applications as the register has them.
    system.applications.account_of = lambda user_id: _account_of(system, user_id)
    system.applications.applications_of_applicant = lambda identifier: _applications_of(system, identifier)
    # What the archive reads: a case's standing (proceedings and the registry, written side),
    # and when an issued file is due back (the deadlines context's rule and calendar).
    system.archive.case_standing = lambda case_id: _case_standing(system, case_id)
    system.archive.return_due = lambda issued_at: _return_due(system, issued_at)
    # What the information requests read: an assignee's account, the §13 signing register's
    # Secretariat line (kept by the international context), and the answer rule's terms.
    system.inforequests.account_of = lambda user_id: _account_of(system, user_id)
    system.inforequests.authority_at = lambda user_id, at: system.international.authority_at(
        user_id, at, SECRETARIAT_LINE
    )
    system.inforequests.answer_terms = lambda received_at: _answer_terms(system, received_at)
    # A consultant is assigned applications only while at work: the personnel records' written side.
    system.applications.absence_of = system.personnel.absence_on
    # A foreign trip's final report is due by the deadlines context's rule, from the return day.
    system.personnel.report_due = lambda returns_on: _due_by(system, TRIP_REPORT_RULE, day_start(returns_on))
    return system


# A case's stage -> how it was disposed of, for the archive (domain/proceedings/lifecycle.py).
DISPOSALS = {
    Stage.PUBLISHED: Disposal.PUBLISHED,
    Stage.RETURNED: Disposal.RETURNED,
    Stage.WITHDRAWN: Disposal.WITHDRAWN,
    Stage.JOINED: Disposal.JOINED,
}


def _case_standing(system: Sotflow, case_id) -> CaseStanding | None:
    """The case as the registry registered it and proceedings moved it (None: no such case). Disposed:
    published, returned (by proceedings or at registration), withdrawn, joined, or its act entered
    not to be published; on the day of the event that disposed of it."""
    try:
        item = system.registry.get_item(case_id)
    except ItemNotFoundError:
        return None
    disposal, disposed_at, stage = None, None, str(item.status)
    if item.status == ItemStatus.RETURNED:
        disposal, disposed_at = Disposal.RETURNED, item.modified_on
    try:
        case = system.proceedings.get_case(case_id)
    except CaseNotFoundError:
        case = None
    if case is not None:
        stage = str(case.stage)
        if case.stage in DISPOSALS:
            disposal, disposed_at = DISPOSALS[case.stage], case.modified_on
        elif case.stage == Stage.ACT_ENTERED and not case.publishable:
            disposal, disposed_at = Disposal.ACT_ENTERED, case.modified_on
    return CaseStanding(
        case_id=str(case_id), court=item.particulars.court, registration_number=item.registration_number,
        kind=str(item.particulars.kind), confidentiality=str(item.particulars.confidentiality), stage=stage,
        disposal=disposal, disposed_on=court_date(disposed_at) if disposed_at else None,
    )  # fmt: skip


def _return_due(system: Sotflow, issued_at):
    return _due_by(system, ARCHIVE_RETURN_RULE, issued_at)


def _due_by(system: Sotflow, rule_id: str, base_time):
    rule = system.deadlines.rules.in_force(rule_id, court_date(base_time))
    calendar, _revision = system.deadlines.calendar_in_effect()
    return rule.due(base_time, calendar)


ARCHIVE_RETURN_RULE = "archive.file-return"
TRIP_REPORT_RULE = "personnel.trip-report"


def _answer_terms(system: Sotflow, received_at):
    rule = system.deadlines.rules.in_force(INFOREQUEST_ANSWER_RULE, court_date(received_at))
    calendar, _revision = system.deadlines.calendar_in_effect()
    longest = rule.longest_due(received_at, calendar)
    return rule.due(received_at, calendar), court_date(longest) if longest else None


INFOREQUEST_ANSWER_RULE = "inforequests.answer"


def _account_of(system: Sotflow, user_id: str) -> tuple[str, Role] | None:
    return next(((u.name, u.role) for u in system.users.list() if u.id == user_id), None)


def _applications_of(system: Sotflow, identifier: str) -> list[str]:
    """The ids of the applications the register holds under an ИИН/БИН, oldest first."""
    with system.pool.connection() as conn:
        rows = applications_register.listing(conn, system.settings.projection_schema, applicant=identifier)
    return [str(r["application_id"]) for r in sorted(rows, key=lambda r: (r["received_at"], str(r["application_id"])))]


def rule_book_for(settings: Settings) -> RuleBook:
    """The rule book with the two parameters the statute leaves to the court."""
    return rule_book(
        RuleParameters(
            decision_term_from=settings.deadline_decision_term_from,
            act_entry_working_days=settings.deadline_act_entry_working_days,
        )
    )


def open_deadlines_context(settings: Settings) -> Deadlines:
    """A Deadlines application on the settings' event store, for one-off commands."""
    return Deadlines(env=eventstore_env(settings, create_table=False), rules=rule_book_for(settings))

"""The composition root: builds the contexts, pools and directories from settings.

The API, the relay, the consumers, the CLI and the tests all start here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eventsourcing.application import Application
from psycopg_pool import ConnectionPool

from contexts.applications import Applications
from contexts.assignment import Assignment
from contexts.clock import SYSTEM_CLOCK, Clock
from contexts.deadlines import Deadlines
from contexts.international import International
from contexts.proceedings import Proceedings
from contexts.registry import Intake, Registry
from domain.actor import Role
from domain.deadlines.rule_sets import RuleParameters, rule_book
from domain.deadlines.rules import RuleBook
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
    return system


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

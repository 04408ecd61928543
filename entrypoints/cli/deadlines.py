"""CLI for deadlines and the working-day calendar: `sotflow deadline ...`,
`sotflow calendar ...`, and the deadline processes (`start-deadlines`,
`watch-deadlines`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated

import typer

from contexts.clock import SYSTEM_CLOCK, Clock
from domain.court_time import COURT_ZONE, court_date
from sotflow.settings import Settings, get_settings

deadline_app = typer.Typer(help="Procedural deadlines: rules and due dates.", no_args_is_help=True)
calendar_app = typer.Typer(help="Kazakhstan's working-day calendar.", no_args_is_help=True)

BuiltinOnly = Annotated[
    bool,
    typer.Option(
        "--builtin-calendar",
        help="Use only the calendar built into this release, without the orders entered in the event store.",
    ),
]


def register(app: typer.Typer) -> None:
    """Adds the deadline commands to the main `sotflow` command."""
    app.add_typer(deadline_app, name="deadline")
    app.add_typer(calendar_app, name="calendar")
    app.command("start-deadlines")(start_deadlines)
    app.command("watch-deadlines")(watch_deadlines)


def _court_calendar(settings: Settings, builtin_only: bool, clock: Clock = SYSTEM_CLOCK):
    """The calendar in effect today: the built-in one plus the orders entered as events."""
    if builtin_only:
        from domain.calendar.amendments import calendar_with, revision_of
        from domain.calendar.editions import edition_on

        edition = edition_on(court_date(clock.now()))
        return calendar_with([], edition), revision_of([], edition)
    from eventsourcing.persistence import PersistenceError

    from sotflow.bootstrap import open_deadlines_context

    try:
        deadlines = open_deadlines_context(settings)
        deadlines.clock = clock
        try:
            return deadlines.calendar_in_effect()
        finally:
            deadlines.close()
    except (PersistenceError, OSError) as exc:
        typer.echo(
            f"error: cannot read the court's calendar from the event store ({exc.__class__.__name__}); "
            "run `sotflow db migrate`, or use --builtin-calendar",
            err=True,
        )
        raise typer.Exit(1) from None


def _parse_start(text: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"not an ISO 8601 date-time: {text!r}") from None
    # A time without an offset is the court's local time.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=COURT_ZONE)


@deadline_app.command("compute")
def deadline_compute(
    rule: Annotated[str, typer.Option(help="The rule's id (see `sotflow deadline rules`).")],
    start: Annotated[str, typer.Option(help="When the term started (ISO 8601; no offset means Almaty time).")],
    as_of: Annotated[
        str | None, typer.Option(help="Choose the rule version in force on this date (default: the start's date).")
    ] = None,
    builtin_calendar: BuiltinOnly = False,
) -> None:
    """Print the due instant of a rule's term and the rule version used."""
    from domain.deadlines.errors import DeadlineError

    settings = get_settings()
    start_time = _parse_start(start)
    on = date.fromisoformat(as_of) if as_of else court_date(start_time)
    try:
        chosen = rule_book_for(settings).in_force(rule, on)
    except DeadlineError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    calendar, revision = _court_calendar(settings, builtin_calendar)
    due = chosen.due(start_time, calendar)
    typer.echo(f"due: {due.astimezone(COURT_ZONE).isoformat()}")
    typer.echo(f"due (UTC): {due.isoformat()}")
    in_force = f"in force from {chosen.effective_from}"
    typer.echo(f"rule: {chosen.rule_id} v{chosen.version} (set {chosen.rule_set}, {in_force})")
    typer.echo(f"clause: {chosen.clause}")
    roll = "rolls over to the next working day" if chosen.rolls_over else "no roll-over"
    typer.echo(f"term: {chosen.term}, {roll}")
    typer.echo(f"calendar: {revision}")


@deadline_app.command("rules")
def deadline_rules() -> None:
    """List every rule (every version) with its clause and term."""
    for rule in rule_book_for(get_settings()):
        until = f" to {rule.retired_from - timedelta(days=1)}" if rule.retired_from else ""
        typer.echo(
            f"{rule.rule_id} v{rule.version}\t{rule.clause}\t{rule.term}\t"
            f"{rule.rule_set} from {rule.effective_from}{until}\t{rule.title}"
        )


@calendar_app.command("working-days")
def calendar_working_days(
    first: Annotated[str, typer.Argument(metavar="FROM", help="First date (YYYY-MM-DD), included.")],
    last: Annotated[str, typer.Argument(metavar="TO", help="Last date (YYYY-MM-DD), included.")],
    builtin_calendar: BuiltinOnly = False,
) -> None:
    """Count the working days between two dates (both included) and list the non-working days."""
    from domain.calendar.working_days import WEEKDAY_NAMES

    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if end < start:
        raise typer.BadParameter("TO is before FROM")
    calendar, revision = _court_calendar(get_settings(), builtin_calendar)
    typer.echo(f"working days: {calendar.working_days_between(start, end)}")
    typer.echo(f"calendar: {revision}")
    for day in calendar.non_working_days(start, end):
        typer.echo(f"{day.day.isoformat()}\t{WEEKDAY_NAMES[day.day.weekday()]}\t{day.reason}")


def rule_book_for(settings: Settings):
    from sotflow.bootstrap import rule_book_for

    return rule_book_for(settings)


def start_deadlines() -> None:
    """Start and meet deadlines from the contexts' events (reads their topics)."""
    from consumers.deadline_starter import run_starter
    from entrypoints.cli.runtime import configured, stop_on_signals
    from sotflow import metrics
    from sotflow.bootstrap import bootstrap
    from sotflow.supervisor import run_until_stopped

    settings = configured()
    stop = stop_on_signals()
    system = bootstrap(settings)
    metrics.serve_process_metrics("deadline-starter", settings.metrics_host, settings.deadline_starter_metrics_port)
    try:
        run_until_stopped("deadline_starter", lambda stop: run_starter(system, stop), stop)
    finally:
        system.close()


def watch_deadlines() -> None:
    """Turn time into events: deadlines approaching and missed, and recomputations after calendar changes."""
    from consumers.deadline_watcher import DeadlineWatcher
    from entrypoints.cli.runtime import configured, serve_consumer_metrics, stop_on_signals
    from projections import deadline_register
    from sotflow.bootstrap import bootstrap

    settings = configured()
    stop = stop_on_signals()
    system = bootstrap(settings)
    # The watcher feeds the deadline register itself: its lag is the watcher's to show.
    serve_consumer_metrics(
        "deadline-watcher", settings, system.pool, [deadline_register], settings.deadline_watcher_metrics_port
    )
    try:
        DeadlineWatcher(system).run(stop)
    finally:
        system.close()

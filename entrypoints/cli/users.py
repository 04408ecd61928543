"""`sotflow users`: staff and service accounts, and the history of every change to them.

Each change records who made it: the operator's login on the machine the command ran on."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from domain.actor import Role

users_app = typer.Typer(help="Staff and service accounts.", no_args_is_help=True)

Name = Annotated[str, typer.Option(help="The account's name.")]
Court = Annotated[str, typer.Option(help="The court whose roster has the judge.")]
JudgeId = Annotated[str, typer.Option(help="The judge's id on that roster.")]


def _operator() -> str:
    try:
        return getpass.getuser()
    except OSError:  # no login name (e.g. a container without a passwd entry)
        return "unknown operator"


@contextmanager
def _system(migrate: bool = False) -> Iterator:
    """The wired system; an account's error (unknown name, refused link) ends the command with 1."""
    from entrypoints.cli.runtime import configured
    from sotflow.bootstrap import bootstrap
    from sotflow.db import migrate as migrate_schema
    from sotflow.identity import DuplicateUserError, JudgeLinkError, UnknownUserError

    settings = configured()
    if migrate:
        migrate_schema(settings)
    system = bootstrap(settings)
    try:
        yield system
    except (UnknownUserError, DuplicateUserError, JudgeLinkError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    finally:
        system.close()


def _described(user) -> str:
    from sotflow.identity import judge_note

    return f"user {user.id} ({user.name}, {user.role}{judge_note(user)})"


@users_app.command("add")
def users_add(
    name: Name,
    role: Annotated[Role, typer.Option(help="The role the account acts in.")],
    court: Annotated[str | None, typer.Option(help="A judge's account: the court whose roster has the judge.")] = None,
    judge_id: Annotated[str | None, typer.Option(help="A judge's account: the judge's id on that roster.")] = None,
) -> None:
    """Create an account and print its bearer token (shown only this once)."""
    with _system(migrate=True) as system:
        user, token = system.users.add(name, role, _rostered_judge(system, court, judge_id), by=_operator())
    typer.echo(_described(user), err=True)
    typer.echo(token)


@users_app.command("link-judge")
def users_link_judge(name: Name, court: Court, judge_id: JudgeId) -> None:
    """Link a judge's account to its judge on a court's roster (the account keeps its token)."""
    with _system() as system:
        user = system.users.link_judge(name, _rostered_judge(system, court, judge_id), by=_operator())
    typer.echo(_described(user))


@users_app.command("rotate-token")
def users_rotate_token(name: Name) -> None:
    """Give the account a new token and print it (shown only this once); the old one stops working."""
    with _system() as system:
        token = system.users.rotate_token(name, by=_operator())
    typer.echo(token)


def _setting_active(active: bool):
    def command(name: Name, reason: Annotated[str, typer.Option(help="Why, for the account's history.")] = "") -> None:
        with _system() as system:
            user = system.users.set_active(name, active, by=_operator(), reason=reason)
        typer.echo(f"{_described(user)} {'activated' if active else 'deactivated'}")

    return command


users_app.command(
    "deactivate", help="Withdraw an account: its token stops working (within 10 s in running API processes)."
)(_setting_active(False))
users_app.command("activate", help="Give a withdrawn account back its access, with the token it had.")(
    _setting_active(True)
)


@users_app.command("list")
def users_list() -> None:
    """List accounts (never their tokens): id, role, judge, active or not, name."""
    with _system() as system:
        for user in system.users.list():
            judge = f"{user.judge_court}/{user.judge_id}" if user.judge_id else "-"
            state = "active" if user.active else "deactivated"
            typer.echo(f"{user.id}\t{user.role}\t{judge}\t{state}\t{user.name}")


@users_app.command("history")
def users_history(
    name: Annotated[str | None, typer.Option(help="One account's; default every account's.")] = None,
) -> None:
    """Every change to the accounts, oldest first: when, account, role, change, detail, by whom."""
    with _system() as system:
        for change in system.users.history(name):
            fields = (change["at"].isoformat(), change["name"], change["role"], change["change"], change["detail"])
            typer.echo("\t".join((*fields, change["changed_by"])))


def _rostered_judge(system, court: str | None, judge_id: str | None) -> tuple[str, str] | None:
    """(court, judge id) of a judge enrolled on the court's roster; None if neither is given."""
    from contexts.assignment import UnknownCourtError
    from sotflow.identity import JudgeLinkError

    if court is None and judge_id is None:
        return None
    if court is None or judge_id is None:
        raise JudgeLinkError("give both --court and --judge-id")
    try:
        enrolled = system.assignment.roster(court).judges
    except UnknownCourtError:
        raise JudgeLinkError(f"no roster for court {court!r}") from None
    if judge_id not in enrolled:
        raise JudgeLinkError(f"no judge {judge_id!r} on the roster of {court}")
    return court, judge_id

"""`sotflow topics`: the deployment's Kafka topics."""

from __future__ import annotations

import typer

from entrypoints.cli.runtime import configured

topics_app = typer.Typer(help="Kafka topics.", no_args_is_help=True)


@topics_app.command("ensure")
def topics_ensure() -> None:
    """Create the missing topics (event, relay position, dead-letter and ledger topics:
    kept forever, with the configured partitions, copies and min.insync.replicas).
    An existing topic that differs is reported, left unchanged, and the exit code is 1."""
    created = ensure_or_exit(configured())
    typer.echo(f"created: {', '.join(created)}" if created else "all topics exist as configured")


def ensure_or_exit(settings) -> list[str]:
    """Create the missing topics; on a topic that differs, print every difference and exit 1."""
    from audit.topics import audit_topic_specs
    from sotflow.topics import TopicMismatch, ensure, event_topic_specs

    try:
        return ensure(settings, event_topic_specs(settings) + audit_topic_specs(settings))
    except TopicMismatch as mismatch:
        if mismatch.created:
            typer.echo(f"created: {', '.join(mismatch.created)}")
        for difference in mismatch.differences:
            typer.echo(f"MISMATCH {difference}", err=True)
        typer.echo(
            f"{len(mismatch.differences)} difference(s) between existing topics and the configuration; "
            "nothing was changed (see docs/operations.md, 'Topics')",
            err=True,
        )
        raise typer.Exit(1) from None

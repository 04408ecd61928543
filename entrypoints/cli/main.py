"""The `sotflow` command: one entry point for operators and auditors."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Annotated

import typer

from entrypoints.cli.audit import audit_app
from entrypoints.cli.deadlines import register as register_deadline_commands
from entrypoints.cli.runtime import configured, serve_consumer_metrics, stop_on_signals
from entrypoints.cli.topics import ensure_or_exit, topics_app
from entrypoints.cli.users import users_app
from sotflow.settings import get_settings

app = typer.Typer(help="sotflow: event-sourced case flow for Kazakhstan's courts.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
services_app = typer.Typer(help="Local PostgreSQL and Kafka (no Docker needed).", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(db_app, name="db")
app.add_typer(topics_app, name="topics")
app.add_typer(services_app, name="services")
log_app = typer.Typer(help="Read the event log (Kafka) in a readable form.", no_args_is_help=True)
app.add_typer(log_app, name="log")
contract_app = typer.Typer(help="The event log's published contract.", no_args_is_help=True)
app.add_typer(contract_app, name="contract")
register_deadline_commands(app)
app.add_typer(audit_app, name="audit")

REPO_ROOT = Path(__file__).resolve().parents[2]


@db_app.command("migrate")
def db_migrate() -> None:
    """Create sotflow's schemas and tables (idempotent)."""
    from sotflow.db import migrate

    migrate(configured())
    typer.echo("database schema is up to date")


@contract_app.command("generate")
def contract_generate() -> None:
    """Regenerate docs/asyncapi.json and docs/events.md from contract/."""
    from contract.documents import generate

    for path in generate():
        typer.echo(f"wrote {path}")


@log_app.command("tail")
def log_tail(
    context: Annotated[str, typer.Option(help="Which context's topic.")] = "registry",
    last: Annotated[int, typer.Option(help="How many of the latest events to show first.")] = 20,
    follow: Annotated[bool, typer.Option("--follow/--no-follow", help="Keep printing new events.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print whole envelopes, one per line.")] = False,
) -> None:
    """Show the latest events of a topic, then new ones as they arrive (Ctrl-C stops)."""
    import json

    from sotflow.eventlog import describe, tail

    settings = get_settings()
    stop = stop_on_signals()

    def emit(envelope: dict) -> None:
        typer.echo(json.dumps(envelope, ensure_ascii=False) if as_json else describe(envelope))

    tail(settings, context, last=last, follow=follow, emit=emit, stop=stop)


@log_app.command("case")
def log_case(
    case_id: Annotated[str, typer.Argument(help="The case (aggregate) id, as in the events' subject.")],
    context: Annotated[
        list[str] | None, typer.Option(help="Only these contexts' topics (repeatable); every context when omitted.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print whole envelopes, one per line.")] = False,
) -> None:
    """Show the whole history of one case across every context's topic, in the order it happened."""
    import json

    from sotflow.eventlog import case_history, describe
    from sotflow.topics import CONTEXTS

    unknown = sorted(set(context or ()) - set(CONTEXTS))
    if unknown:
        typer.echo(f"error: no context {', '.join(unknown)}; known: {', '.join(CONTEXTS)}", err=True)
        raise typer.Exit(2)
    events = case_history(get_settings(), case_id, tuple(context or CONTEXTS))
    if not events:
        typer.echo(f"no events for case {case_id} on the log", err=True)
        raise typer.Exit(1)
    for envelope in events:
        typer.echo(json.dumps(envelope, ensure_ascii=False) if as_json else describe(envelope))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int, typer.Option(help="API processes sharing the port.", min=1)] = 1,
    reuse_port: Annotated[bool, typer.Option(hidden=True, help="One of `--workers N`'s processes.")] = False,
) -> None:
    """Run the HTTP API (its metrics at /metrics, added up over its processes)."""
    import os

    settings = configured()
    host, port = host or settings.api_host, port or settings.api_port
    if not reuse_port:  # the first process of this run: what every API process of it shares
        # Before uvicorn imports the app, and with it prometheus-client (which reads the variable once).
        from sotflow.metrics import use_multiprocess_dir

        # One directory per port: two APIs on one host (a test's beside `make run`) never empty each other's.
        use_multiprocess_dir(Path(settings.api_metrics_dir) / str(port))
        if not settings.console_session_key:
            from cryptography.fernet import Fernet

            # A console session sealed by one process must open in the others: one key for this run's.
            os.environ["SOTFLOW_CONSOLE_SESSION_KEY"] = Fernet.generate_key().decode()
    if workers > 1:
        _serve_processes(host, port, workers)
        return
    import uvicorn

    config = uvicorn.Config(
        "api.main:app", host=host, port=port, http="api.http_protocol:NoDelayHTTPProtocol", log_config=None
    )
    server = uvicorn.Server(config)
    server.run(sockets=[_listening_socket(host, port)] if reuse_port else None)
    if not server.started:
        raise typer.Exit(3)  # uvicorn's startup failure (the port taken, the app refusing to start)


def _listening_socket(host: str, port: int):
    """A socket of this process's own on the shared port (SO_REUSEPORT): the kernel spreads new
    connections over the processes' sockets. With one socket shared by every process, the
    process that woke first accepted every waiting keep-alive connection, and kept them."""
    import socket

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _serve_processes(host: str, port: int, workers: int) -> None:
    """`--workers N`: N API processes, each listening on its own socket, each started again
    (after a back-off) if it exits; Ctrl-C or SIGTERM stops them all."""
    from sotflow.supervisor import Supervisor

    try:
        _listening_socket(host, port).close()
    except OSError as exc:  # a port another program holds stops the start, saying so
        typer.echo(f"error: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None
    argv = [sys.executable, "-m", "entrypoints.cli", "serve", "--host", host, "--port", str(port), "--reuse-port"]
    supervisor = Supervisor(
        {f"api-{n + 1}": argv for n in range(workers)}, say=lambda message: typer.echo(message, err=True)
    )
    supervisor.run(stop_on_signals())


@app.command()
def relay() -> None:
    """Publish every context's stored events to Kafka (one active relay per context)."""
    from relay.relay import run_relays
    from sotflow import metrics
    from sotflow.bootstrap import bootstrap

    settings = configured()
    stop = stop_on_signals()
    system = bootstrap(settings)
    positions = metrics.RelayPositions(lambda context: system.contexts[context].recorder.max_notification_id() or 0)
    metrics.serve_process_metrics("relay", settings.metrics_host, settings.relay_metrics_port, [positions.collector()])
    try:
        run_relays(system.contexts, settings, stop, positions)
    finally:
        system.close()


@app.command()
def consume(
    projection: Annotated[str | None, typer.Option(help="One projection by name; all of them when omitted.")] = None,
    metrics_port: Annotated[
        int | None,
        typer.Option(help="Port of this process's metrics (0: none); default: the consumer_metrics_port setting."),
    ] = None,
) -> None:
    """Feed projections from the Kafka topics."""
    from consumers.projection_worker import ProjectionWorker
    from projections.registry import ALL_PROJECTIONS, by_name
    from sotflow.postgres import create_pool
    from sotflow.supervisor import run_until_stopped

    settings = configured()
    stop = stop_on_signals()
    pool = create_pool(settings)
    chosen = [by_name(projection)] if projection else list(ALL_PROJECTIONS)
    port = settings.consumer_metrics_port if metrics_port is None else metrics_port
    serve_consumer_metrics("consumer", settings, pool, chosen, port)
    share = settings.consumer_share_partitions  # several processes, one consumer group per projection
    # Each worker is started again after a back-off when it fails (PostgreSQL restarting,
    # say); a record that cannot be applied is parked by the worker, never retried.
    threads = [
        threading.Thread(
            target=run_until_stopped, name=p.NAME,
            args=(p.NAME, ProjectionWorker(p, settings, pool, share_partitions=share).run, stop),
            daemon=True,
        )
        for p in chosen
    ]  # fmt: skip
    for t in threads:
        t.start()
    try:
        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
    finally:
        pool.close()


@app.command()
def rebuild(
    projection: Annotated[str | None, typer.Argument(help="The projection's name; see --all.")] = None,
    all_projections: Annotated[bool, typer.Option("--all", help="Rebuild every projection.")] = False,
    jobs: Annotated[
        int,
        typer.Option(
            help="Processes to share the projections among. Each reads and decodes every topic its "
            "projections follow, so more than one pays only with spare cores (docs/operations.md).",
            min=1,
        ),
    ] = 1,
) -> None:
    """Rebuild projections from offset 0 of the log (stop their `sotflow consume` workers first)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from consumers.rebuild import messages_to_apply, rebuild_in_processes, share_out, topics_of
    from projections.registry import ALL_PROJECTIONS, by_name
    from sotflow.db import migrate

    if all_projections == (projection is not None):
        typer.echo("error: name one projection, or pass --all", err=True)
        raise typer.Exit(2)
    settings = configured()
    migrate(settings)
    try:
        chosen = list(ALL_PROJECTIONS) if all_projections else [by_name(projection)]
    except KeyError as exc:
        typer.echo(f"error: {exc.args[0]}", err=True)
        raise typer.Exit(2) from None
    groups = share_out(chosen, settings, jobs)
    total = sum(messages_to_apply(settings, topics_of(group, settings)) for group in groups)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=False) as bar:
        task = bar.add_task("messages read", total=total)
        applied = rebuild_in_processes(groups, settings, progress=lambda n: bar.update(task, completed=n))
        bar.update(task, completed=total)
    for name, count in applied.items():
        typer.echo(f"{name}: {count} events applied")


@app.command()
def distribute() -> None:
    """Distribute every registered case to judges automatically (reads the registry's topic), and
    release the loads of disposed cases (reads the proceedings topic)."""
    from consumers.distributor import Distributor
    from consumers.load_releaser import LoadReleaser
    from consumers.waiting_cases import waiting_by_court
    from sotflow import metrics
    from sotflow.bootstrap import bootstrap
    from sotflow.supervisor import run_until_stopped

    settings = configured()
    stop = stop_on_signals()
    system = bootstrap(settings)

    def waiting() -> dict:
        rows = waiting_by_court(system.pool, settings.db_schema)
        return {
            metrics.DISTRIBUTION_WAITING: [((court,), count) for court, count, _ in rows],
            metrics.DISTRIBUTION_OLDEST: [((court,), oldest) for court, _, oldest in rows],
        }

    metrics.serve_process_metrics(
        "distributor",
        settings.metrics_host,
        settings.distributor_metrics_port,
        [metrics.ScrapedGauges(metrics.DISTRIBUTION_FAMILIES, waiting)],
    )
    threads = [
        threading.Thread(
            target=run_until_stopped, args=(worker.group, worker.run, stop), name=worker.group, daemon=True
        )
        for worker in (Distributor(system), LoadReleaser(system))
    ]
    for t in threads:
        t.start()
    try:
        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
    finally:
        stop.set()
        system.close()


@app.command()
def demo() -> None:
    """Load demo data and print the demo users' tokens."""
    from sotflow.bootstrap import bootstrap
    from sotflow.db import migrate
    from sotflow.demo import demo_tokens_path, load_demo

    settings = configured()
    migrate(settings)
    system = bootstrap(settings)
    try:
        for name, token in load_demo(system).items():
            typer.echo(f"{name}: {token}")
        typer.echo(f"(kept in {demo_tokens_path(settings)}; the same tokens are used on the next run)")
    finally:
        system.close()


def _services(action: str) -> None:
    for script in ("postgres.sh", "kafka.sh") if action == "start" else ("kafka.sh", "postgres.sh"):
        subprocess.run(["bash", str(REPO_ROOT / "ops" / script), action], check=True)


@services_app.command("up")
def services_up() -> None:
    """Start local PostgreSQL and Kafka (installs and downloads on first use)."""
    _services("start")


@services_app.command("down")
def services_down() -> None:
    """Stop local PostgreSQL and Kafka."""
    _services("stop")


@app.command()
def run() -> None:
    """Migrate, create topics, load demo data, then run the API, relay, consumers and distributor until Ctrl-C
    (one that exits is started again after a back-off; the others keep running)."""
    from entrypoints.cli.audit import write_signing_key
    from sotflow.bootstrap import bootstrap
    from sotflow.db import migrate
    from sotflow.demo import demo_tokens_path, load_demo
    from sotflow.supervisor import Supervisor

    settings = configured()
    migrate(settings)
    ensure_or_exit(settings)  # a topic that would lose events or their order stops the start
    # A demo deployment signs its ledger with a key of its own, made on the first run.
    key = Path(settings.audit_signing_keys.split(",")[0].strip())
    if not key.exists():
        write_signing_key(key, settings.audit_origin)
        typer.echo(f"made the ledger's signing key {key} (public key for auditors: {key.with_suffix('.pub')})")
    system = bootstrap(settings)
    try:
        tokens = load_demo(system)
    finally:
        system.close()
    exe = [sys.executable, "-m", "entrypoints.cli"]
    supervisor = Supervisor(
        {
            "api": [*exe, "serve"],
            "relay": [*exe, "relay"],
            "consumers": [*exe, "consume"],
            "distributor": [*exe, "distribute"],
            "deadline-starter": [*exe, "start-deadlines"],
            "deadline-watcher": [*exe, "watch-deadlines"],
            "audit-ledger": [*exe, "audit", "ledger"],
        },
        say=lambda message: typer.echo(message, err=True),
    )
    base = f"http://{settings.api_host}:{settings.api_port}"
    typer.echo("")
    typer.echo(f"sotflow is running. API docs: {base}/docs")
    for name, token in tokens.items():
        typer.echo(f"  {name} token: {token}")
    typer.echo(f"  (the demo tokens are kept in {demo_tokens_path(settings)} and stay the same across runs)")
    typer.echo(f"  try: curl -H 'Authorization: Bearer <token>' {base}/registers/incoming")
    typer.echo(f"The staff console: {base}/console/ (sign in with one of the demo accounts' tokens above:")
    typer.echo("  " + ", ".join(tokens) + "; each role lands on its own page)")
    typer.echo(
        "A process that exits is started again (1 s, doubling to 60 s while it keeps failing). Ctrl-C stops the "
        "API, relay, consumers, distributor, deadline processes and ledger (services keep running; `make down` "
        "stops them)."
    )
    supervisor.run(stop_on_signals())


if __name__ == "__main__":
    app()

"""`sotflow audit ...`: the ledger, and the auditor's tools (docs/audit.md)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from entrypoints.cli.runtime import configured
from sotflow.settings import get_settings

audit_app = typer.Typer(help="Tamper-evident ledger, offline verifier, receipts, replay.", no_args_is_help=True)


def _print_json(value) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


@audit_app.command("keygen")
def keygen(
    out: Annotated[Path, typer.Option(help="Where to write the private key; the public key goes beside it as .pub.")],
    name: Annotated[str | None, typer.Option(help="The key's name (default: the ledger's origin prefix).")] = None,
) -> None:
    """Create an Ed25519 signing key for checkpoints; prints the public (verifier) key for auditors."""

    if out.exists():
        typer.echo(f"error: {out} exists; a signing key is never overwritten", err=True)
        raise typer.Exit(1)
    signer = write_signing_key(out, name or get_settings().audit_origin)
    typer.echo(f"private key: {out} (keep it secret); public key: {out.with_suffix('.pub')}", err=True)
    typer.echo(signer.verifier.encode())


def write_signing_key(out: Path, name: str):
    """A new Ed25519 key, readable by its owner only; its public key beside it as .pub."""
    from audit.note import Signer

    signer = Signer.generate(name)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(signer.encode() + "\n")
    out.with_suffix(".pub").write_text(signer.verifier.encode() + "\n")
    return signer


@audit_app.command("ledger")
def ledger() -> None:
    """Append every published event to its context's Merkle tree and publish signed checkpoints."""
    import signal
    import threading

    from audit.ledger import Ledger, SigningKeyMissingError, load_signers
    from sotflow.db import migrate
    from sotflow.postgres import create_pool
    from sotflow.supervisor import run_until_stopped

    settings = configured()
    try:
        signers = load_signers(settings)
    except SigningKeyMissingError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    migrate(settings)
    pool = create_pool(settings, max_size=4)
    serve_ledger_metrics(settings, pool)
    try:
        # A new Ledger each start: one that failed part way holds events it read but did not append.
        run_until_stopped("audit-ledger", lambda stop: Ledger(settings, pool, signers).run(stop), stop)
    finally:
        pool.close()


def serve_ledger_metrics(settings, pool) -> None:
    """The ledger's unsigned tail and the age of its latest checkpoint, per context, on its port."""
    from audit.store import checkpoint_lag
    from sotflow import metrics

    def read() -> dict:
        with pool.connection() as conn:
            rows = checkpoint_lag(conn, settings.db_schema)
        return {
            metrics.AUDIT_UNSIGNED: [((context,), unsigned) for context, unsigned, _ in rows],
            metrics.AUDIT_CHECKPOINT_AGE: [((context,), age) for context, _, age in rows if age is not None],
            metrics.AUDIT_CHECKPOINT_INTERVAL: [((), settings.audit_checkpoint_every_seconds)],
        }

    metrics.serve_process_metrics(
        "audit-ledger",
        settings.metrics_host,
        settings.audit_ledger_metrics_port,
        [metrics.ScrapedGauges(metrics.AUDIT_FAMILIES, read)],
    )


def _progress(label: str):
    """A progress bar on stderr (rich comes with typer), so stdout stays the JSON report."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(stderr=True)
    )


@audit_app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Argument(help="Directory to write the export into.")],
) -> None:
    """Copy every context's events, the ledger's leaf hashes and its signed checkpoints from Kafka to files."""
    from audit.export import export

    settings = configured()
    with _progress("exporting events") as bar:
        task = bar.add_task("export", total=None)
        manifest = export(settings, out, progress=lambda n: bar.advance(task, n))
    _print_json(manifest)


@audit_app.command("verify")
def verify_cmd(
    key: Annotated[list[str], typer.Option(help="A verifier (public) key, or a file of them; repeatable.")],
    export_dir: Annotated[
        Path | None, typer.Option("--export", help="Verify this export offline (else: the Kafka topics).")
    ] = None,
    kept: Annotated[
        list[Path] | None,
        typer.Option(help="Checkpoints kept from earlier: a file of notes or an earlier export; repeatable."),
    ] = None,
    report: Annotated[Path | None, typer.Option(help="Also write the JSON report to this file.")] = None,
    accept_unsigned_tail: Annotated[
        int | None,
        typer.Option(min=0, help="Accept up to N events per context after its latest signed checkpoint (default 0)."),
    ] = None,
    accept_unsigned_minutes: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Accept events after the latest signed checkpoint if the ledger signed its latest checkpoint set "
            "at most T minutes ago (a live log); with --accept-unsigned-tail, both must hold.",
        ),
    ] = None,
) -> None:
    """Check signatures, strict JSON, canonical bytes, positions, ids, stream versions, actor/time/reason,
    roots against checkpoints and earlier checkpoints as prefixes, every context present and signed as far as the
    ledger's signed checkpoint set says, no unsigned event. Exit 1 and name the first bad position on failure."""
    from audit.verify_run import TailPolicy, export_event_count, load_verifiers, verify_export, verify_topics

    verifiers = load_verifiers(key)
    tail = TailPolicy(accept_unsigned_tail, accept_unsigned_minutes)
    total = export_event_count(export_dir) if export_dir else None
    with _progress("verifying events") as bar:
        task = bar.add_task("verify", total=total)
        advance = lambda n: bar.advance(task, n)  # noqa: E731
        if export_dir:
            result = verify_export(export_dir, verifiers, kept or [], advance, tail)
        else:
            result = verify_topics(configured(), verifiers, kept or [], advance, tail)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if report:
        report.write_text(text + "\n")
    typer.echo(text)
    if not result["ok"]:
        first = result["first_bad"] or {}
        where = f" in {first['context']}" if first.get("context") else ""
        if first.get("position"):
            where = f" at {first.get('context')} position {first['position']}"
        typer.echo(f"VERIFICATION FAILED{where}: {first.get('check', '')} {first.get('detail', '')}", err=True)
        raise typer.Exit(1)


@audit_app.command("receipt")
def receipt_cmd(
    event_id: Annotated[str, typer.Argument(help="The event's id (CloudEvents id).")],
    context: Annotated[str, typer.Option(help="The event's context.")] = "registry",
) -> None:
    """Print the inclusion receipt of one event (JSON): its leaf, proof and the signed checkpoint."""
    from audit.receipts import NotYetCheckpointedError, UnknownEventError, inclusion_receipt
    from sotflow.postgres import create_pool

    settings = configured()
    with create_pool(settings, max_size=1) as pool, pool.connection() as conn:
        try:
            _print_json(inclusion_receipt(conn, settings.db_schema, context, event_id))
        except (UnknownEventError, NotYetCheckpointedError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None


@audit_app.command("consistency")
def consistency_cmd(
    first: Annotated[int, typer.Option(help="Tree size of the earlier checkpoint.")],
    second: Annotated[int, typer.Option(help="Tree size of the later checkpoint.")],
    context: Annotated[str, typer.Option(help="Which context's log.")] = "registry",
) -> None:
    """Print the consistency proof between two published checkpoints (JSON)."""
    from audit.receipts import NoSuchCheckpointError, consistency
    from sotflow.postgres import create_pool

    settings = configured()
    with create_pool(settings, max_size=1) as pool, pool.connection() as conn:
        try:
            _print_json(consistency(conn, settings.db_schema, context, first, second))
        except (NoSuchCheckpointError, ValueError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None


@audit_app.command("check-proof")
def check_proof_cmd(
    proof: Annotated[Path, typer.Argument(help="A receipt or consistency proof (JSON) from the API or the CLI.")],
    key: Annotated[list[str], typer.Option(help="A verifier (public) key, or a file of them; repeatable.")],
    event: Annotated[Path | None, typer.Option(help="For a receipt: the event's message, to check its leaf.")] = None,
) -> None:
    """Check a receipt or consistency proof offline, with the public key only. Exit 1 if it does not hold."""
    from audit.receipts import check_consistency, check_receipt
    from audit.verify_run import load_verifiers

    document = json.loads(proof.read_text())
    verifiers = load_verifiers(key)
    if "inclusion_proof" in document:
        problems = check_receipt(document, verifiers, event.read_bytes().strip() if event else None)
    else:
        problems = check_consistency(document, verifiers)
    _print_json({"ok": not problems, "problems": problems})
    if problems:
        raise typer.Exit(1)


@audit_app.command("distribution")
def distribution_cmd(case_id: Annotated[str, typer.Argument(help="The case id (the events' subject).")]) -> None:
    """Re-run every recorded draw of a case (distribution, reassignments): confirm the panel or show the difference."""
    from sotflow.draw_audit import audit_distribution

    report = audit_distribution(configured(), case_id)
    _print_json(report)
    if not report["draws"]:
        typer.echo(f"no distribution of case {case_id} on the log", err=True)
        raise typer.Exit(1)
    if not report["ok"]:
        typer.echo("THE RECORDED PANEL IS NOT WHAT THE RECORDED DRAW GIVES", err=True)
        raise typer.Exit(1)


@audit_app.command("replay")
def replay_cmd(
    as_of: Annotated[
        str, typer.Option("--as-of", help="head, a position (N or CONTEXT:N,...) or an ISO 8601 instant with its zone.")
    ] = "head",
    keep: Annotated[bool, typer.Option(help="Keep the scratch schema for inspection.")] = False,
) -> None:
    """Rebuild every projection as of a moment into a scratch schema and print a digest per projection."""
    from audit.replay import AsOfError, parse_as_of, replay

    settings = configured()
    try:
        moment = parse_as_of(as_of)
    except AsOfError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    with _progress("reading the log") as bar:
        task = bar.add_task("replay", total=None)
        report = replay(settings, moment, keep=keep, progress=lambda n: bar.advance(task, n))
    _print_json(report)
    if moment.head and not all(p.get("matches_live") for p in report["projections"].values()):
        typer.echo("a replayed projection differs from the live one (is a worker still catching up?)", err=True)
        raise typer.Exit(1)


if __name__ == "__main__":
    audit_app(sys.argv[1:])

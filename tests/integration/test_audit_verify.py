"""The offline verifier on a real export: the untouched copy passes; each kind of
tampering, made on a copy, fails and names the first bad position."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from audit.canonical import parse_event
from audit.checkpoint import Checkpoint, open_checkpoint
from audit.export import export, read_lines, read_notes
from audit.ledger import leaves_record, load_signers
from audit.merkle import CompactTree, leaf_hash
from audit.note import Verifier
from audit.verify_run import TailPolicy, verify_export, verify_topics
from consumers.distributor import Distributor
from domain.actor import Actor, Role
from sotflow.demo import load_demo_roster
from tests.integration.audit_support import relay_everything, run_ledger_to_the_end
from tests.support import REPO_ROOT, read_pages, register_complaints, settings_env

HEAD = Actor("u-test-head", Role.HEAD)


@pytest.fixture(scope="module")
def deployment(base_settings, tmp_path_factory):
    """One real log for the module: 6 complaints distributed (one seat reassigned),
    relayed, ledgered (a checkpoint every 4 events and after every round), exported."""
    from kafka import KafkaAdminClient

    from audit.note import Signer
    from audit.topics import ensure_audit_topics
    from sotflow.bootstrap import bootstrap
    from sotflow.db import drop_schemas, migrate
    from sotflow.topics import ensure_topics

    tag = uuid.uuid4().hex[:10]
    folder = tmp_path_factory.mktemp("audit")
    signer = Signer.generate("sotflow.test/ledger")
    (folder / "ledger.key").write_text(signer.encode())
    (folder / "ledger.pub").write_text(signer.verifier.encode())
    settings = base_settings.model_copy(
        update={
            "db_schema": f"t_{tag}",
            "projection_schema": f"t_{tag}_read",
            "topic_prefix": f"t{tag}.",
            "audit_signing_keys": str(folder / "ledger.key"),
            "audit_origin": "sotflow.test/ledger",
            "audit_checkpoint_every_events": 4,
            "audit_checkpoint_every_seconds": 0.001,
        }
    )
    migrate(settings)
    topics = ensure_topics(settings) + ensure_audit_topics(settings)
    system = bootstrap(settings)
    try:
        load_demo_roster(system, HEAD, system.settings.default_court)
        case_ids = register_complaints(system.registry, 6)
        relay_everything(system)
        Distributor(system).run(threading.Event(), catch_up=True)
        system.assignment.reassign(
            settings.default_court,
            case_id=str(case_ids[0]),
            seat=1,
            reason="the judge was appointed to another collegium",
            actor=HEAD,
            now=datetime.now(UTC),
        )
        relay_everything(system)
        run_ledger_to_the_end(system)
        export(settings, folder / "export")
        yield {"settings": settings, "system": system, "folder": folder, "case_ids": case_ids}
    finally:
        system.close()
        drop_schemas(settings)
        admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
        try:
            admin.delete_topics(topics, timeout_ms=30_000)
        except Exception:  # noqa: BLE001 - leftover test topics are harmless
            pass
        finally:
            admin.close()


@pytest.fixture
def keys(deployment) -> list[Verifier]:
    return [Verifier.parse((deployment["folder"] / "ledger.pub").read_text())]


@pytest.fixture
def copy(deployment, tmp_path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(deployment["folder"] / "export", target)
    return target


def lines(export_dir: Path, context: str = "registry") -> list[bytes]:
    return list(read_lines(export_dir / context / "events.jsonl"))


def write_lines(export_dir: Path, values: list[bytes], context: str = "registry") -> None:
    (export_dir / context / "events.jsonl").write_bytes(b"".join(v + b"\n" for v in values))


def first_bad(report: dict) -> dict:
    assert not report["ok"]
    return report["first_bad"]


def edited(value: bytes, **changes) -> bytes:
    envelope = orjson.loads(value)
    envelope["data"]["filer"] = dict(envelope["data"]["filer"], **changes)
    return orjson.dumps(envelope)


# Registry log, one line per message: complaint n (of 6) is registered at position
# 3n-1 (n=1: 1), published as two messages (complaint-registered, item-registered);
# the journal opens at 2; then each registration's number and its filing-index entry
# follow at the next two positions. 25 lines, 19 positions; checkpoints every 4 lines.
ALTERED_LINE, ALTERED = 5, 5  # the second complaint's complaint-registered message
NUMBER_LINE, NUMBER = 7, 6  # the second complaint's number (one message)
LINES = 25


def test_the_untouched_export_passes(copy, keys, deployment):
    report = verify_export(copy, keys)
    assert report["ok"], json.dumps(report, indent=1)
    registry, assignment = report["contexts"]["registry"], report["contexts"]["assignment"]
    assert registry["events"] == LINES and registry["latest_checkpoint"]["size"] == LINES
    # The roster (opened, 9 judges, settings), 6 distributions, 1 reassignment, and any alerts.
    assert assignment["events"] == len(lines(copy, "assignment")) >= 11 + 6 + 1
    assert assignment["events_after_latest_checkpoint"] == 0
    assert registry["events_of_types_without_known_stream"] == 0
    # The same checks straight on the topics give the same verdict.
    assert verify_topics(deployment["settings"], keys)["ok"]


def test_an_altered_event(copy, keys):
    values = lines(copy)
    values[ALTERED_LINE] = edited(values[ALTERED_LINE], name="Someone Else")
    write_lines(copy, values)
    bad = first_bad(verify_export(copy, keys))
    assert (bad["context"], bad["position"], bad["check"]) == ("registry", ALTERED, "leaf")


def test_an_inserted_event(copy, keys):
    values = lines(copy)
    forged = orjson.loads(edited(values[ALTERED_LINE], name="Forged Filer"))
    forged["id"] = str(uuid.uuid4())
    write_lines(copy, values[:ALTERED_LINE] + [orjson.dumps(forged)] + values[ALTERED_LINE:])
    bad = first_bad(verify_export(copy, keys))
    assert (bad["position"], bad["check"]) == (ALTERED, "leaf")


def test_a_deleted_event(copy, keys):
    values = lines(copy)
    write_lines(copy, values[:NUMBER_LINE] + values[NUMBER_LINE + 1 :])
    bad = first_bad(verify_export(copy, keys))
    assert (bad["position"], bad["check"]) == (NUMBER, "position")


def test_two_swapped_events(copy, keys):
    values = lines(copy)
    values[NUMBER_LINE], values[NUMBER_LINE + 1] = values[NUMBER_LINE + 1], values[NUMBER_LINE]
    write_lines(copy, values)
    bad = first_bad(verify_export(copy, keys))
    assert (bad["position"], bad["check"]) == (NUMBER, "position")


def test_a_truncated_log(copy, keys):
    write_lines(copy, lines(copy)[:9])  # up to position 7: the third complaint (8) and after are gone
    bad = first_bad(verify_export(copy, keys))
    assert (bad["position"], bad["check"]) == (8, "truncated")


def resign(export_dir: Path, signer_key: Path, context: str = "registry") -> None:
    """What an operator holding the key could do after rewriting events: recompute the
    leaves and sign new checkpoints of the same sizes."""
    from audit.note import Signer

    signer = Signer.parse(signer_key.read_text())
    tree, leaves, notes = CompactTree(), [], []
    sizes = sorted(
        open_checkpoint(n, [signer.verifier])[0].size for n in read_notes(export_dir / context / "checkpoints.jsonl")
    )
    for value in lines(export_dir, context):
        leaf = leaf_hash(parse_event(value)[1])
        tree.append(leaf)
        leaves.append(leaf)
        if tree.size in sizes:
            notes.append(Checkpoint(f"sotflow.test/ledger/{context}", tree.size, tree.root()).sign(signer))
    (export_dir / context / "leaves.jsonl").write_bytes(leaves_record(context, 0, leaves) + b"\n")
    (export_dir / context / "checkpoints.jsonl").write_text("".join(json.dumps(n) + "\n" for n in notes))


def test_history_rewritten_between_two_checkpoints(copy, keys, deployment):
    values = lines(copy)
    values[ALTERED_LINE] = edited(values[ALTERED_LINE], name="Rewritten")
    write_lines(copy, values)
    resign(copy, deployment["folder"] / "ledger.key")
    assert verify_export(copy, keys)["ok"]  # consistent in itself: only what the auditor kept shows it

    earlier = deployment["folder"] / "export"
    bad = first_bad(verify_export(copy, keys, kept=[earlier]))
    assert (bad["position"], bad["check"]) == (ALTERED, "history-rewritten")

    # With only the checkpoint notes kept, the verifier names the range after the last root that still matches.
    notes_file = copy.parent / "kept.notes"
    notes_file.write_text("\n".join(read_notes(earlier / "registry" / "checkpoints.jsonl")))
    bad = first_bad(verify_export(copy, keys, kept=[notes_file]))
    # Lines 5-8 (after the last kept root that matches, at 4 lines) hold positions 4..6.
    assert bad["check"] == "earlier-checkpoint" and bad["position"] == 4 and bad["range"] == [4, 6]
    assert bad["range"][0] <= ALTERED <= bad["range"][1]


def test_duplicate_keys_are_refused(copy, keys):
    values = lines(copy)
    values[2] = values[2][:-1] + b',"actorid":"someone-else"}'  # the journal's opening, position 2
    write_lines(copy, values)
    bad = first_bad(verify_export(copy, keys))
    assert (bad["position"], bad["check"]) == (2, "strict-json")


def test_a_checkpoint_signed_by_another_key_is_refused(copy, keys):
    from audit.note import Signer

    path = copy / "registry" / "checkpoints.jsonl"
    notes = read_notes(path)
    forged = Checkpoint("sotflow.test/ledger/registry", 13, base64.b64decode("A" * 43 + "=")).sign(
        Signer.generate("sotflow.test/ledger")
    )
    path.write_text("".join(json.dumps(n) + "\n" for n in [*notes, forged]))
    report = verify_export(copy, keys)
    assert not report["ok"]
    assert any("no signature by a known key" in f["detail"] for f in report["contexts"]["registry"]["failures"])


def test_the_cli_reports_json_and_exits_non_zero_on_failure(copy, deployment):
    settings = deployment["settings"]
    command = [sys.executable, "-m", "entrypoints.cli", "audit", "verify", "--export", str(copy)]
    command += ["--key", str(deployment["folder"] / "ledger.pub")]
    good = subprocess.run(command, env=settings_env(settings), cwd=REPO_ROOT, capture_output=True, timeout=120)
    assert good.returncode == 0, good.stderr.decode()
    assert json.loads(good.stdout)["ok"] is True
    write_lines(copy, lines(copy)[:9])
    bad = subprocess.run(command, env=settings_env(settings), cwd=REPO_ROOT, capture_output=True, timeout=120)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["first_bad"]["position"] == 8
    assert "VERIFICATION FAILED at registry position 8" in bad.stderr.decode()


def position_at(export_dir: Path, line: int, context: str = "registry") -> int:
    return orjson.loads(lines(export_dir, context)[line])["logposition"]


def failures_of(report: dict, context: str = "registry") -> dict[str, dict]:
    return {f["check"]: f for f in report["contexts"][context]["failures"]}


def test_the_ledger_signs_a_checkpoint_set_naming_every_context(copy, keys):
    from audit.checkpoint_set import open_checkpoint_set
    from audit.export import CHECKPOINT_SETS
    from sotflow.topics import CONTEXTS

    sets = [open_checkpoint_set(n, keys) for n in read_notes(copy / CHECKPOINT_SETS)]
    latest = max(sets, key=lambda s: s.signed_at)
    assert latest.origin == "sotflow.test/ledger/checkpoint-set"
    signed = {
        c: max((open_checkpoint(n, keys)[0].size for n in read_notes(copy / c / "checkpoints.jsonl")), default=0)
        for c in CONTEXTS
    }
    assert latest.sizes == signed and signed["registry"] == LINES
    report = verify_export(copy, keys)["checkpoint_set"]
    assert report["ok"] and report["sizes"] == signed and report["notes"] == len(sets)


def test_a_context_stripped_of_its_checkpoints_and_leaves_fails(copy, keys):
    """Issue 22, 1: a context with events but no checkpoint passed, with 0 events reported unsigned."""
    (copy / "registry" / "checkpoints.jsonl").write_text("")
    (copy / "registry" / "leaves.jsonl").write_text("")
    values = lines(copy)
    values[ALTERED_LINE] = edited(values[ALTERED_LINE], name="Someone Else")
    write_lines(copy, values)
    report = verify_export(copy, keys)
    registry = report["contexts"]["registry"]
    assert not report["ok"] and not registry["ok"]
    assert registry["events_after_latest_checkpoint"] == LINES
    assert registry["unverified_events"] == {"count": LINES, "positions": [1, 19], "accepted": False}
    failures = failures_of(report)
    assert failures["unsigned"]["range"] == [1, 19]
    assert "names a checkpoint of 25 events" in failures["checkpoint-set"]["detail"]
    assert (report["first_bad"]["context"], report["first_bad"]["check"]) == ("registry", "unsigned")
    # Accepting an unsigned tail of any length still leaves the signed checkpoint set unmet.
    accepting = verify_export(copy, keys, tail=TailPolicy(events=LINES))
    assert not accepting["ok"] and "unsigned" not in failures_of(accepting)
    assert accepting["first_bad"]["check"] == "checkpoint-set"


def test_a_context_left_out_of_the_manifest_is_verified_all_the_same(copy, keys):
    """Issue 22, 2: the contexts were taken from the unsigned manifest.json."""
    manifest = json.loads((copy / "manifest.json").read_text())
    del manifest["contexts"]["registry"]
    (copy / "manifest.json").write_text(json.dumps(manifest))
    values = lines(copy)
    values[ALTERED_LINE] = edited(values[ALTERED_LINE], name="Someone Else")
    write_lines(copy, values)
    report = verify_export(copy, keys)
    assert "registry" in report["contexts"]
    bad = first_bad(report)
    assert (bad["context"], bad["position"], bad["check"]) == ("registry", ALTERED, "leaf")


def test_a_context_missing_from_the_export_fails_naming_it(copy, keys):
    shutil.rmtree(copy / "registry")
    manifest = json.loads((copy / "manifest.json").read_text())
    del manifest["contexts"]["registry"]
    (copy / "manifest.json").write_text(json.dumps(manifest))
    report = verify_export(copy, keys)
    assert not report["ok"]
    failures = failures_of(report)
    assert failures["missing-context"]["detail"] == "the export has no folder for context registry"
    assert "names a checkpoint of 25 events" in failures["checkpoint-set"]["detail"]
    assert report["first_bad"]["context"] == "registry"
    assert all(r["ok"] for c, r in report["contexts"].items() if c != "registry")


def test_an_altered_tail_fails_once_the_latest_checkpoint_is_removed(copy, keys):
    """Issue 22, 3: with the last checkpoint gone, an event after the one before it was
    covered by nothing signed; the export's own leaf hash for it still differs."""
    path = copy / "registry" / "checkpoints.jsonl"
    notes = read_notes(path)
    assert open_checkpoint(notes[-1], keys)[0].size == LINES
    assert open_checkpoint(notes[-2], keys)[0].size == LINES - 1
    path.write_text("".join(json.dumps(n) + "\n" for n in notes[:-1]))
    last = position_at(copy, LINES - 1)

    report = verify_export(copy, keys)  # untouched events: the tail is unsigned, the signed set unmet
    assert report["contexts"]["registry"]["unverified_events"] == {
        "count": 1,
        "positions": [last, last],
        "accepted": False,
    }
    assert {"unsigned", "checkpoint-set"} <= set(failures_of(report))
    assert "leaf" not in failures_of(report)

    values = lines(copy)
    values[-1] = orjson.dumps(dict(orjson.loads(values[-1]), actorid="u-someone-else"))
    write_lines(copy, values)
    for tail in (TailPolicy(), TailPolicy(events=1)):
        bad = first_bad(verify_export(copy, keys, tail=tail))
        assert (bad["context"], bad["position"], bad["check"]) == ("registry", last, "leaf")
        assert "published" in bad["detail"]


def test_the_first_failure_named_is_the_context_whose_history_changed(copy, keys, deployment):
    """Issue 22, 4: the top-level failure named the first failing context alphabetically
    (here assignment, whose checkpoints hold a forgery: no position), not registry's
    altered event; the message and the JSON now name the same context and position."""
    from audit.note import Signer

    path = copy / "assignment" / "checkpoints.jsonl"
    forged = Checkpoint("sotflow.test/ledger/assignment", 2, base64.b64decode("A" * 43 + "=")).sign(
        Signer.generate("sotflow.test/ledger")
    )
    path.write_text(path.read_text() + json.dumps(forged) + "\n")
    values = lines(copy)
    values[ALTERED_LINE] = edited(values[ALTERED_LINE], name="Someone Else")
    write_lines(copy, values)
    report = verify_export(copy, keys)
    assert not report["contexts"]["assignment"]["ok"]
    assert report["first_bad"] == dict(report["contexts"]["registry"]["first_bad"], context="registry")
    assert (report["first_bad"]["position"], report["first_bad"]["check"]) == (ALTERED, "leaf")

    command = [sys.executable, "-m", "entrypoints.cli", "audit", "verify", "--export", str(copy)]
    command += ["--key", str(deployment["folder"] / "ledger.pub")]
    run = subprocess.run(
        command, env=settings_env(deployment["settings"]), cwd=REPO_ROOT, capture_output=True, timeout=120
    )
    assert run.returncode == 1
    assert json.loads(run.stdout)["first_bad"] == report["first_bad"]
    assert f"VERIFICATION FAILED at registry position {ALTERED}: leaf" in run.stderr.decode()


def test_the_ledger_signed_with_the_configured_key(deployment):
    assert [s.verifier.encode() for s in load_signers(deployment["settings"])] == [
        (deployment["folder"] / "ledger.pub").read_text()
    ]


def test_receipts_and_consistency_from_the_api_check_offline(deployment, keys):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from audit.receipts import check_consistency, check_receipt
    from tests.support import auth

    system = deployment["system"]
    auditor = system.users.add(f"auditor {uuid.uuid4().hex[:6]}", Role.AUDITOR)[1]
    registrar = system.users.add(f"registrar {uuid.uuid4().hex[:6]}", Role.REGISTRAR)[1]
    filing = lines(deployment["folder"] / "export")[ALTERED_LINE]
    event_id = orjson.loads(filing)["id"]
    with TestClient(create_app(system=system)) as client:
        assert client.get(f"/audit/registry/receipts/{event_id}", headers=auth(registrar)).status_code == 403
        receipt = client.get(f"/audit/registry/receipts/{event_id}", headers=auth(auditor))
        assert receipt.status_code == 200, receipt.text
        receipt = receipt.json()
        assert (receipt["log_position"], receipt["tree_size"]) == (ALTERED, LINES)
        assert check_receipt(receipt, keys, filing) == []
        assert check_receipt(receipt, keys, edited(filing, name="Someone Else")) != []
        assert client.get("/audit/registry/receipts/nope", headers=auth(auditor)).status_code == 404

        page = client.get("/audit/registry/checkpoints", headers=auth(auditor)).json()
        assert [c["tree_size"] for c in page["items"]] == [*range(4, LINES, 4), LINES]
        assert page["next_after"] is None
        first, second = (
            client.get("/audit/registry/checkpoints", params={"after": after, "limit": 1}, headers=auth(auditor)).json()
            for after in (0, 4)
        )
        assert [c["tree_size"] for c in first["items"]] == [4] and first["next_after"] == 4
        assert [c["tree_size"] for c in second["items"]] == [8]
        pages = read_pages(client, auditor, "/audit/registry/checkpoints", limit=2)  # and the latest first
        assert [c["tree_size"] for p in pages for c in p["items"]] == [*range(4, LINES, 4), LINES]
        proof = client.get(f"/audit/registry/consistency?first=4&second={LINES}", headers=auth(auditor)).json()
        assert check_consistency(proof, keys) == []
        proof["consistency_proof"][0] = base64.b64encode(b"\0" * 32).decode()
        assert check_consistency(proof, keys) != []
        assert (
            client.get(f"/audit/registry/consistency?first=5&second={LINES}", headers=auth(auditor)).status_code == 404
        )


def test_receipt_from_the_cli_checks_offline(deployment, tmp_path):
    settings = deployment["settings"]
    filing = lines(deployment["folder"] / "export")[ALTERED_LINE]
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "entrypoints.cli", "audit", *args],
        env=settings_env(settings),
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=120,
    )
    made = run("receipt", orjson.loads(filing)["id"])
    assert made.returncode == 0, made.stderr.decode()
    (tmp_path / "receipt.json").write_bytes(made.stdout)
    (tmp_path / "event.json").write_bytes(filing)
    key = str(deployment["folder"] / "ledger.pub")
    checked = run("check-proof", str(tmp_path / "receipt.json"), "--key", key, "--event", str(tmp_path / "event.json"))
    assert checked.returncode == 0 and json.loads(checked.stdout)["ok"]
    made = run("consistency", "--first", "8", "--second", "12")
    (tmp_path / "consistency.json").write_bytes(made.stdout)
    assert run("check-proof", str(tmp_path / "consistency.json"), "--key", key).returncode == 0


def test_distribution_rerun_confirms_the_panels_and_shows_a_difference(deployment):
    from audit.distribution import audit_case
    from sotflow.eventlog import case_history

    settings = deployment["settings"]
    case_id = str(deployment["case_ids"][0])
    events = case_history(settings, case_id, ("assignment",))
    registration_ids = {e["id"] for e in case_history(settings, case_id, ("registry",))}
    report = audit_case(case_id, events, registration_ids)
    assert report["ok"], report
    assert [d["type"].split(".")[3] for d in report["draws"]] == ["case-distributed", "case-reassigned"]

    tampered = json.loads(json.dumps(events))
    distributed = next(e for e in tampered if e["type"].endswith("case-distributed.v1"))
    drawn = list(distributed["data"]["panel"])
    recorded = [drawn[1], drawn[0], *drawn[2:]]  # a rapporteur other than the one drawn
    distributed["data"]["panel"] = distributed["data"]["protocol"]["panel"] = recorded
    distributed["data"]["judge_rapporteur"] = recorded[0]
    report = audit_case(case_id, tampered, registration_ids)
    assert not report["ok"]
    assert (report["draws"][0]["recorded_panel"], report["draws"][0]["rerun_draw"]) == (recorded, drawn)

    result = subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", "audit", "distribution", case_id],
        env=settings_env(settings),
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["ok"] is True


def test_replay_at_head_gives_the_live_digests_and_as_of_an_earlier_point_fewer_rows(deployment):
    from audit.replay import parse_as_of, replay
    from consumers.projection_worker import ProjectionWorker
    from projections.registry import ALL_PROJECTIONS

    settings, system = deployment["settings"], deployment["system"]
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)

    head = replay(settings, parse_as_of("head"))
    register = head["projections"]["incoming_register"]
    assert register["matches_live"] and register["rows"] == 6, head
    assert register["digest"] == register["live"]["digest"]

    # Up to position 5: two registrations (two messages each), the journal, a number, a filing entry.
    earlier = replay(settings, parse_as_of("registry:5"))["projections"]["incoming_register"]
    assert (earlier["events_applied"], earlier["rows"]) == (7, 2)
    assert earlier["digest"] != register["digest"]
    times = [datetime.fromisoformat(orjson.loads(v)["time"]) for v in lines(deployment["folder"] / "export")]
    before = (times[0] - timedelta(seconds=1)).isoformat()
    assert replay(settings, parse_as_of(before))["projections"]["incoming_register"]["rows"] == 0
    assert replay(settings, parse_as_of(max(times).isoformat()))["projections"]["incoming_register"]["rows"] == 6
    result = subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", "audit", "replay", "--as-of", "head"],
        env=settings_env(settings),
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["projections"]["incoming_register"]["digest"] == register["digest"]

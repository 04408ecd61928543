"""The verifier on a synthetic export (no services): passes untouched, and names the
first bad position for tampering the contract checks catch."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import orjson
import pytest

from audit.checkpoint_set import SUFFIX, CheckpointSet
from audit.export import CHECKPOINT_SETS, note_line, read_lines, read_notes
from audit.ledger import leaves_record
from audit.note import Signer
from audit.verify_run import TailPolicy, verify_export
from bench.verify import ORIGIN, write_export


@pytest.fixture(scope="module")
def signer():
    return Signer.generate("sotflow.bench/ledger")


@pytest.fixture
def export(tmp_path, signer):
    write_export(tmp_path / "export", 2500, signer)
    return tmp_path / "export"


def rewrite(export, context, index, change):
    path = export / context / "events.jsonl"
    values = list(read_lines(path))
    envelope = orjson.loads(values[index])
    change(envelope)
    values[index] = orjson.dumps(envelope)
    path.write_bytes(b"".join(v + b"\n" for v in values))


def test_untouched(export, signer):
    report = verify_export(export, [signer.verifier])
    assert report["ok"], report["first_bad"]
    assert report["contexts"]["assignment"]["checkpoints"] == 1  # 833 events: one checkpoint at the end
    assert report["contexts"]["registry"]["latest_checkpoint"]["size"] == 1665


def test_wrong_key(export):
    report = verify_export(export, [Signer.generate("sotflow.bench/ledger").verifier])
    assert not report["ok"]


@pytest.mark.parametrize(
    "change, check",
    [
        (lambda e: e.pop("actorid"), "actor"),
        (lambda e: e.update(time="2026-03-02T10:00:00"), "time"),
        (lambda e: e.update(streamversion=e["streamversion"] + 1), "stream-version"),
        (lambda e: e.update(source="/sotflow/assignment"), "envelope"),
    ],
)
def test_contract_rules_name_the_event(export, signer, change, check):
    rewrite(export, "registry", 1200, change)
    bad = verify_export(export, [signer.verifier])["first_bad"]
    assert (bad["context"], bad["position"], bad["check"]) == ("registry", 1201, check)


def test_a_message_that_is_json_but_not_an_object_is_named(export, signer):
    path = export / "registry" / "events.jsonl"
    values = list(read_lines(path))
    values[1200] = b"[1]"
    path.write_bytes(b"".join(v + b"\n" for v in values))
    report = verify_export(export, [signer.verifier])
    failures = {(f.get("leaf_index"), f["check"], f["detail"]) for f in report["contexts"]["registry"]["failures"]}
    assert {(1200, "position", "no logposition"), (1200, "envelope", "not a JSON object")} <= failures
    assert report["first_bad"]["leaf_index"] == 1200


def test_a_duplicated_event_id(export, signer):
    first = orjson.loads(list(read_lines(export / "registry" / "events.jsonl"))[10])["id"]
    rewrite(export, "registry", 20, lambda e: e.update(id=first))
    bad = verify_export(export, [signer.verifier])["first_bad"]
    assert (bad["position"], bad["check"]) == (21, "event-id")


def test_reason_is_required_where_the_contract_says(export, signer):
    from audit.contract_rules import reason_required

    assert {"kz.sotflow.assignment.case-reassigned.v1", "kz.sotflow.assignment.judge-recused.v1"} <= reason_required()


def lagging(export, signer, signed_at: datetime) -> None:
    """What a ledger behind the log leaves: registry's latest checkpoint (1665) not yet
    signed, nor its leaves published; its checkpoint set names the one before (1000)."""
    folder = export / "registry"
    notes = read_notes(folder / "checkpoints.jsonl")
    (folder / "checkpoints.jsonl").write_text("".join(json.dumps(n) + "\n" for n in notes[:-1]))
    record = orjson.loads((folder / "leaves.jsonl").read_bytes().splitlines()[0])
    hashes = base64.b64decode(record["leaf_hashes"])[: 1000 * 32]
    (folder / "leaves.jsonl").write_bytes(
        leaves_record("registry", 0, [hashes[i : i + 32] for i in range(0, 32000, 32)])
    )
    sizes = {c: 0 for c in ("applications", "deadlines", "international", "proceedings")}
    sizes |= {"registry": 1000, "assignment": 833}
    signed = CheckpointSet(ORIGIN + SUFFIX, signed_at, sizes).sign(signer)
    (export / CHECKPOINT_SETS).write_bytes(note_line(signed.encode()) + b"\n")


def test_an_unsigned_tail_fails_by_default_and_is_accepted_only_as_asked(export, signer):
    lagging(export, signer, datetime.now(UTC))
    report = verify_export(export, [signer.verifier])
    registry = report["contexts"]["registry"]
    assert registry["unverified_events"] == {"count": 665, "positions": [1001, 1665], "accepted": False}
    bad = report["first_bad"]
    assert (bad["context"], bad["check"], bad["position"], bad["range"]) == ("registry", "unsigned", 1001, [1001, 1665])
    assert verify_export(export, [signer.verifier], tail=TailPolicy(events=665))["ok"]
    assert not verify_export(export, [signer.verifier], tail=TailPolicy(events=664))["ok"]
    assert verify_export(export, [signer.verifier], tail=TailPolicy(minutes=5))["ok"]
    assert not verify_export(export, [signer.verifier], tail=TailPolicy(events=10, minutes=5))["ok"]


def test_an_unsigned_tail_is_not_accepted_by_minutes_when_the_ledger_signed_long_ago(export, signer):
    lagging(export, signer, datetime.now(UTC) - timedelta(minutes=10))
    report = verify_export(export, [signer.verifier], tail=TailPolicy(minutes=5))
    assert report["first_bad"]["check"] == "unsigned"
    assert "older than 5 minutes" in report["first_bad"]["detail"]
    assert verify_export(export, [signer.verifier], tail=TailPolicy(minutes=15))["ok"]


def test_a_checkpoint_set_by_another_key_or_none_at_all_fails(export, signer):
    forged = CheckpointSet(ORIGIN + SUFFIX, datetime.now(UTC), {"registry": 0}).sign(Signer.generate("x"))
    (export / CHECKPOINT_SETS).write_bytes(note_line(forged.encode()) + b"\n")
    report = verify_export(export, [signer.verifier])
    assert not report["ok"] and not report["checkpoint_set"]["ok"]
    assert report["first_bad"]["check"] == "checkpoint-set"
    (export / CHECKPOINT_SETS).unlink()
    report = verify_export(export, [signer.verifier])
    assert report["first_bad"]["detail"] == "no checkpoint set signed by a known key, yet there are events"


def test_a_checkpoint_set_the_auditor_kept_bounds_a_later_export(export, signer, tmp_path):
    import shutil

    earlier = tmp_path / "earlier"
    shutil.copytree(export, earlier)
    lagging(export, signer, datetime.now(UTC))  # cut back: its own set names 1000 for registry
    assert verify_export(export, [signer.verifier], tail=TailPolicy(events=665))["ok"]
    report = verify_export(export, [signer.verifier], kept=[earlier], tail=TailPolicy(events=665))
    assert (report["first_bad"]["context"], report["first_bad"]["check"]) == ("registry", "checkpoint-set")
    assert report["checkpoint_set"]["sizes"]["registry"] == 1665

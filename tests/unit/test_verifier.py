"""The verifier on a synthetic export (no services): passes untouched, and names the
first bad position for tampering the contract checks catch."""

from __future__ import annotations

import orjson
import pytest

from audit.export import read_lines
from audit.note import Signer
from audit.verify_run import verify_export
from bench.verify import write_export


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


def test_a_duplicated_event_id(export, signer):
    first = orjson.loads(list(read_lines(export / "registry" / "events.jsonl"))[10])["id"]
    rewrite(export, "registry", 20, lambda e: e.update(id=first))
    bad = verify_export(export, [signer.verifier])["first_bad"]
    assert (bad["position"], bad["check"]) == (21, "event-id")


def test_reason_is_required_where_the_contract_says(export, signer):
    from audit.contract_rules import reason_required

    assert {"kz.sotflow.assignment.case-reassigned.v1", "kz.sotflow.assignment.judge-recused.v1"} <= reason_required()

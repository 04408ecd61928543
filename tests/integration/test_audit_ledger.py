"""The ledger over the real topics: every published event becomes a leaf, in log order,
checkpoints are signed and published with their leaves, and a ledger killed at any
moment resumes without appending anything twice."""

from __future__ import annotations

import base64
import json

import psycopg
from psycopg import sql

from audit.checkpoint import open_checkpoint
from audit.log_reader import read_topic
from audit.merkle import consistency_proof, root, verify_consistency
from audit.note import Verifier
from audit.topics import leaves_topic
from tests.integration.audit_support import log_leaves, published_notes, relay_everything, run_ledger_to_the_end
from tests.support import register_complaints, wait_for


def verifier(settings) -> Verifier:
    return Verifier.parse(open(settings.audit_signing_keys.replace(".key", ".pub")).read())


def stored_leaf_count(settings, context="registry") -> int:
    with psycopg.connect(settings.pg_conninfo) as conn:
        return conn.execute(
            sql.SQL("select count(*) from {} where context = %s").format(
                sql.Identifier(settings.db_schema, "audit_leaves")
            ),
            (context,),
        ).fetchone()[0]


def published_leaves(settings, context="registry") -> list[bytes]:
    by_index: dict[int, bytes] = {}
    for _, _, key, value in read_topic(settings, leaves_topic(settings)):
        record = json.loads(value)
        if key != context.encode():
            continue
        hashes = base64.b64decode(record["leaf_hashes"])
        for i in range(0, len(hashes), 32):
            by_index.setdefault(record["first_index"] + i // 32, hashes[i : i + 32])
    return [by_index[i] for i in range(len(by_index))]


def test_every_event_is_a_leaf_and_checkpoints_cover_them(audit_system):
    settings = audit_system.settings
    # 41 messages: the journal opened, then 4 per complaint (complaint- and item-registered,
    # its number, its filing-index entry), each message a leaf.
    register_complaints(audit_system.registry, 10)
    relay_everything(audit_system)
    ledger = run_ledger_to_the_end(audit_system)

    leaves = log_leaves(settings, "registry")
    assert len(leaves) == 41 == ledger.appended
    checkpoints = [open_checkpoint(n, [verifier(settings)])[0] for n in published_notes(settings, "registry")]
    assert [c.size for c in checkpoints] == [7, 14, 21, 28, 35]  # the last 6 wait for the hourly one
    assert {c.origin for c in checkpoints} == {"sotflow.test/ledger/registry"}
    for checkpoint in checkpoints:
        assert checkpoint.root == root(leaves[: checkpoint.size])
    assert published_leaves(settings) == leaves[:35]  # the leaves the checkpoints cover
    first, last = checkpoints[0], checkpoints[-1]
    proof = consistency_proof(first.size, leaves[: last.size])
    assert verify_consistency(first.size, last.size, proof, first.root, last.root)


def test_time_checkpoint_covers_a_partial_batch(audit_system):
    settings = audit_system.settings
    register_complaints(audit_system.registry, 1)  # 5 messages: fewer than 7
    relay_everything(audit_system)
    run_ledger_to_the_end(audit_system)
    sizes = [open_checkpoint(n, [verifier(settings)])[0].size for n in published_notes(settings, "registry")]
    assert sizes == [5]  # the first checkpoint is due at once; the next after an hour


def test_a_killed_ledger_resumes_without_appending_twice(audit_settings, processes):
    """Events keep arriving while the ledger is killed as soon as it has appended some."""
    from sotflow.bootstrap import bootstrap

    settings = audit_settings.model_copy(update={"audit_checkpoint_every_events": 50})
    system = bootstrap(settings)
    try:
        processes("relay", settings_override=settings)
        total = 1
        for _ in range(3):
            before = stored_leaf_count(settings)
            ledger = processes("audit", "ledger", settings_override=settings)
            register_complaints(system.registry, 40)
            total += 160  # 4 messages per complaint
            wait_for(lambda b=before: stored_leaf_count(settings) > b, timeout=90, what="some leaves")
            ledger.kill()
        processes("audit", "ledger", settings_override=settings)
        wait_for(lambda: stored_leaf_count(settings) == total, timeout=90, what="every event a leaf")
        leaves = log_leaves(settings, "registry")
        assert len(leaves) == total
        covered = total - total % 50  # the rest waits for the hourly checkpoint
        wait_for(lambda: len(published_leaves(settings)) >= covered, timeout=60, what="leaves published")
        published = published_leaves(settings)
        assert published == leaves[: len(published)]
        checkpoints = {open_checkpoint(n, [verifier(settings)])[0] for n in published_notes(settings, "registry")}
        assert {50, 100, 150, 200} <= {c.size for c in checkpoints}
        for checkpoint in checkpoints:
            assert checkpoint.root == root(leaves[: checkpoint.size])
    finally:
        system.close()

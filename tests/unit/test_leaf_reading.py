"""The verifier's packed leaves and its reading of the published leaf-hash records one
at a time (in order, repeated, out of order, conflicting), and the replay's context order."""

from __future__ import annotations

import hashlib

from audit.leaf_array import LeafArray
from audit.ledger import leaves_record
from audit.merkle import consistency_proof, root
from audit.replay import context_order
from audit.verifier import _leaf_list
from projections.registry import ALL_PROJECTIONS

LEAVES = [hashlib.sha256(str(i).encode()).digest() for i in range(20)]


def test_packed_leaves_read_like_a_list_and_a_prefix_shares_them():
    packed = LeafArray()
    for leaf in LEAVES:
        packed.append(leaf)
    assert list(packed) == LEAVES and packed[-1] == LEAVES[-1] and len(packed) == 20
    prefix = packed[:13]
    assert len(prefix) == 13 and list(prefix) == LEAVES[:13] and list(packed[5:9]) == LEAVES[5:9]
    assert root(prefix) == root(LEAVES[:13])
    assert consistency_proof(7, packed[:13]) == consistency_proof(7, LEAVES[:13])


def _read(records):
    failures = []
    return list(_leaf_list(iter(records), failures, "published-leaves")), [f.detail for f in failures]


def test_published_leaves_in_order_with_a_repeated_record():
    records = [leaves_record("registry", 0, LEAVES[:8]), leaves_record("registry", 8, LEAVES[8:])]
    assert _read(records + records[:1]) == (LEAVES, [])


def test_published_leaves_out_of_order_fill_the_gap_and_a_gap_left_ends_them():
    records = [leaves_record("registry", 8, LEAVES[8:12]), leaves_record("registry", 0, LEAVES[:8])]
    assert _read(records) == (LEAVES[:12], [])
    assert _read([records[0], leaves_record("registry", 0, LEAVES[:5])]) == (LEAVES[:5], [])


def test_conflicting_published_leaves_keep_the_first_and_name_each_leaf():
    forged = LEAVES[:3] + [hashlib.sha256(b"x").digest()] + LEAVES[4:6]
    leaves, failures = _read([leaves_record("registry", 0, LEAVES[:6]), leaves_record("registry", 0, forged), b"{"])
    assert leaves == LEAVES[:6]
    assert failures == ["two different published leaf hashes for leaf 3", "unreadable leaf-hash record"]


def test_replay_reads_the_contexts_in_an_order_every_projection_agrees_with():
    order = context_order(ALL_PROJECTIONS)
    assert sorted(order) == sorted({c for p in ALL_PROJECTIONS for c in p.CONTEXTS})
    for projection in ALL_PROJECTIONS:
        assert [c for c in order if c in projection.CONTEXTS] == list(projection.CONTEXTS)

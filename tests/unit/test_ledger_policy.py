"""When the ledger signs checkpoints, and what it refuses to append."""

from datetime import UTC, date, datetime, timedelta

import pytest

from audit.merkle import CompactTree, leaf_hash, root
from audit.policy import CheckpointPolicy, Entry, LedgerOutOfStepError, append
from audit.store import LedgerState

POLICY = CheckpointPolicy(every_events=3, every_seconds=60)


def state() -> LedgerState:
    return LedgerState("registry", CompactTree(), 0, None, 0, None)


def entries(positions, day=date(2026, 3, 2)):
    return [Entry(p, f"e{i}", leaf_hash(str(i).encode()), day) for i, p in enumerate(positions)]


def test_every_multiple_of_n_and_each_day_close():
    s = state()
    first = entries([1, 2], date(2026, 3, 2))
    second = [Entry(p, f"f{p}", leaf_hash(f"f{p}".encode()), date(2026, 3, 3)) for p in (3, 4, 5, 6, 7)]
    rows, due = append(s, first + second, POLICY)
    assert [(d.size, d.cause) for d in due] == [
        (2, "day-close 2026-03-02"),
        (3, "every 3 events"),
        (6, "every 3 events"),
    ]
    leaves = [r[1] for r in rows]
    assert all(d.root == root(leaves[: d.size]) for d in due)
    assert s.tree.size == 7 and s.checkpoint_size == 6 and s.last_position == 7


def test_time_checkpoints_only_when_the_tree_grew():
    s = state()
    now = datetime(2026, 3, 2, 10, tzinfo=UTC)
    assert not POLICY.time_due(s, now)
    append(s, entries([1]), POLICY)
    assert POLICY.time_due(s, now)
    s.checkpoint_size, s.checkpoint_at = 1, now
    append(s, entries([2]), POLICY)
    assert not POLICY.time_due(s, now + timedelta(seconds=59))
    assert POLICY.time_due(s, now + timedelta(seconds=60))


def test_another_version_of_the_same_event_shares_its_position():
    s = state()
    rows, _ = append(s, entries([1, 1, 2]), POLICY)
    assert [r[2] for r in rows] == [1, 1, 2]


@pytest.mark.parametrize("positions", [[2], [1, 3], [1, 2, 1], [0]])
def test_gaps_and_reordering_stop_the_ledger(positions):
    with pytest.raises(LedgerOutOfStepError):
        append(state(), entries(positions), POLICY)

"""The RFC 9162 (Certificate Transparency v2) Merkle tree, section 2.1.

Leaves are hashed as SHA-256(0x00 || data), interior nodes as SHA-256(0x01 || left ||
right), so a leaf can never pass for a node. The tree over n leaves splits at k, the
largest power of two below n. Owned here rather than taken from a package because it
is small, and because an auditor re-implementing it needs only this file and the RFC;
tests/unit/test_merkle.py checks it against the published test vectors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

_sha256 = hashlib.sha256


def leaf_hash(data: bytes) -> bytes:
    return _sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class CompactTree:
    """An append-only tree that keeps only the roots of its perfect subtrees.

    Appending costs one hash amortised and the root O(log n), so a ledger or a
    verifier can follow a log of millions of events in constant memory. The
    frontier (those roots, left to right) is all the state there is to persist.
    """

    __slots__ = ("size", "_frontier")

    def __init__(self, size: int = 0, frontier: Sequence[bytes] = ()) -> None:
        if len(frontier) != size.bit_count():
            raise ValueError(f"a tree of {size} leaves has {size.bit_count()} perfect subtrees, not {len(frontier)}")
        self.size = size
        self._frontier = list(frontier)

    def append(self, leaf: bytes) -> None:
        # Called for every event a verifier reads: the node hash is inline.
        frontier = self._frontier
        size = self.size = self.size + 1
        while not size & 1:
            leaf = _sha256(b"\x01" + frontier.pop() + leaf).digest()
            size >>= 1
        frontier.append(leaf)

    def root(self) -> bytes:
        frontier = self._frontier
        if not frontier:
            return EMPTY_ROOT
        root = frontier[-1]
        for left in reversed(frontier[:-1]):
            root = node_hash(left, root)
        return root

    @property
    def frontier(self) -> tuple[bytes, ...]:
        return tuple(self._frontier)

    def copy(self) -> CompactTree:
        return CompactTree(self.size, self._frontier)


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH over leaf hashes."""
    tree = CompactTree()
    for leaf in leaves:
        tree.append(leaf)
    return tree.root()


def _subtree(leaves: Sequence[bytes], lo: int, hi: int) -> bytes:
    """MTH(D[lo:hi]) over leaf hashes."""
    if hi - lo == 1:
        return leaves[lo]
    tree = CompactTree()
    for i in range(lo, hi):
        tree.append(leaves[i])
    return tree.root()


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PATH(m, D[n]) of RFC 9162 2.1.3.1, deepest sibling first."""
    n = len(leaves)
    if not 0 <= index < n:
        raise IndexError(f"leaf {index} is not in a tree of {n}")
    path: list[bytes] = []
    lo, hi, m = 0, n, index
    while hi - lo > 1:
        k = _split(hi - lo)
        if m < k:
            path.append(_subtree(leaves, lo + k, hi))
            hi = lo + k
        else:
            path.append(_subtree(leaves, lo, lo + k))
            lo, m = lo + k, m - k
    path.reverse()
    return path


def consistency_proof(first: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 9162 2.1.4.1: the tree of `first` leaves is a prefix of this one."""
    n = len(leaves)
    if not 0 <= first <= n:
        raise ValueError(f"no tree of {first} leaves inside one of {n}")
    if first in (0, n):
        return []
    proof: list[bytes] = []
    lo, hi, m, complete = 0, n, first, True
    while True:
        if m == hi - lo:
            if not complete:
                proof.append(_subtree(leaves, lo, hi))
            break
        k = _split(hi - lo)
        if m <= k:
            proof.append(_subtree(leaves, lo + k, hi))
            hi = lo + k
        else:
            proof.append(_subtree(leaves, lo, lo + k))
            lo, m, complete = lo + k, m - k, False
    proof.reverse()
    return proof


def _hashes_ok(*hashes: bytes) -> bool:
    return all(isinstance(h, bytes | bytearray) and len(h) == HASH_SIZE for h in hashes)


def root_from_inclusion_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes | None:
    """The root the proof leads to (RFC 9162 2.1.3.2), or None when it cannot be a proof for (index, size)."""
    if not 0 <= index < size or not _hashes_ok(leaf, *proof):
        return None
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root_hash: bytes) -> bool:
    return _hashes_ok(root_hash) and root_from_inclusion_proof(index, size, leaf, proof) == root_hash


def verify_consistency(first: int, second: int, proof: Sequence[bytes], first_root: bytes, second_root: bytes) -> bool:
    """RFC 9162 2.1.4.2: the tree of `first` leaves with first_root is a prefix of the one of `second` leaves."""
    if not 0 <= first <= second or not _hashes_ok(first_root, second_root, *proof):
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof  # the empty tree is a prefix of every tree
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:  # a power of two: the first tree is a whole subtree
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root

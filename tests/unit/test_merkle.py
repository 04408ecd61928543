"""The RFC 9162 tree against the published RFC 6962 / 9162 test vectors.

Source of the vectors: the Certificate Transparency Go implementation maintained by
transparency-dev, github.com/transparency-dev/merkle, files `proof/verify_test.go`
(leaves, roots of trees of 1..8 leaves, inclusion and consistency proofs; these came
from the original C++ CT implementation's merkle_tree_test.cc) and
`rfc6962/rfc6962_test.go` (empty tree, leaf and node hashes). The corruptions tried on
each proof are the ones those tests try.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit.merkle import (
    EMPTY_ROOT,
    CompactTree,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)

h = bytes.fromhex

LEAVES = [
    b"",
    h("00"),
    h("10"),
    h("2021"),
    h("3031"),
    h("40414243"),
    h("5051525354555657"),
    h("606162636465666768696a6b6c6d6e6f"),
]
LEAF_HASHES = [leaf_hash(d) for d in LEAVES]

ROOTS = [
    h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
    h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
    h("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
    h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
    h("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
    h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
    h("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
    h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
]

# (leaf number counted from 1, tree size, proof)
INCLUSION = [
    (1, 1, []),
    (
        1,
        8,
        [
            h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        ],
    ),
    (
        6,
        8,
        [
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
    (3, 3, [h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]),
    (
        2,
        5,
        [
            h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        ],
    ),
]

CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
        ],
    ),
    (
        6,
        8,
        [
            h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
    (
        2,
        5,
        [
            h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
            h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
        ],
    ),
    (
        6,
        7,
        [
            h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
            h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
            h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
        ],
    ),
]

SOME_HASH = h("abacaba000000000000000000000000000000000000000000060061e00123456")


def test_hasher_vectors():
    assert EMPTY_ROOT == h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    assert leaf_hash(b"") == h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    assert leaf_hash(b"L123456") == h("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56")
    assert node_hash(b"N123", b"N456") == h("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb")


def test_roots_of_trees_of_one_to_eight_leaves():
    assert root([]) == EMPTY_ROOT
    for size in range(1, 9):
        assert root(LEAF_HASHES[:size]) == ROOTS[size - 1], size


@pytest.mark.parametrize("leaf, size, proof", INCLUSION)
def test_inclusion_proofs_are_generated_as_published(leaf, size, proof):
    assert inclusion_proof(leaf - 1, LEAF_HASHES[:size]) == proof


@pytest.mark.parametrize("size1, size2, proof", CONSISTENCY)
def test_consistency_proofs_are_generated_as_published(size1, size2, proof):
    assert consistency_proof(size1, LEAF_HASHES[:size2]) == proof


def _inclusion_corruptions(index, size, proof, root_hash, leaf):
    yield index - 1, size, leaf, proof, root_hash
    yield index + 1, size, leaf, proof, root_hash
    yield index ^ 2, size, leaf, proof, root_hash
    yield index, size * 2, leaf, proof, root_hash
    yield index, size // 2, leaf, proof, root_hash
    yield index, size, b"WrongLeaf", proof, root_hash
    yield index, size, leaf, proof, EMPTY_ROOT
    yield index, size, leaf, proof, SOME_HASH
    yield index, size, leaf, [*proof, b""], root_hash
    yield index, size, leaf, [*proof, root_hash], root_hash
    yield index, size, leaf, [b"", *proof], root_hash
    yield index, size, leaf, [root_hash, *proof], root_hash
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 8]) + flipped[i][1:]
        yield index, size, leaf, flipped, root_hash
    if proof:
        yield index, size, leaf, proof[:-1], root_hash
    if len(proof) > 1:
        yield index, size, leaf, [proof[0], SOME_HASH, *proof[1:]], root_hash


@pytest.mark.parametrize("leaf, size, proof", INCLUSION[1:])
def test_published_inclusion_proofs_verify_and_their_corruptions_do_not(leaf, size, proof):
    index, root_hash, leaf_h = leaf - 1, ROOTS[size - 1], LEAF_HASHES[leaf - 1]
    assert root_from_inclusion_proof(index, size, leaf_h, proof) == root_hash
    assert verify_inclusion(index, size, leaf_h, proof, root_hash)
    for args in _inclusion_corruptions(index, size, proof, root_hash, leaf_h):
        assert not verify_inclusion(*args), args[:2]


def test_inclusion_edge_cases():
    data_hash = leaf_hash(b"data")
    assert verify_inclusion(0, 1, data_hash, [], data_hash)
    assert not verify_inclusion(0, 1, b"", [], data_hash)
    assert not verify_inclusion(0, 1, data_hash, [], b"")
    for index, size in ((0, 0), (0, 1), (1, 0), (2, 1)):
        assert not verify_inclusion(index, size, SOME_HASH, [], b"")
        assert not verify_inclusion(index, size, b"", [], EMPTY_ROOT)
        assert not verify_inclusion(index, size, SOME_HASH, [], EMPTY_ROOT)


def _consistency_corruptions(size1, size2, root1, root2, proof):
    yield size1 - 1, size2, proof, root1, root2
    yield size1 + 1, size2, proof, root1, root2
    yield size1 ^ 2, size2, proof, root1, root2
    yield size1, size2 * 2, proof, root1, root2
    yield size1, size2 // 2, proof, root1, root2
    yield size1, size2, proof, b"WrongRoot", root2
    yield size1, size2, proof, root1, b"WrongRoot"
    yield size1, size2, proof, root2, root1
    yield size1, size2, [], root1, root2
    yield size1, size2, [*proof, b""], root1, root2
    yield size1, size2, [*proof, root1], root1, root2
    yield size1, size2, [*proof, root2], root1, root2
    yield size1, size2, [b"", *proof], root1, root2
    yield size1, size2, [root1, *proof], root1, root2
    yield size1, size2, [root2, *proof], root1, root2
    yield size1, size2, [proof[0], *proof], root1, root2
    yield size1, size2, proof[:-1], root1, root2
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 16]) + flipped[i][1:]
        yield size1, size2, flipped, root1, root2


@pytest.mark.parametrize("size1, size2, proof", CONSISTENCY)
def test_published_consistency_proofs_verify_and_their_corruptions_do_not(size1, size2, proof):
    root1, root2 = ROOTS[size1 - 1], ROOTS[size2 - 1]
    assert verify_consistency(size1, size2, proof, root1, root2)
    if not proof:
        return
    for args in _consistency_corruptions(size1, size2, root1, root2, proof):
        assert not verify_consistency(*args), args[:2]


def test_consistency_edge_cases():
    r1, r2 = b"don't care 1".ljust(32, b"."), b"don't care 2".ljust(32, b".")
    assert not verify_consistency(0, 0, [], r1, r2)
    assert not verify_consistency(1, 1, [], r1, r2)
    assert verify_consistency(0, 0, [], r1, r1)
    assert verify_consistency(0, 1, [], r1, r2)
    assert verify_consistency(1, 1, [], r2, r2)
    assert not verify_consistency(1, 0, [], r1, r2)
    assert not verify_consistency(2, 1, [], r1, r2)
    assert not verify_consistency(1, 2, [], r1, r2)
    assert not verify_consistency(0, 0, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT)
    assert not verify_consistency(0, 1, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT)
    assert not verify_consistency(1, 1, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT)


@given(st.integers(min_value=1, max_value=70), st.data())
def test_every_generated_proof_verifies(size, data):
    leaves = [leaf_hash(i.to_bytes(4, "big")) for i in range(size)]
    tree_root = root(leaves)
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    assert verify_inclusion(index, size, leaves[index], inclusion_proof(index, leaves), tree_root)
    first = data.draw(st.integers(min_value=0, max_value=size))
    proof = consistency_proof(first, leaves)
    assert verify_consistency(first, size, proof, root(leaves[:first]), tree_root)


def test_compact_tree_restores_from_its_frontier():
    tree = CompactTree()
    for leaf in LEAF_HASHES[:5]:
        tree.append(leaf)
    restored = CompactTree(tree.size, tree.frontier)
    for leaf in LEAF_HASHES[5:]:
        restored.append(leaf)
    assert restored.root() == ROOTS[7]
    with pytest.raises(ValueError):
        CompactTree(5, tree.frontier[:1])

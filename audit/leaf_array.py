"""Leaf hashes packed end to end: 32 bytes a leaf instead of a bytes object each (~73).

The verifier keeps every leaf of the log (for consistency proofs) and the published
ones (to name the first bad event), so its memory per event is mostly these.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from audit.merkle import HASH_SIZE


class LeafArray(Sequence[bytes]):
    __slots__ = ("_data", "_view")

    def __init__(self, data: bytes | bytearray = b"") -> None:
        if len(data) % HASH_SIZE:
            raise ValueError("leaf hashes are 32 bytes each")
        self._data = bytearray(data)
        self._view: int | None = None  # a prefix sharing another array's bytes: its length

    def __len__(self) -> int:
        return len(self._data) // HASH_SIZE if self._view is None else self._view

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("only contiguous slices of leaves")
            if start == 0:  # a prefix (a proof over the first n leaves) shares the bytes instead of copying them
                prefix = LeafArray()
                prefix._data, prefix._view = self._data, max(0, stop)
                return prefix
            return LeafArray(self._data[start * HASH_SIZE : max(start, stop) * HASH_SIZE])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return bytes(self._data[index * HASH_SIZE : (index + 1) * HASH_SIZE])

    def __iter__(self) -> Iterator[bytes]:
        data = self._data
        return (bytes(data[i : i + HASH_SIZE]) for i in range(0, len(self) * HASH_SIZE, HASH_SIZE))

    def append(self, leaf: bytes) -> None:
        if self._view is not None:
            raise TypeError("a prefix view of leaves is read-only")
        if len(leaf) != HASH_SIZE:
            raise ValueError("a leaf hash is 32 bytes")
        self._data += leaf

    def extend_packed(self, hashes: bytes) -> None:
        """Appends several leaves given as their hashes end to end."""
        if self._view is not None:
            raise TypeError("a prefix view of leaves is read-only")
        if len(hashes) % HASH_SIZE:
            raise ValueError("leaf hashes are 32 bytes each")
        self._data += hashes

    def holds(self, index: int, leaf: bytes) -> bool:
        """Whether leaf `index` (within the array) is `leaf`, compared in place."""
        return len(leaf) == HASH_SIZE and self._data.startswith(leaf, index * HASH_SIZE)

    def packed(self, start: int, stop: int) -> bytes:
        """Leaves start..stop-1 end to end, to compare a run of them at once."""
        return bytes(self._data[start * HASH_SIZE : stop * HASH_SIZE])

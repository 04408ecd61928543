"""A court's numbering, one process of this host at a time.

The API's worker processes (`serve --workers N`) share the database but not memory. Left to
optimistic concurrency alone, two of them numbering for one court collide on the
journal's version, and each collision costs a failed save, a pause and a read. An
exclusive `flock` on a file per court and year makes them take turns instead, for the
price of a system call. It is an optimisation, not a guarantee: processes on other hosts
(or a host whose temporary folder refuses the file) still race, and the journal's
version still decides.

The file also says who saved the journal last, so a process whose own save was the last
knows that the journal it kept is current without reading it again.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LOCK_DIRECTORY = Path(tempfile.gettempdir()) / "sotflow-journal-locks"


@dataclass
class HeldTurn:
    """A turn at a court's numbering: who saved last, and how to say it was us."""

    last_saver: str
    fd: int | None

    def saved_by(self, saver: str) -> None:
        if self.fd is not None:
            os.pwrite(self.fd, saver.encode().ljust(64), 0)


@contextmanager
def turn(*key_parts: object) -> Iterator[HeldTurn]:
    """This host's turn at numbering for the journal named by `key_parts` (the database, its
    schema, the court and the year)."""
    name = hashlib.sha256("\0".join(map(str, key_parts)).encode()).hexdigest()[:32]
    try:
        LOCK_DIRECTORY.mkdir(exist_ok=True)
        fd = os.open(LOCK_DIRECTORY / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield HeldTurn(last_saver="", fd=None)  # no turns here: the journal's version decides
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield HeldTurn(last_saver=os.pread(fd, 64, 0).decode(errors="replace").strip(), fd=fd)
    finally:
        os.close(fd)  # releases the lock

"""CPU time spent by the services a benchmark runs against, where they run on this
machine: PostgreSQL (the postmaster, its live processes, and the backends it has already
reaped) and the Kafka broker, read from /proc. A rate alone does not say whether a
target is out of reach on this machine; CPU per event, set against the cores there are,
does."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

TICKS = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


def _fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces)."""
    try:
        return (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _seconds(pid: int, *, reaped_children: bool = False) -> float:
    fields = _fields(pid)
    if fields is None:
        return 0.0
    # utime, stime, cutime, cstime are fields 14-17 of stat(5); `fields` starts at field 3.
    ticks = int(fields[11]) + int(fields[12])
    if reaped_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / TICKS


def _pids() -> list[int]:
    return [int(p.name) for p in PROC.iterdir() if p.name.isdigit()]


def postmaster_of(conninfo: str) -> int | None:
    """The local PostgreSQL server's postmaster, found as the parent of our own backend."""
    with psycopg.connect(conninfo) as conn:
        backend = conn.execute("select pg_backend_pid()").fetchone()[0]
        fields = _fields(backend)
    return int(fields[1]) if fields else None


def broker_pids() -> list[int]:
    pids = []
    for pid in _pids():
        try:
            command = (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"kafka.Kafka" in command:
            pids.append(pid)
    return pids


def machine_busy_seconds() -> float:
    """Busy CPU time of the whole machine (user, nice, system, irq, softirq, steal)."""
    values = PROC.joinpath("stat").read_text().splitlines()[0].split()[1:]
    return sum(int(values[i]) for i in (0, 1, 2, 5, 6, 7)) / TICKS


@dataclass(frozen=True)
class ServiceCPU:
    postgres: float | None
    broker: float | None
    machine: float

    def __sub__(self, earlier: ServiceCPU) -> ServiceCPU:
        def minus(a: float | None, b: float | None) -> float | None:
            return None if a is None or b is None else a - b

        return ServiceCPU(
            minus(self.postgres, earlier.postgres), minus(self.broker, earlier.broker), self.machine - earlier.machine
        )


def service_cpu(postmaster: int | None, brokers: list[int]) -> ServiceCPU:
    """CPU seconds used so far by PostgreSQL (None if it is not local) and the broker."""
    postgres = None
    if postmaster is not None and _fields(postmaster) is not None:
        children = [p for p in _pids() if (f := _fields(p)) is not None and int(f[1]) == postmaster]
        postgres = _seconds(postmaster, reaped_children=True) + sum(_seconds(p) for p in children)
    broker = sum(_seconds(p) for p in brokers) if brokers else None
    return ServiceCPU(postgres, broker, machine_busy_seconds())


def process_tree_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its live children (an API's workers)."""
    children = [p for p in _pids() if (f := _fields(p)) is not None and int(f[1]) == pid]
    return _seconds(pid) + sum(_seconds(p) for p in children)


class BackendCPU:
    """CPU seconds of the PostgreSQL backends serving one client (by its application_name,
    which a sotflow process takes from PGAPPNAME): on a machine shared with other people's
    tests, the postmaster's total counts their backends too. Backends are found every half
    second and their CPU read every 50 ms until `stop`; a backend's last 50 ms before it
    exits can be missed."""

    def __init__(self, conninfo: str, application_name: str) -> None:
        self.conninfo, self.application_name = conninfo, application_name
        self._seen: dict[int, float] = {}
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> BackendCPU:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._thread.join()

    @property
    def seconds(self) -> float:
        return sum(self._seen.values())

    def _watch(self) -> None:
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            found = 0.0
            while not self._stopping.is_set():
                if time.monotonic() - found > 0.5:
                    for (pid,) in conn.execute(
                        "select pid from pg_stat_activity where application_name = %s", (self.application_name,)
                    ):
                        self._seen.setdefault(pid, 0.0)
                    found = time.monotonic()
                for pid in self._seen:
                    if (seconds := _seconds(pid)) > 0:
                        self._seen[pid] = seconds
                self._stopping.wait(0.05)

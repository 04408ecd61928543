"""`sotflow serve --workers N`: N API processes, each listening on a socket of its own on the
one port (SO_REUSEPORT), so that the kernel spreads the connections over them; a process
that dies is started again."""

from __future__ import annotations

import http.client
import os
import signal
from pathlib import Path

from tests.support import free_port, wait_for


def _healthy(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/health")
        return connection.getresponse().status == 200
    except OSError:
        return False


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def _connections_by_process(port: int, pids: set[int]) -> dict[int, int]:
    """How many established connections to `port` each process holds (from /proc)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01":  # local port, ESTABLISHED
            inodes.add(fields[9])
    held = {}
    for pid in pids:
        links = (os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir())
        held[pid] = sum(link.startswith("socket:[") and link[8:-1] in inodes for link in links)
    return held


def test_connections_are_spread_over_the_processes_and_a_killed_one_is_replaced(settings, processes):
    port = free_port()
    api = processes("serve", "--workers", "2", "--port", str(port))
    wait_for(lambda: _healthy(port) and len(_children(api.proc.pid)) == 2, what="two API processes")
    workers = _children(api.proc.pid)

    # Keep-alive connections opened together (as a pool of clients opens them): with one socket
    # shared by the processes, the first to wake took them all. Two sockets, 16 connections: all
    # on one process by chance once in 30,000 runs.
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(16)]
    for connection in connections:
        connection.request("GET", "/health")
        assert connection.getresponse().read()
    held = _connections_by_process(port, workers)
    assert sum(held.values()) == 16 and all(held.values()), held
    for connection in connections:
        connection.close()

    killed = min(workers)
    os.kill(killed, signal.SIGKILL)
    # A connection the kernel had just handed to the dying process's socket is reset; the next
    # ones go to the live one, and the killed one is replaced.
    wait_for(lambda: _healthy(port), timeout=10, what="the other API process")
    wait_for(lambda: len(_children(api.proc.pid) - {killed}) == 2, what="the killed API process replaced")
    wait_for(lambda: _healthy(port), what="the API")

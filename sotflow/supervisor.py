"""Keeping sotflow's processes (and a process's worker threads) running: what fails is
started again after an exponential back-off, and nothing else stops because of it.

`sotflow run` supervises its child processes here: a consumer that exits (or is killed)
is restarted 1 s later, then 2 s, 4 s ... up to 60 s while it keeps failing, and from
1 s again once it has run for a minute; the API stays up whatever a consumer does.
Ctrl-C or SIGTERM stops every child. Inside a process, `run_until_stopped` does the same
for a worker thread (a projection's worker when PostgreSQL restarts, say).
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import structlog

log = structlog.get_logger("supervisor")


@dataclass
class Backoff:
    """How long to wait before the next start of something that failed: `first` seconds,
    doubling with each failure in a row up to `cap`; a run of `stable_after` seconds or
    more counts as a recovery, so the next failure waits `first` again."""

    first: float = 1.0
    cap: float = 60.0
    stable_after: float = 60.0
    failures: int = 0

    def after_failure(self, ran_for: float) -> float:
        """The wait before starting again, after a run of `ran_for` seconds that failed."""
        if ran_for >= self.stable_after:
            self.failures = 0
        delay = min(self.cap, self.first * 2**self.failures)
        self.failures += 1
        return delay


def run_until_stopped(
    name: str, target: Callable[[threading.Event], None], stop: threading.Event, backoff: Backoff | None = None
) -> None:
    """Run `target(stop)` until `stop` is set, starting it again (after a back-off) whenever it
    raises or returns early. For a worker whose every start resumes from stored offsets."""
    backoff = backoff or Backoff()
    while not stop.is_set():
        started = time.monotonic()
        try:
            target(stop)
        except Exception as exc:  # noqa: BLE001 - whatever it was, the worker is started again
            if stop.is_set():
                return
            delay = backoff.after_failure(time.monotonic() - started)
            log.exception("worker.failed", worker=name, error=f"{type(exc).__name__}: {exc}", restart_in_s=delay)
        else:
            if stop.is_set():
                return
            delay = backoff.after_failure(time.monotonic() - started)
            log.error("worker.returned", worker=name, restart_in_s=delay)
        stop.wait(delay)


@dataclass
class Child:
    name: str
    argv: list[str]
    backoff: Backoff = field(default_factory=Backoff)
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    restarts: int = 0


class Supervisor:
    """Child processes, each restarted with its own back-off when it exits."""

    def __init__(
        self,
        commands: dict[str, list[str]],
        *,
        backoff: Callable[[], Backoff] = Backoff,
        say: Callable[[str], None] = print,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.children = {name: Child(name, argv, backoff()) for name, argv in commands.items()}
        self.say = say
        self.clock = clock

    def start(self) -> None:
        for child in self.children.values():
            self._start(child)

    def _start(self, child: Child) -> None:
        child.process = subprocess.Popen(child.argv)
        child.started_at = self.clock()
        child.restart_at = None

    def check(self) -> None:
        """Notice children that exited and restart those whose wait is over."""
        now = self.clock()
        for child in self.children.values():
            if child.restart_at is not None:
                if now >= child.restart_at:
                    log.warning("supervisor.restarting", child=child.name, restarts=child.restarts + 1)
                    self._start(child)
                    child.restarts += 1  # counted once the new process is there, as a watcher expects
                continue
            code = child.process.poll() if child.process else None
            if code is None:
                continue
            delay = child.backoff.after_failure(now - child.started_at)
            child.restart_at = now + delay
            log.error("supervisor.child_exited", child=child.name, code=code, restart_in_s=delay)
            self.say(f"{child.name} exited with {code}; restarting it in {delay:g} s")

    def run(self, stop: threading.Event, interval_s: float = 0.5) -> None:
        """Start every child and keep them running until `stop` is set; then stop them all."""
        self.start()
        try:
            while not stop.is_set():
                self.check()
                stop.wait(interval_s)
        finally:
            self.stop_all()

    def stop_all(self, timeout_s: float = 15.0) -> None:
        running = [c.process for c in self.children.values() if c.process and c.process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        for process in running:
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

"""The restart policy of `sotflow run` and of the workers inside a process."""

import os
import signal
import sys
import threading
import time

from sotflow.supervisor import Backoff, Supervisor, run_until_stopped


def test_the_wait_doubles_from_one_second_up_to_a_minute():
    backoff = Backoff()
    assert [backoff.after_failure(ran_for=0.5) for _ in range(9)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_stable_run_starts_the_doubling_again():
    backoff = Backoff(first=1, cap=60, stable_after=60)
    for _ in range(5):
        backoff.after_failure(ran_for=2)
    assert backoff.after_failure(ran_for=2) == 32
    assert backoff.after_failure(ran_for=61) == 1
    assert backoff.after_failure(ran_for=3) == 2


def test_a_failing_worker_is_started_again_until_stopped():
    stop = threading.Event()
    starts = []

    def worker(stop):
        starts.append(time.monotonic())
        if len(starts) < 3:
            raise ConnectionError("the database is restarting")
        stop.set()

    run_until_stopped("test", worker, stop, Backoff(first=0.01, cap=0.05))
    assert len(starts) == 3


def test_a_killed_child_is_restarted_and_the_others_keep_running():
    sleeper = [sys.executable, "-c", "import time; time.sleep(120)"]
    said = []
    supervisor = Supervisor(
        {"consumer": sleeper, "api": sleeper}, backoff=lambda: Backoff(first=0.05, cap=0.2), say=said.append
    )
    stop = threading.Event()
    runner = threading.Thread(target=supervisor.run, args=(stop,), kwargs={"interval_s": 0.02})
    runner.start()
    try:
        deadline = time.monotonic() + 10
        while any(c.process is None for c in supervisor.children.values()) and time.monotonic() < deadline:
            time.sleep(0.01)
        consumer, api = supervisor.children["consumer"], supervisor.children["api"]
        killed, api_pid = consumer.process.pid, api.process.pid
        os.kill(killed, signal.SIGKILL)
        while consumer.restarts == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert consumer.restarts == 1
        assert consumer.process.pid != killed and consumer.process.poll() is None
        assert api.process.pid == api_pid and api.process.poll() is None, "the API is not stopped with it"
        assert said == [f"consumer exited with {-signal.SIGKILL}; restarting it in 0.05 s"]
    finally:
        stop.set()
        runner.join(timeout=30)
    assert all(c.process.poll() is not None for c in supervisor.children.values()), "Ctrl-C stops every child"

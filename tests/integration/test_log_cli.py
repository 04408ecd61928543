"""`sotflow log tail` and `sotflow log case` read the real topic."""

import json
import subprocess
import sys
import threading

from relay.relay import Relay
from sotflow.eventlog import partition_of
from tests.support import (
    REPO_ROOT,
    published_envelopes,
    register_complaints,
    registrar,
    settings_env,
    stored_event_count,
)


def sotflow(settings, *args):
    result = subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", *args],
        env=settings_env(settings),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result


def test_log_case_shows_one_case_and_tail_shows_the_latest_in_log_order(settings, system):
    ids = register_complaints(system.registry, 6)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)

    case = sotflow(settings, "log", "case", str(ids[2]))
    assert case.returncode == 0, case.stderr
    lines = case.stdout.strip().splitlines()
    # registered (as complaint-registered and item-registered), entered in the filing index, then
    # numbered (the court's journal is saved after the items it numbers)
    assert len(lines) == 4
    assert f"case {ids[2]} v1" in lines[0] and "filer.name=Filer 2" in lines[0]
    assert "registry.item-registered.v1" in lines[1]
    assert "registry.filing-recorded.v1" in lines[2]
    assert "registration-number-assigned" in lines[3] and "-CC-3/" in lines[3]

    # The whole history: what the other contexts recorded for the case follows, in time order.
    system.proceedings.accept_case(ids[2], reason="admissible", actor=registrar())
    Relay(system.proceedings, "proceedings", settings).run(threading.Event(), exit_when_idle=True)
    whole = [line.rstrip() for line in sotflow(settings, "log", "case", str(ids[2])).stdout.splitlines()]
    assert whole[:4] == [line.rstrip() for line in lines] and len(whole) == 5
    assert "proceedings.case-accepted.v1" in whole[4]
    only = sotflow(settings, "log", "case", str(ids[2]), "--context", "proceedings").stdout.splitlines()
    assert [line.rstrip() for line in only] == whole[4:]

    as_json = sotflow(settings, "log", "case", str(ids[4]), "--json")
    assert {json.loads(line)["subject"] for line in as_json.stdout.splitlines()} == {str(ids[4])}

    tail = sotflow(settings, "log", "tail", "--no-follow", "--last", "2")
    assert tail.returncode == 0, tail.stderr
    last = stored_event_count(settings)
    assert [line.split()[0] for line in tail.stdout.strip().splitlines()] == [f"#{last - 1}", f"#{last}"]

    missing = sotflow(settings, "log", "case", "00000000-0000-0000-0000-000000000000")
    assert missing.returncode == 1 and "no events" in missing.stderr


def test_our_partition_formula_is_the_one_the_producer_used(settings, system):
    register_complaints(system.registry, 30)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)
    for envelope in published_envelopes(settings):
        assert envelope["_partition"] == partition_of(envelope["subject"], settings.event_topic_partitions)

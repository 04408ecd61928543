"""The integrators' example consumer runs against the real topic and prints the feed."""

import subprocess
import sys
import threading

from relay.relay import Relay
from sotflow.topics import event_topic
from tests.support import REPO_ROOT, register_complaints


def test_the_example_prints_a_feed_of_registrations(settings, system):
    register_complaints(system.registry, 4)
    Relay(system.registry, "registry", settings).run(threading.Event(), exit_when_idle=True)

    result = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "examples" / "registrations_feed.py"),
            "--bootstrap", settings.kafka_bootstrap,
            "--topic", event_topic(settings, "registry"),
            "--group", f"{settings.topic_prefix}example",
            "--from-beginning",
            "--max-messages", "4",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    assert len({line.split()[0] for line in lines}) == 4
    assert min(lines, key=lambda line: int(line.split()[0][1:])).startswith("#1 ")
    assert all("cassation complaint by Filer" in line for line in lines)
    assert all("against the verdict of Astana City Court" in line for line in lines)

"""What every command of the CLI does first: settings with logging set up, and a stop
flag that SIGINT and SIGTERM raise."""

from __future__ import annotations

import signal
import threading

from sotflow.logging import configure_logging
from sotflow.settings import Settings, get_settings


def configured() -> Settings:
    settings = get_settings()
    configure_logging(settings)
    return settings


def stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop

"""A library's exception logged through the standard library (kafka-python's I/O thread logs
its tasks' failures with log.exception) reaches the JSON log with its traceback as text, as
our own do: not the repr of the exc_info tuple, which says nothing of where it was raised."""

from __future__ import annotations

import io
import json
import logging

import pytest
import structlog

from sotflow.logging import configure_logging
from sotflow.settings import Settings


@pytest.fixture(autouse=True)
def logging_restored():
    root = logging.getLogger()
    handlers, level, config = root.handlers[:], root.level, structlog.get_config()
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.configure(**config)


def test_a_library_exception_keeps_its_traceback_in_json() -> None:
    stream = io.StringIO()
    configure_logging(Settings(log_format="json"), stream=stream)
    try:
        raise ReferenceError("weakly-referenced object no longer exists")
    except ReferenceError:
        logging.getLogger("kafka.net.selector").exception("Unhandled exception in task %s:", "task-1")

    (line,) = [json.loads(text) for text in stream.getvalue().splitlines() if "task-1" in text]
    assert line["event"] == "Unhandled exception in task task-1:"
    assert line["level"] == "error"
    assert "Traceback (most recent call last)" in line["exception"]
    assert "test_a_library_exception_keeps_its_traceback_in_json" in line["exception"]
    assert "ReferenceError: weakly-referenced object no longer exists" in line["exception"]
    assert "exc_info" not in line

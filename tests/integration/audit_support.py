"""Shared by the audit tests: a signing key, the ledger run to the end, the log as leaves."""

from __future__ import annotations

import threading

from audit.canonical import parse_event
from audit.ledger import Ledger, load_signers
from audit.log_reader import read_log, read_topic
from audit.merkle import leaf_hash
from audit.topics import checkpoints_topic
from relay.relay import Relay


def relay_everything(system) -> None:
    for context, app in system.contexts.items():
        Relay(app, context, system.settings).run(threading.Event(), exit_when_idle=True)


def run_ledger_to_the_end(system) -> Ledger:
    ledger = Ledger(system.settings, system.pool, load_signers(system.settings))
    ledger.run(threading.Event(), max_idle_rounds=2)
    return ledger


def log_leaves(settings, context: str) -> list[bytes]:
    _, messages = read_log(settings, context)
    return [leaf_hash(parse_event(m.value)[1]) for m in messages]


def published_notes(settings, context: str) -> list[str]:
    return [
        value.decode()
        for _, _, key, value in read_topic(settings, checkpoints_topic(settings))
        if key == context.encode()
    ]

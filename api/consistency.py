"""Read-your-writes: a command's answer names where its last event is on the log, and a
read may pass that back and wait (bounded) until the projection it reads has applied it.

The token is `<context>:<partition>:<position>`. A case's events share one partition
(keyed by the case id) and arrive there in log order, so "the projection has applied
position P on that partition" is exact: no need to wait for the whole topic.
"""

from __future__ import annotations

import time
from types import ModuleType
from typing import Annotated

from fastapi import Query, Response
from psycopg import sql

from api.schemas import LogPosition
from sotflow.eventlog import partition_of
from sotflow.settings import Settings
from sotflow.topics import event_topic

WAIT_SECONDS = 5.0
POLL_SECONDS = 0.05

WaitFor = Annotated[
    str | None,
    Query(
        alias="wait_for",
        max_length=500,
        pattern=r"^[a-z]+:\d+:\d+(,[a-z]+:\d+:\d+)*$",
        description="The `log_position.token` of a command (comma-separated for several): the read waits up to "
        "5 s until this register shows it; header X-Log-Position-Reached says whether it did.",
    ),
]


def log_position(settings: Settings, context: str, subject: str, position: int) -> LogPosition:
    partition = partition_of(subject, settings.event_topic_partitions)
    return LogPosition(
        context=context, position=position, partition=partition, token=f"{context}:{partition}:{position}"
    )


def wait_for(system, projections: tuple[ModuleType, ...], tokens: str | None, response: Response) -> None:
    """Block until every token is applied by the projections that read its context, or time runs out."""
    if not tokens:
        return
    wanted = []
    for token in tokens.split(","):
        context, partition, position = token.split(":")
        names = [p.NAME for p in projections if context in p.CONTEXTS]
        wanted.extend((name, event_topic(system.settings, context), int(partition), int(position)) for name in names)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if _reached(system, wanted):
            response.headers["X-Log-Position-Reached"] = "true"
            return
        if time.monotonic() >= deadline:
            response.headers["X-Log-Position-Reached"] = "false"
            return
        time.sleep(POLL_SECONDS)


def _reached(system, wanted) -> bool:
    table = sql.Identifier(system.settings.projection_schema, "projection_offsets")
    with system.pool.connection() as conn:
        for name, topic, partition, position in wanted:
            row = conn.execute(
                sql.SQL("select log_position from {} where projection = %s and topic = %s and partition = %s").format(
                    table
                ),
                (name, topic, partition),
            ).fetchone()
            if row is None or row["log_position"] < position:
                return False
    return True

"""Each context's event store: the eventsourcing library's persistence settings, derived from
ours, and the tables made through the library itself."""

from __future__ import annotations

from sotflow.settings import Settings


def eventstore_env(settings: Settings, *, create_table: bool) -> dict[str, str]:
    """The eventsourcing library's persistence settings, derived from ours."""
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        # Writes a command's W3C trace context beside the events it records (sotflow/tracing.py).
        "MAPPER_TOPIC": "sotflow.tracing:TracingMapper",
        "POSTGRES_DBNAME": settings.pg_dbname,
        "POSTGRES_HOST": settings.pg_host,
        "POSTGRES_PORT": str(settings.pg_port),
        "POSTGRES_USER": settings.pg_user,
        "POSTGRES_PASSWORD": settings.pg_password,
        "POSTGRES_SCHEMA": settings.db_schema,
        # The library opens its pool's POOL_SIZE connections at once and keeps them: one
        # each, growing on demand to ours, keeps a process of six contexts at a few idle
        # connections instead of sixty (PostgreSQL's default limit is a hundred in all).
        "POSTGRES_POOL_SIZE": "1",
        "POSTGRES_MAX_OVERFLOW": str(max(settings.pg_pool_size - 1, 0)),
        "POSTGRES_LOCK_TIMEOUT": "5",
        "POSTGRES_CONNECT_TIMEOUT": "5",
        "POSTGRES_PRE_PING": "y",
        "CREATE_TABLE": "y" if create_table else "n",
        # Saves in one round trip, the table lock kept (sotflow/event_recorder.py); its
        # function is made with the tables, by `sotflow db migrate`.
        "APPLICATION_RECORDER_TOPIC": "sotflow.event_recorder:OneTripRecorder",
    }


def create_event_tables(settings: Settings) -> None:
    from contexts.applications import Applications
    from contexts.archive import Archive
    from contexts.assignment import Assignment
    from contexts.deadlines import Deadlines
    from contexts.inforequests import InformationRequests
    from contexts.international import International
    from contexts.personnel import Personnel
    from contexts.proceedings import Proceedings
    from contexts.registry import Registry

    contexts = (
        Registry, Assignment, Proceedings, Deadlines, International, Applications, Archive, InformationRequests,
        Personnel,
    )  # fmt: skip
    for context_class in contexts:
        context_class(env=eventstore_env(settings, create_table=True)).close()

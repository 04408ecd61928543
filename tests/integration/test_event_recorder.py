"""The event store's one-round-trip save, and the library's save where the database lacks
its function (not migrated since)."""

from datetime import UTC, datetime

import psycopg
from psycopg import sql

from tests.support import registrar, sample_particulars, stored_event_count


def test_a_registration_is_saved_through_the_tables_function(settings, system):
    now = datetime.now(UTC)
    recorded = system.registry.register_item(sample_particulars(0, now), actor=registrar(), now=now)

    assert not system.registry.recorder.function_missing
    assert stored_event_count(settings) == 4  # the journal, its number, the item, the filing index
    assert recorded.position == system.registry.recorder.max_notification_id()


def test_without_the_function_the_librarys_save_takes_over(settings, system):
    with psycopg.connect(settings.pg_conninfo, autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop function {}(events {}[])").format(
                sql.Identifier(settings.db_schema, "sotflow_insert_registry_events"),
                sql.Identifier(settings.db_schema, "stored_event_uuid"),
            )
        )
    now = datetime.now(UTC)
    first = system.registry.register_item(sample_particulars(0, now), actor=registrar(), now=now)
    second = system.registry.register_item(sample_particulars(1, now), actor=registrar(), now=now)

    assert system.registry.recorder.function_missing
    assert stored_event_count(settings) == 4 + 3
    assert second.position > first.position
    sequences = [int(r.registration_number.split("-CC-")[1].split("/")[0]) for r in (first, second)]
    assert sequences == [1, 2]

"""One eventsourcing Application per bounded context: the I/O boundary of the domain.

Each context stores its events in its own table (``<context>_events``) of the
PostgreSQL event store, with optimistic concurrency per aggregate.
"""

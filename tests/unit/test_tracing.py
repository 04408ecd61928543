"""W3C trace context parsing (sotflow/tracing.py) and why the relay says it is blocked."""

from __future__ import annotations

import psycopg
import pytest
from kafka.errors import KafkaConnectionError, KafkaTimeoutError, NotEnoughReplicasError

from relay.relay import blocked_reason
from sotflow.tracing import child_of, parse_traceparent

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
SPAN = "00f067aa0ba902b7"


def test_a_valid_traceparent_is_kept_with_its_tracestate():
    trace = parse_traceparent(f"00-{TRACE}-{SPAN}-01", " rojo=00f067aa0ba902b7 ")
    assert trace.traceparent == f"00-{TRACE}-{SPAN}-01"
    assert trace.tracestate == "rojo=00f067aa0ba902b7"
    assert trace.trace_id == TRACE


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        f"00-{TRACE}-{SPAN}",  # no flags
        f"00-{TRACE.upper()}-{SPAN}-01",  # upper-case hex is not allowed
        f"00-{'0' * 32}-{SPAN}-01",  # all-zero trace id
        f"00-{TRACE}-{'0' * 16}-01",  # all-zero parent id
        f"ff-{TRACE}-{SPAN}-01",  # the forbidden version
        f"00-{TRACE}-{SPAN}-01-extra",  # version 00 has exactly four fields
        f"00-{TRACE[:-1]}-{SPAN}-01",
    ],
)
def test_an_invalid_traceparent_is_ignored(header):
    assert parse_traceparent(header, "rojo=1") is None


def test_a_later_version_is_read_by_its_first_four_fields():
    trace = parse_traceparent(f"01-{TRACE}-{SPAN}-01-what-comes-later")
    assert trace.traceparent == f"01-{TRACE}-{SPAN}-01"


def test_a_long_tracestate_is_cut():
    assert len(parse_traceparent(f"00-{TRACE}-{SPAN}-01", "a=" + "b" * 1000).tracestate) == 512


def test_our_span_keeps_the_callers_trace_and_flags_under_a_span_id_of_its_own():
    caller = parse_traceparent(f"00-{TRACE}-{SPAN}-01", "rojo=1")
    ours = child_of(caller)
    version, trace_id, span, flags = ours.traceparent.split("-")
    assert (version, trace_id, flags) == ("00", TRACE, "01")
    assert span != SPAN
    assert ours.tracestate == "rojo=1"
    assert parse_traceparent(ours.traceparent, ours.tracestate) == ours, "ours is a valid traceparent"


def test_the_relay_names_why_it_is_blocked():
    try:
        try:
            raise NotEnoughReplicasError("the partition has 1 in-sync replica, 2 needed")
        except NotEnoughReplicasError as exc:
            raise KafkaTimeoutError("the batch expired") from exc
    except KafkaTimeoutError as wrapped:
        assert blocked_reason(wrapped) == "not_enough_replicas"
    assert blocked_reason(KafkaConnectionError("connection refused")) == "broker_unavailable"
    assert blocked_reason(KafkaTimeoutError("flush timed out")) == "broker_unavailable"
    assert blocked_reason(psycopg.OperationalError("server closed the connection")) == "database_unavailable"
    assert blocked_reason(RuntimeError("something else")) == "other"

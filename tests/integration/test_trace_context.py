"""A command's W3C trace context, from its HTTP request to the CloudEvents envelope on Kafka
and to the consumers' log lines for the rows it led to (sotflow/tracing.py)."""

from __future__ import annotations

import json
import uuid

from domain.actor import Role
from tests.support import auth, complaint_payload, published_envelopes, relay_all, wait_for

PARENT_SPAN = "b7ad6b7169203331"


def register(client, tokens, n: int, **headers: str) -> str:
    response = client.post("/complaints", json=complaint_payload(n), headers=auth(tokens[Role.REGISTRAR]) | headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_a_commands_traceparent_is_carried_into_its_events_envelopes(client, tokens, system, settings):
    trace_id = uuid.uuid4().hex
    traced = register(client, tokens, 1, traceparent=f"00-{trace_id}-{PARENT_SPAN}-01", tracestate="congo=t61rcWkgMzE")
    untraced = register(client, tokens, 2)
    malformed = register(client, tokens, 3, traceparent=f"00-{trace_id}-{'0' * 16}-01")
    relay_all(system, settings)

    envelopes = published_envelopes(settings, "registry")
    of_traced = [e for e in envelopes if e["subject"] == traced]
    assert of_traced, "the traced command's events were not published"
    for envelope in of_traced:
        version, envelope_trace, span, flags = envelope["traceparent"].split("-")
        assert (version, envelope_trace, flags) == ("00", trace_id, "01")
        # The API's own span within the caller's trace: the caller's span is its parent.
        assert span != PARENT_SPAN and len(span) == 16
        assert envelope["tracestate"] == "congo=t61rcWkgMzE"
    others = [e for e in envelopes if e["subject"] in (untraced, malformed)]
    assert others and not any("traceparent" in e for e in others)


def test_the_consumers_log_names_the_trace_of_each_event_they_apply(client, tokens, system, settings, processes):
    trace_id = uuid.uuid4().hex
    register(client, tokens, 1, traceparent=f"00-{trace_id}-{PARENT_SPAN}-01")
    register(client, tokens, 2)
    relay_all(system, settings)
    consumer = processes("consume", "--projection", "incoming_register", "--metrics-port", "0")

    def traced_lines() -> list[dict]:
        lines = [json.loads(line) for line in consumer.output().splitlines() if line.startswith("{")]
        return [line for line in lines if line.get("event") == "consumer.applied_traced"]

    lines = wait_for(traced_lines, what="the consumer's log line for the traced event")
    assert {line["trace_id"] for line in lines} == {trace_id}
    assert {line["projection"] for line in lines} == {"incoming_register"}
    # Every event the command recorded (the item's, the journal's number) and no other.
    traced = {e["id"] for e in published_envelopes(settings, "registry") if trace_id in e.get("traceparent", "")}
    wait_for(lambda: {line["event_id"] for line in traced_lines()} == traced, what="a line for each traced event")

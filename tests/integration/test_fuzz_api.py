"""Fuzzing: schemathesis drives every operation of the API's OpenAPI document, with a token of
each role the document says may call it, and checks each answer against the document (no
5xx; a documented status, media type, body and headers). The API runs in-process (ASGI)
over the real PostgreSQL and Kafka; the relay, the projection workers, the distributor and
the deadline and audit processes run as real processes beside it. After the run every one
of them must still be running, and every projection must have applied the whole log with
nothing dead-lettered: an event the API accepts but a projection cannot apply fails here.

Bounded for CI: a few derandomized examples per operation and role (reproducible run to
run), no shrinking. Some operations are also called with ids of records registered first,
so that the fuzzer reaches past "404 not found" into the commands themselves."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import hypothesis
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import strategies as st
from kafka import KafkaConsumer, TopicPartition
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from contract.catalogue import all_public_types
from domain.actor import Role
from projections.registry import ALL_PROJECTIONS
from projections.store import stored_offsets
from sotflow.topics import dead_letter_topic, event_topic
from tests.support import (
    TEST_COURT,
    auth,
    complaint_payload,
    enrol,
    read_topic,
    relay_position,
    settings_body,
    wait_for,
)

EXAMPLES_PER_ROLE = 6
# An answer slower than this is a failure (in-process, with no network: only the work is slow).
REQUEST_SECONDS = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
PROCESSES = (("relay",), ("consume",), ("distribute",), ("start-deadlines",), ("watch-deadlines",), ("audit", "ledger"))
# A random `wait_for` token names a log position never reached: each such read would wait
# its full 5 s for nothing. The parameter is exercised by the register tests instead.
SLOW_QUERY = "wait_for"


def test_every_operation_answers_as_documented_and_nothing_accepted_poisons_a_projection(
    audit_settings, audit_system, processes
):
    settings, system = audit_settings, audit_system
    running = [processes(*args, settings_override=settings) for args in PROCESSES]
    app = create_app(system=system)
    tokens = {role: system.users.add(f"fuzz {role}", role, _judge_of(role))[1] for role in Role if role != Role.SYSTEM}
    known = _register_a_few(app, tokens)
    schema = schemathesis.openapi.from_asgi("/openapi.json", _as_served(app))

    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for role in _callers(operation.definition.raw.get("x-roles")):
            failure = _fuzz(operation, tokens.get(role), known)
            if failure:
                failures.append(f"{operation.method.upper()} {operation.path} as {role or 'anyone'}:\n{failure}")
    assert operations >= 90, f"only {operations} operations in the document"

    problems = []
    if failures:
        problems.append(
            f"{len(failures)} operation/role pairs answered against the document:\n\n" + "\n\n".join(failures)
        )
    try:
        _wait_until_everything_is_applied(settings, system)
    except Exception as exc:  # noqa: BLE001 - a stalled projection or relay; reported with the rest
        problems.append(f"{exc}\n{_errors_logged(running)}")
    stopped = [p for p in running if not p.alive()]
    problems.extend(f"{' '.join(p.args)} died during the fuzz run:\n{p.output()[-3000:]}" for p in stopped)
    assert not problems, "\n\n".join(problems)


def _as_served(app):
    """The app as uvicorn serves it: an error the app raises after its 500 answer went out is
    logged, and the client gets the 500 (in-process, it would be raised into the test instead)."""

    async def served(scope, receive, send) -> None:
        try:
            await app(scope, receive, send)
        except Exception:
            if scope["type"] != "http":
                raise

    return served


def _errors_logged(running) -> str:
    """The error lines the processes logged (a refused or unappliable event shows there)."""
    lines = [
        f"{' '.join(p.args)}: {line[:1500]}"
        for p in running
        for line in p.output().splitlines()
        if any(word in line for word in ('"level": "error"', "Error", "Exception", "Traceback"))
        # the Kafka client's reconnects, not our processes' errors
        and not any(noise in line for noise in ("KafkaConnectionError", "socket disconnected"))
    ]
    return "\n".join(lines[-30:])


def _judge_of(role: Role) -> tuple[str, str] | None:
    return (TEST_COURT, "judge-0") if role == Role.JUDGE else None


def _callers(roles: list[str] | None) -> list[Role | None]:
    """Each role the document lets in; anyone for a public operation; for "any signed-in user", one."""
    if roles is None:
        return [None]
    return [Role(r) for r in roles] or [Role.AUDITOR]


def _fuzz(operation, token: str | None, known: dict[str, str]) -> str | None:
    """Fuzz one operation as one caller; the failure's report, or None."""
    params = {p["name"] for p in operation.definition.raw.get("parameters", []) if p["in"] == "path"}
    strategies = [operation.as_strategy(), operation.as_strategy(GenerationMode.NEGATIVE)]
    if params and params <= known.keys():
        strategies.append(operation.as_strategy(path_parameters={name: known[name] for name in params}))
    headers = auth(token) if token else {}

    @hypothesis.settings(
        max_examples=EXAMPLES_PER_ROLE * len(strategies),
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(case=st.one_of(strategies))
    def fuzz(case) -> None:
        if case.query:
            case.query.pop(SLOW_QUERY, None)
        case.call_and_validate(headers=headers, checks=CHECKS, timeout=REQUEST_SECONDS)

    try:
        fuzz()
    # schemathesis raises its checks' failures as a FailureGroup, a BaseExceptionGroup.
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - reported; the run goes on to the next
        return str(exc)[:4000]
    return None


def _register_a_few(app, tokens) -> dict[str, str]:
    """A case (with its judges and settings), an application, a reception, a foreign request and
    a deadline, registered over HTTP: their ids are what the fuzzer uses as path parameters."""
    from fastapi.testclient import TestClient

    now = datetime.now(UTC)
    with TestClient(app) as client:

        def post(role: Role, path: str, body: dict) -> dict:
            answer = client.post(path, json=body, headers=auth(tokens[role]))
            assert answer.status_code == 201, answer.text
            return answer.json()

        enrol(client, tokens[Role.HEAD], judges=6)
        post(Role.HEAD, f"/courts/{TEST_COURT}/distribution-settings", settings_body())
        case_id = post(Role.REGISTRAR, "/complaints", complaint_payload(1))["id"]
        applicant = {"name": "A. Serikova", "kind": "individual", "identifier": "850101400123"}
        application_id = post(Role.REGISTRAR, "/applications", {
            "applicant": applicant, "channel": "e_otinish", "subject": "pending_proceedings",
            "summary": "when is my hearing", "related_case": "CC-1/2026", "received_at": now.isoformat(),
        })["id"]  # fmt: skip
        chair = client.get("/me", headers=auth(tokens[Role.HEAD])).json()
        reception_id = post(Role.CONSULTANT, "/receptions", {
            "receiver": {"user_id": chair["id"], "post": "collegium_chair"},
            "scheduled_for": (now + timedelta(days=3)).isoformat(), "place": "room 405", "applicant": applicant,
            "subject": "the cassation complaint in her son's case", "related_case": "CC-1/2026",
            "sign_up": "written_request",
        })["id"]  # fmt: skip
        request_id = post(Role.INTERNATIONAL_OFFICER, "/international/requests", {
            "kind": "incoming_letter_rogatory", "requesting": {"state": "DE", "authority": "Amtsgericht Berlin"},
            "requested": {"state": "KZ", "authority": "Judicial Administration"}, "treaty": "hague_service_1965",
            "language": "de", "action": "service_of_documents", "received_at": now.isoformat(),
        })["id"]  # fmt: skip
        deadline_id = post(Role.REGISTRAR, "/deadlines", {
            "rule_id": "cassation.prosecutor-protest-decision", "subject": case_id,
            "base_time": (now - timedelta(days=1)).isoformat(),
        })["id"]  # fmt: skip
    return {
        "case_id": case_id, "item_id": case_id, "court": TEST_COURT, "judge_id": "judge-0",
        "application_id": application_id, "reception_id": reception_id, "request_id": request_id,
        "deadline_id": deadline_id, "context": "registry", "filename": all_public_types()[0].schema_file,
    }  # fmt: skip


def _wait_until_everything_is_applied(settings, system) -> None:
    """Every stored event published, and every projection past the end of its topics."""
    for context, application in system.contexts.items():
        stored = application.recorder.max_notification_id() or 0
        wait_for(lambda c=context, s=stored: relay_position(settings, c) >= s, timeout=60, what=f"relay of {context}")
    try:
        wait_for(lambda: not _unapplied(settings, system), timeout=60, what="the projections to apply the whole log")
    except AssertionError as exc:
        try:
            left = _unapplied(settings, system)
        except Exception as error:  # noqa: BLE001 - the broker itself may be what is failing
            left = repr(error)
        raise AssertionError(f"{exc}; records left unapplied: {left}") from None
    for context in system.contexts:
        dead = read_topic(settings, dead_letter_topic(settings, context))
        assert not dead, f"{len(dead)} events of {context} dead-lettered: {[r.headers for r in dead[:3]]}"


def _unapplied(settings, system) -> dict[tuple[str, str, int], int]:
    """Records each projection has not applied yet, by (projection, topic, partition).

    Read with read_committed from the projection's stored offset: the transaction markers
    that follow the last record take offsets too, so an offset below the topic's end does not
    alone mean a record is left."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap, group_id=None, enable_auto_commit=False,
        isolation_level="read_committed",
    )  # fmt: skip
    left: dict[tuple[str, str, int], int] = {}
    try:
        with system.pool.connection() as conn:
            for projection in ALL_PROJECTIONS:
                offsets = stored_offsets(conn, settings.projection_schema, projection.NAME)
                for context in projection.CONTEXTS:
                    topic = event_topic(settings, context)
                    for partition in sorted(consumer.partitions_for_topic(topic) or ()):
                        tp = TopicPartition(topic, partition)
                        unread = _records_from(consumer, tp, offsets.get((topic, partition), 0))
                        if unread:
                            left[projection.NAME, topic, partition] = unread
    finally:
        consumer.close()
    return left


def _records_from(consumer: KafkaConsumer, tp: TopicPartition, offset: int) -> int:
    consumer.assign([tp])
    end = consumer.end_offsets([tp])[tp]
    consumer.seek(tp, offset)
    count = 0
    deadline = time.monotonic() + 30
    while consumer.position(tp) < end and time.monotonic() < deadline:
        count += sum(len(batch) for batch in consumer.poll(timeout_ms=500).values())
    return count

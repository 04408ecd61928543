"""The Prometheus metrics (sotflow/metrics.py), scraped from real processes while real events
flow through PostgreSQL and Kafka."""

from __future__ import annotations

import httpx
import psycopg
from prometheus_client.parser import text_string_to_metric_families
from psycopg import sql

from domain.actor import Role
from tests.support import TEST_COURT, auth, complaint_payload, free_port, register_complaints, wait_for


def samples(text: str, name: str) -> list[tuple[dict[str, str], float]]:
    return [
        (sample.labels, sample.value)
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    ]


def scrape(port: int) -> str | None:
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5)
    except httpx.HTTPError:
        return None
    return response.text if response.status_code == 200 else None


def test_api_metrics_count_requests_by_route_template_need_no_token_and_show_no_case_data(client, tokens):
    created = client.post("/complaints", json=complaint_payload(7), headers=auth(tokens[Role.REGISTRAR])).json()
    case_id, number = created["id"], created["registration_number"]
    # Not yet in the register (no consumer runs here): a 404, but of the templated route.
    assert client.get(f"/registers/incoming/{case_id}", headers=auth(tokens[Role.REGISTRAR])).status_code == 404
    assert client.get(f"/registers/incoming/{case_id}").status_code == 401
    client.get("/no/such/path/" + case_id)

    response = client.get("/metrics")  # no Authorization header

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    requests = {
        (labels["method"], labels["route"], labels["status"]): value
        for labels, value in samples(text, "sotflow_http_requests_total")
    }
    assert requests[("POST", "/complaints", "201")] >= 1
    assert requests[("GET", "/registers/incoming/{item_id}", "404")] >= 1
    assert requests[("GET", "/registers/incoming/{item_id}", "401")] >= 1
    assert requests[("GET", "unmatched", "404")] >= 1
    durations = samples(text, "sotflow_http_request_duration_seconds_count")
    assert any(labels["route"] == "/complaints" for labels, _ in durations)
    for secret in (case_id, number, "Filer 7", "1-7/2025"):
        assert secret not in text


def test_api_processes_under_serve_workers_add_up_their_metrics(settings, processes, tmp_path):
    port = free_port()
    metrics_dir = tmp_path / "api-metrics" / str(port)
    metrics_dir.mkdir(parents=True)
    (metrics_dir / "left-from-last-run.db").write_bytes(b"stale")
    processes(
        "serve", "--workers", "2", "--port", str(port), settings_override=settings.model_copy(
            update={"api_metrics_dir": str(metrics_dir.parent)}
        ),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: scrape(port), what="the API to answer")
    with httpx.Client(base_url=base) as http:
        # Fresh connections, so that both processes take some of them.
        for _ in range(30):
            assert httpx.get(f"{base}/health").status_code == 200

        def health_count() -> float:
            found = samples(http.get("/metrics").text, "sotflow_http_requests_total")
            return sum(v for labels, v in found if labels["route"] == "/health")

        assert health_count() == 30
        assert not (metrics_dir / "left-from-last-run.db").exists()
        assert len({p.name.rsplit("_", 1)[-1] for p in metrics_dir.glob("*.db")}) == 2, "one file set per process"


def test_a_consumers_lag_rises_while_it_cannot_apply_and_falls_back_to_zero(settings, system, processes):
    relay_port, consumer_port = free_port(), free_port()
    with_ports = settings.model_copy(update={"relay_metrics_port": relay_port, "consumer_metrics_port": consumer_port})
    processes("relay", settings_override=with_ports)
    processes("consume", "--projection", "incoming_register", settings_override=with_ports)
    offsets = sql.Identifier(settings.projection_schema, "projection_offsets")

    def consumer_lag() -> float | None:
        text = scrape(consumer_port)
        if text is None:
            return None
        found = samples(text, "sotflow_consumer_lag_messages")
        return sum(v for labels, v in found if labels["projection"] == "incoming_register") if found else None

    def relay_figures() -> dict[str, float] | None:
        text = scrape(relay_port)
        if text is None:
            return None
        names = ("sotflow_relay_lag_events", "sotflow_relay_stored_head_position", "sotflow_relay_published_position")
        found = {n: v for n in names for labels, v in samples(text, n) if labels["context"] == "registry"}
        return found if len(found) == len(names) else None

    def applied() -> float:
        found = samples(scrape(consumer_port) or "", "sotflow_projection_events_applied_total")
        return sum(v for labels, v in found if labels["projection"] == "incoming_register")

    register_complaints(system.registry, 3)
    wait_for(lambda: consumer_lag() == 0 and applied() > 0, what="the consumer to catch up")
    applied_before = applied()

    # The consumer cannot move its offsets while another transaction holds their table:
    # the events pile up on Kafka, and its lag shows them.
    with psycopg.connect(settings.pg_conninfo) as conn:
        conn.execute(sql.SQL("lock table {} in exclusive mode").format(offsets))
        register_complaints(system.registry, 20)
        stored = wait_for(lambda: (f := relay_figures()) and f["sotflow_relay_lag_events"] == 0 and f, what="relay")
        assert stored["sotflow_relay_published_position"] == stored["sotflow_relay_stored_head_position"] > 0
        wait_for(lambda: (consumer_lag() or 0) >= 20, what="the consumer's lag to rise")
        assert applied() == applied_before
        conn.rollback()

    wait_for(lambda: consumer_lag() == 0, what="the consumer's lag to fall back to zero")
    assert applied() >= applied_before + 20
    relay_text = scrape(relay_port)
    blocked = samples(relay_text, "sotflow_relay_blocked")
    assert blocked and all(v == 0 for labels, v in blocked if labels["context"] == "registry")


def test_the_distributor_shows_the_cases_a_court_without_a_roster_keeps_waiting(settings, system, processes):
    port = free_port()
    processes("relay", settings_override=settings.model_copy(update={"relay_metrics_port": 0}))
    processes("distribute", settings_override=settings.model_copy(update={"distributor_metrics_port": port}))
    case_ids = register_complaints(system.registry, 2)  # the test court has no roster: both wait

    def waiting() -> dict[str, float]:
        return {labels["court"]: v for labels, v in samples(scrape(port) or "", "sotflow_distribution_waiting_cases")}

    assert wait_for(lambda: waiting().get(TEST_COURT) == 2 and waiting(), what="two waiting cases") == {TEST_COURT: 2}
    text = scrape(port)
    oldest = {labels["court"]: v for labels, v in samples(text, "sotflow_distribution_oldest_waiting_seconds")}
    assert oldest[TEST_COURT] >= 0
    assert not any(str(case_id) in text for case_id in case_ids)


def test_the_ledger_shows_its_unsigned_tail_and_the_age_of_its_checkpoint(audit_settings, audit_system, processes):
    port = free_port()
    processes("relay", settings_override=audit_settings.model_copy(update={"relay_metrics_port": 0}))
    processes(
        "audit", "ledger", settings_override=audit_settings.model_copy(update={"audit_ledger_metrics_port": port})
    )
    register_complaints(audit_system.registry, 3)  # 13 events (the journal's opening too); a checkpoint every 7

    def figures() -> dict[str, float] | None:
        text = scrape(port)
        if text is None:
            return None
        found = {
            name: v
            for name in ("sotflow_audit_unsigned_leaves", "sotflow_audit_checkpoint_age_seconds")
            for labels, v in samples(text, name)
            if labels["context"] == "registry"
        }
        return found if len(found) == 2 else None

    def stored() -> tuple[int, int]:
        with psycopg.connect(audit_settings.pg_conninfo) as conn:
            leaves = conn.execute(
                sql.SQL("select count(*) from {} where context = 'registry'").format(
                    sql.Identifier(audit_settings.db_schema, "audit_leaves")
                )
            ).fetchone()[0]
            signed = conn.execute(
                sql.SQL("select coalesce(max(tree_size), 0) from {} where context = 'registry'").format(
                    sql.Identifier(audit_settings.db_schema, "audit_checkpoints")
                )
            ).fetchone()[0]
        return leaves, signed

    def agree() -> bool:
        leaves, signed = stored()
        f = figures()
        return leaves >= 12 and signed > 0 and f is not None and f["sotflow_audit_unsigned_leaves"] == leaves - signed

    wait_for(agree, what="the unsigned tail to be the leaves past the latest checkpoint")
    leaves, signed = stored()
    assert signed >= 7
    assert 0 <= figures()["sotflow_audit_checkpoint_age_seconds"] < 3600
    interval = samples(scrape(port), "sotflow_audit_checkpoint_interval_seconds")
    assert [v for _, v in interval] == [3600.0]

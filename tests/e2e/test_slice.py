"""The walking skeleton end to end over HTTP, through separate API, relay and consumer processes."""

import httpx

from tests.support import complaint_payload, wait_for


def visible_in_register(running, complaint_id):
    response = httpx.get(f"{running['base']}/registers/incoming/{complaint_id}", headers=running["auditor"], timeout=5)
    return response.json() if response.status_code == 200 else None


def test_a_registered_complaint_reaches_the_register_through_the_log(running):
    payload = complaint_payload(7)
    response = httpx.post(f"{running['base']}/complaints", json=payload, headers=running["registrar"], timeout=10)
    assert response.status_code == 201, response.text
    complaint_id = response.json()["id"]

    entry = wait_for(lambda: visible_in_register(running, complaint_id), timeout=60, what="the register entry")

    assert entry["filer_name"] == "Filer 7"
    assert entry["lower_court_case_ref"] == "1-7/2025"
    assert entry["contested_court"] == "Almaty City Court"
    assert entry["registered_by_role"] == "registrar"
    assert entry["log_position"] < response.json()["log_position"]["position"]  # registered, then numbered
    assert entry["registration_number"] == response.json()["registration_number"]
    page = httpx.get(f"{running['base']}/registers/incoming", headers=running["auditor"], timeout=5).json()
    assert [e["item_id"] for e in page["items"]] == [complaint_id]


def test_the_api_logs_json_lines_with_a_request_id(running):
    response = httpx.post(
        f"{running['base']}/complaints",
        json=complaint_payload(),
        headers=running["registrar"] | {"X-Request-ID": "req-e2e-42"},
        timeout=10,
    )
    assert response.headers["x-request-id"] == "req-e2e-42"
    wait_for(lambda: '"request_id": "req-e2e-42"' in running["api"].output(), what="the request's log line")


def test_parallel_requests_get_unique_gapless_registration_numbers(running):
    from concurrent.futures import ThreadPoolExecutor

    def register(n):
        with httpx.Client(base_url=running["base"], headers=running["registrar"], timeout=30) as http:
            response = http.post("/complaints", json=complaint_payload(n))
            assert response.status_code == 201, response.text
            return response.json()["registration_number"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(register, range(40)))
    sequences = sorted(int(n.split("-CC-")[1].split("/")[0]) for n in numbers)
    assert sequences == list(range(1, 41))

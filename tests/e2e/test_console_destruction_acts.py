"""A destruction act in a real browser (the fixtures and the Console driver of test_console.py):
the archivist draws it up and sees it awaiting approval, the head finds it on the head's home,
approves it with a reason on the act's card, and both see it approved.

A file is destructible only once its retention term has ended, years after it was taken in, so
the API and console here are served from this test's process, whose clock the test moves on
(a `sotflow serve` process reads the machine's); the relay and the consumers run as processes."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
import uvicorn
from selenium.webdriver.common.by import By

from api.main import create_app
from contexts.clock import SetClock
from domain.actor import Role
from tests.e2e.test_console import Console, browser  # noqa: F401  # the browser fixture
from tests.e2e.test_console_homes import _ok, _stage
from tests.support import auth, complaint_payload, court_today, free_port, wait_for


@pytest.fixture
def served(settings, system, processes) -> Iterator[str]:
    """The API and console of `system` served by uvicorn in this process, with the relay and consumers."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(system=system), host="127.0.0.1", port=free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, name="e2e-api", daemon=True)
    thread.start()
    processes("relay")
    processes("consume")
    wait_for(lambda: server.started, timeout=60, what="the API in this process")
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=30)


def _act_row(console: Console, act_number: str):
    rows = console.driver.find_elements(By.CSS_SELECTOR, "#acts tr[data-act]")
    return next((r for r in rows if act_number in r.text), None)


def test_the_head_approves_a_destruction_act_in_the_console(served, system, browser):  # noqa: F811
    registrar = system.users.add("e2e registrar", Role.REGISTRAR)[1]
    head = system.users.add("e2e head", Role.HEAD)[1]
    archivist = system.users.add(f"e2e archivist {uuid.uuid4().hex[:4]}", Role.ARCHIVIST)[1]
    with httpx.Client(base_url=served, timeout=30) as client:  # a returned complaint's file, taken in today
        case_id = _ok(client.post("/complaints", json=complaint_payload(51), headers=auth(registrar)), 201)["id"]
        _ok(client.post(f"/cases/{case_id}/return", json={"reason": "Not signed"}, headers=auth(head)), 201)
        handover = {"case_id": case_id, "nomenclature_index": "02-14", "volumes": 1, "pages": 40,
                    "handed_over_by": "Secretary Omarova A."}  # fmt: skip
        number = _ok(client.post("/archive/files", json=handover, headers=auth(archivist)), 201)["number"]
    system.use_clock(SetClock(datetime(court_today().year + 6, 3, 2, 6, 0, tzinfo=UTC)))  # its 5 years are over
    act_number = f"DA-{uuid.uuid4().hex[:4]}"

    # The archivist draws the act up from the files due for review; the archive page lists it awaiting approval.
    console = Console(browser, served)
    console.sign_in(archivist)
    wait_for(lambda: console.open("/console/archive") or browser.find_elements(By.ID, f"f-file-{case_id}"),
             timeout=60, what="the file among those due for review")  # fmt: skip
    console.fill(**{"destruction-acts-act_number": act_number, "destruction-acts-reason": "Retention term ended"})
    browser.find_element(By.ID, f"f-file-{case_id}").click()
    console.click("#destruction-acts-submit")
    assert act_number in browser.find_element(By.CSS_SELECTOR, "[data-testid=done]").text
    row = _act_row(console, act_number)
    assert row is not None and row.get_attribute("data-status") == "drawn_up" and number in row.text
    console.sign_out()

    # The head finds it on the head's home, opens its card and approves it with a reason.
    console.sign_in(head)
    assert console.path == "/console/head"
    link = browser.find_element(By.LINK_TEXT, act_number)
    assert link.find_element(By.XPATH, "ancestor::section").get_attribute("aria-labelledby") == "h-acts"
    console.click(f"#acts a[href$='{link.get_attribute('href').rsplit('/', 1)[1]}']")
    assert _stage(console) == "drawn_up"
    assert browser.find_element(By.CSS_SELECTOR, f"#listed tr[data-file='{case_id}']").text.endswith(number)
    console.click("#approval-submit")  # no reason: refused beside the field, nothing approved
    assert console.error_beside("approval-reason") and _stage(console) == "drawn_up"
    console.fill(**{"approval-reason": "Checked against the files"})
    console.click("#approval-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert _stage(console) == "approved"
    assert "Checked against the files" in browser.find_element(By.CSS_SELECTOR, "[data-testid=approval]").text
    assert not browser.find_elements(By.ID, "form-approval")
    console.shot("archive-act")
    console.open("/console/head")
    assert not browser.find_elements(By.LINK_TEXT, act_number)  # no longer awaiting approval
    console.sign_out()

    # The archivist sees it approved, and the file destroyed by it.
    console.sign_in(archivist)
    wait_for(lambda: console.open(f"/console/archive/files/{case_id}") or _stage(console) == "destroyed", timeout=60,
             what="the file destroyed")  # fmt: skip
    console.open("/console/archive")
    assert _act_row(console, act_number).get_attribute("data-status") == "approved"

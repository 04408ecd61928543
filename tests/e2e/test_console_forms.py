"""The console's remaining forms in a real browser (the fixtures and the Console driver of
test_console.py): a hearing postponed and the complaint withdrawn on the case card, the head's
distribution settings, a personal reception scheduled, prepared and held by its chair. Each
checks what the page shows after the form, and the register or the record behind it."""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta

import httpx
from selenium.webdriver.common.by import By

from domain.actor import Role
from domain.court_time import COURT_ZONE
from tests.e2e.test_console import Console, _case_rows, _panel, _stage, browser  # noqa: F401  # the browser fixture
from tests.support import TEST_COURT, auth, complaint_payload, court_today, enrol, judge_token, settings_body, wait_for


def _local(moment: datetime) -> str:
    return moment.astimezone(COURT_ZONE).strftime("%Y-%m-%dT%H:%M")


def _ok(response: httpx.Response, code: int = 200) -> dict:
    assert response.status_code == code, response.text
    return response.json()


def _distributed_case(running, system, processes, head: str, n: int) -> tuple[str, list[str]]:
    """A complaint registered and distributed to a panel of the test court's roster (through the API)."""
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        enrol(client, head, judges=6)
        _ok(client.post(f"/courts/{TEST_COURT}/distribution-settings", json=settings_body(), headers=auth(head)), 201)
        case_id = _ok(client.post("/complaints", json=complaint_payload(n), headers=running["registrar"]), 201)["id"]
    processes("distribute", settings_override=running["settings"])
    return case_id, wait_for(lambda: _panel(system, case_id), timeout=60, what="the case's distribution")


def _hearing_row(console: Console, case_id: str) -> str | None:
    console.open(f"/console/registers/hearings?from={court_today().isoformat()}&days=30")
    rows = console.driver.find_elements(By.CSS_SELECTOR, f"#register-table tbody tr[data-case='{case_id}']")
    return rows[0].text if rows else None


def _card_at(console: Console, case_id: str, stage: str) -> bool:
    console.open(f"/console/cases/{case_id}")
    return _stage(console) == stage


def test_a_registrar_postpones_a_hearing_and_records_the_withdrawal(running, system, browser, processes):  # noqa: F811
    head = system.users.add("e2e head", Role.HEAD)[1]
    case_id, panel = _distributed_case(running, system, processes, head, 31)
    now = datetime.now(COURT_ZONE)
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        judge = auth(judge_token(system, panel[0]))
        _ok(client.post(f"/cases/{case_id}/acceptance", json={"reason": "Admissible (УПК 489)"}, headers=judge), 201)
        registrar = running["registrar"]
        receipt = {"received_at": now.isoformat()}
        _ok(client.post(f"/cases/{case_id}/case-file-receipts", json=receipt, headers=registrar))
        hearing = {"hearing_id": "h-31", "scheduled_for": (now + timedelta(days=3)).isoformat(), "room": "Hall 5"}
        _ok(client.post(f"/cases/{case_id}/hearings", json=hearing, headers=registrar))

    console = Console(browser, running["base"])
    console.sign_in(registrar["Authorization"].removeprefix("Bearer "))
    wait_for(lambda: _card_at(console, case_id, "hearing_scheduled"), timeout=60, what="the hearing on the card")

    # The postponement: a reason is required (beside its field), then the card and the calendar show it.
    console.fill(**{"postponement-reason": ""})
    console.click("#postponement-submit")
    assert console.error_beside("postponement-reason")
    assert _stage(console) == "hearing_scheduled"  # nothing recorded
    reason = "The defender is ill (medical certificate)"
    console.fill(**{"postponement-reason": reason})
    console.click("#postponement-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert _stage(console) == "hearing_postponed"
    hearings = browser.find_element(By.ID, "case-hearings").text
    assert "отложено" in hearings and reason in hearings  # the hearing's status, in the user's language
    assert not browser.find_elements(By.ID, "form-postponement")  # nothing scheduled left to postpone
    console.shot("case-postponed")
    row = wait_for(lambda: _hearing_row(console, case_id), timeout=60, what="the hearing in the calendar")
    assert "отложено" in row and "Hall 5" in row

    # The complaint withdrawn before the hearing: the case is closed and the register says so.
    console.open(f"/console/cases/{case_id}")
    console.fill(**{"withdrawal-reason": "The convict withdrew the complaint in writing"})
    console.click("#withdrawal-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert _stage(console) == "withdrawn"
    assert not browser.find_elements(By.CSS_SELECTOR, "section.step")  # nothing left to do
    query = f"/console/registers/cases?court={TEST_COURT}&stage=withdrawn"
    wait_for(lambda: case_id in _case_rows(console, query), timeout=60, what="the case among the withdrawn")


def test_the_head_adopts_new_distribution_settings_from_the_last_ones(running, system, browser, processes):  # noqa: F811
    head = system.users.add("e2e head", Role.HEAD)[1]
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        enrol(client, head, judges=4)
        _ok(client.post(f"/courts/{TEST_COURT}/distribution-settings", json=settings_body(), headers=auth(head)), 201)

    console = Console(browser, running["base"])
    console.sign_in(head)
    field = lambda name: browser.find_element(By.ID, f"f-settings-{name}").get_attribute("value")  # noqa: E731
    # The form starts from the settings in force, as the next version.
    assert field("version") == "2" and field("min_pool_size") == "5" and field("source") == "test settings"

    tomorrow = (court_today() + timedelta(days=1)).isoformat()
    console.fill(**{"settings-effective_from": tomorrow, "settings-min_pool_size": "0",
                    "settings-source": "Order No. 9 of the head of the court"})  # fmt: skip
    console.click("#settings-submit")
    assert console.error_beside("settings-min_pool_size")  # the API's bound, beside its field
    assert field("source") == "Order No. 9 of the head of the court"  # what was typed stays
    assert len(system.assignment.roster(TEST_COURT).settings) == 1  # nothing adopted

    console.fill(**{"settings-effective_from": tomorrow, "settings-min_pool_size": "3"})
    console.click("#settings-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    # The page shows the change: the form now starts from version 2, as version 3.
    assert field("version") == "3" and field("min_pool_size") == "3"
    assert field("source") == "Order No. 9 of the head of the court"
    adopted = system.assignment.roster(TEST_COURT).settings[-1]
    assert (adopted.version, adopted.min_pool_size, adopted.effective_from.isoformat()) == (2, 3, tomorrow)


def test_a_reception_is_scheduled_prepared_and_held_by_its_chair(running, system, browser):  # noqa: F811
    chair_account, chair = system.users.add(f"e2e chair {uuid.uuid4().hex[:4]}", Role.HEAD)
    consultant = system.users.add(f"e2e consultant {uuid.uuid4().hex[:4]}", Role.CONSULTANT)[1]
    console = Console(browser, running["base"])
    console.sign_in(consultant)
    assert console.path == "/console/consultant"

    applicant = f"A. Visitor {uuid.uuid4().hex[:4]}"
    soon = datetime.now(COURT_ZONE) + timedelta(minutes=3)
    console.fill(**{"receptions-receiver.user_id": chair_account.id, "receptions-receiver.post": "court_chair",
                    "receptions-scheduled_for": _local(soon), "receptions-place": "Room 101",
                    "receptions-applicant.name": applicant, "receptions-applicant.kind": "individual",
                    "receptions-subject": "The length of the cassation proceedings",
                    "receptions-sign_up": "in_person"})  # fmt: skip
    console.click("#receptions-submit")
    assert console.path.startswith("/console/receptions/"), console.text()
    assert _stage(console) == "scheduled"
    reception_id = console.path.rsplit("/", 1)[1]
    assert not browser.find_elements(By.ID, "form-held")  # only the chair holds it

    # The consultant prepares the reference material; the card shows it and its step.
    console.fill(**{"reference-material-summary": "Two earlier complaints, both answered in time"})
    console.click("#reference-material-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert "Two earlier complaints, both answered in time" in console.text()
    assert "Подготовлена справка" in browser.find_element(By.CSS_SELECTOR, "#history").text  # the step, labelled
    console.sign_out()

    # The chair holds it once its time has come (not before its day, never in the future):
    # scheduled in the last minutes of a court day, it waits for the next one to begin.
    while datetime.now(COURT_ZONE).date() < soon.date():
        time.sleep(1)
    console.sign_in(chair)
    console.open(f"/console/receptions/{reception_id}")
    console.fill(**{"held-held_at": _local(datetime.now(COURT_ZONE)), "held-requests": ""})
    console.click("#held-submit")
    assert console.error_beside("held-requests")
    assert _stage(console) == "scheduled"
    console.fill(**{"held-held_at": _local(datetime.now(COURT_ZONE)),
                    "held-requests": "Asks when the cassation complaint will be heard",
                    "held-instructions.0": "Answer in writing within 15 working days"})  # fmt: skip
    console.click("#held-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert _stage(console) == "held"
    assert "Проведён" in browser.find_element(By.CSS_SELECTOR, "[data-testid=stage]").text
    assert "Asks when the cassation complaint will be heard" in console.text()
    console.shot("reception-held")

    # The register of receptions shows it held.
    console.open("/console/consultant")
    row = browser.find_element(By.CSS_SELECTOR, f"#receptions tr[data-reception='{reception_id}']")
    assert applicant in row.text and "Проведён" in row.text

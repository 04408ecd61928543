"""The international officer's and the consultant's pages in a real browser (the fixtures and
the Console driver of test_console.py): a foreign request registered through the form and
moved through its steps, a refusal said in Russian, an application answered."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import httpx
from selenium.webdriver.common.by import By

from domain.actor import Role
from domain.court_time import COURT_ZONE
from tests.e2e.test_console import Console, browser  # noqa: F401  # the browser fixture
from tests.support import auth, wait_for


def _local(moment: datetime) -> str:
    return moment.astimezone(COURT_ZONE).strftime("%Y-%m-%dT%H:%M")


def _stage(console: Console) -> str:
    return console.driver.find_element(By.CSS_SELECTOR, "[data-testid=stage]").get_attribute("data-value")


def test_an_international_officer_registers_a_foreign_request_and_moves_it_on(running, system, browser):  # noqa: F811
    officer = system.users.add(f"e2e officer {uuid.uuid4().hex[:4]}", Role.INTERNATIONAL_OFFICER)[1]
    console = Console(browser, running["base"])
    console.sign_in(officer)
    assert console.path == "/console/international"

    # A form refused by the API's own model: the error beside its field, what was typed kept.
    authority = f"Amtsgericht {uuid.uuid4().hex[:6]}"
    console.fill(
        kind="incoming_letter_rogatory", treaty="hague_evidence_1970", action="taking_evidence", language="en",
        **{"requesting.state": "de", "requesting.authority": authority, "requested.state": "KZ",
           "requested.authority": "Supreme Court of Kazakhstan"},
        received_at=_local(datetime.now(COURT_ZONE) - timedelta(hours=2)),
    )  # fmt: skip
    console.click("#receive-submit")
    assert console.error_beside("requesting.state")  # ISO 3166 wants capitals
    assert browser.find_element(By.ID, "f-requesting.authority").get_attribute("value") == authority
    console.fill(**{"requesting.state": "DE"})
    console.click("#receive-submit")
    assert console.path.startswith("/console/international/requests/")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert _stage(console) == "received"

    # Registration, then a study the rules refuse (an English request under the Hague Evidence
    # Convention is studied only once translated): the refusal in Russian, nothing recorded.
    console.fill(**{"registration-registration_number": "МП-17/2026", "registration-reason": "Received by post"})
    console.click("#registration-submit")
    assert _stage(console) == "registered"
    assert "МП-17/2026" in browser.find_element(By.CSS_SELECTOR, "[data-testid=request-number]").text
    version = browser.find_element(By.CSS_SELECTOR, "[data-testid=version]").text
    console.fill(**{"study-findings": "The request is complete"})
    console.click("#study-submit")
    refusal = browser.find_element(By.CSS_SELECTOR, "#h-study ~ .alert").text
    assert "заверенного перевода" in refusal, refusal
    assert browser.find_element(By.ID, "f-study-findings").get_attribute("value") == "The request is complete"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=version]").text == version  # nothing recorded

    # The translation ordered and received, then the study goes through.
    console.fill(**{"translation-requests-into": "ru", "translation-requests-reason": "Hague Evidence 1970"})
    console.click("#translation-requests-submit")
    assert _stage(console) == "translation_requested"
    console.fill(**{"translations-language": "ru", "translations-certified": "true",
                    "translations-reason": "Certified translation received"})  # fmt: skip
    console.click("#translations-submit")
    assert _stage(console) == "translated"
    console.fill(**{"study-findings": "The request is complete"})
    console.click("#study-submit")
    assert _stage(console) == "studied"
    history = browser.find_element(By.ID, "history").text
    assert "Received by post" in history and "Certified translation received" in history

    # A form based on a stale version says so: someone else returned the request meanwhile.
    request_id = console.path.rsplit("/", 1)[1]
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        returned = client.post(
            f"/international/requests/{request_id}/return", json={"reason": "Not ours after all"}, headers=auth(officer)
        )
    assert returned.status_code == 200, returned.text
    console.fill(**{"refusal-ground": "Pre-trial discovery", "refusal-legal_basis": "Hague Evidence art. 23"})
    console.click("#refusal-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=stale]")
    assert browser.find_element(By.ID, "f-refusal-ground").get_attribute("value") == "Pre-trial discovery"

    # The register lists it with its stage.
    console.open("/console/international")
    row = browser.find_element(By.CSS_SELECTOR, f"#requests tr[data-request='{request_id}']")
    assert "МП-17/2026" in row.text
    console.shot("international")


def test_a_consultant_registers_and_answers_an_application(running, system, browser, processes):  # noqa: F811
    consultant_account, consultant = system.users.add(f"e2e consultant {uuid.uuid4().hex[:4]}", Role.CONSULTANT)
    head = system.users.add("e2e head", Role.HEAD)[1]
    console = Console(browser, running["base"])
    console.sign_in(consultant)
    assert console.path == "/console/consultant"

    applicant = f"A. Applicant {uuid.uuid4().hex[:4]}"
    console.fill(**{"applications-applicant.name": applicant, "applications-applicant.kind": "individual",
                    "applications-channel": "paper", "applications-subject": "information_request",
                    "applications-summary": "Asks when the hearing is",
                    "applications-received_at": _local(datetime.now(COURT_ZONE) - timedelta(hours=1))})  # fmt: skip
    console.click("#applications-submit")
    assert console.path.startswith("/console/applications/")
    assert _stage(console) == "registered"
    application_id = console.path.rsplit("/", 1)[1]
    # Its terms with the working days left (АППК 76: 15 working days to answer), once the deadline
    # starter has opened them from the registration's event.
    processes("start-deadlines", settings_override=running["settings"])
    left = wait_for(lambda: _answer_term(console, application_id), timeout=60, what="the application's answer term")
    assert 0 < left <= 15

    # The head assigns it and, once drafted, approves it (through the API).
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        assigned = client.post(
            f"/applications/{application_id}/assignment",
            json={"consultant": consultant_account.name, "reason": "Information requests unit"}, headers=auth(head),
        )  # fmt: skip
        assert assigned.status_code == 200, assigned.text
        console.open(f"/console/applications/{application_id}")
        console.fill(**{"drafts-document_ref": "dms://answers/17"})
        console.click("#drafts-submit")
        assert _stage(console) == "drafted"
        approved = client.post(
            f"/applications/{application_id}/approval", json={"reason": "Approved as drafted"}, headers=auth(head)
        )
        assert approved.status_code == 200, approved.text

    console.open(f"/console/applications/{application_id}")
    console.fill(
        **{"answer-sent_at": _local(datetime.now(COURT_ZONE) - timedelta(minutes=5)), "answer-channel": "paper"}
    )
    console.click("#answer-submit")
    assert _stage(console) == "answered"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=answered-at]").text
    assert not browser.find_elements(By.CSS_SELECTOR, "section.step")  # nothing left to do

    # Answered, its term is met: the register shows no term running for it any more.
    processes("start-deadlines", settings_override=running["settings"])
    wait_for(lambda: _no_term_running(console, application_id), timeout=60, what="the answer term met")
    row = browser.find_element(By.CSS_SELECTOR, f"#applications tr[data-application='{application_id}']")
    assert applicant in row.text
    console.shot("consultant")


def _answer_term(console: Console, application_id: str) -> int | None:
    console.open(f"/console/applications/{application_id}")
    cells = console.driver.find_elements(
        By.CSS_SELECTOR, "#terms tr[data-deadline='applications.answer'] [data-testid=days-left]"
    )
    return int(cells[0].text) if cells and cells[0].text else None


def _no_term_running(console: Console, application_id: str) -> bool:
    console.open("/console/consultant")
    row = console.driver.find_elements(By.CSS_SELECTOR, f"#applications tr[data-application='{application_id}']")
    return bool(row) and not row[0].find_elements(By.CSS_SELECTOR, "[data-testid=term]")

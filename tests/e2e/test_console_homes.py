"""The archivist's, the analyst's, the personnel officer's and the international projects' pages
in a real browser (the fixtures and the Console driver of test_console.py): each role lands on its
own page, a form refused beside its field with what was typed kept, then taken, and the card and
the register showing the result; the registers' navigation lists only what the role may read."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import httpx
from selenium.webdriver.common.by import By

from domain.actor import Role
from domain.court_time import COURT_ZONE
from tests.e2e.test_console import Console, browser  # noqa: F401  # the browser fixture
from tests.support import auth, complaint_payload, wait_for


def _local(moment: datetime) -> str:
    return moment.astimezone(COURT_ZONE).strftime("%Y-%m-%dT%H:%M")


def _today():
    return datetime.now(COURT_ZONE).date()


def _stage(console: Console) -> str:
    return console.driver.find_element(By.CSS_SELECTOR, "[data-testid=stage]").get_attribute("data-value")


def _ok(response: httpx.Response, code: int = 200) -> dict:
    assert response.status_code == code, response.text
    return response.json()


def _register_links(console: Console, name: str) -> list[str]:
    console.open(f"/console/registers/{name}")
    return [a.get_attribute("href") for a in console.driver.find_elements(By.CSS_SELECTOR, "#register-table a")]


def _listed(console: Console) -> set[str]:
    """The registers the navigation of a register page offers."""
    links = console.driver.find_elements(By.CSS_SELECTOR, "nav.registers a")
    return {a.get_attribute("href").rsplit("/", 1)[1] for a in links}


def test_an_archivist_takes_a_file_in_and_issues_it(running, system, browser):  # noqa: F811
    head = system.users.add("e2e head", Role.HEAD)[1]
    archivist = system.users.add(f"e2e archivist {uuid.uuid4().hex[:4]}", Role.ARCHIVIST)[1]
    with httpx.Client(base_url=running["base"], timeout=30) as client:  # a complaint returned: a disposed case
        case_id = _ok(client.post("/complaints", json=complaint_payload(41), headers=running["registrar"]), 201)["id"]
        returned = client.post(f"/cases/{case_id}/return", json={"reason": "Not signed"}, headers=auth(head))
        _ok(returned, 201)

    console = Console(browser, running["base"])
    console.sign_in(archivist)
    assert console.path == "/console/archive"

    # The handover refused by the API's bound beside its field; what was typed stays.
    console.fill(**{"files-case_id": case_id, "files-nomenclature_index": "02-14", "files-volumes": "0",
                    "files-pages": "57", "files-handed_over_by": "Secretary Omarova A."})  # fmt: skip
    console.click("#files-submit")
    assert console.error_beside("files-volumes")
    assert browser.find_element(By.ID, "f-files-handed_over_by").get_attribute("value") == "Secretary Omarova A."
    console.shot("archive-form-error")
    console.fill(**{"files-volumes": "1"})
    console.click("#files-submit")
    assert console.path == f"/console/archive/files/{case_id}"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert _stage(console) == "archived"
    number = browser.find_element(By.CSS_SELECTOR, "[data-testid=archive-number]").text
    assert number.startswith("cassation-criminal-A-")
    assert not browser.find_elements(By.ID, "form-return")  # nothing issued to take back

    # Issued to a judge: the card says to whom and until when; the archive page lists it.
    console.fill(**{"issues-recipient_kind": "judge", "issues-recipient": "Judge Seitkali N.",
                    "issues-request_ref": "memo 12", "issues-reason": "Study of the case"})  # fmt: skip
    console.click("#issues-submit")
    assert _stage(console) == "issued"
    assert "Judge Seitkali N." in browser.find_element(By.CSS_SELECTOR, "[data-testid=issued-to]").text
    assert browser.find_element(By.ID, "form-return") and not browser.find_elements(By.ID, "form-issues")
    console.shot("archive-file")
    console.open("/console/archive")
    row = browser.find_element(By.CSS_SELECTOR, f"#issued tr[data-file='{case_id}']")
    assert number in row.text and "memo 12" in row.text
    console.shot("archive")

    # The generic register: the row links to the file's own card, not to a case card.
    assert _register_links(console, "archive-issued") == [f"{running['base']}/console/archive/files/{case_id}"]
    assert {"archive", "archive-issued", "archive-review", "staff", "information-requests"} <= _listed(console)
    assert not {"projects", "absent-staff-items"} & _listed(console)  # not the archivist's to read
    console.open("/console/registers/projects")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=message]")


def test_an_analyst_registers_a_request_and_drafts_its_answer(running, system, browser):  # noqa: F811
    head = system.users.add("e2e head", Role.HEAD)[1]
    analyst_account, analyst = system.users.add(f"e2e analyst {uuid.uuid4().hex[:4]}", Role.ANALYST)
    console = Console(browser, running["base"])
    console.sign_in(analyst)
    assert console.path == "/console/inforequests"

    # Received tomorrow: refused beside its field; what was typed stays.
    requester = f"Ministry of Justice {uuid.uuid4().hex[:4]}"
    console.fill(**{"requests-requester.name": requester, "requests-requester.kind": "state_body",
                    "requests-subject": "statistics", "requests-channel": "esedo",
                    "requests-summary": "Cassation statistics for 2025",
                    "requests-received_at": _local(datetime.now(COURT_ZONE) + timedelta(days=1))})  # fmt: skip
    console.click("#requests-submit")
    assert console.error_beside("requests-received_at")
    assert browser.find_element(By.ID, "f-requests-requester.name").get_attribute("value") == requester
    console.fill(**{"requests-received_at": _local(datetime.now(COURT_ZONE) - timedelta(hours=1))})
    console.click("#requests-submit")
    assert console.path.startswith("/console/information-requests/")
    assert _stage(console) == "registered"
    assert not browser.find_elements(By.ID, "form-assignment")  # the head assigns
    request_id = console.path.rsplit("/", 1)[1]

    with httpx.Client(base_url=running["base"], timeout=30) as client:
        _ok(client.post(f"/information-requests/{request_id}/assignment",
                        json={"assignee": analyst_account.id, "reason": "Statistics"}, headers=auth(head)))  # fmt: skip
    wait_for(lambda: _card_at(console, f"/console/information-requests/{request_id}", "assigned"), timeout=60,
             what="the assignment on the card")  # fmt: skip
    console.fill(**{"draft-document_ref": "dms://answers/2026/77"})
    console.click("#draft-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert _stage(console) == "drafted"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=document-ref]").text == "dms://answers/2026/77"
    assert browser.find_element(By.ID, "form-sign-off")  # the next step the lifecycle takes
    console.shot("inforequest")

    console.open("/console/inforequests")
    row = browser.find_element(By.CSS_SELECTOR, f"#mine tr[data-request='{request_id}']")
    assert requester in row.text and row.find_element(By.CSS_SELECTOR, "[data-stage]").get_attribute(
        "data-stage") == "drafted"  # fmt: skip
    console.shot("inforequests")
    assert _register_links(console, "information-requests") == [
        f"{running['base']}/console/information-requests/{request_id}"
    ]


def _card_at(console: Console, path: str, stage: str) -> bool:
    console.open(path)
    return _stage(console) == stage


def test_a_personnel_officer_appoints_and_grants_leave(running, system, browser):  # noqa: F811
    officer = system.users.add(f"e2e personnel {uuid.uuid4().hex[:4]}", Role.PERSONNEL_OFFICER)[1]
    colleague = system.users.add(f"e2e consultant {uuid.uuid4().hex[:4]}", Role.CONSULTANT)[0]
    console = Console(browser, running["base"])
    console.sign_in(officer)
    assert console.path == "/console/personnel"
    assert not browser.find_elements(By.ID, "items")  # the absent staff's open items are the head's

    # No order named: refused beside its field; what was typed stays.
    name = f"Omarova Aigerim {uuid.uuid4().hex[:4]}"
    console.fill(**{"staff-user_id": colleague.id, "staff-full_name": name, "staff-post.title": "Consultant",
                    "staff-post.unit": "Secretariat", "staff-post.category": "officer",
                    "staff-appointed_on": (_today() - timedelta(days=30)).isoformat()})  # fmt: skip
    console.click("#staff-submit")
    assert console.error_beside("staff-decision_ref")
    assert browser.find_element(By.ID, "f-staff-full_name").get_attribute("value") == name
    console.shot("personnel-form-error")
    console.fill(**{"staff-decision_ref": "Order No. 12-k"})
    console.click("#staff-submit")
    assert console.path.startswith("/console/personnel/staff/")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert name in browser.find_element(By.CSS_SELECTOR, "[data-testid=full-name]").text
    staff_id = console.path.rsplit("/", 1)[1]

    # Leave from today: the card lists it, the page shows the colleague away today.
    console.fill(**{"leave-kind": "annual", "leave-starts_on": _today().isoformat(),
                    "leave-ends_on": (_today() + timedelta(days=13)).isoformat(),
                    "leave-decision_ref": "Order No. 13-o", "leave-reason": "By the schedule"})  # fmt: skip
    console.click("#leave-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert "Order No. 13-o" in browser.find_element(By.ID, "absences").text
    assert browser.find_element(By.ID, "form-cancellations")  # now there is an absence to cancel
    console.shot("staff-member")
    console.open("/console/personnel")
    assert name in browser.find_element(By.ID, "away").text
    assert name in browser.find_element(By.CSS_SELECTOR, f"#staff tr[data-staff='{staff_id}']").text
    console.shot("personnel")
    assert f"{running['base']}/console/personnel/staff/{staff_id}" in _register_links(console, "absences")
    assert "absent-staff-items" not in _listed(console)  # the head's register
    console.shot("register-absences")


def test_an_international_officer_registers_a_project_and_plans_a_milestone(running, system, browser):  # noqa: F811
    officer = system.users.add(f"e2e officer {uuid.uuid4().hex[:4]}", Role.INTERNATIONAL_OFFICER)[1]
    console = Console(browser, running["base"])
    console.sign_in(officer)
    assert console.path == "/console/international"
    console.click("header nav a[href='/console/international/projects']")
    assert console.path == "/console/international/projects"

    # A title too short: refused beside its field; what was typed stays.
    partner = f"UNDP {uuid.uuid4().hex[:4]}"
    console.fill(**{"projects-title": "AB", "projects-partner": partner, "projects-decision_ref": "Decision No. 7",
                    "projects-starts_on": _today().isoformat(),
                    "projects-ends_on": (_today() + timedelta(days=365)).isoformat()})  # fmt: skip
    console.click("#projects-submit")
    assert console.error_beside("projects-title")
    assert browser.find_element(By.ID, "f-projects-partner").get_attribute("value") == partner
    console.fill(**{"projects-title": "Court e-services for citizens"})
    console.click("#projects-submit")
    assert console.path.startswith("/console/international/projects/"), console.text()
    assert _stage(console) == "active"
    project_id = console.path.rsplit("/", 1)[1]
    assert not browser.find_elements(By.ID, "form-reached")  # no milestone yet

    console.fill(**{"milestones-title": "Needs assessment",
                    "milestones-due_on": (_today() + timedelta(days=60)).isoformat()})  # fmt: skip
    console.click("#milestones-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert "Needs assessment" in browser.find_element(By.ID, "milestones").text
    assert browser.find_element(By.ID, "form-reached")
    console.shot("project")

    console.open("/console/international/projects")
    row = browser.find_element(By.CSS_SELECTOR, f"#projects tr[data-project='{project_id}']")
    assert "Court e-services for citizens" in row.text and partner in row.text
    console.shot("projects")
    assert _register_links(console, "projects") == [f"{running['base']}/console/international/projects/{project_id}"]

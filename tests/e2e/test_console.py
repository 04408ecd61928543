"""The staff console in a real browser: headless Chromium (Debian's package) driven by Selenium
through Debian's chromedriver, against the API, relay and consumers running as processes.

Set SOTFLOW_CONSOLE_SCREENSHOTS to a folder to keep PNGs of the pages (docs/console/ has them)."""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from domain.actor import Role
from domain.court_time import COURT_ZONE
from tests.support import TEST_COURT, auth, complaint_payload, court_today, enrol, judge_token, settings_body, wait_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = os.environ.get("SOTFLOW_CONSOLE_SCREENSHOTS")


@pytest.fixture
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Chromium and chromedriver are missing: run `bash ops/browser.sh` (make test does)")
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


class Console:
    """The browser on the console of one running deployment."""

    def __init__(self, driver, base: str) -> None:
        self.driver, self.base = driver, base

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def sign_in(self, token: str) -> None:
        self.open("/console/sign-in")
        self.driver.find_element(By.ID, "token").send_keys(token)
        self.click("#sign-in")

    def sign_out(self) -> None:
        self.click("#sign-out")

    def click(self, selector: str) -> None:
        """Click what submits a form or follows a link, and wait for the next page."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.CSS_SELECTOR, selector).click()
        WebDriverWait(self.driver, 30).until(lambda _: _gone(page))
        WebDriverWait(self.driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")

    @property
    def path(self) -> str:
        return self.driver.current_url.removeprefix(self.base).split("?")[0]

    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def fill(self, **fields: str) -> None:
        for name, value in fields.items():
            element = self.driver.find_element(By.ID, f"f-{name.replace('__', '.')}")
            if element.tag_name == "select":
                Select(element).select_by_value(value)
            elif element.get_attribute("type") in ("date", "datetime-local"):
                # What a user types into a date field depends on the locale; set the value as the form sends it.
                self.driver.execute_script("arguments[0].value = arguments[1]", element, value)
            else:
                element.clear()
                element.send_keys(value)

    def error_beside(self, field: str) -> str:
        box = self.driver.find_element(By.ID, f"f-{field}").find_element(By.XPATH, "..")
        return " ".join(e.text for e in box.find_elements(By.CLASS_NAME, "error"))

    def shot(self, name: str) -> None:
        """The whole page, as tall as it is, at the width it is used at."""
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(1280, max(1000, min(height + 140, 4000)))
            self.driver.save_screenshot(str(Path(SHOTS) / f"{name}.png"))
            self.driver.set_window_size(1280, 1000)


def _gone(element) -> bool:
    """The page the element was on has been replaced (chromedriver says so in more than one way)."""
    try:
        element.is_enabled()
    except WebDriverException:
        return True
    return False


def _complaint_form(console: Console, filer: str) -> None:
    received = (datetime.now(COURT_ZONE) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    console.fill(
        kind="cassation_complaint", received_at=received, channel="paper", filer__name=filer,
        filer__procedural_role="defender", lower_court_case_ref="1-77/2026",
        contested_act__court="Almaty City Court", contested_act__kind="verdict",
        contested_act__act_date=(court_today() - timedelta(days=20)).isoformat(),
    )  # fmt: skip


def _register_rows(console: Console, filer: str) -> int:
    console.open("/console/registers/incoming?reverse=true")
    return sum(filer in row.text for row in console.driver.find_elements(By.CSS_SELECTOR, "#register-table tbody tr"))


def test_a_registrar_registers_through_the_form_once_sees_it_and_signs_out(running, browser):
    console = Console(browser, running["base"])
    console.open("/console/registrar")
    assert console.path == "/console/sign-in"  # no session: the sign-in page
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-testid=message]")  # nothing ended: none began
    console.shot("sign-in")
    console.sign_in(running["registrar"]["Authorization"].removeprefix("Bearer "))
    assert console.path == "/console/registrar"
    assert "e2e registrar" in browser.find_element(By.CSS_SELECTOR, "[data-testid=who]").text

    # A validation error beside its field; what was typed stays.
    filer = f"Filer {uuid.uuid4().hex[:6]}"
    _complaint_form(console, filer)
    console.fill(contested_act__act_date="2999-01-01", lower_court_case_ref="")
    console.click("#register-submit")
    assert console.error_beside("lower_court_case_ref") == "Обязательное поле."  # in the user's language
    assert "2099-12-31" in console.error_beside("contested_act.act_date")  # a rule's own words, beside its field
    assert browser.find_element(By.ID, "f-filer.name").get_attribute("value") == filer
    console.shot("registrar-form-error")

    # A double click posts the same form twice: one registration.
    act_date = (court_today() - timedelta(days=20)).isoformat()
    console.fill(lower_court_case_ref="1-77/2026", contested_act__act_date=act_date)
    statuses = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        const form = document.getElementById('register-form');
        const send = () => fetch(form.action, {method: 'POST', body: new FormData(form)}).then(r => r.status);
        Promise.all([send(), send()]).then(done);"""
    )
    assert statuses == [200, 200]
    # Without the session's CSRF token a POST is refused and records nothing.
    forged = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        const data = new FormData(document.getElementById('register-form'));
        data.delete('csrf'); data.set('idempotency_key', 'another-key');
        fetch('/console/incoming-items', {method: 'POST', body: data}).then(r => done(r.status));"""
    )
    assert forged == 403
    console.click("#register-submit")  # and the button once more: the same key
    number = browser.find_element(By.CSS_SELECTOR, "[data-testid=registration-number]").text
    assert number
    # The page already shows it among today's items (the form waited for the read side).
    assert filer in browser.find_element(By.ID, "register-table").text
    console.shot("registrar")
    assert _register_rows(console, filer) == 1
    assert number in console.text()
    console.shot("incoming-register")

    # Language per user: Kazakh labels, then back to Russian.
    Select(browser.find_element(By.ID, "lang")).select_by_value("kk")
    console.click("form.inline button")
    assert "Кіріс журналы" in console.text()

    console.sign_out()
    assert console.path == "/console/sign-in"
    console.open("/console/registrar")
    assert console.path == "/console/sign-in"
    assert not browser.get_cookie("sotflow_console")  # the session cookie is gone from the browser


def test_a_judge_and_a_registrar_take_a_case_from_acceptance_to_publication(running, system, browser, processes):
    settings = running["settings"]
    head = system.users.add("e2e head", Role.HEAD)[1]
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        enrol(client, head, judges=6)
        adopted = client.post(f"/courts/{TEST_COURT}/distribution-settings", json=settings_body(), headers=auth(head))
        assert adopted.status_code == 201, adopted.text
        registered = client.post("/complaints", json=complaint_payload(5), headers=running["registrar"])
        assert registered.status_code == 201, registered.text
    case_id = registered.json()["id"]
    processes("distribute", settings_override=settings)
    processes("start-deadlines", settings_override=settings)
    panel = wait_for(lambda: _panel(system, case_id), timeout=60, what="the case's distribution")
    judge = judge_token(system, panel[0])
    registrar = running["registrar"]["Authorization"].removeprefix("Bearer ")

    console = Console(browser, running["base"])
    # A member of the panel recuses themself; the seat is redrawn, the rapporteur stays.
    console.sign_in(judge_token(system, panel[1]))
    wait_for(lambda: _offers_self_recusal(console, case_id), timeout=30, what="the case page of a panel member")
    console.fill(**{"self-recusal-reason": "no"})
    console.click("#self-recusal-submit")
    assert console.error_beside("self-recusal-reason")
    console.fill(**{"self-recusal-reason": "My brother sat on the trial court (УПК 87)"})
    console.click("#self-recusal-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert panel[1] in browser.find_element(By.ID, "case-reassignments").text  # the card shows the redraw
    assert not browser.find_elements(By.ID, "form-self-recusal")  # no longer on the panel
    redrawn = _panel(system, case_id)
    assert redrawn[0] == panel[0] and panel[1] not in redrawn
    panel = redrawn
    console.sign_out()

    console.sign_in(judge)
    assert console.path == "/console/judge"
    wait_for(lambda: _shows_case(console, case_id), timeout=30, what="the case among the judge's cases")
    console.shot("judge")

    console.click(f"tr[data-case='{case_id}'] a")
    console.fill(reason="")
    console.click("#accept-submit")
    assert console.error_beside("reason")  # refused by the API's own model, beside the field
    console.fill(reason="The complaint is admissible (УПК 489)")
    console.click("#accept-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert _stage(console) == "accepted"
    assert not browser.find_elements(By.ID, "form-acceptance")  # the step is taken: its form is gone
    # The card made readable: the findings clause by clause, the draw's protocol, the deadlines.
    findings = browser.find_elements(By.CSS_SELECTOR, "#case-findings tbody tr")
    assert findings and all("УПК" in row.text or "УК" in row.text for row in findings)
    pool = browser.find_element(By.ID, "protocol-pool").text
    assert all(judge_id in pool for judge_id in panel)
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=settings-version]").text == "1"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=seed]").text
    assert browser.find_element(By.ID, "case-deadlines")
    console.shot("case-accepted")

    # Someone else's step moves the case on; the judge's form, based on the old version, says so.
    version = browser.find_element(By.CSS_SELECTOR, "[data-testid=version]").text
    system.proceedings.request_case_file(uuid.UUID(case_id), from_court=None, actor=_registrar_actor())
    console.fill(from_court="Almaty City Court")
    assert _form_version(console, "case-file-requests") == version
    console.click("#case-file-requests-submit")
    stale = browser.find_element(By.CSS_SELECTOR, "[data-testid=stale]").text
    assert version in stale
    assert browser.find_element(By.ID, "f-from_court").get_attribute("value") == "Almaty City Court"
    # The page now shows the case as it is: the form is based on its current version.
    current = browser.find_element(By.CSS_SELECTOR, "[data-testid=version]").text
    assert int(current) == int(version) + 1
    assert _form_version(console, "case-file-requests") == current
    console.shot("case-stale-form")
    assert not browser.find_elements(By.ID, "form-ruling")  # not heard yet: no ruling form
    console.sign_out()

    # The registrar: the case file arrives, a hearing is scheduled and held by the assigned panel.
    now = datetime.now(COURT_ZONE)
    local = lambda moment: moment.strftime("%Y-%m-%dT%H:%M")  # noqa: E731
    console.sign_in(registrar)
    console.open(f"/console/cases/{case_id}")
    assert not browser.find_elements(By.ID, "form-ruling")  # a registrar enters no ruling
    console.fill(received_at=local(now - timedelta(hours=2)))
    console.click("#case-file-receipts-submit")
    assert _stage(console) == "case_file_received"
    console.fill(scheduled_for=local(now - timedelta(minutes=50)), room="Hall 3", public="true")
    console.click("#hearings-submit")
    assert _stage(console) == "hearing_scheduled"
    assert "Hall 3" in browser.find_element(By.ID, "case-hearings").text
    prefilled = [
        e.get_attribute("value") for e in browser.find_elements(By.CSS_SELECTOR, "#form-held [name^='panel.']")
    ]
    assert sorted(prefilled) == sorted(panel)  # the assigned panel, as the form starts
    console.fill(held_at=local(now - timedelta(minutes=20)))
    console.shot("case-hearing-held-form")
    console.click("#held-submit")
    assert _stage(console) == "heard"
    console.sign_out()

    # The judge: the ruling and the act.
    console.sign_in(judge)
    console.open(f"/console/cases/{case_id}")
    console.fill(
        **{"outcomes.0.defendant": "A. Defendant", "outcomes.0.outcome": "left_unchanged",
           "outcomes.0.legal_basis": "УПК 494(1)(1)"}
    )  # fmt: skip
    console.click("#ruling-submit")
    assert _stage(console) == "ruled"
    assert "A. Defendant" in browser.find_element(By.ID, "case-ruling").text
    act_text = "Жалобу осуждённого Defendant A. оставить без удовлетворения."
    console.fill(document_ref="dms://acts/e2e-1", document_sha256="ab" * 32, publishable="true", text=act_text)
    console.click("#judicial-act-submit")
    assert _stage(console) == "act_entered"
    console.sign_out()

    # The registrar records the publication.
    console.sign_in(registrar)
    console.open(f"/console/cases/{case_id}")
    console.fill(portal_ref="https://office.sud.kz/acts/e2e-1", redacted="true")
    console.click("#publication-submit")
    assert _stage(console) == "published"
    assert not browser.find_elements(By.CSS_SELECTOR, "section.step")  # nothing left to do
    # The act's text as the judge typed it for the staff; the public reads it without the defendant's name.
    staff_act = wait_for(
        lambda: (r := httpx.get(f"{running['base']}/registers/acts/{case_id}", headers=running["registrar"]))
        .is_success and r.json()["public_text"] and r.json(),
        timeout=60, what="the published act in the public register",
    )  # fmt: skip
    assert staff_act["text"] == act_text and "Defendant" not in staff_act["public_text"], staff_act
    console.open(f"/console/cases/{case_id}")
    assert browser.find_element(By.ID, "case-act-text").text == act_text
    # Every deadline of the case, with its clause and state (the starter opens and meets them).
    rows = wait_for(lambda: _deadline_rows(console, case_id), timeout=60, what="the case's deadlines on its card")
    assert all(row[0] for row in rows)  # each with its clause
    console.shot("case-published")


def _deadline_rows(console: Console, case_id: str) -> list[list[str]]:
    console.open(f"/console/cases/{case_id}")
    rows = console.driver.find_elements(By.CSS_SELECTOR, "#case-deadlines tbody tr[data-deadline]")
    return [[td.text for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]


def _offers_self_recusal(console: Console, case_id: str) -> bool:
    console.open(f"/console/cases/{case_id}")
    return bool(console.driver.find_elements(By.ID, "form-self-recusal"))


def _stage(console: Console) -> str:
    return console.driver.find_element(By.CSS_SELECTOR, "[data-testid=stage]").get_attribute("data-value")


def _form_version(console: Console, step: str) -> str:
    return console.driver.find_element(By.CSS_SELECTOR, f"#form-{step} input[name=version]").get_attribute("value")


def test_the_head_sees_the_waiting_list_and_enrols_a_judge(running, system, browser, processes):
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        complaint = complaint_payload(7) | {"received_at": (datetime.now(UTC) - timedelta(seconds=5)).isoformat()}
        registered = client.post("/complaints", json=complaint, headers=running["registrar"])
    assert registered.status_code == 201, registered.text
    case_id = registered.json()["id"]
    processes("distribute", settings_override=running["settings"])  # finds no roster: the case waits
    head = system.users.add("e2e head", Role.HEAD)[1]

    console = Console(browser, running["base"])
    console.sign_in(head)
    assert console.path == "/console/head"
    waiting = wait_for(lambda: _waiting_row(console, case_id), timeout=60, what="the case on the waiting list")
    assert "Нет списка судей" in waiting  # why it waits, in the user's language

    # A refusal beside its field, what was typed kept.
    console.fill(**{"judges-judge_id": "judge 7", "judges-name": "A. Judge", "judges-collegium": "criminal",
                    "judges-specialisations.0": "criminal", "judges-post": "judge"})  # fmt: skip
    console.click("#judges-submit")
    assert console.error_beside("judges-judge_id")
    assert browser.find_element(By.ID, "f-judges-name").get_attribute("value") == "A. Judge"
    console.fill(**{"judges-judge_id": "judge-7"})
    console.click("#judges-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    # The page waited for the read side: the judge is on the roster's workload already.
    assert "A. Judge" in browser.find_element(By.CSS_SELECTOR, "#workload tr[data-judge='judge-7']").text

    # An absence for the judge just enrolled, chosen from the roster.
    tomorrow = court_today() + timedelta(days=1)
    console.fill(**{"absences-judge_id": "judge-7", "absences-kind": "leave", "absences-start": tomorrow.isoformat(),
                    "absences-end": (tomorrow + timedelta(days=9)).isoformat()})  # fmt: skip
    console.click("#absences-submit")
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=done]")
    assert [a.judge_id for a in _absences(system, "judge-7")] == ["judge-7"]
    console.shot("head")

    # A reassignment the roster refuses (the case is not distributed): its reason, nothing recorded.
    reason = "The judge-rapporteur is on long leave"
    console.fill(**{"reassignments-case_id": case_id, "reassignments-seat": "0", "reassignments-reason": reason})
    console.click("#reassignments-submit")
    assert browser.find_element(By.CSS_SELECTOR, "#h-reassignments ~ .alert").text
    assert browser.find_element(By.ID, "f-reassignments-reason").get_attribute("value") == reason
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-testid=done]")

    # Statistics: the CEPEJ figures and the months as bars drawn on the server, the API's exports.
    month = datetime.fromisoformat(complaint["received_at"]).astimezone(COURT_ZONE).strftime("%Y-%m")  # its month
    incoming = wait_for(lambda: _incoming_this_month(console, month), timeout=60, what="the month's statistics")
    assert incoming == 1  # the one complaint registered above
    bars = browser.find_elements(By.CSS_SELECTOR, "#monthly-chart g[data-month]")
    assert len(bars) == 12 and bars[-1].get_attribute("data-month") == month
    assert float(bars[-1].find_element(By.CSS_SELECTOR, "rect.incoming").get_attribute("height")) > 0
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=clearance-rate]").text == "0.0 %"  # none resolved
    console.shot("statistics")
    exported = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch(document.getElementById('export-csv').href)
          .then(r => r.text().then(body => done([r.status, r.headers.get('content-type'), body])));"""
    )
    assert exported[0] == 200 and exported[1].startswith("text/csv")
    assert "clearance_rate" in exported[2]


def _incoming_this_month(console: Console, month: str) -> int | None:
    console.open("/console/statistics")
    cells = console.driver.find_elements(By.CSS_SELECTOR, f"#monthly tr[data-month='{month}'] td")
    return int(cells[1].text) or None if cells else None


def _waiting_row(console: Console, case_id: str) -> str | None:
    console.open("/console/head")
    rows = console.driver.find_elements(By.CSS_SELECTOR, f"#waiting tr[data-case='{case_id}']")
    return rows[0].text if rows else None


def _absences(system, judge_id: str) -> list:
    return list(system.assignment.roster(TEST_COURT).absences.get(judge_id, []))


def test_each_role_lands_on_its_page_and_a_consultant_does_not_see_an_extradition(running, system, browser):
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        secret = client.post("/incoming-items", json=_extradition(9), headers=running["registrar"])
        public = client.post("/complaints", json=complaint_payload(10), headers=running["registrar"])
    assert secret.status_code == public.status_code == 201
    secret_number, public_number = secret.json()["registration_number"], public.json()["registration_number"]
    # Both: each token is exact on its own partition only, and the two items' ids may fall on two.
    token = f"{secret.json()['log_position']['token']},{public.json()['log_position']['token']}"

    console = Console(browser, running["base"])
    for role, page, shot in [
        (Role.HEAD, "/console/head", None), (Role.AUDITOR, "/console/auditor", None),
        (Role.INTERNATIONAL_OFFICER, "/console/international", None),
        (Role.CONSULTANT, "/console/consultant", None),
    ]:  # fmt: skip
        account, secret_token = system.users.add(f"e2e {role} {uuid.uuid4().hex[:4]}", role)
        console.sign_in(secret_token)
        assert console.path == page, role
        if shot:
            console.shot(shot)
        console.open(f"/console/registers/incoming?wait_for={token}")
        seen = console.text()
        assert public_number in seen
        assert (secret_number in seen) is (role in (Role.HEAD, Role.AUDITOR)), role
        if role == Role.HEAD:
            _pages_through_the_register(console, [public_number, secret_number])
        if role == Role.CONSULTANT:
            # A deactivated account loses its session (within the identity cache's seconds).
            system.users.set_active(account.name, False, reason="left the court")
            wait_for(lambda: _signed_out(console), timeout=30, what="the session to end")
        else:
            console.sign_out()


def _pages_through_the_register(console: Console, newest_first: list[str]) -> None:
    """A page of one row at a time, newest first: the next page replaces the table in place (htmx)."""
    console.open("/console/registers/incoming?reverse=true&limit=1")
    # Read in one step in the page: the table may be swapped between finding it and reading it.
    table = lambda: console.driver.execute_script("return document.getElementById('register-table').innerText")  # noqa: E731
    assert newest_first[0] in table() and newest_first[1] not in table()
    page = console.driver.find_element(By.TAG_NAME, "html")
    console.driver.find_element(By.ID, "next-page").click()
    WebDriverWait(console.driver, 30).until(lambda d: newest_first[1] in table())
    assert newest_first[0] not in table()
    assert console.driver.find_element(By.TAG_NAME, "html") == page  # the same page: only the table was swapped
    assert "after=" in console.driver.current_url  # and the address says which page it is


def _signed_out(console: Console) -> bool:
    console.open("/console/consultant")
    return console.path == "/console/sign-in"


def _panel(system, case_id: str):
    from domain.assignment.errors import NotDistributedError

    try:
        return list(system.assignment.panel_of(TEST_COURT, case_id).panel)
    except NotDistributedError:
        return None


def _shows_case(console: Console, case_id: str) -> bool:
    console.open("/console/judge")
    return bool(console.driver.find_elements(By.CSS_SELECTOR, f"tr[data-case='{case_id}']"))


def _registrar_actor():
    from domain.actor import Actor

    return Actor(user_id="e2e-clerk", role=Role.REGISTRAR)


def _extradition(n: int) -> dict:
    return complaint_payload(n) | {
        "kind": "extradition_complaint",
        "contested_act": {"court": "Prosecutor General's Office", "kind": "extradition_decision",
                          "act_date": (court_today() - timedelta(days=3)).isoformat(),
                          "copy_received_on": (court_today() - timedelta(days=2)).isoformat()},
    }  # fmt: skip


def test_the_auditor_reruns_a_draw_and_the_registers_page_both_ways(running, system, browser, processes):
    head = system.users.add("e2e head", Role.HEAD)[1]
    with httpx.Client(base_url=running["base"], timeout=30) as client:
        enrol(client, head, judges=6)
        adopted = client.post(f"/courts/{TEST_COURT}/distribution-settings", json=settings_body(), headers=auth(head))
        assert adopted.status_code == 201, adopted.text
        numbers = []
        for n in range(3):
            registered = client.post("/complaints", json=complaint_payload(20 + n), headers=running["registrar"])
            assert registered.status_code == 201, registered.text
            numbers.append(registered.json()["registration_number"])
    case_id = registered.json()["id"]
    processes("distribute", settings_override=running["settings"])
    panel = wait_for(lambda: _panel(system, case_id), timeout=60, what="the case's distribution")

    console = Console(browser, running["base"])
    console.sign_in(head)
    # The head's page: the load per judge drawn on the server, one bar per judge of the roster.
    wait_for(lambda: _load_bars(console) == 6, timeout=60, what="six judges on the load chart")
    # A register filtered as the API filters, a page of one row at a time, forward then back.
    query = f"/console/registers/cases?court={TEST_COURT}&limit=1"
    wait_for(lambda: _case_rows(console, query + "&reverse=true") == [case_id], timeout=60, what="the cases")
    console.open(query)
    table = lambda: console.driver.execute_script("return document.getElementById('register-table').innerText")  # noqa: E731
    assert numbers[0] in table()
    console.driver.find_element(By.ID, "next-page").click()
    WebDriverWait(console.driver, 30).until(lambda d: numbers[1] in table())
    console.driver.find_element(By.ID, "next-page").click()
    WebDriverWait(console.driver, 30).until(lambda d: numbers[2] in table())
    assert not browser.find_elements(By.ID, "next-page")  # the last page
    console.driver.find_element(By.ID, "prev-page").click()
    WebDriverWait(console.driver, 30).until(lambda d: numbers[1] in table())
    console.driver.find_element(By.ID, "prev-page").click()
    WebDriverWait(console.driver, 30).until(lambda d: numbers[0] in table())
    assert not browser.find_elements(By.ID, "prev-page")  # back on the first page
    console.fill(stage="returned")  # a filter no case passes
    console.click("#register-submit")
    assert "stage=returned" in browser.current_url and not _case_rows(console, None)
    console.open(f"/console/registers/cases?court={TEST_COURT}&limit=50")
    console.shot("register-cases")
    _fits_one_header_row(console)
    console.sign_out()

    # The auditor: the case card's audit trail, then the draw re-run from the log, matching.
    console.sign_in(system.users.add("e2e auditor 2", Role.AUDITOR)[1])
    assert console.path == "/console/auditor"
    console.open(f"/console/cases/{case_id}")
    trail = browser.find_element(By.ID, "case-trail").text
    assert "case-distributed" in trail and "registered" in trail
    console.click("#case-rerun-draw")
    verdict = browser.find_element(By.ID, "draw-report")
    assert verdict.get_attribute("data-ok") == "true"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=draw-rerun]").text == ", ".join(panel)
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=draw-recorded]").text == ", ".join(panel)
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=draw-seed]").text
    assert len(browser.find_elements(By.CSS_SELECTOR, ".draw-pool tbody tr")) == 6  # the pool the draw saw
    console.fill(case=case_id)
    console.click("#trail-submit")
    assert "case-distributed" in browser.find_element(By.ID, "trail").text
    console.shot("auditor")
    _fits_one_header_row(console)


def _load_bars(console: Console) -> int:
    console.open("/console/head")
    return len(console.driver.find_elements(By.CSS_SELECTOR, "#load-chart g[data-judge] rect"))


def _case_rows(console: Console, path: str | None) -> list[str]:
    if path:
        console.open(path)
    rows = console.driver.find_elements(By.CSS_SELECTOR, "#register-table tbody tr[data-case]")
    return [row.get_attribute("data-case") for row in rows]


def _fits_one_header_row(console: Console) -> None:
    """At 1280x800 and on a 1366x768 laptop the header keeps its two set rows: the brand, the
    account, the language and sign-out on one; the pages' links on the next, none wrapped."""
    for width, height in ((1280, 800), (1366, 768)):
        console.driver.set_window_size(width, height)
        top = "e => Math.round(e.getBoundingClientRect().top)"
        first = console.driver.execute_script(
            f"return [...document.querySelectorAll('header.top > :not(nav)')].map({top})"
        )
        links = console.driver.execute_script(f"return [...document.querySelectorAll('header.top nav a')].map({top})")
        assert max(first) - min(first) < 12, (width, first)
        assert len(set(links)) == 1 and links[0] > max(first), (width, links)
        if SHOTS:
            console.driver.save_screenshot(str(Path(SHOTS) / f"header-{width}.png"))
    console.driver.set_window_size(1280, 1000)

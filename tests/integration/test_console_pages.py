"""The console's registers, auditor page and case card in-process, over the real services:
the pages render what the API's routes answer (the browser tests drive the same in Chromium)."""

import re
import threading

from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from projections.registry import ALL_PROJECTIONS
from tests.support import auth, complaint_payload, post, relay_all


def _project(system, settings) -> None:
    relay_all(system, settings)
    for projection in ALL_PROJECTIONS:
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def _sign_in(client, token: str) -> None:
    page = client.get("/console/sign-in")
    pre = re.search(r'name="pre" value="([^"]+)"', page.text).group(1)
    signed = client.post("/console/sign-in", data={"pre": pre, "token": token}, follow_redirects=False)
    assert signed.status_code == 303, signed.text


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-key="([^"]+)"', html)


def test_a_register_pages_forward_and_back_with_the_apis_filters(client, tokens, system, settings):
    for n in range(5):
        assert (
            client.post("/complaints", json=complaint_payload(n), headers=auth(tokens[Role.REGISTRAR])).status_code
            == 201
        )
    _project(system, settings)
    _sign_in(client, tokens[Role.HEAD])

    first = client.get("/console/registers/cases", params={"limit": 2})
    assert first.status_code == 200, first.text
    one = _rows(first.text)
    assert len(one) == 2
    after = re.search(r'id="next-page" href="[^"]*after=(\d+)', first.text).group(1)
    second = client.get("/console/registers/cases", params={"limit": 2, "after": after})
    two = _rows(second.text)
    assert len(two) == 2 and not set(one) & set(two)
    before = re.search(r'id="prev-page" href="[^"]*before=(\d+)', second.text).group(1)
    back = client.get("/console/registers/cases", params={"limit": 2, "before": before})
    assert _rows(back.text) == one  # the page before, in the same order
    assert 'id="prev-page"' not in back.text  # and it is the first
    newest = _rows(client.get("/console/registers/cases", params={"limit": 5, "reverse": "true"}).text)
    assert newest == list(reversed(_rows(client.get("/console/registers/cases", params={"limit": 5}).text)))

    # A filter the API refuses: its own words beside the field, no rows.
    refused = client.get("/console/registers/incoming", params={"status": "lost"})
    assert refused.status_code == 422
    assert 'id="status-error"' in refused.text and not _rows(refused.text)
    for name in ("incoming", "hearings", "rulings", "deadlines", "due"):
        assert client.get(f"/console/registers/{name}").status_code == 200, name
    assert client.get("/console/registers/search", params={"q": "1-77"}).status_code == 200
    # The search opens as its empty form; only a search submitted without words is refused.
    opened = client.get("/console/registers/search")
    assert opened.status_code == 200 and 'id="q-error"' not in opened.text and not _rows(opened.text)
    blank = client.get("/console/registers/search", params={"q": "", "limit": "50"})
    assert blank.status_code == 422 and 'id="q-error"' in blank.text


def test_the_auditor_reruns_a_draw_and_sees_the_case_trail(client, tokens, system, settings, distributed_case):
    case_id, panel = distributed_case
    _project(system, settings)
    _sign_in(client, tokens[Role.AUDITOR])
    page = client.get("/console/auditor", params={"draw": case_id})
    assert page.status_code == 200, page.text
    assert 'data-ok="true"' in page.text
    for judge in panel:
        assert judge in re.search(r'data-testid="draw-rerun">([^<]*)<', page.text).group(1)
    assert client.get("/console/auditor", params={"draw": "not-a-case"}).status_code == 422
    card = client.get(f"/console/cases/{case_id}")
    assert 'id="case-trail"' in card.text and "case-distributed" in card.text
    trail = client.get("/console/auditor", params={"case": case_id})
    assert "complaint-registered" in trail.text or "item-registered" in trail.text


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_the_head_records_who_may_sign_and_the_deputy_then_signs_off_in_the_console(client, tokens, system, settings):
    from datetime import UTC, datetime, timedelta

    from tests.integration.test_international_api import incoming_request, ok

    officer = tokens[Role.INTERNATIONAL_OFFICER]
    deputy, deputy_token = system.users.add("deputy supervising the line", Role.DEPUTY_HEAD)
    received = ok(post(client, officer, "/international/requests", incoming_request()), 201)
    base = f"/international/requests/{received['id']}"
    for step, body in [
        ("registration", {"registration_number": "IA-7/2026", "reason": "received"}),
        ("translation-requests", {"into": "ru", "reason": "German original"}),
        ("translations", {"language": "ru", "certified": True, "reason": "certified"}),
        ("study", {"findings": "service on a resident of Almaty"}),
    ]:  # fmt: skip
        ok(post(client, officer, f"{base}/{step}", body))
    _project(system, settings)

    # No authority recorded yet: the deputy's sign-off is refused on the form, nothing recorded.
    _sign_in(client, deputy_token)
    card = client.get(f"/console{base}")
    assert 'id="form-sign-offs"' in card.text
    refused = client.post(
        f"/console{base}/sign-offs", data={"csrf": _csrf(card.text), "document": "covering letter",
                                           "version": re.search(r'data-testid="version">(\d+)<', card.text).group(1)},
    )  # fmt: skip
    assert refused.status_code == 422 and "§13" in refused.text
    client.post("/console/sign-out", data={"csrf": _csrf(refused.text)})

    # The head records it on the head's page; the page shows it in the register of who may sign.
    client.cookies.clear()
    _sign_in(client, tokens[Role.HEAD])
    head = client.get("/console/head")
    assert head.status_code == 200 and 'id="form-signing-authorities"' in head.text
    assert f'<option value="{deputy.id}"' in head.text  # a deputy head: the sign-off route admits the role
    assert f'<option value="{_account_id(system, Role.CONSULTANT)}"' not in head.text  # a consultant signs nothing
    since = (datetime.now(UTC) - timedelta(days=1)).astimezone().strftime("%Y-%m-%dT%H:%M")
    form = {"csrf": _csrf(head.text), "user_id": deputy.id, "capacity": "supervising_deputy_head", "valid_from": since}
    blank = client.post("/console/head/signing-authorities", data=form)  # no order named
    assert blank.status_code == 422 and 'id="signing-authorities-basis-error"' in blank.text
    assert not system.international.signing_register().records
    recorded = client.post("/console/head/signing-authorities", data=form | {"basis": "order No. 4 of 1 Dec 2026"})
    assert recorded.status_code == 200, recorded.text  # after the redirect
    assert 'data-testid="done"' in recorded.text
    row = re.search(rf'<tr data-signer="{deputy.id}">(.*?)</tr>', recorded.text).group(1)
    assert "deputy supervising the line" in row and "order No. 4 of 1 Dec 2026" in row
    assert [r.user_id for r in system.international.signing_register().records] == [deputy.id]

    # Now the deputy's sign-off goes through and the request's history says so, in Russian.
    client.cookies.clear()
    _sign_in(client, deputy_token)
    card = client.get(f"/console{base}")
    signed = client.post(
        f"/console{base}/sign-offs", data={"csrf": _csrf(card.text), "document": "covering letter",
                                           "version": re.search(r'data-testid="version">(\d+)<', card.text).group(1)},
        follow_redirects=False,
    )  # fmt: skip
    assert signed.status_code == 303, signed.text
    _project(system, settings)
    history = client.get(f"/console{base}").text
    assert 'data-step="request-signed-off"' in history and "Подписано (§13)" in history


def _account_id(system, role: Role) -> str:
    return next(u.id for u in system.users.list() if u.role == role)

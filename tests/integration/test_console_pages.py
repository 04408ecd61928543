"""The console's registers, auditor page and case card in-process, over the real services:
the pages render what the API's routes answer (the browser tests drive the same in Chromium)."""

import re
import threading

from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from projections.registry import ALL_PROJECTIONS
from tests.support import auth, complaint_payload, relay_all


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

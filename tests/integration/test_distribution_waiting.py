"""Cases whose court cannot distribute yet wait without holding up other courts: over the
real services, with a court registered before its roster (the new cassation courts),
cases of a ready court behind its cases on the same partition, a distributor killed
with cases waiting, and a waiting case returned before its court is ready."""

import threading
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from consumers.distributor import Distributor
from consumers.load_releaser import LoadReleaser
from domain.actor import Role
from tests.support import (
    TEST_COURT,
    auth,
    enrol,
    page_ids,
    post,
    published_envelopes,
    read_pages,
    registrar,
    relay_all,
    sample_particulars,
    settings_body,
    wait_for,
)

READY = TEST_COURT
NEW = "cassation-criminal-new"  # a court registering cases before its roster is enrolled
REGISTERED = "kz.sotflow.registry.item-registered.v1"


@pytest.fixture
def settings(settings):
    """A deployment that also serves the new court (a roster opens only for a configured court)."""
    return settings.model_copy(update={"other_courts": [NEW]})


def register_interleaved(system, pairs: int) -> tuple[list[str], list[str]]:
    """One case of the new court, then one of the ready court, `pairs` times: (new, ready) ids in
    registration order."""
    now = datetime.now(UTC)
    new, ready = [], []
    for n in range(pairs):
        for court, ids in ((NEW, new), (READY, ready)):
            particulars = sample_particulars(n, now, court=court)
            ids.append(str(system.registry.register_item(particulars, actor=registrar(), now=now).id))
    return new, ready


def assert_some_ready_case_is_behind_a_new_one_on_its_partition(settings, new: list[str], ready: list[str]) -> None:
    """Reading a partition in order, the distributor meets a case of the new court before one of
    the ready court: the case that would hold the ready court up if the partition stalled."""
    registered = [e for e in published_envelopes(settings) if e["type"] == REGISTERED]
    first_new = {}
    for e in sorted(registered, key=lambda e: (e["_partition"], e["_offset"])):
        if e["subject"] in new:
            first_new.setdefault(e["_partition"], e["_offset"])
    behind = [
        e for e in registered if e["subject"] in ready and first_new.get(e["_partition"], e["_offset"]) < e["_offset"]
    ]
    assert behind, "no case of the ready court is behind one of the new court on its partition"


def set_up_court(client, tokens, court: str, judges: int = 6) -> None:
    enrol(client, tokens[Role.HEAD], judges=judges, court=court)
    adopted = client.post(
        f"/courts/{court}/distribution-settings", json=settings_body(), headers=auth(tokens[Role.HEAD])
    )
    assert adopted.status_code == 201, adopted.text


def distributed_in(system, court: str) -> int:
    try:
        return len(system.assignment.roster(court).distributions)
    except LookupError:  # no roster yet
        return 0


def waiting(client, tokens, court: str) -> list[dict]:
    response = client.get(
        "/distribution/waiting", params={"court": court, "limit": 500}, headers=auth(tokens[Role.HEAD])
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]


def distributed_subjects(settings) -> list[str]:
    """Cases in the order the assignment context distributed them."""
    return [
        e["subject"] for e in published_envelopes(settings, "assignment") if e["type"].endswith("case-distributed.v1")
    ]


@contextmanager
def running(follower):
    stop = threading.Event()
    thread = threading.Thread(target=follower.run, args=(stop,))
    thread.start()
    try:
        yield follower
    finally:
        stop.set()
        thread.join(timeout=60)


def test_a_court_without_a_roster_holds_up_no_other_court(client, tokens, system, settings):
    set_up_court(client, tokens, READY)
    new, ready = register_interleaved(system, 10)
    relay_all(system, settings)
    assert_some_ready_case_is_behind_a_new_one_on_its_partition(settings, new, ready)

    with running(Distributor(system, retry_seconds=0.2)):
        wait_for(lambda: distributed_in(system, READY) == len(ready), timeout=60, what="the ready court's cases")
        listed = wait_for(lambda: len(w := waiting(client, tokens, NEW)) == len(new) and w, what="the waiting list")
        assert [w["case_id"] for w in listed] == new, "listed in registration order"
        assert [w["place_in_court_queue"] for w in listed] == list(range(1, len(new) + 1))
        assert {w["reason_code"] for w in listed} == {"no-roster"}
        assert all(w["court"] == NEW and w["waiting_since"] for w in listed)
        assert distributed_in(system, NEW) == 0
        # The distributor retries every 0.2 s, bumping each row's attempts while we read.
        pages = read_pages(
            client, tokens[Role.AUDITOR], "/distribution/waiting", {"court": NEW}, limit=3,
            changing=("attempts", "last_attempt_at"),
        )  # fmt: skip
        assert [c for p in page_ids(pages, "case_id") for c in p] == new, "paged by registration order"

        # The roster alone is not enough: the list says what the court still lacks.
        enrol(client, tokens[Role.HEAD], court=NEW)
        wait_for(
            lambda: {w["reason_code"] for w in waiting(client, tokens, NEW)} == {"no-settings-in-force"},
            what="the waiting list to name the missing settings",
        )
        adopted = client.post(
            f"/courts/{NEW}/distribution-settings", json=settings_body(), headers=auth(tokens[Role.HEAD])
        )
        assert adopted.status_code == 201, adopted.text
        wait_for(lambda: distributed_in(system, NEW) == len(new), timeout=60, what="the waiting cases")
    assert waiting(client, tokens, NEW) == []

    relay_all(system, settings)
    order = distributed_subjects(settings)
    assert [c for c in order if c in new] == new, "the new court's cases are distributed in registration order"
    assert sorted(order) == sorted(new + ready), "each case distributed once"


def test_waiting_cases_survive_a_killed_distributor(client, tokens, system, settings, processes):
    quick = settings.model_copy(update={"distributor_retry_seconds": 0.3})
    set_up_court(client, tokens, READY)
    new, ready = register_interleaved(system, 8)
    # Enough waiting cases that a restarted distributor is still at work when the test looks.
    more_new = [str(c) for c in register_complaints_in(system, NEW, 150)]
    relay_all(system, settings)
    assert_some_ready_case_is_behind_a_new_one_on_its_partition(settings, new, ready)
    new += more_new

    first = processes("distribute", settings_override=quick)
    wait_for(lambda: distributed_in(system, READY) == len(ready), timeout=90, what="the ready court's cases")
    wait_for(lambda: len(waiting(client, tokens, NEW)) == len(new), timeout=60, what="every new case to wait")
    first.kill()

    set_up_court(client, tokens, NEW)
    killed_at = []
    for _ in range(2):  # killed again while it works through the waiting cases
        again = processes("distribute", settings_override=quick)
        start = distributed_in(system, NEW)
        wait_for(
            lambda start=start: distributed_in(system, NEW) > start or distributed_in(system, NEW) == len(new),
            timeout=90,
            interval=0.005,
            what="progress",
        )
        again.kill()
        killed_at.append(distributed_in(system, NEW))
    assert any(0 < k < len(new) for k in killed_at), f"killed while it worked through them: {killed_at}"
    processes("distribute", settings_override=quick)
    wait_for(lambda: distributed_in(system, NEW) == len(new), timeout=120, what="every waiting case")
    wait_for(lambda: waiting(client, tokens, NEW) == [], what="the waiting list to empty")
    later = Distributor(system)  # one more start finds nothing left to do
    later.run(threading.Event(), catch_up=True)
    assert later.distributed == 0

    relay_all(system, settings)
    order = distributed_subjects(settings)
    assert sorted(order) == sorted(new + ready), f"each case distributed exactly once (killed at {killed_at})"
    assert [c for c in order if c in new] == new, "in registration order"


def register_complaints_in(system, court: str, count: int):
    now = datetime.now(UTC)
    return [
        system.registry.register_item(sample_particulars(1000 + n, now, court=court), actor=registrar(), now=now).id
        for n in range(count)
    ]


def test_a_waiting_case_returned_before_its_court_is_ready_is_never_distributed(client, tokens, system, settings):
    first, returned, last = (str(c) for c in register_complaints_in(system, NEW, 3))
    relay_all(system, settings)
    with running(Distributor(system, retry_seconds=0.2)), running(LoadReleaser(system)) as releaser:
        wait_for(lambda: waiting_ids(client, tokens) == [first, returned, last], what="the three to wait")
        # While the court has no roster no judge sits on the case: the head's office returns it (УПК 489).
        assert post(client, tokens[Role.HEAD], f"/cases/{returned}/return", {"reason": "not signed"}).status_code == 201
        relay_all(system, settings)
        wait_for(lambda: waiting_ids(client, tokens) == [first, last], what="the returned case to leave the list")
        assert [w["place_in_court_queue"] for w in waiting(client, tokens, NEW)] == [1, 2]
        assert releaser.released == 0, "no load to release: it was never distributed"
        set_up_court(client, tokens, NEW)
        wait_for(lambda: distributed_in(system, NEW) == 2, timeout=60, what="the other two")
    relay_all(system, settings)
    assert distributed_subjects(settings) == [first, last]
    panel = client.get(f"/courts/{NEW}/cases/{returned}/panel", headers=auth(tokens[Role.AUDITOR]))
    assert panel.status_code == 404
    assert waiting(client, tokens, NEW) == []


def waiting_ids(client, tokens) -> list[str]:
    return [w["case_id"] for w in waiting(client, tokens, NEW)]

"""The archive context's use cases on the real event store: archive numbers stay gapless
per court and year when several API processes hand files over at the same moment, and
a refused handover or destruction records nothing."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from domain.actor import Actor, Role
from domain.archive.errors import FileUnderHoldError, NotDisposedError
from domain.archive.file import HoldGround
from sotflow.bootstrap import bootstrap
from tests.support import TEST_COURT, register_complaints

ARCHIVIST, HEAD = Actor("u-archivist", Role.ARCHIVIST), Actor("u-head", Role.HEAD)


def disposed_cases(system, count: int) -> list:
    cases = register_complaints(system.registry, count)
    for case_id in cases:
        system.proceedings.return_item(case_id, reason="not signed", legal_basis="УПК 489", actor=HEAD)
    return cases


def hand_over(system, case_id):
    return system.archive.hand_over(case_id, nomenclature_index="02-14", volumes=1, pages=20,
                                    handed_over_by="secretary", actor=ARCHIVIST)  # fmt: skip


def test_concurrent_handovers_from_several_processes_get_gapless_archive_numbers(settings, system):
    cases = disposed_cases(system, 24)
    # Three independent systems stand for three API processes sharing one database.
    systems = [bootstrap(settings) for _ in range(3)]
    numbers: list[str] = []
    lock = threading.Lock()

    def handover_share(args):
        own, share = args
        for case_id in share:
            recorded = hand_over(own, case_id)
            with lock:
                numbers.append(recorded.archive_number)

    try:
        shares = [(systems[n % 3], cases[n::6]) for n in range(6)]
        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(handover_share, shares))
    finally:
        for other in systems:
            other.close()
    year = datetime.now(UTC).year
    assert sorted(int(n.split("-A-")[1].split("/")[0]) for n in numbers) == list(range(1, 25))
    assert all(n.startswith(f"{TEST_COURT}-A-") and n.endswith(f"/{year}") for n in numbers)


def test_a_refused_handover_or_destruction_records_nothing(system):
    (pending,) = register_complaints(system.registry, 1)
    before = system.archive.recorder.max_notification_id() or 0
    with pytest.raises(NotDisposedError):
        hand_over(system, pending)
    assert (system.archive.recorder.max_notification_id() or 0) == before

    (case_id,) = disposed_cases(system, 1)
    hand_over(system, case_id)
    system.archive.place_hold(case_id, ground=HoldGround.PENDING_REQUEST, reason="request", actor=ARCHIVIST)
    position = system.archive.recorder.max_notification_id()
    with pytest.raises(FileUnderHoldError):
        system.archive.draw_up_destruction_act(court=TEST_COURT, act_number="DA-1", file_ids=[case_id],
                                               reason="term ended", actor=ARCHIVIST)  # fmt: skip
    assert system.archive.recorder.max_notification_id() == position

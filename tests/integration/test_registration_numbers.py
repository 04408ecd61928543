"""Registration numbers per court and year: unique and without gaps, even when
several API processes register at the same moment."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sotflow.bootstrap import bootstrap
from tests.support import TEST_COURT, register_complaints, registrar, sample_particulars, stored_event_count


def test_concurrent_registrations_from_several_processes_get_gapless_numbers(settings):
    # Three independent systems stand for three API processes sharing one database.
    systems = [bootstrap(settings) for _ in range(3)]
    numbers: list[str] = []
    lock = threading.Lock()

    def register(system):
        for _ in range(30):
            recorded = register_complaints_once(system)
            with lock:
                numbers.append(recorded.registration_number)

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(register, systems * 2))
    finally:
        for system in systems:
            system.close()

    year = datetime.now(UTC).year
    sequences = sorted(int(n.split("-CC-")[1].split("/")[0]) for n in numbers)
    assert sequences == list(range(1, 181)), "every number once, none skipped"
    assert all(n.endswith(f"/{year}") or n.endswith(f"/{year + 1}") for n in numbers)
    assert stored_event_count(settings) == 180 * 3 + 1  # each registration, its number and filing; one journal


def register_complaints_once(system):
    from tests.support import registrar, sample_particulars

    now = datetime.now(UTC)
    particulars = sample_particulars(0, now, lower_court_case_ref=f"1-{uuid.uuid4().hex[:8]}/2025")
    return system.registry.register_item(particulars, actor=registrar(), now=now)


def test_each_court_and_year_has_its_own_sequence(settings, system):
    register_complaints(system.registry, 3)
    recorded = register_complaints_once(system)
    assert recorded.registration_number.startswith(f"{TEST_COURT}-CC-4/")


def test_the_same_request_at_once_from_several_threads_registers_once(settings, system):
    # Each attempt reads the item and the filing index before it takes the journal's lock:
    # a racer that read them before the first save must fail its own save and answer as a retry.
    now = datetime.now(UTC)
    particulars = sample_particulars(0, now, lower_court_case_ref="1-race/2025")

    def register(_):
        return system.registry.register_item(particulars, actor=registrar(), now=now, idempotency_key="same")

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(register, range(6)))

    assert len({a.id for a in answers}) == 1
    assert [a.replayed for a in answers].count(False) == 1
    assert {a.registration_number for a in answers} == {answers[0].registration_number}
    assert stored_event_count(settings) == 3 + 1  # the registration, its number and filing; the journal


def test_the_same_filing_at_once_from_several_threads_sees_the_earlier_ones(settings, system):
    now = datetime.now(UTC)
    particulars = sample_particulars(0, now, lower_court_case_ref="1-twice/2025")

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(
            pool.map(lambda _: system.registry.register_item(particulars, actor=registrar(), now=now), range(6))
        )

    assert len({a.id for a in answers}) == 6
    assert sorted(a.registration_number for a in answers) == sorted({a.registration_number for a in answers})
    # Only the first to be saved found no earlier registration of the same request.
    assert [a.admissibility.admissible for a in answers].count(True) == 1

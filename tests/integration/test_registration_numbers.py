"""Registration numbers per court and year: unique and without gaps, even when
several API processes register at the same moment."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sotflow.bootstrap import bootstrap
from tests.support import TEST_COURT, register_complaints, stored_event_count


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

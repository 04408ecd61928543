"""A process of its own registering complaints, as an API process would:

    python -m tests.registering_process COUNT THREADS NOW [IDEMPOTENCY_PREFIX]

with the deployment's settings in the environment and NOW in ISO 8601; prints each
answer (id, number, replayed) as a JSON line."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from sotflow.bootstrap import bootstrap
from sotflow.settings import Settings
from tests.support import registrar, sample_particulars


def main() -> None:
    count, threads = int(sys.argv[1]), int(sys.argv[2])
    now = datetime.fromisoformat(sys.argv[3])
    key_prefix = sys.argv[4] if len(sys.argv) > 4 else None
    system = bootstrap(Settings())

    def register(n: int):
        # With a key prefix, the request for n is the same (same particulars) in every process.
        if key_prefix is None:
            particulars, key = sample_particulars(n, now), None
        else:
            key = f"{key_prefix}-{n}"
            particulars = sample_particulars(n, now, lower_court_case_ref=f"1-{key}/2025")
        return system.registry.register_item(particulars, actor=registrar(), now=now, idempotency_key=key)

    try:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            for answer in pool.map(register, range(count)):
                print(json.dumps({"id": str(answer.id), "number": answer.registration_number,
                                  "replayed": answer.replayed}), flush=True)  # fmt: skip
    finally:
        system.close()


if __name__ == "__main__":
    main()

"""bench/proceedings_trips: PostgreSQL round trips per proceedings command, by kind.

A figure that does not move with the machine's load (bench.proceedings' rates do, by
half on a shared machine): the app in this process (FastAPI's TestClient, no server),
a scratch deployment, the same set-up and five commands per case as bench.proceedings,
every statement psycopg sends counted while each command runs. The first case warms
the caches (tokens, the roster, the cases this process saved) and is not counted, as
a running API's are warm. With `PYTHONPATH=<a checkout of another ref>` it counts that
code's (copy this file and bench/proceedings.py, bench/e2e.py into it first if it has none).

    python -m bench.proceedings_trips --cases 6
"""

from __future__ import annotations

import argparse
import json
import threading
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import psycopg
from fastapi.testclient import TestClient

from api.main import create_app
from bench.e2e import payload
from bench.proceedings import JUDGES, STEPS, distribution_settings
from bench.scratch import drop_scratch, scratch_settings
from consumers.distributor import Distributor
from domain.actor import Role
from relay.relay import Relay
from sotflow.bootstrap import bootstrap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=6, help="cases driven (the first is not counted)")
    args = parser.parse_args()

    counts: Counter[str] = Counter()
    counting: list[str | None] = [None]
    execute = psycopg.Cursor.execute

    def counted(self, *a, **k):
        if counting[0]:
            counts[counting[0]] += 1
        return execute(self, *a, **k)

    psycopg.Cursor.execute = counted
    _, settings = scratch_settings()
    system = bootstrap(settings)
    try:
        court = settings.default_court
        head, clerk = (system.users.add(f"trips {r}", r)[1] for r in (Role.HEAD, Role.REGISTRAR))
        judges = {
            f"judge-{j}": system.users.add(f"trips judge {j}", Role.JUDGE, (court, f"judge-{j}"))[1]
            for j in range(JUDGES)
        }

        def post(client, token, path, body, **headers):
            response = client.post(path, json=body, headers={"Authorization": f"Bearer {token}"} | headers)
            assert response.status_code in (200, 201), response.text
            return response

        with TestClient(create_app(system=system)) as client:
            for j in range(JUDGES):
                body = {"judge_id": f"judge-{j}", "name": f"Judge {j}", "collegium": "criminal",
                        "specialisations": ["criminal"], "post": "collegium_chair" if j == 0 else "judge"}  # fmt: skip
                post(client, head, f"/courts/{court}/judges", body)
            post(client, head, f"/courts/{court}/distribution-settings", distribution_settings())
            ids = [post(client, clerk, "/complaints", payload(i)).json()["id"] for i in range(args.cases)]
            for context, app in system.contexts.items():
                Relay(app, context, settings).run(threading.Event(), exit_when_idle=True)
            Distributor(system, retry_seconds=0.1).run(threading.Event(), catch_up=True)
            roster = system.assignment.roster(court)
            scheduled_for = (datetime.now(UTC) - timedelta(seconds=30)).isoformat()
            for n, case_id in enumerate(ids):
                panel = list(roster.distributions[case_id].panel)
                judge, now = judges[panel[0]], (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
                bodies = [
                    (judge, {"reason": "admissible: УПК 487, 484(2) met"}),
                    (clerk, {"received_at": now}),
                    (clerk, {"hearing_id": "h-1", "scheduled_for": scheduled_for, "room": "Hall 3"}),
                    (clerk, {"held_at": now, "panel": panel}),
                    (judge, {"outcomes": [{"defendant": "Filer", "outcome": "changed", "legal_basis": "УПК 494"}]}),
                ]
                etag = None
                for kind, (token, body) in zip(STEPS, bodies, strict=True):
                    headers = {"Idempotency-Key": uuid.uuid4().hex} | ({"If-Match": etag} if etag else {})
                    counting[0] = kind if n else None
                    etag = post(client, token, f"/cases/{case_id}/{kind}", body, **headers).headers["etag"]
                    counting[0] = None
    finally:
        psycopg.Cursor.execute = execute
        system.close()
        drop_scratch(settings)
    per_command = {kind: round(counts[kind] / (args.cases - 1), 2) for kind in STEPS}
    print(json.dumps({"round_trips_per_command": per_command, "per_case": round(sum(per_command.values()), 2)}))


if __name__ == "__main__":
    main()

"""bench/console: server time of the staff console's main pages over a read side built from
a log of N mixed events (default 1,000,000), under concurrent clients.

Builds the read side as bench/read does (the mixed log, then `sotflow rebuild --all`), or
reuses one kept by `python -m bench.rebuild --keep` (pass its tag). Starts the API with its
console (`sotflow serve`), signs a head of the court in through the console's own sign-in
form, and lets C clients (default 4), each on its own keep-alive connection with the session
cookie, ask for S seconds (default 30) for: a register page of 50 rows (the case register,
first and deep pages; the incoming register), the case card of a random case (with its audit
trail: a head may read it), and the head's dashboard (waiting list, workload with its chart,
overdue deadlines). In the same run and the same way, as the baseline, the same clients call
`GET /health`.

Prints p50/p99 per page and over all, the baseline's, and the ratio of the p99s; writes
bench/results/console-<tag>.json. Target: p99 under 50 ms.

    python -m bench.console --events 1000000
    python -m bench.console --tag <kept tag>
"""

from __future__ import annotations

import random
import re

import httpx
import psycopg
from psycopg.rows import dict_row

from bench.read import COURT, arguments, measure_and_report, served_read_side
from sotflow.settings import Settings


def pages(settings: Settings, rng: random.Random) -> list[tuple[str, str]]:
    """A pool of (name, path) drawn from what the read side holds."""
    schema = settings.projection_schema
    with psycopg.connect(settings.pg_conninfo, row_factory=dict_row) as conn:
        rows = conn.execute(f'select case_id, registry_position from "{schema}".case_register').fetchall()
    cases = [r["case_id"] for r in rows]
    positions = [r["registry_position"] for r in rows if r["registry_position"] is not None]
    pool = []
    for _ in range(200):
        pool += [
            ("register: cases, first page", "/console/registers/cases?limit=50"),
            ("register: cases, deep page", f"/console/registers/cases?after={rng.choice(positions)}&limit=50"),
            ("register: cases, page back", f"/console/registers/cases?before={rng.choice(positions)}&limit=50"),
            ("register: incoming, newest", "/console/registers/incoming?reverse=true&limit=50"),
            ("case card", f"/console/cases/{rng.choice(cases)}"),
            ("head's dashboard", f"/console/head?court={COURT}"),
        ]
    return pool


def sign_in(base: str, token: str) -> str:
    """The console's session cookie for the account, through its own sign-in form."""
    with httpx.Client(base_url=base, timeout=30) as client:
        form = client.get("/console/sign-in")
        pre = re.search(r'name="pre" value="([^"]+)"', form.text).group(1)
        signed = client.post("/console/sign-in", data={"pre": pre, "token": token}, follow_redirects=False)
        if signed.status_code != 303:
            raise SystemExit(f"sign-in refused: {signed.status_code} {signed.text[:200]}")
        return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def main() -> None:
    args = arguments(__doc__)
    with served_read_side(args, "head", "console") as (settings, tag, base, token):
        headers = {"Cookie": sign_in(base, token)}
        paths = pages(settings, random.Random(7))
        measure_and_report(
            args, base, token, paths, what="console pages", label="console", tag=tag, target_ms=50, headers=headers
        )


if __name__ == "__main__":
    main()

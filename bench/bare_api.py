"""The framework's floor, a baseline for bench.e2e and bench.proceedings: the same
registration body posted to a FastAPI app served as `sotflow serve` serves the API
(uvicorn, its httptools protocol with Nagle off, uvloop), validated by the same pydantic
model and answered 201 with an id, with nothing behind it: no authentication, no
database, no log. A command cannot be answered faster than this on the same machine.

    python -m bench.bare_api --n 3000 --clients 8 --workers 2
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from fastapi import FastAPI, status

from api.schemas import ComplaintCreate

REPO_ROOT = Path(__file__).resolve().parent.parent

app = FastAPI(telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False})


@app.post("/complaints", status_code=status.HTTP_201_CREATED)
async def register(body: ComplaintCreate) -> dict:
    return {"id": str(uuid.uuid4()), "lower_court_case_ref": body.lower_court_case_ref}


def bare_post_rate(n: int, clients: int, workers: int, port: int) -> float:
    """Posts/s of the bare app from `clients` clients (bench.e2e's own), `workers` processes."""
    from bench.e2e import run_clients  # the same clients as the figure it is the baseline of (a cycle at import)

    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.bare_api:app", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--http", "api.http_protocol:NoDelayHTTPProtocol", "--loop", "uvloop",
         "--log-level", "warning", "--no-access-log"],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/docs", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the bare app did not start") from None
                time.sleep(0.2)
        _, _, _, elapsed = run_clients(base, "none", n, clients, {})
        return n / elapsed
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> int:
    from bench.e2e import free_port

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rate = bare_post_rate(args.n, args.clients, args.workers, free_port())
    print(json.dumps({"bare_fastapi_posts_per_s": round(rate, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

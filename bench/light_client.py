"""The benchmarks' HTTP client for the measured load: the standard library's, on one
keep-alive connection. It takes a fraction of httpx's CPU, and the clients share the
machine with what they measure (bench/e2e reports their CPU per command beside the rest)."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit


class Answer:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> Any:
        return json.loads(self.body)


class LightClient:
    def __init__(self, base: str, timeout: float = 60) -> None:
        address = urlsplit(base)
        self._connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)

    def post(self, path: str, body: dict, headers: dict[str, str]) -> Answer:
        self._connection.request(
            "POST", path, body=json.dumps(body), headers=headers | {"Content-Type": "application/json"}
        )
        response = self._connection.getresponse()
        content = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, content)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> LightClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

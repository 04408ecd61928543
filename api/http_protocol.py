"""The HTTP protocol `sotflow serve` runs: uvicorn's httptools protocol (its parser is C),
with Nagle's algorithm turned off on every connection.

asyncio turns Nagle off only on sockets that report IPPROTO_TCP, and the listening
socket uvicorn shares among `--workers N` processes reports 0 (uvicorn issue #3149), so
each keep-alive answer there waited ~40 ms for the client's delayed ACK."""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class NoDelayHTTPProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)

"""The API's HTTP protocol turns Nagle's algorithm off even on connections accepted from a
socket that does not report IPPROTO_TCP, as the socket `sotflow serve --workers N` shares
does (uvicorn issue #3149): without it each keep-alive answer waited for a delayed ACK."""

import asyncio
import socket

import pytest
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from api.http_protocol import NoDelayHTTPProtocol


async def _app(scope, receive, send):  # never called: no request is sent
    raise AssertionError


async def _nodelay_of_accepted_connection(protocol_class) -> int:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, as uvicorn binds it
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    try:
        assert accepted.proto == 0
        config = Config(app=_app, http=protocol_class, log_config=None)
        protocol = protocol_class(config=config, server_state=ServerState(), app_state={})
        transport, _ = await asyncio.get_running_loop().connect_accepted_socket(lambda: protocol, accepted)
        nodelay = transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        transport.close()
        return nodelay
    finally:
        client.close()
        listener.close()


@pytest.mark.parametrize(("protocol_class", "expected"), [(NoDelayHTTPProtocol, True), (HttpToolsProtocol, False)])
def test_nagle_is_off_on_accepted_connections(protocol_class, expected):
    assert bool(asyncio.run(_nodelay_of_accepted_connection(protocol_class))) is expected

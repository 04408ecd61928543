"""End-to-end fixtures: the API, relay and consumers as real processes."""

import httpx
import pytest

from domain.actor import Role
from tests.support import free_port, wait_for


@pytest.fixture
def running(settings, system, processes):
    """The whole system running as separate processes, as `make run` starts it."""
    settings = settings.model_copy(update={"api_port": free_port()})
    base = f"http://127.0.0.1:{settings.api_port}"
    api = processes("serve", settings_override=settings)
    relay = processes("relay", settings_override=settings)
    consumer = processes("consume", settings_override=settings)

    def up():
        try:
            return httpx.get(f"{base}/health", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(up, timeout=60, what=f"the API at {base}")
    _, registrar_token = system.users.add("e2e registrar", Role.REGISTRAR)
    _, auditor_token = system.users.add("e2e auditor", Role.AUDITOR)
    return {
        "base": base,
        "settings": settings,
        "registrar": {"Authorization": f"Bearer {registrar_token}"},
        "auditor": {"Authorization": f"Bearer {auditor_token}"},
        "api": api,
        "relay": relay,
        "consumer": consumer,
    }

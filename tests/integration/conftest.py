"""Fixtures for tests that drive the API in-process (ASGI) over the real services."""

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from domain.actor import Role


@pytest.fixture
def client(system):
    with TestClient(create_app(system=system)) as client:
        yield client


@pytest.fixture
def tokens(system):
    """A bearer token for a user in each role."""
    return {role: system.users.add(f"test {role}", role)[1] for role in Role}

"""Fixtures: the test portal (dp_portal.py), a fake clock, faults, the app and a REST helper."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from devportal.clock import FakeClock
from devportal.faults import Faults
from devportal.server import create_app
from devportal.state import Portal
from tests.devportal.dp_portal import NOW, build_portal


class Rest:
    """Calls the test app as a given user: ``rest(user, "tasks.task.list", filter={...})``."""

    def __init__(self, client: TestClient, app):
        self.client, self.app = client, app
        self.service = app.state.service
        self._tokens: dict[int, str] = {}

    def token(self, user_id: int) -> str:
        if user_id not in self._tokens:
            self._tokens[user_id] = self.service.tokens.issue(user_id, self.service.clock.now())["access_token"]
        return self._tokens[user_id]

    def raw(self, user_id: int, method: str, **params):
        return self.client.post(f"/rest/{method}", json={**params, "auth": self.token(user_id)})

    def __call__(self, user_id: int, method: str, **params):
        """The whole JSON answer; asserts nothing about the status."""
        return self.raw(user_id, method, **params).json()

    def ok(self, user_id: int, method: str, **params):
        """``result`` of a call that must succeed."""
        r = self.raw(user_id, method, **params)
        assert r.status_code == 200, r.text
        return r.json()["result"]


@pytest.fixture
def portal() -> Portal:
    return build_portal()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def faults() -> Faults:
    return Faults()


@pytest.fixture
def app(portal, clock, faults):
    return create_app(portal, faults=faults, clock=clock)


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def rest(client, app) -> Rest:
    return Rest(client, app)

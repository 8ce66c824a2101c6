"""/_dev endpoints and serve(): a real uvicorn on a free port, driven with httpx."""
from __future__ import annotations

import json

import httpx
import pytest

from devportal.clock import FakeClock
from devportal.server import serve
from tests.devportal.dp_portal import ADMIN, MANAGER, NOW, build_portal


@pytest.fixture
def running():
    r = serve(build_portal(), clock=FakeClock(NOW))
    yield r
    r.stop()


def test_serve_answers_rest_and_dev_endpoints(running):
    with httpx.Client(base_url=running.url) as http:
        users = http.get("/_dev/users").json()
        admin = next(u for u in users if u["id"] == ADMIN)
        assert admin["is_admin"] and "admin" in admin["role"] and admin["token"]
        manager = next(u for u in users if u["id"] == MANAGER)
        assert "owner of Support desk" in manager["role"]
        tok = http.post("/_dev/token", json={"user_id": MANAGER}).json()
        assert set(tok) >= {"access_token", "refresh_token", "expires_in"}
        me = http.post("/rest/user.current", json={"auth": tok["access_token"]}).json()
        assert me["result"]["ID"] == str(MANAGER)
        hook = http.post(manager["webhook"] + "profile").json()
        assert hook["result"]["ID"] == str(MANAGER)

        http.post("/_dev/faults", json={"add": {"kind": "QUERY_LIMIT_EXCEEDED", "method": "profile", "count": 1}})
        assert http.get("/_dev/faults").json()["rules"][0]["kind"] == "QUERY_LIMIT_EXCEEDED"
        assert http.post("/rest/profile", json={"auth": tok["access_token"]}).status_code == 503
        assert http.post("/_dev/faults", json={"clear": True}).json()["rules"] == []

        now = http.post("/_dev/clock", json={"now": "2026-12-01T10:00:00+00:00"}).json()["now"]
        assert now.startswith("2026-12-01T10:00")
        assert http.post("/rest/profile", json={"auth": tok["access_token"]}).json()["error"] == "expired_token"
        state = json.loads(http.get("/_dev/state").text)
        assert state["groups"]["10"]["name"] == "Support desk"
    assert running.portal.groups[10].owner_id == MANAGER and running.faults is not None


def test_concurrent_requests(running):
    import concurrent.futures as cf
    token = running.token(ADMIN)

    def call(i):
        return httpx.post(f"{running.url}/rest/im.message.add",
                          json={"auth": token, "DIALOG_ID": "chat21", "MESSAGE": f"m{i}"}).json()["result"]
    with cf.ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(call, range(24)))
    assert len(set(ids)) == 24

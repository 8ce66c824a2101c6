"""Scopes per token (_includes/system-errors.md: 403 insufficient_scope; in a batch, the command's
result_error as settings/how-to-call-rest-api/batch.md shows): the demo app's tokens carry the app's
scope list (servicedesk/rest/scopes.py), a token without a scope is refused that scope's methods."""
from __future__ import annotations

from devportal.scopes import APP_SCOPES
from servicedesk.rest.scopes import APP_SCOPES as DECLARED
from tests.devportal.dp_portal import MANAGER, SUPPORT_GROUP


def _token(rest, scopes):
    return rest.service.tokens.issue(MANAGER, rest.service.clock.now(), scopes=scopes)["access_token"]


def test_the_demo_app_is_installed_with_the_apps_own_scope_list(rest):
    assert APP_SCOPES == frozenset(DECLARED) and rest.service.tokens.scopes == APP_SCOPES
    assert rest.ok(MANAGER, "department.get") and rest.ok(MANAGER, "tasks.task.list", filter={"GROUP_ID": SUPPORT_GROUP})


def test_a_token_without_a_scope_is_refused_its_methods_with_the_documented_error(rest, client):
    token = _token(rest, APP_SCOPES - {"department"})
    r = client.post("/rest/department.get", json={"auth": token})
    assert r.status_code == 403
    assert r.json() == {"error": "insufficient_scope",
                        "error_description": "The request requires higher privileges than provided by the webhook token"}
    assert client.post("/rest/user.current", json={"auth": token}).status_code == 200     # user: still there
    assert client.post("/rest/app.option.get", json={"auth": token}).status_code == 200   # basic: always
    batch = client.post("/rest/batch", json={"auth": token, "cmd": {"a": "department.get", "b": "user.current"}})
    assert batch.json()["result"]["result_error"]["a"]["error"] == "insufficient_scope"
    assert "b" in batch.json()["result"]["result"]


def test_sonet_group_methods_take_any_of_their_scope_names(rest, client):
    for names in ({"sonet_group"}, {"sonet"}, {"socialnetwork"}):
        r = client.post("/rest/sonet_group.user.get", json={"auth": _token(rest, names), "ID": SUPPORT_GROUP})
        assert r.status_code == 200, (names, r.text)
    r = client.post("/rest/sonet_group.user.get", json={"auth": _token(rest, {"task"}), "ID": SUPPORT_GROUP})
    assert r.json()["error"] == "insufficient_scope"


def test_user_methods_take_user_brief_and_basic_ones_need_nothing(rest, client):
    token = _token(rest, {"user_brief"})
    assert client.post("/rest/user.current", json={"auth": token}).status_code == 200
    assert client.post("/rest/user.option.get", json={"auth": token}).status_code == 200   # базовый

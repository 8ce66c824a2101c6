"""The authorization server's refresh grant (settings/oauth/auto-renewal.md, error-codes.md)."""
from __future__ import annotations

from tests.devportal.dp_portal import ADMIN

# the answer's keys in auto-renewal.md's example
KEYS = {"access_token", "client_endpoint", "domain", "expires", "expires_in", "member_id", "refresh_token",
        "scope", "server_endpoint", "status", "user_id"}


def _grant(client, app, refresh_token, **over):
    tokens = app.state.service.tokens
    params = {"grant_type": "refresh_token", "client_id": tokens.client_id,
              "client_secret": tokens.client_secret, "refresh_token": refresh_token, **over}
    return client.get("/oauth/token/", params=params)


def test_a_refresh_gives_a_new_pair_in_the_docs_shape_and_the_old_refresh_token_stops(client, app, clock):
    first = app.state.service.tokens.issue(ADMIN, clock.now())
    r = _grant(client, app, first["refresh_token"])
    assert r.status_code == 200 and set(r.json()) == KEYS
    body = r.json()
    assert body["user_id"] == ADMIN and body["expires_in"] == 3600 and body["client_endpoint"].endswith("/rest/")
    me = client.post("/rest/user.current", json={"auth": body["access_token"]}).json()
    assert me["result"]["ID"] == str(ADMIN)
    again = _grant(client, app, first["refresh_token"])
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert _grant(client, app, body["refresh_token"]).status_code == 200


def test_errors_of_the_docs_table(client, app, clock):
    tokens = app.state.service.tokens
    pair = tokens.issue(ADMIN, clock.now())
    assert _grant(client, app, pair["refresh_token"], client_secret="wrong").json()["error"] == "invalid_client"
    assert _grant(client, app, pair["refresh_token"], grant_type="password").json()["error"] == "invalid_request"
    clock.advance(181 * 86400)                                   # a refresh token lives 180 days
    assert _grant(client, app, pair["refresh_token"]).json()["error"] == "invalid_grant"
    fresh = tokens.issue(ADMIN, clock.now())
    tokens.revoke(ADMIN)
    assert _grant(client, app, fresh["refresh_token"]).json()["error"] == "invalid_grant"
    r = client.post("/rest/user.current", json={"auth": fresh["access_token"]})
    assert r.status_code == 401 and r.json()["error"] == "invalid_token"
    other = tokens.issue(ADMIN, clock.now())
    tokens.app_installed = False                                 # the app removed from the portal
    assert _grant(client, app, other["refresh_token"]).json()["error"] == "invalid_client"


def test_the_keys_are_shown_to_the_demo(client, app):
    tokens = app.state.service.tokens
    assert client.get("/_dev/app").json() == {"client_id": tokens.client_id, "client_secret": tokens.client_secret}

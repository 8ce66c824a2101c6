"""Who is calling: OAuth access tokens (opaque, expiring on the portal clock) and webhook codes.

Errors (error-codes.md / _includes/system-errors.md): an expired token is 401 ``expired_token``;
an unknown token is 401 ``invalid_token`` (what Bitrix24's OAuth check answers, and what the JS SDK
refreshes on); no auth at all or a wrong webhook code is 401 ``NO_AUTH_FOUND``.

The app's OAuth keys (``client_id``/``client_secret``) and the refresh grant of the authorization
server (settings/oauth/auto-renewal.md, error-codes.md) are in ``refresh_grant``; see devportal.oauth.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from .envelope import RestError
from .scopes import APP_SCOPES
from .state import Portal, User

TOKEN_LIFETIME = 3600
REFRESH_LIFETIME = 180 * 86400  # auto-renewal.md: a refresh token lives 180 days
APP_ID = "servicedesk"          # devportal models one installed app: ours
CLIENT_ID = "local.servicedesk.devportal"   # its OAuth keys, as the local app's form shows them


class OAuthError(Exception):
    """An answer of the authorization server's error table (settings/oauth/error-codes.md)."""

    def __init__(self, code: str, description: str):
        super().__init__(f"{code}: {description}")
        self.code, self.description = code, description


@dataclass
class Grant:
    user_id: int
    expires: datetime
    app_id: str = APP_ID
    scopes: frozenset | None = None     # None: the installed app's scopes (devportal.scopes.APP_SCOPES)


@dataclass
class Caller:
    """The authenticated caller of one request."""
    user: User
    app_id: str                 # "" for webhooks (no application context)
    webhook: bool = False
    scopes: frozenset | None = None     # None: every scope


class Tokens:
    """Access/refresh tokens and webhook codes of one portal."""

    def __init__(self):
        self.access: dict[str, Grant] = {}
        self.refresh: dict[str, int] = {}
        self.webhooks: dict[int, str] = {}
        self.refresh_expires: dict[str, datetime] = {}
        self.client_id, self.client_secret = CLIENT_ID, secrets.token_hex(25)
        self.app_installed = True   # False: the app was removed (its keys and tokens stop working)
        self.scopes = APP_SCOPES    # the scopes the app was installed with (its tokens carry them)

    def issue(self, user_id: int, now: datetime, lifetime: int = TOKEN_LIFETIME, scopes=None) -> dict:
        """A fresh access + refresh token for ``user_id`` (what OAuth / refreshAuth hands out), with the
        app's scopes (``self.scopes``) unless ``scopes`` says otherwise (tests)."""
        access, refresh = secrets.token_hex(16), secrets.token_hex(16)
        expires = now + timedelta(seconds=lifetime)
        self.access[access] = Grant(user_id, expires, scopes=frozenset(scopes) if scopes is not None else self.scopes)
        self.refresh[refresh] = user_id
        self.refresh_expires[refresh] = now + timedelta(seconds=REFRESH_LIFETIME)
        return {"access_token": access, "refresh_token": refresh, "expires_in": lifetime,
                "expires": int(expires.timestamp()), "user_id": user_id}

    def expire(self, token: str, now: datetime) -> None:
        """Make ``token`` expired as of ``now`` (tests)."""
        if token in self.access:
            self.access[token].expires = now - timedelta(seconds=1)

    def revoke(self, user_id: int) -> None:
        """Drop every access and refresh token of ``user_id`` (tests: a revoked credential)."""
        self.access = {k: g for k, g in self.access.items() if g.user_id != user_id}
        for k in [k for k, uid in self.refresh.items() if uid == user_id]:
            del self.refresh[k]

    def refresh_grant(self, portal: Portal, params: dict, now: datetime) -> dict:
        """``grant_type=refresh_token``: a new pair for the refresh token's user; the used refresh token
        stops working (the docs say to store the new one each time; whether the old one still works
        is not documented, so devportal is strict)."""
        if params.get("grant_type") != "refresh_token" or not params.get("refresh_token"):
            raise OAuthError("invalid_request", "Invalid request")
        if (not self.app_installed or params.get("client_id") != self.client_id
                or params.get("client_secret") != self.client_secret):
            raise OAuthError("invalid_client", "Invalid client")
        token = str(params["refresh_token"])
        uid = self.refresh.get(token)
        expires = self.refresh_expires.get(token)
        if uid is None or expires is None or expires <= now:
            raise OAuthError("invalid_grant", "Invalid grant")
        user = portal.users.get(uid)
        if user is None or not user.active:
            raise OAuthError("invalid_grant", "Invalid grant")
        del self.refresh[token]
        return self.issue(uid, now)

    def webhook_code(self, user_id: int) -> str:
        """The (stable) inbound-webhook code of ``user_id``."""
        return self.webhooks.setdefault(user_id, secrets.token_hex(8))

    def by_token(self, portal: Portal, token: str | None, now: datetime) -> Caller:
        if not token:
            raise RestError(401, "NO_AUTH_FOUND", "Wrong authorization data")
        grant = self.access.get(token)
        if grant is None or (grant.app_id == APP_ID and not self.app_installed):
            raise RestError(401, "invalid_token", "The access token provided is invalid.")
        if grant.expires <= now:
            raise RestError(401, "expired_token", "The access token provided has expired.")
        return Caller(_active(portal, grant.user_id), grant.app_id, scopes=grant.scopes)

    def by_webhook(self, portal: Portal, user_id: str, code: str) -> Caller:
        try:
            uid = int(user_id)
        except ValueError:
            uid = 0
        if not uid or self.webhooks.get(uid) != code:
            raise RestError(401, "NO_AUTH_FOUND", "Wrong authorization data")
        return Caller(_active(portal, uid), "", webhook=True)


def _active(portal: Portal, user_id: int) -> User:
    user = portal.users.get(user_id)
    if user is None or not user.active:
        raise RestError(401, "NO_AUTH_FOUND", "Wrong authorization data")
    return user

"""Who is calling: OAuth access tokens (opaque, expiring on the portal clock) and webhook codes.

Errors (error-codes.md / _includes/system-errors.md): an expired token is 401 ``expired_token``;
an unknown token is 401 ``invalid_token`` (what Bitrix24's OAuth check answers, and what the JS SDK
refreshes on); no auth at all or a wrong webhook code is 401 ``NO_AUTH_FOUND``.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from .envelope import RestError
from .state import Portal, User

TOKEN_LIFETIME = 3600
APP_ID = "servicedesk"          # devportal models one installed app: ours


@dataclass
class Grant:
    user_id: int
    expires: datetime
    app_id: str = APP_ID


@dataclass
class Caller:
    """The authenticated caller of one request."""
    user: User
    app_id: str                 # "" for webhooks (no application context)
    webhook: bool = False


class Tokens:
    """Access/refresh tokens and webhook codes of one portal."""

    def __init__(self):
        self.access: dict[str, Grant] = {}
        self.refresh: dict[str, int] = {}
        self.webhooks: dict[int, str] = {}

    def issue(self, user_id: int, now: datetime, lifetime: int = TOKEN_LIFETIME) -> dict:
        """A fresh access + refresh token for ``user_id`` (what OAuth / refreshAuth hands out)."""
        access, refresh = secrets.token_hex(16), secrets.token_hex(16)
        expires = now + timedelta(seconds=lifetime)
        self.access[access] = Grant(user_id, expires)
        self.refresh[refresh] = user_id
        return {"access_token": access, "refresh_token": refresh, "expires_in": lifetime,
                "expires": int(expires.timestamp()), "user_id": user_id}

    def expire(self, token: str, now: datetime) -> None:
        """Make ``token`` expired as of ``now`` (tests)."""
        if token in self.access:
            self.access[token].expires = now - timedelta(seconds=1)

    def webhook_code(self, user_id: int) -> str:
        """The (stable) inbound-webhook code of ``user_id``."""
        return self.webhooks.setdefault(user_id, secrets.token_hex(8))

    def by_token(self, portal: Portal, token: str | None, now: datetime) -> Caller:
        if not token:
            raise RestError(401, "NO_AUTH_FOUND", "Wrong authorization data")
        grant = self.access.get(token)
        if grant is None:
            raise RestError(401, "invalid_token", "The access token provided is invalid.")
        if grant.expires <= now:
            raise RestError(401, "expired_token", "The access token provided has expired.")
        return Caller(_active(portal, grant.user_id), grant.app_id)

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

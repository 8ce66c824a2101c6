"""Typed REST errors, and the one table that says, for every kind of error, whether it is temporary
and what the user is told (``KINDS``). The rest of the app asks ``kind_of`` instead of raw codes."""
from __future__ import annotations

from dataclasses import dataclass


class PortalError(Exception):
    """An error answered by the portal (or on the way to it): code, description, HTTP status."""

    def __init__(self, code: str, description: str = "", status: int = 0, method: str = ""):
        self.code = code
        self.description = description
        self.status = status
        self.method = method
        where = f" in {method}" if method else ""
        super().__init__(f"{code}{where}: {description}" if description else f"{code}{where}")


class AccessDenied(PortalError):
    """The current user may not do this (ACCESS_DENIED, insufficient_scope, ...): never retried."""


class RateLimited(PortalError):
    """QUERY_LIMIT_EXCEEDED / OPERATION_TIME_LIMIT still answered after every retry."""


class MethodBlocked(RateLimited):
    """OPERATION_TIME_LIMIT: the portal blocked this method for the app until ``until`` (a Unix time;
    settings/performance/limits.md: calls of that method wait, other methods go on, a block lasts at
    most 10 minutes). Never retried in a loop: the client refuses the method itself until then."""

    def __init__(self, code: str, description: str = "", status: int = 0, method: str = "",
                 until: float | None = None):
        super().__init__(code, description, status, method)
        self.until = until


class AuthExpired(PortalError):
    """The token expired and one refresh did not help."""


class NetworkError(PortalError):
    """The portal could not be reached, or answered something that is not its JSON."""


class RepeatedPage(PortalError):
    """A fast-list page did not move past the previous one (its last id is not greater): the portal
    ignores the ``>ID`` filter, so asking on would loop for ever."""


# AccessException: app.option.set by a non-admin (common/settings/app-option-set.md)
ACCESS_CODES = {"ACCESS_DENIED", "AccessException", "insufficient_scope", "INVALID_CREDENTIALS", "NO_AUTH_FOUND",
                "user_access_error", "authorization_error", "TARIFF_RESTRICTION"}
AUTH_CODES = {"expired_token", "invalid_token"}
RATE_CODES = {"QUERY_LIMIT_EXCEEDED"}
BLOCKED = "OPERATION_TIME_LIMIT"
SERVER_CODES = {"INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER", "MALFORMED_RESPONSE"}
NETWORK_CODES = {"NETWORK_ERROR", "TIMEOUT"}
TIMEOUT = "TIMEOUT"         # NetworkError code: no answer in time (the request may still be carried out)
REPEATED_PAGE = "REPEATED_PAGE"


@dataclass(frozen=True)
class Kind:
    """What the app does with one kind of error and what it tells the user.

    ``temporary``: it may pass by itself or with a token refresh, so handling it again later makes
    sense (the bot leaves such an event for the next poll). ``wait_helps``: asking again after a
    pause may succeed (the loader's and start-up's own retries). ``lost_answer``: the request may
    have been carried out although no answer came (repeating it may duplicate). ``dashboard`` and
    ``setup``: the i18n keys of the text the dashboard (and My requests) and the setup wizard show.
    """
    name: str
    cls: type
    temporary: bool
    wait_helps: bool
    lost_answer: bool
    dashboard: str
    setup: str


KINDS = {k.name: k for k in (
    #    name       class          temporary wait   lost   dashboard text        setup wizard text
    Kind("access", AccessDenied, False, False, False, "dash_access_denied", "setup_err_rights"),
    Kind("auth", AuthExpired, True, False, False, "dash_auth_expired", "setup_err_auth"),
    Kind("rate", RateLimited, True, True, False, "dash_rate_limited", "setup_err_rate"),
    Kind("blocked", MethodBlocked, True, False, False, "dash_blocked", "setup_err_blocked"),
    Kind("network", NetworkError, True, True, True, "dash_network", "setup_err_network"),
    Kind("malformed", PortalError, True, True, True, "dash_portal_error", "setup_err_network"),
    Kind("server", PortalError, True, True, True, "dash_portal_error", "setup_err_server"),
    Kind("repeated_page", RepeatedPage, False, False, False, "dash_portal_error", "setup_err_portal"),
    Kind("portal", PortalError, False, False, False, "dash_portal_error", "setup_err_portal"),
)}
CODE_KINDS = {**{c: "access" for c in ACCESS_CODES}, **{c: "auth" for c in AUTH_CODES},
              **{c: "rate" for c in RATE_CODES}, **{c: "network" for c in NETWORK_CODES},
              **{c: "server" for c in SERVER_CODES}, "MALFORMED_RESPONSE": "malformed", BLOCKED: "blocked",
              REPEATED_PAGE: "repeated_page"}
_CLASS_KINDS = ((AccessDenied, "access"), (AuthExpired, "auth"), (MethodBlocked, "blocked"), (RateLimited, "rate"),
                (NetworkError, "network"), (RepeatedPage, "repeated_page"))


def error_from(code: str, description: str = "", status: int = 0, method: str = "") -> PortalError:
    """The typed error for a portal error code."""
    return KINDS[CODE_KINDS.get(code, "portal")].cls(code, description, status, method)


def kind_of(error) -> Kind:
    """The kind of ``error``: a ``PortalError`` (a typed one by its class), a batch command's error
    (``{"error": code, ...}``) or a bare code. An unknown code answered with HTTP 5xx is "server"."""
    if isinstance(error, PortalError):
        name = next((k for cls, k in _CLASS_KINDS if isinstance(error, cls)), None)
        name = name or CODE_KINDS.get(error.code) or ("server" if error.status >= 500 else "portal")
        return KINDS[name]
    code = str(error.get("error", "")) if isinstance(error, dict) else str(error or "")
    return KINDS[CODE_KINDS.get(code, "portal")]


def _failed_5xx(error) -> bool:
    return isinstance(error, PortalError) and error.status >= 500


def is_temporary(error) -> bool:
    """Worth handling again later: no connection, rate limit, token, or the portal's own failure
    (any answer with HTTP 5xx). Anything that is not a portal error is not temporary."""
    if not isinstance(error, (PortalError, dict, str)):
        return False
    return kind_of(error).temporary or _failed_5xx(error)


def wait_helps(error) -> bool:
    """Asking again after a pause may succeed: a rate limit, the portal's 5xx, no answer."""
    return kind_of(error).wait_helps


def is_lost_answer(error: PortalError) -> bool:
    """The request may have been carried out although no answer came back (retrying may duplicate);
    any answer with HTTP 5xx counts (the portal may have failed after doing the work)."""
    return kind_of(error).lost_answer or _failed_5xx(error)

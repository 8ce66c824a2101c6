"""Typed REST errors: what the rest of the app catches instead of raw error codes."""
from __future__ import annotations


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


class AuthExpired(PortalError):
    """The token expired and one refresh did not help."""


class NetworkError(PortalError):
    """The portal could not be reached, or answered something that is not its JSON."""


ACCESS_CODES = {"ACCESS_DENIED", "insufficient_scope", "INVALID_CREDENTIALS", "NO_AUTH_FOUND",
                "user_access_error", "authorization_error", "TARIFF_RESTRICTION"}
AUTH_CODES = {"expired_token", "invalid_token"}
RATE_CODES = {"QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT"}
SERVER_CODES = {"INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER", "MALFORMED_RESPONSE"}
TIMEOUT = "TIMEOUT"         # NetworkError code: no answer in time (the request may still be carried out)


def error_from(code: str, description: str = "", status: int = 0, method: str = "") -> PortalError:
    """The typed error for a portal error code."""
    if code in ACCESS_CODES:
        cls = AccessDenied
    elif code in AUTH_CODES:
        cls = AuthExpired
    elif code in RATE_CODES:
        cls = RateLimited
    elif code in ("NETWORK_ERROR", TIMEOUT):
        cls = NetworkError
    else:
        cls = PortalError
    return cls(code, description, status, method)


def is_lost_answer(exc: PortalError) -> bool:
    """The request may have been carried out although no answer came back (retrying may duplicate)."""
    return isinstance(exc, NetworkError) or exc.code in SERVER_CODES or exc.status >= 500

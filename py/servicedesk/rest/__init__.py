"""The only code that talks to a portal: ``RestClient`` over a transport (HTTP on CPython, the
portal frame's SDK + fetch in the browser), with typed errors."""
from .client import BatchResult, Page, Reply, RestClient, RetryPolicy
from .errors import AccessDenied, AuthExpired, NetworkError, PortalError, RateLimited

__all__ = ["RestClient", "RetryPolicy", "Reply", "Page", "BatchResult",
           "PortalError", "AccessDenied", "RateLimited", "AuthExpired", "NetworkError"]

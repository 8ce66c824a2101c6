"""Injected failures, per method (or ``*`` = all) and optionally for the next N calls only.

Kinds: ``QUERY_LIMIT_EXCEEDED`` (503), ``expired_token`` (401), ``ACCESS_DENIED`` (403),
``INTERNAL_SERVER_ERROR`` (500), ``malformed`` (200 with a broken JSON body), ``latency`` (wait
``ms`` on the clock, then answer normally), ``repeat_page`` (a list ignores its paging cursor,
a ``>ID`` filter or ``LAST_ID``, and answers its first page again). Separately, ``rate_limit``
switches on a real leaky bucket (limits.md: counter +1 per request, drains 2/s, a request is
refused with 503 QUERY_LIMIT_EXCEEDED once the counter has reached 50), one bucket per app on
this portal.
"""
from __future__ import annotations

import threading
from dataclasses import asdict, dataclass

from .envelope import RestError

ERRORS = {
    "QUERY_LIMIT_EXCEEDED": (503, "Too many requests"),
    "expired_token": (401, "The access token provided has expired."),
    "ACCESS_DENIED": (403, "Access denied!"),
    "INTERNAL_SERVER_ERROR": (500, "Internal server error"),
}
KINDS = (*ERRORS, "malformed", "latency", "repeat_page")
CURSORS = {">id", "last_id"}        # the paging cursors repeat_page drops (case-insensitive)


@dataclass
class Fault:
    kind: str
    method: str = "*"
    count: int | None = None       # None = until cleared
    ms: int = 0                    # latency only

    def matches(self, method: str) -> bool:
        return self.method in ("*", method) or self.method.lower() == method.lower()


class LeakyBucket:
    """Bitrix24's request-rate limit: ``rate`` drained per second, refusal at ``burst``."""

    def __init__(self, rate: float = 2.0, burst: int = 50):
        self.rate, self.burst = rate, burst
        self.level: dict[str, float] = {}
        self.seen: dict[str, float] = {}

    def admit(self, key: str, now: float) -> bool:
        level = max(0.0, self.level.get(key, 0.0) - (now - self.seen.get(key, now)) * self.rate)
        self.seen[key] = now
        if level >= self.burst:
            self.level[key] = level
            return False
        self.level[key] = level + 1
        return True


class Faults:
    """The switchboard tests and the demo flip: ``add``, ``clear``, ``rate_limit``."""

    def __init__(self):
        self.rules: list[Fault] = []
        self.bucket: LeakyBucket | None = None
        self._lock = threading.Lock()

    def add(self, kind: str, method: str = "*", count: int | None = None, ms: int = 0) -> Fault:
        """Switch a fault on for ``method`` (``*`` = every method), for ``count`` calls or for good."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(KINDS)}")
        fault = Fault(kind, method, count, ms)
        with self._lock:
            self.rules.append(fault)
        return fault

    def clear(self, method: str | None = None) -> None:
        """Remove every fault (or those of ``method``) and switch the rate limit off."""
        with self._lock:
            self.rules = [f for f in self.rules if method is not None and f.method != method]
            if method is None:
                self.bucket = None

    def rate_limit(self, on: bool = True, rate: float = 2.0, burst: int = 50) -> None:
        self.bucket = LeakyBucket(rate, burst) if on else None

    def take(self, method: str) -> list[Fault]:
        """The faults firing for one call of ``method`` (counts are used up here)."""
        fired = []
        with self._lock:
            for f in list(self.rules):
                if f.matches(method) and f.kind not in {x.kind for x in fired}:
                    fired.append(f)
                    if f.count is not None:
                        f.count -= 1
                        if f.count <= 0:
                            self.rules.remove(f)
        return fired

    def check_rate(self, key: str, now: float) -> None:
        """Raise 503 QUERY_LIMIT_EXCEEDED when the leaky bucket (if on) is full."""
        if self.bucket is not None:
            with self._lock:
                ok = self.bucket.admit(key, now)
            if not ok:
                raise error("QUERY_LIMIT_EXCEEDED")

    def to_json(self) -> dict:
        return {"rules": [asdict(f) for f in self.rules],
                "rate_limit": None if self.bucket is None else
                {"rate": self.bucket.rate, "burst": self.bucket.burst, "level": self.bucket.level}}


def without_cursor(params: dict) -> dict:
    """``params`` without a list's paging cursor (``LAST_ID``, a ``>ID`` filter): its first page again."""
    out = {k: v for k, v in params.items() if k.lower() not in CURSORS}
    for key, value in out.items():
        if key.lower() == "filter" and isinstance(value, dict):
            out[key] = {k: v for k, v in value.items() if k.lower() not in CURSORS}
    return out


def error(kind: str) -> RestError:
    status, text = ERRORS[kind]
    return RestError(status, kind, text)

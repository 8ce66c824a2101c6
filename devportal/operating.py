"""The limit on a method's accumulated execution time (settings/performance/limits.md,
"Ограничения на ресурсоемкость"; _includes/system-errors.md).

Per caller (app or webhook) and method, execution time is summed in one-minute buckets; a bucket
starts with the first call counted in its minute and leaves the sum 10 minutes later. ``operating``
(in every answer's ``time``) is that sum, ``operating_reset_at`` when the oldest bucket leaves it.
Before each call the sum is checked: over the limit, the call is refused with 429
``OPERATION_TIME_LIMIT`` "Method is blocked due to operation time limit"; other methods and callers
go on. The outer ``batch`` is not counted, its commands are, each by its own method.

devportal's calls take next to no time, so a test makes a method heavy with ``cost[method]``
(seconds each call adds) on the injectable clock: nothing sleeps.
"""
from __future__ import annotations

import threading

from .envelope import RestError

LIMIT = 480.0          # limits.md's example ("предположим, что установленный лимит равен 480 секундам")
WINDOW = 600           # a bucket counts for 10 minutes
BUCKET = 60            # one-minute buckets


class Operating:
    """Accumulated execution time per (caller, method), in one-minute buckets."""

    def __init__(self, limit: float = LIMIT):
        self.limit = limit
        self.cost: dict[str, float] = {}                     # method -> seconds each call adds (tests)
        self._buckets: dict[tuple[str, str], list[list[float]]] = {}   # [bucket start, seconds]
        self._lock = threading.Lock()

    def _live(self, key: tuple[str, str], now: float) -> list[list[float]]:
        live = [b for b in self._buckets.get(key, []) if b[0] + WINDOW > now]
        self._buckets[key] = live
        return live

    def check(self, caller: str, method: str, now: float) -> None:
        """Refuse the call when the method's sum for this caller is over the limit."""
        with self._lock:
            if sum(b[1] for b in self._live((caller, method.lower()), now)) > self.limit:
                raise RestError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit")

    def charge(self, caller: str, method: str, start: float, seconds: float) -> dict:
        """Count a finished call; the ``operating`` / ``operating_reset_at`` keys of its answer."""
        seconds += self.cost.get(method, self.cost.get(method.lower(), 0.0))
        with self._lock:
            live = self._live((caller, method.lower()), start)
            if live and start < live[-1][0] + BUCKET:
                live[-1][1] += seconds
            elif seconds > 0:
                live.append([start, seconds])
            total = sum(b[1] for b in live)
            reset = live[0][0] + WINDOW if live else start + WINDOW
        return {"operating": total, "operating_reset_at": int(reset)}

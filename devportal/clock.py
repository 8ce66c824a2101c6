"""The portal clock: real (anchored at the portal's ``now`` and ticking) or fake (moved by tests).

Every handler reads ``portal.now``; the server sets it from the clock before each call, so the
whole portal follows one injectable clock. ``monotonic()`` drives the rate limiter and ``sleep``
the latency fault: a FakeClock makes both instant.
"""
from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone


class Clock:
    """Real time, shifted so that it starts at ``start`` (the portal's anchor date)."""

    def __init__(self, start: datetime | None = None):
        self._start = start or datetime.now(timezone.utc)
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self.monotonic())

    def monotonic(self) -> float:
        return time.monotonic() - self._t0

    def set(self, now: datetime) -> None:
        """Jump to ``now``; time keeps running from there."""
        self._start = now - timedelta(seconds=self.monotonic())

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class FakeClock(Clock):
    """A clock that stands still until told: ``advance(s)``, ``set(now)``; ``sleep`` advances."""

    def __init__(self, start: datetime | None = None):
        self._now = start or datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
        self._mono = 0.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def set(self, now: datetime) -> None:
        self.advance(max(0.0, (now - self._now).total_seconds()))
        self._now = now

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._now += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        self.advance(seconds)

"""The fault matrix's machinery: one devportal over real HTTP, a fresh portal per cell, the faults
(each REST error class, transient and persistent) and how a cell's outcome is judged.

A cell = action × fault × mode. The fault hits the action's key methods: ``count`` times each
(transient) or until cleared (persistent); the leaky bucket is full and drains (transient) or never
drains (persistent). Rate-limit and
error faults run on devportal's fake clock (the client's sleep advances it, so nothing sleeps);
the timeout cells use the real clock: ``LATENCY`` on the server against the client's ``TIMEOUT``,
while the action runs under the fault only (preparing and checking, with no fault, wait as the app
does: a loaded machine may take longer than ``TIMEOUT`` for a plain answer).
Shared by tests/reliability/test_fault_matrix.py and bench/fault_matrix.py.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from devportal.auth import APP_ID
from devportal.clock import Clock, FakeClock
from devportal.server import serve
from servicedesk.rest import PortalError, RestClient
from servicedesk.rest.http import HttpTransport

LATENCY_MS = 1000            # the server's delay in the timeout cells ...
TIMEOUT = 0.6                # ... and the client's timeout while the action runs under it (seconds)
PLAIN_TIMEOUT = 30.0         # the clients' timeout otherwise (HttpTransport's own)
MODES = ("transient", "persistent")


@dataclass(frozen=True)
class Fault:
    name: str
    kind: str                # devportal's fault kind ("bucket": the leaky bucket)
    count: int               # how many times a transient fault fires per rule
    http_only: bool = False  # devportal applies it to whole HTTP requests, not to batch commands
    real_clock: bool = False


FAULTS = (
    Fault("rate limit", "QUERY_LIMIT_EXCEEDED", 2),
    Fault("leaky bucket", "bucket", 0),
    Fault("expired token", "expired_token", 1),
    Fault("access denied", "ACCESS_DENIED", 2),
    Fault("500", "INTERNAL_SERVER_ERROR", 2),
    Fault("timeout", "latency", 2, http_only=True, real_clock=True),
    Fault("malformed", "malformed", 2, http_only=True),
)


@dataclass
class Outcome:
    """``ok`` (succeeded), ``message`` (a clear, typed failure: ``text`` is what the user reads)."""
    kind: str
    text: str = ""


OK = Outcome("ok")


def message(text: str) -> Outcome:
    return Outcome("message", text)


@dataclass
class Cell:
    action: str
    fault: str
    mode: str
    outcome: str             # "ok after retry" | "clear message: ..." | "FAIL"
    reasons: list
    fired: int
    seconds: float

    @property
    def failed(self) -> bool:
        return self.outcome == "FAIL"


class Bench:
    """A devportal serving in this process; ``reset`` puts a fresh portal and clock in for a cell."""

    def __init__(self, portal):
        self.running = serve(portal, clock=FakeClock(portal.now))
        self.service = self.running.service
        self.inflight = 0
        self.fired = 0
        self._kind = ""
        self.timeout = self.act_timeout = PLAIN_TIMEOUT
        self.transports: list = []     # the clients' transports of the cell (their timeout follows the phase)
        self._instrument()

    def _instrument(self) -> None:
        """Count requests in flight (timeouts leave some running) and the faults that fired."""
        service, faults = self.service, self.service.faults
        handle, take, check_rate = service.handle, faults.take, faults.check_rate

        async def counted(*args, **kw):
            self.inflight += 1
            try:
                return await handle(*args, **kw)
            finally:
                self.inflight -= 1

        def taken(method):
            fired = take(method)
            self.fired += sum(1 for f in fired if f.kind == self._kind)
            return fired

        def rated(key, now):
            try:
                check_rate(key, now)
            except Exception:
                self.fired += 1
                raise
        service.handle, faults.take, faults.check_rate = counted, taken, rated

    @property
    def portal(self):
        return self.service.portal

    def wait_idle(self, limit: float = 60.0) -> None:
        """Until every request the server got has been answered (a timed-out one still acts)."""
        deadline = time.monotonic() + limit
        while self.inflight and time.monotonic() < deadline:
            time.sleep(0.02)

    def reset(self, portal, real_clock: bool = False) -> None:
        self.service.faults.clear()
        self.wait_idle()
        self.service.portal = portal
        self.service.clock = Clock(portal.now) if real_clock else FakeClock(portal.now)
        self.fired, self._kind, self.transports = 0, "", []
        self.act_timeout = TIMEOUT if real_clock else PLAIN_TIMEOUT
        self.set_timeout(PLAIN_TIMEOUT)

    def set_timeout(self, seconds: float) -> None:
        """The timeout of the cell's clients from now on (those made already too)."""
        self.timeout = seconds
        for transport in self.transports:
            transport.timeout = seconds

    def client(self, uid: int) -> RestClient:
        """A client of ``uid`` whose token refresh asks devportal and whose sleep never waits."""
        clock = self.service.clock

        async def refresh():
            return self.running.token(uid)

        async def sleep(seconds):
            if isinstance(clock, FakeClock):
                await clock.sleep(seconds)
            await asyncio.sleep(0)
        transport = HttpTransport(self.running.url, self.running.token(uid), refresh, timeout=self.timeout)
        self.transports.append(transport)
        return RestClient(transport, sleep=sleep)

    def inject(self, fault: Fault, mode: str, keys: list[str]) -> None:
        faults = self.service.faults
        self._kind = fault.kind
        if fault.kind == "bucket":       # transient: a full bucket that drains; persistent: never drains
            faults.rate_limit(True, 2.0, 2) if mode == "transient" else faults.rate_limit(True, 0.0, 0)
            faults.bucket.level[APP_ID] = faults.bucket.burst
            return
        ms = LATENCY_MS if fault.kind == "latency" else 0
        for method in keys:
            faults.add(fault.kind, method, fault.count if mode == "transient" else None, ms=ms)

    def clear(self) -> None:
        self.service.faults.clear()
        self.wait_idle()
        self.set_timeout(PLAIN_TIMEOUT)

    def stop(self) -> None:
        self.running.stop()


def judge(outcome: Outcome | None, error: BaseException | None, fired: int, reasons: list[str]) -> str:
    """The cell's label; reasons gets why it failed."""
    if error is not None:
        reasons.append(f"unclear failure: {type(error).__name__}: {error}")
    elif outcome is not None and outcome.kind == "message" and not outcome.text.strip():
        reasons.append("failed with an empty message")
    if not fired:
        reasons.append("the fault never fired")
    if reasons:
        return "FAIL"
    if outcome.kind == "ok":
        return "ok after retry"
    return f"clear message: {outcome.text}"


def run_cell(bench: Bench, action, fault: Fault, mode: str) -> Cell:
    """Prepare the action on a fresh portal, run it under the fault, then check the portal's state
    (and what a retry by the user gives) with the fault cleared."""
    started = time.monotonic()
    bench.reset(action.portal(), fault.real_clock)
    state = asyncio.run(action.prepare(bench))
    keys = action.http_keys if fault.http_only else action.keys
    bench.inject(fault, mode, keys)
    bench.set_timeout(bench.act_timeout)
    outcome, error = None, None
    try:
        outcome = asyncio.run(action.act(bench, state))
    except PortalError as exc:            # typed, but the action should have said it in words
        error = exc
    except Exception as exc:              # noqa: BLE001 - an untyped failure is what the matrix looks for
        error = exc
    fired = bench.fired
    bench.clear()
    reasons: list[str] = []
    try:
        reasons += asyncio.run(action.check(bench, state, outcome))
    except Exception as exc:              # noqa: BLE001
        reasons.append(f"check failed: {type(exc).__name__}: {exc}")
    label = judge(outcome, error, fired, reasons)
    return Cell(action.name, fault.name, mode, label, reasons, fired, time.monotonic() - started)

"""The SLA alert check on a polling support page (when no worker runs, decisions 104): after each poll,
at most once a minute (the first a minute after the page opened), with numpy loaded for the desk's clock. The page keeps the keys it sent in
memory; another page or the worker sending the same alert uses the same message key."""
from __future__ import annotations

import logging
import time

log = logging.getLogger("servicedesk.bot.alerts")
EVERY = 60.0           # seconds between two checks of a page


def with_alerts(poller, visit, every: float = EVERY, clock=time.monotonic):
    """``poller`` whose ``poll_once`` also runs the alert check (a failed check is logged, never raised)."""
    from .alerts_run import AlertRunner
    # the first check a minute after the page opened: its own screen loads first, undisturbed
    runner, state = AlertRunner(visit, every_desk=False), {"last": clock(), "numpy": None}
    poll_once = poller.poll_once

    async def polled() -> int:
        got = await poll_once()
        now = clock()
        if state["last"] is not None and now - state["last"] < every:
            return got
        state["last"] = now
        try:
            if state["numpy"] is None:
                from .. import runtime
                state["numpy"] = (await runtime.load_packages(["numpy"])).ok
            if state["numpy"]:
                await runner.run_once()
        except Exception as exc:  # noqa: BLE001 - the bot's events matter more than a warning
            log.warning("SLA alert check failed: %s", exc)
        return got
    poller.poll_once = polled
    return poller

"""The bot's event loop without a server: while a support member has the app open in a visible tab,
poll ``imbot.v2.Event.get`` (fetch mode), handle each event, then acknowledge it with ``offset``.

Delivery is at-least-once: handle first, acknowledge after (with the next fetch), so a crash in
between means the event comes again, and the handlers are idempotent (``events.py``). Two tabs or
two people polling at once may both handle an event; the keys make the second time a no-op.
On open the first fetch catches up with everything that waited while nobody polled.
"""
from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass, field
from datetime import datetime

from ..model.settings import Settings
from ..model.values import parse_time
from .events import Deferred, handle_event
from .rules import Revoked
from .say import transient

log = logging.getLogger("servicedesk.bot")


@dataclass
class PollStatus:
    """What this browser knows: last poll time, events found waiting on open, events handled."""
    last_at: datetime | None = None
    waiting_on_open: int | None = None
    handled: int = 0
    error: str = ""


STATUS = PollStatus()            # one page = one interpreter: the views read it through poll_status()


def poll_status() -> PollStatus:
    """The bot poller's state in this browser ("бот: последняя проверка в …")."""
    return STATUS


def _page_visible() -> bool:
    try:
        import js
        return str(js.document.visibilityState) == "visible"
    except Exception:  # noqa: BLE001 - CPython (tests) has no js module, a worker no document: always "visible"
        return True


@dataclass
class Poller:
    session: object
    batch: int = 50
    offset: int | None = None     # acknowledges everything below it with the next fetch
    seen: set = field(default_factory=set)
    grace: float = 120.0          # seconds an event waits for a poller with the rights it needs
    status: PollStatus = field(default_factory=lambda: STATUS)
    has_more: bool = False        # the last fetch left events on the portal (``hasMore``)
    on_event: object = None       # on_event(event, outcome) after each event (the worker's log line)
    should_stop: object = None    # should_stop() -> True: handle no further event of this batch

    async def poll_once(self) -> int:
        """One fetch (acknowledging what was handled before) and the handling of what it brought;
        returns the number of events fetched. The acknowledgement cursor stops at the first event
        that is not done: a transient error (network, rate limit, the portal's 5xx) or one deferred
        to a support member with more rights (for ``grace`` seconds after the event); those come again."""
        settings = Settings.from_dict(self.session.ctx.settings)
        params = {"botId": settings.bot_id, "limit": self.batch}
        if self.offset is not None:
            params["offset"] = self.offset
        res = await self.session.client.call("imbot.v2.Event.get", params) or {}
        events = res.get("events") or []
        self.has_more = bool(res.get("hasMore"))
        now = self.session.now()
        self.status.last_at = now
        if self.status.waiting_on_open is None:
            self.status.waiting_on_open = len(events)
        blocked = False
        for ev in events:
            if self.should_stop is not None and self.should_stop():
                self.has_more = True
                break
            eid = int(ev.get("eventId") or 0)
            if eid not in self.seen:
                when = parse_time(ev.get("date"))
                last_try = when is None or (now - when).total_seconds() >= self.grace
                try:
                    outcome = await handle_event(self.session, ev, last_try=last_try)
                except Deferred as exc:
                    log.info("event %s left for another poller: %s", eid, exc)
                    self._report(ev, f"left for another poller: {exc}")
                    blocked = True
                    continue
                except Revoked:
                    raise
                except Exception as exc:  # noqa: BLE001 - one event failed: it comes again or is logged
                    self.status.error = str(exc)
                    if transient(exc):        # the portal is away or failing: the event comes again
                        log.warning("event %s: %s; it will come again", eid, exc)
                        self._report(ev, f"will come again: {exc}")
                        return len(events)
                    # a refusal or a bad event: log it, do not block the queue
                    log.error("event %s (%s) failed: %s", eid, ev.get("type"), exc)
                    outcome = f"failed: {exc}"
                self._report(ev, outcome)
                self.seen.add(eid)
                self.status.handled += 1
            if not blocked:
                self.offset = eid + 1
        return len(events)

    def _report(self, event: dict, outcome: str) -> None:
        if self.on_event is not None:
            self.on_event(event, outcome)

    async def run(self, interval: float, visible) -> None:
        """Poll while ``visible()``; right away again after a batch (that also acknowledges it)."""
        while True:
            got = 0
            if visible():
                self.status.error = ""        # what this round fails on (shown beside the last check)
                try:
                    got = await self.poll_once()
                except Exception as exc:  # noqa: BLE001 - the portal is away: keep trying at the usual pace
                    log.warning("bot poll failed: %s", exc)
                    self.status.error = str(exc)
            await asyncio.sleep(0.2 if got else interval * random.uniform(0.8, 1.2))


class PollingHandle:
    """The running loop; ``stop()`` ends it."""

    def __init__(self, task: asyncio.Task, poller: Poller):
        self.task, self.poller = task, poller

    def stop(self) -> None:
        self.task.cancel()
        if self in _RUNNING:
            _RUNNING.remove(self)


_RUNNING: list[PollingHandle] = []


def start_polling(session, interval: float = 10.0, visible=_page_visible) -> PollingHandle | None:
    """Start the bot's event loop for ``session`` (a support member's app); None without a bot."""
    if not Settings.from_dict(session.ctx.settings).bot_id:
        return None
    poller = Poller(session)
    # SLA warnings from the page (decisions 104); by name, so MicroPython's bundle (build_mpy follows
    # import statements) does not take the figures' modules in: its screens never poll.
    import importlib
    with_alerts = importlib.import_module("servicedesk.bot.alerts_page").with_alerts
    handle = PollingHandle(asyncio.create_task(with_alerts(poller, session).run(interval, visible)), poller)
    _RUNNING.append(handle)       # asyncio keeps only weak references to tasks
    return handle

"""The bot's event loop without a server: while a support member has the app open in a visible tab,
poll ``imbot.v2.Event.get`` (fetch mode), handle each event, then acknowledge it with ``offset``.

Delivery is at-least-once: handle first, acknowledge right after (``_ack``), so only a crash in that
one request makes an event come again; tasks and group-chat notes are idempotent (``events.py``,
``send.py``), a Command.answer reply is not (the method has no dedup key). One consumer at a time
(``lease.py``) keeps two pages from handling the same event. The cursor is the answer's
``nextOffset`` (event-get.md, change-log BOT-BC-0325-1). On open the first fetch catches up with
everything that waited while nobody polled.
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
from .send import transient

log = logging.getLogger("servicedesk.bot")


@dataclass
class PollStatus:
    """What this browser knows: last poll time, events found waiting on open, events handled."""
    last_at: datetime | None = None
    waiting_on_open: int | None = None
    handled: int = 0
    error: str = ""
    elsewhere: str = ""           # another consumer holds the lease: "worker" or "page" ("" = this one)


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
    visit: object
    batch: int = 50
    offset: int | None = None     # acknowledges everything below it with the next fetch
    seen: set = field(default_factory=set)
    grace: float = 120.0          # seconds an event waits for a poller with the rights it needs
    status: PollStatus = field(default_factory=lambda: STATUS)
    has_more: bool = False        # the last fetch left events on the portal (``hasMore``)
    on_event: object = None       # on_event(event, outcome) after each event (the worker's log line)
    should_stop: object = None    # should_stop() -> True: handle no further event of this batch
    ack_each: bool = True         # acknowledge each handled event at once (``_ack``)
    lease: object = None          # lease.Lease: poll only while holding it; stop handling when it ages
    busy: int = 0                 # the event being handled and acknowledged (0: none)

    async def poll_once(self) -> int:
        """One fetch (acknowledging what was handled before) and the handling of what it brought;
        returns the number of events fetched. The acknowledgement cursor stops at the first event
        that is not done: a transient error (network, rate limit, the portal's 5xx) or one deferred
        to a support member with more rights (for ``grace`` seconds after the event); those come again."""
        settings = Settings.from_dict(self.visit.ctx.settings)
        params = {"botId": settings.bot_id, "limit": self.batch}
        if self.offset is not None:
            params["offset"] = self.offset
        res = await self.visit.client.call("imbot.v2.Event.get", params) or {}
        events = res.get("events") or []
        self.has_more = bool(res.get("hasMore"))
        now = self.visit.now()
        self.status.last_at = now
        if self.status.waiting_on_open is None:
            self.status.waiting_on_open = len(events)
        blocked, stopped = False, False
        for ev in events:
            if (self.should_stop is not None and self.should_stop()) or \
                    (self.lease is not None and not self.lease.fresh()):
                self.has_more, stopped = True, True
                break
            eid = int(ev.get("eventId") or 0)
            if eid not in self.seen:
                when = parse_time(ev.get("date"))
                last_try = when is None or (now - when).total_seconds() >= self.grace
                self.busy = eid
                try:
                    outcome = await handle_event(self.visit, ev, last_try=last_try)
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
                        if not blocked:
                            self.offset = eid     # acknowledges everything below this event
                        return len(events)
                    # a refusal or a bad event: log it, do not block the queue
                    log.error("event %s (%s) failed: %s", eid, ev.get("type"), exc)
                    outcome = f"failed: {exc}"
                self._report(ev, outcome)
                self.seen.add(eid)
                self.status.handled += 1
            if not blocked:               # ``offset`` acknowledges the ids below it (event-get.md)
                self.offset = eid + 1     # mid-batch only: a full batch ends on ``nextOffset`` below
                if self.ack_each and outcome != "ignored" and eid in self.seen:
                    await self._ack()
            self.busy = 0
        if not blocked and not stopped and res.get("nextOffset") is not None:
            self.offset = int(res["nextOffset"])    # the documented cursor (change-log BOT-BC-0325-1)
        elif not blocked and not stopped and events:
            self.offset = int(events[-1].get("eventId") or 0) + 1   # a portal before BOT-BC-0325-1
        return len(events)

    async def _ack(self) -> None:
        """Acknowledge what is done now (``offset``; event-get.md), not with the next fetch: an answer
        sent through Command.answer has no dedup key, so a crash or a hand-over to another poller
        between the answer and the acknowledgement would answer again. The events this call
        returns are not handled here (they come again with the next fetch). A failure is left to
        the next fetch."""
        settings = Settings.from_dict(self.visit.ctx.settings)
        try:
            await self.visit.client.call("imbot.v2.Event.get", {"botId": settings.bot_id, "offset": self.offset,
                                                                  "limit": 1})
        except Exception as exc:  # noqa: BLE001 - the next fetch acknowledges it
            log.warning("acknowledging up to %s failed: %s", self.offset, exc)

    def _report(self, event: dict, outcome: str) -> None:
        if self.on_event is not None:
            self.on_event(event, outcome)

    async def run(self, interval: float, visible, sleep=asyncio.sleep) -> None:
        """Poll while ``visible()`` (and, with a ``lease``, while holding it); right away again after a
        batch. A hidden page lets the lease go, so a visible one takes over."""
        while True:
            got = 0
            if visible():
                self.status.error = ""        # what this round fails on (shown beside the last check)
                try:
                    if self.lease is None or await self.lease.claim():
                        self.status.elsewhere = ""
                        got = await self.poll_once()
                    else:
                        self.status.elsewhere = self.lease.other or "page"
                except Exception as exc:  # noqa: BLE001 - the portal is away: keep trying at the usual pace
                    log.warning("bot poll failed: %s", exc)
                    self.status.error = str(exc)
            elif self.lease is not None and self.lease.held:
                await self.lease.release()
            await sleep(0.2 if got else interval * random.uniform(0.8, 1.2))


class PollingHandle:
    """The running loop; ``stop()`` ends it."""

    def __init__(self, task: asyncio.Task, poller: Poller):
        self.task, self.poller = task, poller

    def stop(self) -> None:
        self.task.cancel()
        if self in _RUNNING:
            _RUNNING.remove(self)


_RUNNING: list[PollingHandle] = []


def start_polling(visit, interval: float = 10.0, visible=_page_visible) -> PollingHandle | None:
    """Start the bot's event loop for ``visit`` (a support member's app); None without a bot.
    One consumer (``lease.py``; an admin's page keeps its storage, py/main.py): in a browser the tabs of one portal agree through Web Locks, so only the tab holding the lock polls
    (and takes the portal-wide lease); the others wait for the lock, which passes on when it closes."""
    if not Settings.from_dict(visit.ctx.settings).bot_id:
        return None
    from ..rest.lease import Lease
    lease = Lease(visit.client, holder=f"u{visit.ctx.user_id}:{random.getrandbits(48):012x}",
                  ttl=2 * interval + 4.0)
    poller = Poller(visit, lease=lease)
    # SLA warnings from the page (decisions 104), run by the page holding the lease only; by name, so
    # MicroPython's bundle (build_mpy follows import statements) does not take the figures' modules in
    import importlib
    importlib.import_module("servicedesk.bot.alerts_page").with_alerts(poller, visit)

    async def loop():
        await browser_lock(f"servicedesk-bot:{getattr(visit.client.transport, 'portal', '')}")
        _on_page_hide(lease)
        await poller.run(interval, visible)
    handle = PollingHandle(asyncio.create_task(loop()), poller)
    _RUNNING.append(handle)       # asyncio keeps only weak references to tasks
    return handle


async def browser_lock(name: str) -> None:
    """Wait until this tab holds the Web Lock ``name`` (held until the tab closes); at once where
    there is no ``navigator.locks`` (CPython, an old browser)."""
    try:
        import js
        from pyodide.ffi import create_proxy
        locks = js.navigator.locks
    except Exception:  # noqa: BLE001 - no browser or no Web Locks: the portal-wide lease still applies
        return
    granted = asyncio.get_event_loop().create_future()

    def on_grant(_lock):
        if not granted.done():
            granted.set_result(True)
        return js.Promise.new(create_proxy(lambda resolve, reject: _HELD.append(resolve)))   # never resolved
    locks.request(name, create_proxy(on_grant))
    await granted


_HELD: list = []


def _on_page_hide(lease) -> None:
    """Let the lease go when the tab closes (best effort: the page may be gone before the write)."""
    try:
        import js
        from pyodide.ffi import create_proxy
        js.window.addEventListener("pagehide", create_proxy(lambda _e: asyncio.ensure_future(lease.release())))
    except Exception:  # noqa: BLE001 - not a browser
        return

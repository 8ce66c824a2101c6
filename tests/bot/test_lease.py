"""The pollers' lease (rest/lease.py) over devportal's app storage: one holder, takeover after a
release or the ttl, the worker first, and the timing check that keeps two claimers from both holding."""
from __future__ import annotations

import asyncio
import time

from servicedesk.rest.lease import LEASE, Lease
from tests.bot.helpers import MANAGER, SPECIALIST, SPECIALIST2, claim_settled, frozen_clock, run, visit_of
from tests.bot.test_bot_events import with_lease


async def _lease(desk, uid, name, **kw):
    return Lease((await visit_of(desk, uid)).client, name, **{"ttl": 5.0, "settle": 0.4, **kw})


def test_one_holder_then_a_release_passes_it_on(desk):
    with_lease(desk)

    async def go():
        a, b = await _lease(desk, SPECIALIST, "a"), await _lease(desk, SPECIALIST2, "b")
        for _ in range(5):     # on a loaded machine both writes may come late: both back off, then one holds
            got = await asyncio.gather(a.claim(), b.claim(), return_exceptions=False)
            if any(got):
                break
        again = await asyncio.gather(a.claim(), b.claim())
        holder = a if got[0] else b
        other = b if holder is a else a
        await holder.release()
        return got, again, await claim_settled(other), await holder.claim()
    got, again, taken, back = run(go())
    assert sorted(got) == [False, True] and again == got     # one holder, and it keeps it
    assert taken is True and back is False


def test_a_holder_that_stops_renewing_is_replaced_after_the_ttl(desk):
    with_lease(desk)
    clock = frozen_clock(desk)         # the portal's time and the leases' own: moved here, not by the machine
    timed = {"ttl": 1.0, "settle": 0.2, "mono": clock.monotonic, "sleep": clock.sleep}

    async def go():
        a, b = await _lease(desk, SPECIALIST, "a", **timed), await _lease(desk, MANAGER, "b", **timed)
        assert await a.claim() and a.fresh() and not await b.claim()
        clock.advance(0.6)
        assert a.fresh() is False                 # ttl - 2 settle passed: a stops handling events
        clock.advance(0.5)                        # a's tab died: no renewal
        return await b.claim()
    assert run(go()) is True


def test_a_claimer_whose_write_came_late_does_not_hold(desk):
    """Fischer's condition: a write slower than settle/2 after the read may have overwritten a
    claim made meanwhile, so that claimer gives up this round."""
    with_lease(desk)
    ticks = iter([0.0, 10.0, 10.0, 10.0, 10.0])

    async def go():
        slow = await _lease(desk, SPECIALIST, "slow", mono=lambda: next(ticks))
        return await slow.claim()
    assert run(go()) is False


def test_a_page_lets_go_when_the_worker_beats_and_the_worker_takes_over(desk):
    with_lease(desk)

    clock = frozen_clock(desk)        # nothing expires and no write is late unless the test says so
    timed = {"mono": clock.monotonic, "sleep": clock.sleep}

    async def go():
        page = await _lease(desk, SPECIALIST, "page", **timed)
        worker = await _lease(desk, 1, "worker", worker=True, **timed)
        assert await page.claim()
        assert not await worker.claim()           # its heartbeat is written; the page still holds
        assert await page.claim()                 # renewed less than ttl/2 ago: polls without asking
        page.since -= page.ttl / 2                # its next renewal is due
        assert not await page.claim()             # the page sees the heartbeat and lets go
        return await worker.claim(), await page.claim()
    assert run(go()) == (True, False)


def test_the_lease_item_names_its_holder(desk):
    with_lease(desk)

    async def go():
        a = await _lease(desk, SPECIALIST, "a")
        await a.claim()
        return a.ids[LEASE]
    iid = run(go())
    (store,) = desk.portal.entities.values()
    assert store["items"][str(iid)]["NAME"].startswith("a;")


def test_a_page_that_does_not_hold_the_lease_says_who_answers(desk):
    """PollStatus.elsewhere drives the "bot:" line (views.my_requests.bot_poll_text)."""
    from servicedesk.bot.poller import PollStatus, Poller
    with_lease(desk)

    async def go():
        a = await _lease(desk, SPECIALIST, "a")
        assert await claim_settled(a)
        visit = await visit_of(desk, SPECIALIST2)
        b = Poller(visit, lease=Lease(visit.client, "b", ttl=5.0, settle=0.4), status=PollStatus())
        task = asyncio.ensure_future(b.run(0.05, lambda: True))
        deadline = time.monotonic() + 60
        while not (b.status.elsewhere or b.status.last_at or task.done()) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)             # until b's first round has asked the lease
        task.cancel()
        return b.status.elsewhere, b.status.last_at
    assert run(go()) == ("page", None)


def test_keeping_the_storage_refuses_no_call_new_or_existing(desk):
    """An admin's page keeps the storage on every open: it lists the app's storages first (entity.get),
    so neither a first run nor a later one makes a call the portal refuses (a 400 in the console)."""
    from servicedesk.rest import PortalError
    from servicedesk.rest.lease import ENTITY, ensure_storage
    from tests.bot.helpers import ADMIN, client_of
    desk.portal.entities.clear()
    client = client_of(desk, ADMIN)
    refused, call = [], client.call

    async def watched(method, params=None, *a, **kw):
        try:
            return await call(method, params, *a, **kw)
        except PortalError as exc:
            refused.append((method, exc.code))
            raise
    client.call = watched
    assert run(ensure_storage(client, {MANAGER, SPECIALIST})) is True
    assert run(ensure_storage(client, {MANAGER, SPECIALIST2})) is True
    assert refused == []
    access = desk.portal.entities[next(k for k in desk.portal.entities if k.endswith("|" + ENTITY))]["access"]
    assert access.get(f"U{SPECIALIST2}") == "X" and f"U{SPECIALIST}" not in access


class _Calls:
    """A client that notes each call and whether the portal refused it."""

    def __init__(self, client):
        self.client, self.calls = client, []

    async def call(self, method, params=None):
        from servicedesk.rest.errors import PortalError
        try:
            out = await self.client.call(method, params)
        except PortalError as exc:
            self.calls.append((method, bool(params and "ACCESS" in params), exc.code))
            raise
        self.calls.append((method, bool(params and "ACCESS" in params), None))
        return out


def test_another_admins_page_keeps_the_storage_with_no_refused_call(desk):
    """Before: every open of a second admin's page (no X on the storage) called entity.rights with ACCESS
    and was refused (entity-rights.md: only X changes the rights). Now the rights are read first and
    changed only when they differ and the caller holds X."""
    from servicedesk.rest.lease import ENTITY, ensure_storage
    from tests.bot.helpers import ADMIN, client_of
    director = 2                                  # devportal's second admin, not in support
    with_lease(desk)
    rights = lambda: run(client_of(desk, ADMIN).call("entity.rights", {"ENTITY": ENTITY}))   # noqa: E731
    before = rights()
    other = _Calls(client_of(desk, director))
    assert run(ensure_storage(other, {MANAGER}, director)) is True     # support changed: not its to change
    assert [c for c in other.calls if c[2]] == [] and not any(c[1] for c in other.calls)
    assert rights() == before
    first = _Calls(client_of(desk, ADMIN))
    assert run(ensure_storage(first, {MANAGER}, ADMIN)) is True        # the X holder changes them
    assert [c for c in first.calls if c[1]] == [("entity.rights", True, None)]
    assert rights() == {"AU": "R", f"U{MANAGER}": "X", f"U{ADMIN}": "X"}
    again = _Calls(client_of(desk, ADMIN))
    assert run(ensure_storage(again, {MANAGER}, ADMIN)) is True        # unchanged: read, not written
    assert not any(c[1] for c in again.calls)

"""One consumer of the bot's events at a time (events/event-get.md: "события должен забирать один
фоновый агент"), agreed through the app's data storage, which every support member may write
(entity/entities/entity-add.md: ACCESS per user, ``W`` = write; setup grants it, ``ensure_storage``).

Two items of the storage ``sdbot``: ``lease`` (NAME = "holder;until") and ``worker`` (the always-on
worker's heartbeat, "worker;until"); ``until`` is the portal's time (the answers' ``time``), so the
browsers' own clocks do not matter. The storage has no compare-and-swap, so a free lease is taken as
in Fischer's mutual exclusion: read it free; write ourselves — and only if that write came back
within ``settle``/2 of the read; wait ``settle``; read again: still ours = held. Two claimers can
both hold it only if one's write took longer than that, which the check above refuses. The holder
renews it every ``ttl``/2; a page lets go at its next renewal when the worker's heartbeat is fresh (the worker
takes the free lease on its next round), and on ``release`` (the tab closes, ``pagehide``).
Within one browser, tabs first agree through Web Locks (``browser_lock``), so only one tab reads
and writes the lease at all. Failure cases: docs/decisions.md, decisions 70–79.
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .errors import PortalError

log = logging.getLogger("servicedesk.bot")

ENTITY = "sdbot"
LEASE, WORKER = "lease", "worker"
LATE_ROUNDS = 3


def _now(client) -> float:
    t = client.portal_time()
    return (t or datetime.now(timezone.utc)).timestamp()


def _parse(name: str) -> tuple[str, float]:
    holder, _, until = str(name or "").partition(";")
    try:
        return holder, float(until)
    except ValueError:
        return holder, 0.0


@dataclass
class Lease:
    """This poller's side of the lease. ``ttl``: seconds a lease lives unless renewed (a crashed
    holder's lease ends after it); ``settle``: Fischer's wait (more than a write's round trip)."""
    client: object
    holder: str
    worker: bool = False
    ttl: float = 30.0
    settle: float = 2.0
    mono: object = time.monotonic
    sleep: object = asyncio.sleep
    ids: dict = field(default_factory=dict)
    held: bool = False
    claims: int = 0                     # times this poller took a free lease (the soak counts them)
    since: float = 0.0                  # local monotonic time of the last claim or renewal read
    missing: bool = False               # no storage (not set up, or refused): poll without a lease
    other: str = ""                     # who holds it when we do not: "worker" or "page"
    late: int = 0                       # free-lease claims in a row refused because our write came late
    unsafe: int = 0                     # rounds polled without holding it (after LATE_ROUNDS late writes)

    def fresh(self) -> bool:
        """Still safely ours: less than ``ttl`` minus two ``settle`` since it was last renewed (a poll
        that runs longer stops handling events, so a taker after ``ttl`` finds them unhandled)."""
        return self.held and self.mono() - self.since < self.ttl - 2 * self.settle

    async def _read(self) -> dict[str, tuple[str, float]]:
        rows = await self.client.call("entity.item.get", {"ENTITY": ENTITY})
        out = {}
        for r in sorted(rows or [], key=lambda r: -int(r.get("ID") or 0)):   # the lowest id of a code wins
            code = str(r.get("CODE") or "")
            if code in (LEASE, WORKER):
                self.ids[code] = int(r["ID"])
                out[code] = _parse(r.get("NAME"))
        return out

    async def _write(self, code: str, holder: str, until: float) -> None:
        await put_item(self.client, self.ids, code, NAME=f"{holder};{until:.3f}")

    async def claim(self) -> bool:
        """Hold the lease for the next poll (renewing or taking it); False: someone else polls. A
        holder renewed less than ``ttl``/2 ago polls without asking (two requests fewer a round);
        so a page notices the worker's heartbeat within ``ttl``/2."""
        if self.held and self.mono() - self.since < self.ttl / 2:     # (no storage: asked again then too)
            return True
        try:
            self.held = await self._claim()
            self.missing = False
        except PortalError as exc:
            if exc.code in ("ERROR_ENTITY_NOT_FOUND", "ACCESS_DENIED"):
                # no storage this user may write: poll anyway (losing events is worse than answering twice)
                log.warning("bot lease unavailable (%s): polling without it", exc.code)
                self.held, self.missing = True, True
                self.since = self.mono()
                return True
            log.warning("bot lease: %s", exc)
            self.held = False
        return self.held

    async def _claim(self) -> bool:
        started = self.since = self.mono()
        rows = await self._read()
        now = _now(self.client)
        if self.worker:
            await self._write(WORKER, self.holder, now + self.ttl)
        holder, until = rows.get(LEASE, ("", 0.0))
        worker_live = not self.worker and rows.get(WORKER, ("", 0.0))[1] > now
        if holder == self.holder and until > now:
            if worker_live:                 # the worker runs: let it have the events
                await self._write(LEASE, "", 0.0)
                self.other = "worker"
                return False
            await self._write(LEASE, self.holder, now + self.ttl)
            return True
        if (holder and until > now) or worker_live:
            self.other = "worker" if worker_live or holder == "worker" else "page"
            return False
        await self._write(LEASE, self.holder, now + self.ttl)      # free: Fischer's claim
        if self.mono() - started > self.settle / 2:               # our write may have come late
            self.late += 1
            if self.late >= LATE_ROUNDS:     # always too slow: poll anyway (losing beats doubling)
                log.warning("bot lease: writes too slow to hold it safely; polling without it")
                self.unsafe += 1
                return True
            return False
        self.late = 0
        await self.sleep(self.settle)
        held = (await self._read()).get(LEASE, ("", 0.0))[0] == self.holder
        self.claims += held
        return held

    async def release(self) -> None:
        """Let go now (the page closes, the worker stops): the next poller need not wait ``ttl``."""
        if not self.held:
            return
        self.held = False
        try:
            if (await self._read()).get(LEASE, ("", 0.0))[0] == self.holder:
                await self._write(LEASE, "", 0.0)
        except PortalError as exc:
            log.warning("bot lease not released: %s", exc)


async def put_item(client, ids: dict, code: str, **fields) -> None:
    """Write the storage's item ``code``: entity.item.update by its id in ``ids`` once known, else
    entity.item.add (its new id kept in ``ids``). The lease's items and the bot's alert keys."""
    if code in ids:
        await client.call("entity.item.update", {"ENTITY": ENTITY, "ID": ids[code], **fields})
    else:
        ids[code] = int(await client.call("entity.item.add", {"ENTITY": ENTITY, "CODE": code, **fields}))


async def ensure_storage(client, support_ids, user_id: int | None = None) -> bool:
    """The lease's storage, which every support member may update: X, as entity-item-update.md asks
    of an update (entity-add.md / entity-rights.md; the admin who runs it keeps X). Run by the wizard and
    when an admin opens the app; False when the portal refuses (the pages then poll without a lease: see
    the decisions). The rights are read first (entity-rights.md: any user may read them) and changed only
    when today's support differs and the caller ``user_id`` holds X (only X may change them): another
    admin's page makes no call the portal would refuse (decision 146)."""
    access = {"AU": "R", **{f"U{int(u)}": "X" for u in support_ids or () if u}}
    try:
        # the app's storages listed first (entity-get.md without ENTITY), so no call is refused on purpose
        have = {str(e.get("ENTITY")) for e in await client.call("entity.get", {}) or [] if isinstance(e, dict)}
        if ENTITY in have:
            await _keep_rights(client, access, user_id)
        else:
            try:
                await client.call("entity.add", {"ENTITY": ENTITY, "NAME": "ServiceDesk bot", "ACCESS": access})
            except PortalError as exc:
                if exc.code != "ERROR_ENTITY_ALREADY_EXISTS":      # made meanwhile by another admin's page
                    raise
                await _keep_rights(client, access, user_id)
        have = {str(r.get("CODE")) for r in await client.call("entity.item.get", {"ENTITY": ENTITY}) or []}
        for code in (LEASE, WORKER):          # made here, so two first claimers never add two of one
            if code not in have:
                await client.call("entity.item.add", {"ENTITY": ENTITY, "CODE": code, "NAME": ";0"})
    except PortalError as exc:
        log.warning("bot lease storage: %s", exc)
        return False
    return True


def rights_differ(current: dict, access: dict, user_id: int | None) -> bool:
    """Whether the storage's ``current`` rights differ from ``access`` (the caller's own forced X aside)."""
    mine = None if user_id is None else f"U{int(user_id)}"
    current = {str(k): str(v) for k, v in (current or {}).items() if str(k) != mine or k in access}
    return current != access


async def _keep_rights(client, access: dict, user_id: int | None) -> None:
    current = await client.call("entity.rights", {"ENTITY": ENTITY})
    current = current if isinstance(current, dict) else {}
    if not rights_differ(current, access, user_id):
        return
    if user_id is not None and current.get(f"U{int(user_id)}") != "X":
        log.info("bot lease storage: today's support is not the one its rights name; only a holder of X "
                 "(%s) may change them", ", ".join(sorted(k for k, v in current.items() if v == "X")) or "none")
        return
    await client.call("entity.rights", {"ENTITY": ENTITY, "ACCESS": access})

"""Where the loader keeps raw records between loads: IndexedDB in the browser, memory on CPython;
the layout of its keys (per portal and user) and the pruning every start-up runs.

Values are JSON text under string keys. Light on purpose: every screen prunes at start-up, and the
small screens (MicroPython) import this and nothing else of the loader.
"""
from __future__ import annotations

from typing import Callable

from ..jsvalue import proxy, release
from ..runtime import in_browser

VERSION = 2                        # 2: columns (loader.records), in parts of PART_MESSAGES / PART_TASKS


class MemoryStore:
    """A dict (tests, CPython tools)."""

    def __init__(self):
        self.data: dict[str, str] = {}

    async def get(self, key: str) -> str | None:
        return self.data.get(key)

    async def set(self, key: str, value: str) -> None:
        self.data[key] = value

    async def keys(self) -> list[str]:
        return list(self.data)

    async def delete(self, key: str) -> None:
        self.data.pop(key, None)


class IndexedDBStore:
    """One IndexedDB object store of the app's origin (survives reloads, holds megabytes)."""

    def __init__(self, db_name: str = "servicedesk", store: str = "cache"):
        self.db_name, self.store = db_name, store
        self._db = None

    async def _request(self, req):
        """The result of an IndexedDB request, through a JS Promise of its two events (the same
        on Pyodide and MicroPython, whose asyncio has no loop futures)."""
        import js
        handlers = []

        def settle(resolve, reject):
            handlers.append(proxy(lambda _event: resolve(req.result)))
            handlers.append(proxy(lambda _event: reject(f"IndexedDB: {req.error}")))
            req.onsuccess, req.onerror = handlers[-2], handlers[-1]

        handlers.append(proxy(settle))
        try:
            return await js.Promise.new(handlers[0])
        except Exception as exc:
            raise OSError(str(exc)) from exc
        finally:
            for handle in handlers:
                release(handle)

    async def _objects(self, mode: str):
        import js
        if self._db is None:
            req = js.indexedDB.open(self.db_name, 1)
            store = self.store
            upgrade = proxy(lambda e: req.result.createObjectStore(store))
            req.onupgradeneeded = upgrade
            try:
                self._db = await self._request(req)
            finally:
                release(upgrade)
        return self._db.transaction(self.store, mode).objectStore(self.store)

    async def get(self, key: str) -> str | None:
        value = await self._request((await self._objects("readonly")).get(key))
        return None if value is None else str(value)

    async def set(self, key: str, value: str) -> None:
        await self._request((await self._objects("readwrite")).put(value, key))

    async def keys(self) -> list[str]:
        found = await self._request((await self._objects("readonly")).getAllKeys())
        return [str(k) for k in found]

    async def delete(self, key: str) -> None:
        await self._request((await self._objects("readwrite")).delete(key))


_default = None


def default_store():
    """The page's store: IndexedDB in the browser, one shared MemoryStore on CPython."""
    global _default
    if _default is None:
        _default = IndexedDBStore() if in_browser() else MemoryStore()
    return _default


def portal_prefix(visit) -> str:
    """The prefix of every cache key of this portal."""
    portal = getattr(visit.client.transport, "portal", "") or "portal"
    return f"servicedesk:v{VERSION}:{portal}:"


def snapshot_key(visit) -> str:
    """The key of the user's last shown dashboard (views.snapshot), pruned and cleared with the records."""
    return f"{portal_prefix(visit)}{visit.ctx.user_id}:snapshot"


async def drop_keys(store, prefix: str, keep: Callable[[str], bool] = lambda key: False) -> None:
    """Delete the store's keys under ``prefix`` but those ``keep`` accepts, and every key of this
    portal an earlier cache version wrote (its layout is unread now: nobody's records stay behind)."""
    current = f"servicedesk:v{VERSION}:"
    portal = prefix[len(current):] if prefix.startswith(current) else None
    for key in await store.keys():
        stale = portal is not None and key.startswith("servicedesk:v") and not key.startswith(current) \
            and key.split(":", 2)[-1].startswith(portal)
        if stale or key.startswith(prefix) and not keep(key):
            await store.delete(key)


async def prune_cache(visit, store=None) -> None:
    """Keep only the current support member's own cached records of this portal (none for anyone
    outside support now, e.g. removed from the group). Every start-up runs it, not only the
    dashboard's loads, so a shared browser keeps no earlier user's records whatever screen opens."""
    prefix = portal_prefix(visit)
    mine = f"{prefix}{visit.ctx.user_id}:"
    await drop_keys(store or default_store(), prefix, lambda key: visit.ctx.is_support and key.startswith(mine))

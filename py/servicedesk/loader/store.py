"""Where the loader keeps raw records between loads: IndexedDB in the browser, memory on CPython.

Values are JSON text under string keys; ``delete_prefix`` drops a user's (or a portal's) entries.
"""
from __future__ import annotations

import asyncio

from ..runtime import in_browser


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
        from pyodide.ffi import create_proxy
        fut = asyncio.get_running_loop().create_future()

        def finish(_event, ok=True):
            if not fut.done():
                if ok:
                    fut.set_result(req.result)
                else:
                    fut.set_exception(OSError(f"IndexedDB: {req.error}"))
            on_ok.destroy()
            on_err.destroy()

        on_ok = create_proxy(finish)
        on_err = create_proxy(lambda e: finish(e, ok=False))
        req.onsuccess, req.onerror = on_ok, on_err
        return await fut

    async def _objects(self, mode: str):
        import js
        from pyodide.ffi import create_once_callable
        if self._db is None:
            req = js.indexedDB.open(self.db_name, 1)
            store = self.store
            req.onupgradeneeded = create_once_callable(lambda e: req.result.createObjectStore(store))
            self._db = await self._request(req)
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

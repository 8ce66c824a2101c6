"""The real app with data in chromium: the real py/main.py (portal frame SDK, context, routing, the
loader over REST with its IndexedDB cache), preceded by bench's LIBRARY_STUBS so that only metrics and
charts (numpy/matplotlib cannot load here) hand back figures computed on CPython from the same portal."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import build
from bench.screenshots import LIBRARY_STUBS, desk_payload, route_dashboard

REAL_MAIN = LIBRARY_STUBS + (build.ROOT / "py" / "main.py").read_text(encoding="utf-8")

# keys of the loader's IndexedDB store ('servicedesk' / 'cache') in the app's frame; a database that
# does not exist yet is not created (that would leave it without its store when the app opens it)
CACHE_KEYS = """async () => {
  if (!(await indexedDB.databases()).some(d => d.name === 'servicedesk')) return [];
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('servicedesk');
    r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  try {
    if (!db.objectStoreNames.contains('cache')) return [];
    return await new Promise((ok, fail) => { const q = db.transaction('cache').objectStore('cache').getAllKeys();
      q.onsuccess = () => ok(q.result.map(String)); q.onerror = () => fail(q.error); });
  } finally { db.close(); }
}"""


def payload_of(running, user_id: int) -> dict:
    """bench's desk_payload for a running devportal, in a thread (Playwright's loop owns this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, desk_payload(running, user_id)).result()


def route_real_app(page, payload: dict) -> None:
    """Make the app framed in `page` run REAL_MAIN with `payload`'s figures and SVGs."""
    route_dashboard(page, payload, REAL_MAIN)


def cache_owners(frame) -> set[int]:
    """Whose records the app's IndexedDB holds (keys end in user:group:chat:openline)."""
    return {int(k.rsplit(":", 4)[1]) for k in frame.locator("body").evaluate(CACHE_KEYS)}

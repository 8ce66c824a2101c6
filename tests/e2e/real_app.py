"""Helpers for the real app in Chromium (the real py/main.py, loader, metrics and charts):
what the loader cached in IndexedDB, and a test-only export of the figures the browser computed."""
from __future__ import annotations

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor

import build
from tests.e2e.harness import desk_payload

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

# Test-only: the real py/main.py, preceded by a wrapper that copies the figures the browser's own
# metrics hand to the dashboard into window.sdFigures (JSON). Nothing else changes; users never get it.
FIGURES_EXPORT = '''
import json as _json
import js as _js
from servicedesk.views import dashboard_render as _render
_real_render = _render.render_dashboard

def _exporting_render(figures, *args, **kw):
    _js.window.sdFigures = _json.dumps(figures)
    return _real_render(figures, *args, **kw)

_render.render_dashboard = _exporting_render
'''


def cache_owners(frame) -> set[int]:
    """Whose records (and saved dashboards) the app's IndexedDB holds: keys are
    servicedesk:vN:<portal origin>:<user>:… (records: …:group:chat:openline; saved view: …:snapshot)."""
    keys = frame.locator("body").evaluate(CACHE_KEYS)
    owners = {re.match(r"servicedesk:v\d+:https?://[^/]+?:\d+:(\d+):", k) for k in keys}
    assert None not in owners, keys
    return {int(m.group(1)) for m in owners}


def export_figures(page) -> None:
    """Make the app framed in `page` publish its computed figures as window.sdFigures."""
    main = FIGURES_EXPORT + (build.ROOT / "py" / "main.py").read_text(encoding="utf-8")
    page.route("**/py/main.py", lambda r: r.fulfill(content_type="text/plain", body=main))


def browser_figures(page) -> dict:
    """The figures exported by the app's frame of `page` (see export_figures)."""
    frame = next(f for f in page.frames if f.parent_frame is not None)
    return json.loads(frame.evaluate("window.sdFigures"))


def cpython_payload(running, user_id: int, lang: str = "ru") -> dict:
    """The CPython engine's figures/SVGs for a running devportal, in a thread (Playwright's loop owns
    this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, desk_payload(running, user_id, lang)).result()

"""The dashboard as last shown to this user, kept in the browser to show at once on the next open.

Stored in the loader's store (IndexedDB) under ``<portal prefix><user id>:snapshot``, so the loader's
pruning and "clear cache" drop it with the records, and another user's never survives a start-up.
``static/js/snapshot.js`` shows it before Python is up (it finds the key by portal origin and user id,
read with the user's own token); the screen then replaces it with fresh figures. It holds the
rendered content (our own DOM, escaped), the stamp (its data's time, marked as saved) and the SVGs
with their chart keys.
"""
from __future__ import annotations

import json
import logging

log = logging.getLogger("servicedesk.snapshot")
VERSION = 1


async def read_snapshot(visit, store=None) -> dict:
    """The stored snapshot of this user ({} when none or unreadable)."""
    from ..loader.store import snapshot_key
    from ..loader.store import default_store
    try:
        data = json.loads(await (store or default_store()).get(snapshot_key(visit)) or "{}")
    except Exception as exc:  # noqa: BLE001 - no IndexedDB (private mode) or a damaged entry: draw afresh
        log.warning("snapshot: %s", exc)
        return {}
    return data if data.get("version") == VERSION and data.get("user") == visit.ctx.user_id else {}


async def write_snapshot(visit, *, html: str, title: str, stamp: str, charts: dict, store=None) -> None:
    """Keep what the screen shows now (`charts`: {name: {"key", "svg"}})."""
    from ..loader.store import snapshot_key
    from ..loader.store import default_store
    data = {"version": VERSION, "user": visit.ctx.user_id, "title": title, "stamp": stamp, "html": html,
            "charts": charts}
    try:
        await (store or default_store()).set(snapshot_key(visit), json.dumps(data, ensure_ascii=False))
    except Exception as exc:  # noqa: BLE001 - the next open just draws afresh
        log.warning("snapshot not kept: %s", exc)

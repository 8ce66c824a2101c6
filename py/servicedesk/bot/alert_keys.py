"""The SLA alert keys already sent, kept on the portal as well as in the checker's memory (or the
worker's state file): one item (CODE ``alerts``) of the bot's app storage (``rest.lease.ENTITY``,
which setup makes writable for the desk's support), its DETAIL_TEXT a JSON map {key: sent at}.

Why: a private message's repeat is not dropped by the portal (``templateId`` is no dedup key,
chat-bots-v2/entities.md), and a checker that did not send a warning itself — the next page to hold
the lease, a worker whose state file was lost — cannot read someone else's 1:1 chat with the bot to
see it there. One checker at a time (the lease) reads the keys before it sends what is due and writes
them after, so a warning goes once across pages and restarts. Without the storage (not set up, or
refused) the checker's own keys still hold; the storage is then only missing for a hand-over.
Keys older than ``KEEP_DAYS`` are dropped (an alert's item is long closed by then).
"""
from __future__ import annotations

import json
import logging

from ..rest import PortalError
from ..rest.errors import is_temporary
from ..rest.lease import ENTITY, put_item

log = logging.getLogger("servicedesk.bot.alerts")
CODE = "alerts"
KEEP_DAYS = 35


class PortalKeys:
    """Read and write the storage's ``alerts`` item for one checker (``client``)."""

    def __init__(self, client):
        self.client, self.ids, self.usable = client, {}, True

    async def read(self) -> dict[str, float]:
        """{key: epoch seconds} of the alerts any checker recorded; {} where the storage is missing."""
        if not self.usable:
            return {}
        try:
            rows = await self.client.call("entity.item.get", {"ENTITY": ENTITY, "FILTER": {"CODE": CODE}})
        except PortalError as exc:
            if is_temporary(exc):
                raise
            self.usable = False
            log.info("alert keys not kept on the portal (%s): this checker's own keys only", exc.code)
            return {}
        rows = [r for r in rows or [] if str(r.get("CODE")) == CODE]   # the filter is checked, not trusted
        if not rows:
            return {}
        self.ids[CODE] = int(rows[0]["ID"])
        try:
            data = json.loads(rows[0].get("DETAIL_TEXT") or "{}")
        except ValueError:
            return {}
        return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}

    async def write(self, keys: dict[str, float], now: float) -> None:
        """Record ``keys`` (those older than KEEP_DAYS dropped); a refusal is logged, never raised."""
        if not self.usable:
            return
        kept = {k: v for k, v in keys.items() if now - v < KEEP_DAYS * 86400}
        text = json.dumps(kept)
        try:
            await put_item(self.client, self.ids, CODE, NAME="SLA alerts sent", DETAIL_TEXT=text)
        except PortalError as exc:
            if is_temporary(exc):
                raise
            log.warning("alert keys not written to the portal: %s", exc)

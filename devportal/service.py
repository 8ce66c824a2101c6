"""One portal's REST front: auth, faults, rate limit, the method registry, batch, envelopes.

``Service.handle(method, params, webhook=None)`` returns ``(status, body)`` where ``body`` is
the JSON-ready answer (or ``bytes`` for the malformed-answer fault). The HTTP layer
(``devportal.server``) only parses requests and writes answers.
"""
from __future__ import annotations

import logging
import traceback

from .auth import Caller, Tokens
from .batch import run_batch
from .clock import Clock
from .envelope import Listed, RestError, Timing, time_object
from .faults import Faults, error, without_cursor
from .methods import CURRENT_APP, lookup
from .operating import Operating
from .scopes import check as check_scope
from .state import Portal

log = logging.getLogger("devportal")
MALFORMED = b'{"result": {"broken": tru'


class Service:
    """The REST emulator of ``portal``, with its tokens, faults and clock."""

    def __init__(self, portal: Portal, faults: Faults | None = None, clock: Clock | None = None):
        self.portal = portal
        self.faults = faults or Faults()
        self.clock = clock or Clock(portal.now)
        self.tokens = Tokens()
        self.operating = Operating()

    async def handle(self, method: str, params: dict, webhook: tuple[str, str] | None = None):
        """Answer one HTTP call of ``method`` (``batch`` included)."""
        method = method.removesuffix(".json")
        start = self.clock.now()
        try:
            caller = self._auth(params, webhook)
            self.faults.check_rate(caller.app_id or f"webhook:{caller.user.id}", self.clock.monotonic())
            fired = await self._faults(method)
            if "repeat_page" in fired:
                params = without_cursor(params)
            if method.lower() == "batch":
                listed = Listed(run_batch(params, lambda m, p: self._sub(m, p, caller)))
                used = {}
            else:
                listed, used = self._counted(method, params, caller)
            if "malformed" in fired:
                return 200, MALFORMED
        except RestError as e:
            return e.status, e.body()
        except Exception:                                   # noqa: BLE001 - a portal answers 500
            log.error("devportal: %s failed\n%s", method, traceback.format_exc())
            return 500, {"error": "INTERNAL_SERVER_ERROR", "error_description": "Internal server error"}
        body = {"result": listed.result}
        if listed.total is not None:
            body["total"] = listed.total
        if listed.next is not None:
            body["next"] = listed.next
        body["time"] = time_object(Timing(start, self.clock.now(), extra=used), self.portal.time_zone)
        return 200, body

    def _auth(self, params: dict, webhook) -> Caller:
        if webhook:
            return self.tokens.by_webhook(self.portal, *webhook)
        return self.tokens.by_token(self.portal, params.get("auth") or params.get("access_token"),
                                    self.clock.now())

    async def _faults(self, method: str) -> set[str]:
        """Fire the faults of one HTTP call: wait or raise; the kinds that change the answer."""
        fired = set()
        for f in self.faults.take(method):
            if f.kind == "latency":
                await self.clock.sleep(f.ms / 1000)
            elif f.kind in ("malformed", "repeat_page"):
                fired.add(f.kind)
            else:
                raise error(f.kind)
        return fired

    def _sub(self, method: str, params: dict, caller: Caller):
        """One batch command: its own faults (errors and repeated pages only), then the method."""
        for f in self.faults.take(method):
            if f.kind == "repeat_page":
                params = without_cursor(params)
            elif f.kind not in ("latency", "malformed"):
                raise error(f.kind)
        start = self.clock.now()
        listed, used = self._counted(method, params, caller)
        return listed, time_object(Timing(start, self.clock.now(), extra=used), self.portal.time_zone)

    def _counted(self, method: str, params: dict, caller: Caller):
        """One method call under the execution-time limit (devportal.operating): checked, then counted."""
        who = caller.app_id or f"webhook:{caller.user.id}"
        start = self.clock.now().timestamp()
        self.operating.check(who, method, start)
        listed = self._invoke(method, params, caller)
        return listed, self.operating.charge(who, method, start, self.clock.now().timestamp() - start)

    def _invoke(self, method: str, params: dict, caller: Caller) -> Listed:
        handler = lookup(method)
        if handler is None:
            raise RestError(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
        check_scope(method, caller.scopes)
        self.portal.now = self.clock.now()
        token = CURRENT_APP.set(caller.app_id)
        try:
            params = {k: v for k, v in params.items() if k not in ("auth", "access_token")}
            result = handler(self.portal, caller.user, params)
        finally:
            CURRENT_APP.reset(token)
        return result if isinstance(result, Listed) else Listed(result)

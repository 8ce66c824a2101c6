"""The REST client: the only way the app talks to a portal.

``RestClient`` sits above a *transport* (``transport.send(method, params) -> Reply``, ``transport.
refresh_auth()``): in the browser the transport goes through the portal frame's SDK auth and
``fetch``; on CPython (tests, benchmarks) through HTTP to devportal. Everything here is the same on
both sides: retries with backoff on rate limits, 5xx and network errors, one token refresh on
``expired_token``, typed errors, batches, and list paging (classic ``start``/``next`` pages and the
``start=-1`` + ``>ID`` fast path chained in one batch).
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

from .errors import (AUTH_CODES, BLOCKED, REPEATED_PAGE, TIMEOUT, AuthExpired, MethodBlocked, NetworkError,
                     PortalError, RateLimited, RepeatedPage, error_from, is_lost_answer, wait_helps)
from .query import command

log = logging.getLogger("servicedesk.rest")

PAGE = 50          # items per list page (fixed by Bitrix24)
BLOCK_MAX = 600    # an OPERATION_TIME_LIMIT block lifts within 10 minutes (_includes/system-errors.md)
BATCH_MAX = 50     # commands per batch


@dataclass
class Reply:
    """What a transport got back: HTTP status and the parsed JSON body (None if it was not JSON)."""
    status: int
    body: dict | None
    text: str = ""


@dataclass
class Page:
    """One answer of a method: its ``result`` and, for lists, ``total`` and ``next``."""
    result: Any
    total: int | None = None
    next: int | None = None


@dataclass
class BatchResult:
    """A batch answer: per-command results, errors, totals and next offsets, keyed like the commands."""
    result: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    total: dict = field(default_factory=dict)
    next: dict = field(default_factory=dict)


@dataclass
class RetryPolicy:
    """How many times and how long to wait before trying again (seconds, doubled each time)."""
    rate_attempts: int = 8
    server_attempts: int = 3
    network_attempts: int = 3
    first_delay: float = 0.5
    max_delay: float = 8.0

    def delay(self, attempt: int) -> float:
        return min(self.max_delay, self.first_delay * (2 ** attempt))


def _references(row: str) -> set[str]:
    """The keys of the batch a command row refers to (``$result[key]``, ``$result_next[key]``, ...)."""
    found, at = set(), row.find("$result")
    while at >= 0:
        opening = row.find("[", at)
        closing = row.find("]", opening)
        if opening < 0 or closing < 0:
            break
        found.add(row[opening + 1:closing])
        at = row.find("$result", closing)
    return found


def referenced_first(rows: list) -> list:
    """Batch rows ``(key, "method?query")`` ordered so that each comes after those it refers to,
    otherwise as given. The portal runs a batch in its order; a dict's order is not kept everywhere
    (MicroPython's dicts are unordered), so it is made explicit here."""
    refs = {key: _references(row) for key, row in rows}
    keys = set(refs)
    done, out, pending = set(), [], list(rows)
    while pending:
        ready = [it for it in pending if not (refs[it[0]] & keys) - done] or pending[:1]   # a cycle: as given
        for it in ready:
            done.add(it[0])
            out.append(it)
        pending = [it for it in pending if it[0] not in done]
    return out


class RestClient:
    """Calls REST methods through a transport; counts requests in ``self.requests``."""

    def __init__(self, transport, *, retry: RetryPolicy | None = None,
                 sleep: Callable[[float], Awaitable[None]] | None = None):
        self.transport = transport
        self.retry = retry or RetryPolicy()
        self.sleep = sleep or asyncio.sleep
        self.requests = 0
        self.last_time: dict = {}       # the ``time`` object of the last answer (the portal's clock)
        self.clock = time.time          # Unix time now (tests inject one)
        self.reset_at: dict[str, float] = {}   # method -> operating_reset_at of its last successful answer
        self.blocked: dict[str, float] = {}    # method -> until when the portal blocks it for this app

    def _note_time(self, method: str, t) -> None:
        if isinstance(t, dict) and t.get("operating_reset_at"):
            try:
                self.reset_at[method.lower()] = float(t["operating_reset_at"])
            except (TypeError, ValueError):
                pass

    def _blocked(self, method: str, description: str = "", status: int = 429) -> MethodBlocked:
        """OPERATION_TIME_LIMIT (settings/performance/limits.md): calls of ``method`` wait until the
        ``operating_reset_at`` of its last successful answer (when still ahead), else at most 10
        minutes; until then the client refuses it without asking the portal."""
        now, key = self.clock(), method.lower()
        until = self.blocked.get(key)
        if until is None or until <= now:
            reset = self.reset_at.get(key)
            until = reset if reset and reset > now else now + BLOCK_MAX
            self.blocked[key] = until
        return MethodBlocked(BLOCKED, description or "Method is blocked due to operation time limit", status,
                             method, until)

    async def _send(self, method: str, params: dict) -> dict:
        """One logical request: retried and refreshed as needed; the parsed body or a typed error."""
        tries = {"rate": 0, "server": 0, "network": 0}
        refreshed = False
        if self.blocked.get(method.lower(), 0) > self.clock():
            raise self._blocked(method)
        while True:
            self.requests += 1
            try:
                reply = await self.transport.send(method, params)
            except NetworkError as exc:
                error = exc
                kind = "network"
            else:
                body = reply.body
                if isinstance(body, dict) and "error" in body:
                    code = str(body.get("error"))
                    error = error_from(code, str(body.get("error_description", "")), reply.status, method)
                    if code in AUTH_CODES and not refreshed:
                        refreshed = True
                        log.info("%s: %s, refreshing the token", method, code)
                        await self.transport.refresh_auth()
                        continue
                    if code in AUTH_CODES:
                        raise AuthExpired(code, error.description, reply.status, method)
                    if code == BLOCKED:
                        raise self._blocked(method, error.description, reply.status)
                    if not (wait_helps(error) or reply.status >= 500):
                        raise error
                    kind = "rate" if isinstance(error, RateLimited) else "server"
                elif isinstance(body, dict) and reply.status < 400:
                    if isinstance(body.get("time"), dict):
                        self.last_time = body["time"]
                        self._note_time(method, body["time"])
                    return body
                else:
                    kind = "server"
                    error = PortalError("MALFORMED_RESPONSE",
                                        f"HTTP {reply.status}, not a REST answer: {reply.text[:120]!r}",
                                        reply.status, method)
            limit = getattr(self.retry, f"{kind}_attempts")
            if tries[kind] >= limit - 1:
                log.warning("%s: giving up after %d attempts: %s", method, tries[kind] + 1, error)
                raise error
            wait = self.retry.delay(tries[kind])
            tries[kind] += 1
            log.info("%s: %s, retry %d in %.1f s", method, error.code, tries[kind], wait)
            await self.sleep(wait)

    def once(self) -> "RestClient":
        """This client without repeats of a request whose answer was lost (for non-idempotent creates);
        rate limits and token refreshes are still retried: those requests were not carried out."""
        base = self.retry
        return RestClient(self.transport, sleep=self.sleep,
                          retry=RetryPolicy(base.rate_attempts, 1, 1, base.first_delay, base.max_delay))

    async def create_once(self, method: str, params: dict, find: Callable[[], Awaitable[Any]],
                          attempts: int = 3) -> Any:
        """Call a non-idempotent ``method`` so that it takes effect at most once: when its answer is
        lost, ``find()`` looks for what it may have made before it is sent again. A request that timed
        out may still be carried out later, so it is not sent again: its error is raised, and the
        user's next try finds what it made. Returns the call's result or what ``find()`` found."""
        once = self.once()
        for attempt in range(attempts):
            try:
                return await once.call(method, params)
            except PortalError as exc:
                if not is_lost_answer(exc) or attempt == attempts - 1:
                    raise
                lost = exc
            finally:                         # its requests count as this client's
                self.requests += once.requests
                once.requests = 0
                self.last_time = once.last_time or self.last_time
            found = await find()
            if found:
                return found
            if lost.code == TIMEOUT:
                raise lost
            await self.sleep(self.retry.delay(attempt))
        raise AssertionError("unreachable")

    def portal_time(self):
        """The portal's clock at its last answer (``time.date_finish``), or None before any answer."""
        from datetime import datetime
        text = self.last_time.get("date_finish") or self.last_time.get("date_start")
        try:
            return datetime.fromisoformat(text) if text else None
        except ValueError:
            return None

    async def call_page(self, method: str, params: dict | None = None) -> Page:
        """Call a method; its result with ``total``/``next`` when the portal sends them."""
        body = await self._send(method, params or {})
        return Page(body.get("result"), body.get("total"), body.get("next"))

    async def call(self, method: str, params: dict | None = None) -> Any:
        """Call a method and return its ``result``."""
        return (await self.call_page(method, params)).result

    async def batch(self, commands: dict[str, tuple[str, dict | None]], halt: bool = False) -> BatchResult:
        """Run up to 50 commands in one request (more are sent as several batches, in order).

        Commands may refer to earlier ones of the same batch with ``$result[key][...]``.
        """
        out = BatchResult()
        rows = referenced_first([(key, command(method, params)) for key, (method, params) in commands.items()])
        for start in range(0, len(rows), BATCH_MAX):
            cmd = OrderedDict(rows[start:start + BATCH_MAX])      # sent in this order (MicroPython too)
            res = await self.call("batch", {"halt": 1 if halt else 0, "cmd": cmd})
            res = res or {}
            out.result.update(_as_dict(res.get("result")))
            out.errors.update(_as_dict(res.get("result_error")))
            out.total.update(_as_dict(res.get("result_total")))
            out.next.update(_as_dict(res.get("result_next")))
            for key, took in _as_dict(res.get("result_time")).items():
                if key in commands:
                    self._note_time(commands[key][0], took)
            for key, err in _as_dict(res.get("result_error")).items():
                if key in commands and isinstance(err, dict) and err.get("error") == BLOCKED:
                    self._blocked(commands[key][0])     # later calls of it wait (the loader reports it)
            if halt and out.errors:
                break
        return out

    async def list_all(self, method: str, params: dict | None = None, *, key: str | None = None,
                       progress: Callable[[int, int], None] | None = None) -> list:
        """Every item of a paged list: the first page tells the total, the rest come 50 pages a batch."""
        params = dict(params or {})
        first = await self.call_page(method, {**params, "start": 0})
        items = list(_items(first.result, key))
        total = first.total if first.total is not None else len(items)
        if progress:
            progress(len(items), total)
        offsets = list(range(first.next, total, PAGE)) if first.next else []
        for chunk_start in range(0, len(offsets), BATCH_MAX):
            chunk = offsets[chunk_start:chunk_start + BATCH_MAX]
            res = await self.batch({f"p{off}": (method, {**params, "start": off}) for off in chunk})
            _raise_first(res, method)
            for off in chunk:
                items.extend(_items(res.result.get(f"p{off}"), key))
            if progress:
                progress(len(items), total)
        return items

    async def list_fast(self, method: str, params: dict | None = None, *, key: str | None = None,
                        id_field: str = "ID", item_id: str | None = None,
                        progress: Callable[[int], None] | None = None) -> list:
        """Every item of a list in ID order with ``start=-1`` (no count query) and a moving ``>ID``.

        One plain call, then batches of 50 chained commands where command k filters on the last id
        of command k-1 (``$result[k-1][key][49][id]``): up to 2,500 items per request.
        ``key`` is the wrapper of the list in the result (``tasks`` for tasks.task.list), ``item_id``
        the id key in the items (``id`` for camelCase answers; default: ``id_field``). A page whose
        last id is not past the previous page's raises ``RepeatedPage`` instead of looping.
        """
        params = dict(params or {})
        base_filter = dict(params.pop("filter", {}) or {})
        item_id = item_id or id_field

        def page_params(last):
            flt = dict(base_filter)
            if last is not None:
                flt[f">{id_field}"] = last
            return {**params, "filter": flt, "order": {id_field: "ASC"}, "start": -1}

        page = list(_items(await self.call(method, page_params(None)), key))
        items = list(page)
        if progress:
            progress(len(items))
        while len(page) == PAGE:
            last = page[-1][item_id]
            cmds = {}
            for k in range(BATCH_MAX):
                if k == 0:
                    ref = last
                else:
                    wrap = f"[{key}]" if key else ""
                    ref = f"$result[f{k - 1}]{wrap}[{PAGE - 1}][{item_id}]"
                cmds[f"f{k}"] = (method, page_params(ref))
            res = await self.batch(cmds, halt=True)
            page = []
            for k in range(BATCH_MAX):
                name = f"f{k}"
                if name in res.errors:
                    raise _error_of(res.errors[name], method)
                page = list(_items(res.result.get(name), key))
                if page and not id_after(page[-1][item_id], last):
                    raise repeated_page(method, last)
                last = page[-1][item_id] if page else last
                items.extend(page)
                if len(page) < PAGE:
                    break
            if progress:
                progress(len(items))
        return items


async def batch_each(client, ids: list[int], command) -> dict:
    """{id: result or None (refused)} for every id, ``command(id)`` = (method, params), BATCH_MAX a
    request (the scorecard's and the paused clock's per-task reads)."""
    out = {}
    for start in range(0, len(ids), BATCH_MAX):
        part = ids[start:start + BATCH_MAX]
        res = await client.batch({f"x{i}": command(i) for i in part})
        for i in part:
            out[i] = None if f"x{i}" in res.errors else res.result.get(f"x{i}")
    return out


def id_after(new, old) -> bool:
    """``new`` is a greater id than ``old`` (as numbers where both are numbers)."""
    try:
        return int(new) > int(old)
    except (TypeError, ValueError):
        return str(new) > str(old)


def repeated_page(method: str, last) -> RepeatedPage:
    """The error of a list page that did not move past id ``last``."""
    return RepeatedPage(REPEATED_PAGE, f"the portal repeated a page (its last id is not past {last}): "
                        "the list was stopped", 0, method)


def _as_dict(value) -> dict:
    """Batch parts come as a dict keyed by command name, or as a list for list-style ``cmd``."""
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    return {}


def _items(result, key: str | None) -> list:
    """The list inside a result: ``result[key]`` for wrapped answers, the result itself otherwise."""
    if result is None:
        return []
    if key is not None and isinstance(result, dict):
        result = result.get(key) or []
    if isinstance(result, dict):       # some methods answer {id: item}
        return list(result.values())
    return list(result)


def _error_of(err, method: str) -> PortalError:
    if isinstance(err, dict):
        return error_from(str(err.get("error", "ERROR")), str(err.get("error_description", "")), 0, method)
    return PortalError("ERROR", str(err), 0, method)


def _raise_first(res: BatchResult, method: str) -> None:
    for err in res.errors.values():
        raise _error_of(err, method)

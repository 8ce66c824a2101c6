"""CPython transport: JSON over HTTP to a portal (devportal in tests and benchmarks).

Not used in the browser, where ``browser.py`` sends the same requests with ``fetch``.
"""
from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from typing import Awaitable, Callable

from .client import Reply
from .errors import TIMEOUT, NetworkError


class HttpTransport:
    """POSTs ``{...params, auth}`` to ``<portal>/rest/<method>``; ``refresh`` gets a new token."""

    def __init__(self, portal_url: str, token: str,
                 refresh: Callable[[], Awaitable[str]] | None = None, timeout: float = 30.0):
        self.portal_url = self.portal = portal_url.rstrip("/")
        self.token = token
        self._refresh = refresh
        self.timeout = timeout

    async def send(self, method: str, params: dict) -> Reply:
        body = json.dumps({**params, "auth": self.token}).encode()
        url = f"{self.portal_url}/rest/{method}"
        return await asyncio.to_thread(self._post, url, body)

    def _post(self, url: str, body: bytes) -> Reply:
        req = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except TimeoutError as exc:          # socket.timeout: no answer within ``timeout`` seconds
            raise NetworkError(TIMEOUT, f"no answer in {self.timeout:g} s") from exc
        except (urllib.error.URLError, OSError) as exc:
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                raise NetworkError(TIMEOUT, f"no answer in {self.timeout:g} s") from exc
            raise NetworkError("NETWORK_ERROR", str(exc)) from exc
        text = raw.decode("utf-8", "replace")
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        return Reply(status, parsed if isinstance(parsed, dict) else None, text)

    async def refresh_auth(self) -> None:
        if self._refresh is None:
            raise NetworkError("expired_token", "no way to refresh the token")
        self.token = await self._refresh()

"""Browser transport: the portal frame's SDK (``@bitrix24/b24jssdk``) gives the portal address and
the user's token; the request itself is a ``fetch`` to ``<portal>/rest/<method>``.

Only imported in the browser (Pyodide or MicroPython). The SDK keeps the token and refreshes it
through the parent window (``refreshAuth``); retries, backoff and errors are ``RestClient``'s, the
same as on CPython.
"""
from __future__ import annotations

import json

from ..jsvalue import js_object, proxy, py_value, release
from .client import Reply
from .errors import TIMEOUT, NetworkError


class FrameTransport:
    """Sends REST calls with the token of the user the portal frame belongs to; a request without
    an answer after ``timeout`` seconds is aborted (``NetworkError`` "TIMEOUT", retried by the client)."""

    def __init__(self, frame, timeout: float = 60.0):
        self.frame = frame          # a B24Frame (JS proxy) from B24Js.initializeB24Frame()
        self.timeout = timeout

    @property
    def portal(self) -> str:
        """The portal's origin (keys the browser cache, so two portals never mix)."""
        return str(self.frame.getTargetOrigin())

    async def _token(self) -> str:
        auth = self.frame.auth.getAuthData()
        if not auth:                # expired: the SDK answers false
            auth = await self.frame.auth.refreshAuth()
        return auth.access_token

    async def send(self, method: str, params: dict) -> Reply:
        import js

        body = json.dumps({**params, "auth": await self._token()})
        url = f"{self.frame.getTargetOrigin()}/rest/{method}"
        abort = js.AbortController.new()
        on_timeout = proxy(lambda: abort.abort())
        timer = js.setTimeout(on_timeout, int(self.timeout * 1000))
        init = js_object({"method": "POST", "headers": {"Content-Type": "application/json"}, "body": body,
                          "signal": abort.signal})
        try:
            resp = await js.fetch(url, init)
            text = await resp.text()
        except Exception as exc:   # a JS TypeError (the portal is unreachable) or our abort
            if abort.signal.aborted:
                raise NetworkError(TIMEOUT, f"no answer in {self.timeout:g} s", 0, method) from exc
            raise NetworkError("NETWORK_ERROR", str(exc), 0, method) from exc
        finally:
            js.clearTimeout(timer)
            release(on_timeout)
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        return Reply(int(resp.status), parsed if isinstance(parsed, dict) else None, text)

    async def refresh_auth(self) -> None:
        await self.frame.auth.refreshAuth()


class FrameUI:
    """The portal's own UI reached through the frame SDK: user picker, slider paths, frame size."""

    def __init__(self, frame):
        self.frame = frame

    async def select_users(self, multiple: bool = True) -> list[dict]:
        """The portal's user picker; [{id, name, photo, position, ...}] (empty when cancelled)."""
        picked = await (self.frame.dialog.selectUsers() if multiple else self.frame.dialog.selectUser())
        if picked is None:
            return []
        picked = py_value(picked)
        return picked if isinstance(picked, list) else [picked]

    async def open_path(self, path: str) -> None:
        """Open a portal page (a task, a chat) in the portal's slider."""
        await self.frame.slider.openPath(self.frame.slider.getUrl(path))

    async def fit_window(self) -> None:
        """Let the portal resize the frame to the app's content."""
        await self.frame.parent.fitWindow()

    def auto_fit(self) -> None:
        """Keep the portal's frame as tall as the app's content (grows and shrinks with it)."""
        import js
        last = [0]

        def fit(*_):
            height = int(js.document.body.scrollHeight) + 16
            if abs(height - last[0]) > 4:
                last[0] = height
                self.frame.parent.resizeWindow(max(1, int(js.document.documentElement.clientWidth)), height)

        self._fit = proxy(fit)       # kept alive with this object
        js.ResizeObserver.new(self._fit).observe(js.document.body)
        fit()

    async def set_title(self, title: str) -> None:
        await self.frame.parent.setTitle(title)

    async def install_finish(self) -> None:
        await self.frame.installFinish()

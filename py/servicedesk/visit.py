"""Everything a screen needs: the REST client, who/where (AppContext), the portal's UI, the time.

One ``Visit`` per page load ("session" in this code base always means an Open Line session,
``model.openline.Session``). In the browser ``ui`` is ``rest.browser.FrameUI`` (the SDK); tests on
CPython pass a stand-in with the same methods (select_users, open_path, fit_window, set_title,
install_finish).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from .context import AppContext
from .rest import RestClient


@dataclass
class Visit:
    """One page load's REST client, user and placement (``ctx``), portal UI and language."""
    client: RestClient
    ctx: AppContext
    ui: object
    lang: str = "ru"

    def now(self) -> datetime:
        """The portal's time (from its last REST answer), else this machine's clock."""
        return self.client.portal_time() or datetime.now(timezone.utc)

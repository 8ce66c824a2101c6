"""Run the demo: a seeded demo portal on one origin (REST + the page that frames the app) and the
app's own files on another, as on a real portal. Used by ``build.py demo`` and the e2e tests."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from .demo import build_demo
from .frame import frame_routes
from .server import Running, serve
from .state import Portal

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Demo:
    """A running demo: ``portal_url`` (open it in a browser), ``app_url``, the devportal, ``stop()``."""
    portal_url: str
    app_url: str
    devportal: Running
    _stop_static: Callable[[], None]

    @property
    def portal(self) -> Portal:
        return self.devportal.portal

    def page_url(self, user: int, placement: str = "DEFAULT", options: str = "", mobile: bool = False) -> str:
        """The portal page opening the app as ``user`` in ``placement``."""
        from urllib.parse import urlencode
        query = {"user": user, "placement": placement}
        if options:
            query["options"] = options
        if mobile:
            query["mobile"] = 1
        return f"{self.portal_url}?{urlencode(query)}"

    def stop(self) -> None:
        self.devportal.stop()
        self._stop_static()


def default_user(portal: Portal) -> int | None:
    """The desk's manager (group owner) if the desk is set up, else the first admin."""
    group_id = portal.app_options.get("group_id")
    group = portal.groups.get(int(group_id)) if group_id else None
    if group:
        return group.owner_id
    return next((u.id for u in portal.users.values() if u.is_admin), None)


def start_demo(portal: Portal, host: str = "127.0.0.1", port: int = 0, app_port: int | None = None,
               **serve_kwargs) -> Demo:
    """Serve ``portal`` on ``host:port`` and the app (this repository) on ``host:app_port``."""
    import build  # the repository's build tool: its static server and MIME types

    static_url, stop_static = build.serve_static(ROOT, host, app_port if app_port is not None
                                                 else (port + 1 if port else 0))
    app_url = f"{static_url}index.html"
    running = serve(portal, host, port, routes=frame_routes(app_url, portal.member_id, default_user(portal)),
                    **serve_kwargs)
    return Demo(f"{running.url.rstrip('/')}/", app_url, running, stop_static)


def run_demo(seed: int = 1, host: str = "127.0.0.1", port: int = 8800, now: str | None = None,
             fresh: bool = False, crm_desk: bool = False) -> None:
    """Build the demo portal from ``seed`` anchored at ``now`` (default: this minute) and serve it;
    ``fresh``: the desk not set up yet (the portal admin opens the setup wizard); ``crm_desk``: one more
    desk whose second line is a smart process (devportal/demo_crm.py)."""
    anchor = datetime.fromisoformat(now) if now else datetime.now().astimezone().replace(second=0, microsecond=0)
    portal = build_demo(seed, anchor, configured=not fresh)
    if not fresh:                   # a second, small desk (HR, two chats): the desk switcher has a use
        from .demo_desks import add_hr_desk
        add_hr_desk(portal)
        if crm_desk:
            from .demo_crm import add_crm_desk
            add_crm_desk(portal, seed)
    demo = start_demo(portal, host, port)
    print(f"ServiceDesk demo (seed {seed}, anchored at {portal.now.isoformat()}"
          f"{', not set up yet: the admin sees the setup wizard' if fresh else ''}):")
    print(f"  open {demo.portal_url} in a browser; switch the user and the placement at the top.")
    print(f"  (the app itself is served from {demo.app_url}; Ctrl-C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        demo.stop()

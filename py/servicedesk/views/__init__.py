"""Screens. Only this package touches the DOM. ``open_view(name, session)`` imports the screen's
module lazily (only the screen opened is imported; the dashboard loads its libraries itself) and
awaits its ``show_view(session)``."""
from __future__ import annotations

import importlib

VIEWS = {
    "dashboard": "servicedesk.views.dashboard",
    "setup": "servicedesk.views.setup",
    "my_requests": "servicedesk.views.my_requests",
    "task_from_message": "servicedesk.views.task_from_message",
    "not_configured": "servicedesk.views.screens",
}


async def open_view(name: str, session) -> None:
    """Render screen ``name`` for ``session`` (see ``context.choose_view``)."""
    module = importlib.import_module(VIEWS[name])
    await module.show_view(session)

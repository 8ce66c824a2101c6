"""Screens. Only this package touches the DOM. ``open_view(name, session)`` imports the screen's
module lazily (the dashboard pulls in pandas/matplotlib only when it is opened) and awaits its
``show(session)``; screens not built yet fall back to ``screens.show``."""
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
    try:
        module = importlib.import_module(VIEWS[name])
    except ModuleNotFoundError as exc:
        if exc.name != VIEWS.get(name):
            raise
        from . import screens
        await screens.show_placeholder(name, session)
        return
    await module.show_view(session)

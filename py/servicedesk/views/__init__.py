"""Screens. Only this package touches the DOM. ``open_view(name, visit)`` imports the screen's
module lazily (only the screen opened is imported; the dashboard loads its libraries itself) and
awaits its ``show_view(visit)``.

Two interpreters serve them (static/js/boot.js picks one before Python starts): My requests and the
message popup run on PyScript's MicroPython as well as on Pyodide; the rest (the dashboard with
numpy and matplotlib, setup, settings, the "not set up" notice) runs on Pyodide, so MicroPython hands
those over: the page is opened again on Pyodide with the screen asked for (``hand_over``)."""
from __future__ import annotations

import importlib
import logging

from .. import runtime

log = logging.getLogger("servicedesk.views")

VIEWS = {
    "dashboard": ("servicedesk.views.dashboard", "show_view"),
    "setup": ("servicedesk.views.setup", "show_view"),
    "settings": ("servicedesk.views.setup", "show_settings"),
    "my_requests": ("servicedesk.views.my_requests", "show_view"),
    "task_from_message": ("servicedesk.views.task_from_message", "show_view"),
    "not_configured": ("servicedesk.views.screens", "show_view"),
}
ON_MICROPYTHON = {"my_requests", "task_from_message"}
ASKED = "servicedesk:open"      # sessionStorage: the screen MicroPython handed over (static/js/boot.js reads it too)


async def open_view(name: str, visit) -> None:
    """Render screen ``name`` for ``visit`` (see ``context.choose_view``)."""
    if runtime.micropython() and name not in ON_MICROPYTHON:
        hand_over(name, visit)
        return
    module, function = VIEWS[name]
    await getattr(importlib.import_module(module), function)(visit)


def settings_link(visit):
    """A "Настройки" link for admins' screens (None for everyone else)."""
    if not visit.ctx.is_admin:
        return None
    from .dom import el
    from .i18n import t
    from .setup_parts import on
    link = el("a", {"href": "#", "class": "sd-settings-link", "data-action": "settings"}, t("setup_settings", visit.lang))
    on(link, "click", lambda: open_view("settings", visit))
    return link


def hand_over(name: str, visit) -> None:
    """Open this page again on Pyodide showing screen ``name`` (for this user only); where the
    browser refuses the app its storage, say so instead (the page would only come back here)."""
    import js
    if js.sdStore.set(ASKED, f"{visit.ctx.user_id}:{name}", True):     # static/js/boot.js
        js.location.replace(js.location.href)
        return
    from . import screens
    from .i18n import t
    log.warning("hand-over to %s: storage refused", name)
    screens.show_message(t("handover_refused", visit.lang), "warning")


def asked_view(user_id: int) -> str | None:
    """The screen a hand-over asked for (once, and only for the same user), or None."""
    import js
    value = js.sdStore.take(ASKED, True)
    if not value:
        return None
    uid, _, name = str(value).partition(":")
    return name if uid == str(user_id) and name in VIEWS else None

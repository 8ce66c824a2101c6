"""Whole-screen notices: "not set up yet" (for everyone but admins) and plain messages (opened
outside a portal, a fatal portal error)."""
from __future__ import annotations

from .dom import el, fill, mount
from .i18n import t


async def show_view(visit) -> None:
    """The "not set up yet" screen, naming the admin who opened or ran the setup wizard, if any
    (no REST method lists a portal's admins to a non-admin; the wizard notes its admin in the
    app options, which everyone may read)."""
    from ..model.settings import setup_admin_name
    ctx, lang = visit.ctx, visit.lang
    admin = setup_admin_name(ctx.settings)
    note = fill(t("not_configured_admin", lang), admin=admin) if admin else [t("not_configured", lang)]
    body = [el("h1", None, t("app", lang)), el("p", {"class": "sd-note"}, *note)]
    if ctx.group_error and ctx.is_admin:
        body.append(el("p", {"class": "sd-warning"}, f"{t('group_unreadable', lang)}: {ctx.group_error}"))
    mount(el("section", {"class": "sd-view sd-view-not_configured", "data-view": "not_configured"}, *body))


def show_message(text: str, kind: str = "note") -> None:
    """A full-screen message (outside the portal, a fatal portal error, ...)."""
    mount(el("section", {"class": "sd-view sd-view-message", "data-view": "message"},
             el("p", {"class": f"sd-{kind}"}, text)))

"""The app's screens. Until their issues land, the dashboard, setup, my requests and the chat
popup are placeholders that say who you are and where you are; the routing above them is real."""
from __future__ import annotations

from ..context import AppContext
from .dom import el, fill, mount
from .i18n import t


def _whoami(ctx: AppContext, lang: str):
    roles = t("roles", lang)
    return el("dl", {"class": "sd-whoami"},
              el("dt", None, t("you_are", lang)), el("dd", {"data-field": "user"}, ctx.user_name),
              el("dt", None, t("role", lang)), el("dd", {"data-field": "role"}, roles.get(ctx.role, ctx.role)),
              el("dt", None, t("placement", lang)), el("dd", {"data-field": "placement"}, ctx.placement))


def show(view: str, ctx: AppContext, lang: str, note: list | None = None) -> None:
    """Render the screen named ``view`` (see ``context.choose_view``); ``note`` (children) replaces its notice."""
    titles = {"setup": "setup", "not_configured": "app", "dashboard": "dashboard",
              "my_requests": "my_requests", "task_from_message": "task_from_message"}
    body = [el("h1", None, t(titles.get(view, "app"), lang))]
    if view == "not_configured":
        body.append(el("p", {"class": "sd-note"}, *(note or [t("not_configured", lang)])))
    elif view == "setup":
        body.append(el("p", {"class": "sd-note"}, t("setup_intro", lang)))
    if ctx.group_error and ctx.is_admin:
        body.append(el("p", {"class": "sd-warning"}, f"{t('group_unreadable', lang)}: {ctx.group_error}"))
    body.append(_whoami(ctx, lang))
    mount(el("section", {"class": f"sd-view sd-view-{view}", "data-view": view}, *body))


async def show_placeholder(view: str, session) -> None:
    """A screen that is not built yet (or the "not set up yet" notice)."""
    show(view, session.ctx, session.lang)


async def show_view(session) -> None:
    """The "not set up yet" screen, naming the admin who opened or ran the setup wizard, if any
    (no REST method lists a portal's admins to a non-admin; the wizard notes its admin in the
    app options, which everyone may read)."""
    from ..setup.progress import setup_admin_name
    admin = setup_admin_name(session.ctx.settings)
    show("not_configured", session.ctx, session.lang,
         fill(t("not_configured_admin", session.lang), admin=admin) if admin else None)


def show_message(text: str, kind: str = "note") -> None:
    """A full-screen message (outside the portal, a fatal portal error, ...)."""
    mount(el("section", {"class": f"sd-view sd-view-message", "data-view": "message"},
             el("p", {"class": f"sd-{kind}"}, text)))

"""My requests (every user, also on phones): the user's open desk tasks as doing, managing and
watching, in creation order, with the queue position and status; a task opens in the portal."""
from __future__ import annotations

import asyncio
import logging
import sys

from ..bot.refs import local_time, request_path
from ..bot.requests import ROLES, desks_requests
from ..bot.texts import say, status_name
from ..model.settings import Settings
from ..rest import PortalError
from . import open_view, settings_link
from .i18n import error_text
from .dom import el, listen, mount
from .i18n import t

log = logging.getLogger("servicedesk.views")


def bot_poll_text(lang: str, tz_name: str = "UTC") -> str:
    """"бот: последняя проверка в …" for this browser's bot poller (see bot.poller.poll_status)."""
    poller = sys.modules.get("servicedesk.bot.poller")   # never imported: nothing polled on this page
    st = poller.poll_status() if poller else None
    if st is not None and st.elsewhere:         # the lease is another's (rest/lease.py)
        who = t("bot_elsewhere_worker" if st.elsewhere == "worker" else "bot_elsewhere_page", lang)
        return t("bot_elsewhere", lang).format(who=who)
    if st is None or st.last_at is None:
        return t("bot_not_polled", lang)
    text = t("bot_last_poll", lang).format(time=local_time(st.last_at, tz_name, "%H:%M:%S"))
    if st.waiting_on_open:
        text += f" · {t('bot_waited', lang).format(n=st.waiting_on_open)}"
    if st.error:
        text += f" · {t('bot_poll_error', lang).format(error=st.error[:120])}"
    return text


def bot_poll_line(visit, every: float = 5.0):
    """A line showing the bot poller's last check, refreshed while it is on the page."""
    tz = Settings.from_dict(visit.ctx.settings).time_zone
    node = el("p", {"class": "sd-req__bot", "data-field": "bot-poll"}, bot_poll_text(visit.lang, tz))

    async def tick():
        while True:
            await asyncio.sleep(every)
            if not node.isConnected:
                return
            node.textContent = bot_poll_text(visit.lang, tz)
    asyncio.create_task(tick())
    return node


def _item(visit, r):
    lang = visit.lang
    link = el("button", {"type": "button", "class": "sd-req__link", "data-action": "open-task", "data-task-id": r.id},
              f"#{r.id} ", el("bdi", None, r.title))
    desk = [el("span", {"class": "sd-req__desk", "data-field": "desk"}, r.desk)] if r.desk else []
    listen(link, "click", lambda _e: visit.ui.open_path(request_path(visit.ctx.user_id, r)))
    queue = t("req_queue", lang).format(n=r.position) if r.position else "—"
    return el("li", {"class": "sd-req__item", "data-task-id": r.id, "data-role": r.role},
              *desk, link,
              el("span", {"class": f"sd-req__status sd-req__status--s{r.status}", "data-field": "status"},
                 r.stage if r.entity_type_id else status_name(r.status, lang)),
              el("span", {"class": "sd-req__queue", "data-field": "queue"}, queue))


async def show_view(visit) -> None:
    """Render My requests for the current user."""
    ctx, lang = visit.ctx, visit.lang
    counted = ctx.is_support or ctx.is_admin        # only they may list the whole (closed) group
    body = el("div", {"class": "sd-req__body", "aria-busy": "true"}, t("loading_data", lang))
    head = [el("div", {"class": "sd-req__head"}, el("h1", {"class": "sd-req__title"}, t("my_requests", lang))),
            el("p", {"class": "sd-req__intro"}, t("req_intro", lang)),
            # the phone's chat menu cannot open the app (widgets/mobile-app.md, docs/decisions.md, decisions 80–93)
            el("p", {"class": "sd-req__mobile", "data-field": "mobile-hint"}, t("req_mobile", lang))]
    links = []
    if ctx.is_support:                  # back to the dashboard
        back = el("button", {"type": "button", "class": "sd-button", "data-action": "dashboard"}, t("dashboard", lang))
        listen(back, "click", lambda _e: open_view("dashboard", visit))
        links.append(back)
    links.append(settings_link(visit))    # admins: the desk's settings (the support chat)
    links = [node for node in links if node is not None]
    if links:
        head.append(el("nav", {"class": "sd-req__links"}, *links))
    if ctx.is_support:
        head.append(bot_poll_line(visit))
    mount(el("section", {"class": "sd-view sd-req", "data-view": "my_requests"}, *head, body))
    try:
        requests = await desks_requests(visit.client, ctx, ctx.user_id)   # every desk
    except PortalError as exc:          # a clear message and a way to try again, never an endless "loading"
        log.warning("my requests: %s", exc)
        again = el("button", {"type": "button", "class": "sd-button", "data-action": "retry"}, t("dash_refresh", lang))
        listen(again, "click", lambda _e: show_view(visit))
        body.replaceChildren(el("p", {"class": "sd-notice sd-notice--error", "role": "alert", "data-field": "error"},
                                error_text(exc, lang, Settings.from_dict(ctx.settings).time_zone or "UTC")), again)
        body.removeAttribute("aria-busy")
        return
    parts = []
    for role in ROLES:
        rows = [r for r in requests if r.role == role]
        parts.append(el("section", {"class": "sd-req__group", "data-role": role},
                        el("h2", {"class": "sd-req__role"}, f"{say(role, lang)} · {len(rows)}"),
                        el("ol", {"class": "sd-req__list"}, *(_item(visit, r) for r in rows)) if rows
                        else el("p", {"class": "sd-req__none"}, t("req_empty", lang))))
    if not counted and requests:
        parts.append(el("p", {"class": "sd-notice"}, t("req_queue_hidden", lang)))
    body.replaceChildren(*parts)
    body.removeAttribute("aria-busy")

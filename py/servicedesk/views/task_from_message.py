"""Task from a chat message (IM_CONTEXT_MENU, IMMOBILE_CONTEXT_MENU, IM_TEXTAREA): the chat's 10
last messages — the one the menu was opened on first — each with "Create task" or its task."""
from __future__ import annotations

import logging

from ..bot.refs import local_time, task_edit_path, task_view_path
from ..bot.task_from_message import NotAllowed, allowed_messages, create_from_message, placement_target
from ..model.settings import Settings
from ..rest import PortalError
from . import open_view
from .dom import el, listen, mount
from .i18n import t

log = logging.getLogger("servicedesk.views")


def notice(node, text: str, kind: str = "") -> None:
    """Show ``text`` in the screen's notice line (kind: "", "warning", "error")."""
    node.className = "sd-notice" + (f" sd-notice--{kind}" if kind else "")
    node.textContent = text
    node.removeAttribute("hidden")


def nav_to_requests(visit):
    """A button that opens My requests in this frame."""
    button = el("button", {"type": "button", "class": "sd-req__nav", "data-action": "my-requests"},
                t("my_requests", visit.lang))
    listen(button, "click", lambda _e: open_view("my_requests", visit))
    return button


def _row(visit, settings, dialog, msg, chosen, note):
    lang = visit.lang
    action = el("span", {"class": "sd-msg__action"})
    row = el("li", {"class": "sd-msg" + (" sd-msg--chosen" if msg.id == chosen else ""), "data-message-id": msg.id},
             el("div", {"class": "sd-msg__head"},
                el("span", {"class": "sd-msg__author"}, msg.author_name),
                el("span", {"class": "sd-msg__time"}, local_time(msg.date, settings.time_zone, "%d.%m %H:%M")),
                el("span", {"class": "sd-msg__mark"}, t("tfm_chosen", lang)) if msg.id == chosen else None),
             el("div", {"class": "sd-msg__text"}, msg.text[:400] or t("tfm_no_text", lang)),
             action)

    def show_task(task_id: int) -> None:
        link = el("button", {"type": "button", "class": "sd-req__link", "data-action": "open-task",
                             "data-task-id": task_id}, t("tfm_open", lang).format(id=task_id))
        listen(link, "click", lambda _e: visit.ui.open_path(task_view_path(visit.ctx.user_id, task_id)))
        action.replaceChildren(link)

    async def create(button) -> None:
        button.disabled = True
        try:
            out = await create_from_message(visit.client, visit.ctx, settings, dialog, msg, lang)
        except NotAllowed as exc:
            notice(note, t(f"tfm_denied_{exc.reason}", lang), "warning")
            return
        except PortalError as exc:
            log.error("task from message %s: %s", msg.id, exc)
            notice(note, f"{t('portal_error', lang)}: {exc}", "error")
            button.disabled = False
            return
        show_task(out.task_id)
        text = t("tfm_created" if out.created else "tfm_exists", lang).format(id=out.task_id)
        notice(note, text + (" " + t("tfm_fallback", lang) if out.creator_fallback else ""))
        note.setAttribute("data-task-id", str(out.task_id))
        path = task_edit_path if out.created else task_view_path
        await visit.ui.open_path(path(visit.ctx.user_id, out.task_id))

    if msg.task_id:
        show_task(msg.task_id)
    else:
        button = el("button", {"type": "button", "class": "sd-button", "data-action": "create"}, t("tfm_create", lang))
        listen(button, "click", lambda _e: create(button))
        action.appendChild(button)
    return row


async def show_view(visit) -> None:
    """Render the screen for the chat and message in the placement options."""
    ctx, lang = visit.ctx, visit.lang
    dialog, chosen = placement_target(ctx.placement_options)
    note = el("p", {"class": "sd-notice", "data-field": "notice", "role": "status", "hidden": True})
    listing = el("ul", {"class": "sd-msgs", "data-field": "messages"})
    mount(el("section", {"class": "sd-view sd-req", "data-view": "task_from_message"},
             el("div", {"class": "sd-req__head"}, el("h1", {"class": "sd-req__title"}, t("task_from_message", lang)),
                nav_to_requests(visit)),
             note, listing))
    if not dialog:
        notice(note, t("tfm_no_chat", lang), "warning")
        return
    from ..bot.desks import desk_visit
    visit = await desk_visit(visit, dialog)          # the desk whose set has this chat
    ctx = visit.ctx
    settings = Settings.from_dict(ctx.settings)
    try:
        msgs = await allowed_messages(visit.client, ctx, settings, dialog, chosen)
    except NotAllowed as exc:
        notice(note, t(f"tfm_denied_{exc.reason}", lang), "warning")
        return
    if not msgs:
        notice(note, t("tfm_empty", lang))
        return
    notice(note, t("tfm_pick", lang))
    for msg in msgs:
        listing.appendChild(_row(visit, settings, dialog, msg, chosen, note))

"""One bot for every desk: which desk a chat, an Open Line or a person belongs to, and a session
switched to it (its group, chats, people). A chat belongs to the active desk whose set lists it."""
from __future__ import annotations

import copy

from ..model.desks import active_desks, desk_of_chat, desk_of_openline
from ..model.values import to_int


def with_desk(visit, desk_id: int | None):
    """A shallow copy of ``visit`` whose ctx describes desk ``desk_id`` (``visit`` itself when it
    already does or there is no such desk)."""
    ctx = visit.ctx
    if desk_id is None or desk_id == getattr(ctx, "desk_id", None) or not getattr(ctx, "desks", None):
        return visit
    other = ctx.for_desk(desk_id)
    if other is None:
        return visit
    out = copy.copy(visit)
    out.ctx = other
    return out


def openline_of(chat: dict) -> int | None:
    """The Open Line id in an Open Line chat's ``entityId`` ("connector|line|…"), when the event gives it."""
    parts = str(chat.get("entityId") or "").split("|")
    return to_int(parts[1]) if len(parts) > 1 else None


def desk_of_event_chat(ctx, chat: dict, openline: bool) -> int | None:
    """The desk an event's chat belongs to: by chat id, or for an Open Line by its line (the only desk
    with a line when the event does not name it); None: the poller's own desk."""
    options = getattr(ctx, "options", None)
    if options is None:
        return None
    if openline:
        line = openline_of(chat)
        found = desk_of_openline(options, line) if line else None
        if found is None and not line:
            with_line = [d for d in active_desks(options) if d.get("openline_id")]
            found = with_line[0] if len(with_line) == 1 else None
        return found["id"] if found else None
    found = desk_of_chat(options, to_int(chat.get("id")))
    return found["id"] if found else None


def desk_of_person(ctx, user_id: int) -> int | None:
    """The first desk ``user_id`` supports (as the poller can see the groups), else None."""
    return next((d.id for d in getattr(ctx, "desks", ()) if d.supports(user_id)), None)


async def desk_visit(visit, dialog_id: str):
    """``visit`` switched to the desk of chat ``dialog_id`` (a chat of no desk: the user's own desk)."""
    from .task_from_message import chat_id_of
    options = getattr(visit.ctx, "options", None)
    if not options or not getattr(visit.ctx, "desks", None):
        return visit
    chat = to_int(dialog_id[4:]) if dialog_id.startswith("chat") else await chat_id_of(visit.client, dialog_id)
    found = desk_of_chat(options, chat)
    return with_desk(visit, found["id"] if found else None)

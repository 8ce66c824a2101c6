"""Bot events (imbot.v2.Event.get items) handled with the polling support member's rights:
/status, /openline_task_create, and the bot's 1:1 way to a task from a message (``direct``).

Every handler is idempotent where the portal documents a way: tasks are keyed by the message-id
field (checked on what comes back), group-chat messages by their ``uuid`` (``send.bot_send``).
Replies to commands go through ``imbot.v2.Command.answer`` with the command's token, so they arrive
in an Open Line after the bot left it and in chats the bot is not in; that method has no dedup key,
so one consumer of the events at a time (``rest.lease``) keeps them single.
"""
from __future__ import annotations

import logging

from ..model.settings import Settings
from ..model.values import to_int
from ..rest import AccessDenied
from . import csat, direct
from .desks import desk_of_event_chat, desk_of_person, with_desk
from .openline import create_transcript_task
from .rules import Deferred   # raised here; the poller catches it from here too
from .send import bot_send
from .status import is_openline, status_answer
from .texts import inert, lang_of, say

log = logging.getLogger("servicedesk.bot")


async def handle_event(visit, event: dict, last_try: bool = True) -> str:
    """Handle one event; returns what was done ("status", "openline_task", "ignored", ...).

    When this poller lacks the rights an event needs, it raises ``Deferred`` unless ``last_try``;
    on the last try the bot says it could not, so the asker is not left waiting in silence."""
    data = event.get("data") or {}
    chat, message, user = data.get("chat") or {}, data.get("message") or {}, data.get("user") or {}
    visit = _desk_visit(visit, chat, to_int(user.get("id")) or to_int(message.get("authorId")) or 0, last_try)
    client, ctx = visit.client, visit.ctx
    settings = Settings.from_dict(ctx.settings)
    key = f"event:{event.get('eventId')}"
    if event.get("type") == "ONIMBOTV2MESSAGEADD" and direct.is_private(chat) and to_int(user.get("id")):
        return await direct.answer(visit, data, key, pressed=False, last_try=last_try)
    if event.get("type") != "ONIMBOTV2COMMANDADD":
        return "ignored"
    command = str((data.get("command") or {}).get("command") or "").lower().lstrip("/")
    if command == direct.COMMAND and to_int(user.get("id")):
        return await direct.answer(visit, data, key, pressed=True, last_try=last_try)
    if command == csat.COMMAND:              # a rating button (bot.csat)
        return await csat.on_press(visit, data, key, last_try)
    dialog = str(chat.get("dialogId") or (f"chat{chat.get('id')}" if chat.get("id") else ""))
    asker = to_int(user.get("id")) or to_int(message.get("authorId")) or 0
    lang = lang_of(data.get("language"))
    reply_to = to_int(message.get("id"))
    token = command_token(data)
    if command == "status":
        text = await status_answer(client, settings, chat, asker, lang, ctx=ctx)
        if dialog.startswith("chat") and not is_openline(chat) and asker:
            # a group chat's other members may not see the asker's tasks: the list goes 1:1
            await bot_send(client, settings, str(asker), text, f"{key}:private")
            text = say("status_private", lang)
        if await bot_send(client, settings, dialog, text, key, command=token) is None and not last_try:
            raise Deferred("the portal refused the bot's answer")   # a later try (or poller) answers
        return "status"
    if command == "openline_task_create" and is_openline(chat):
        support = ctx.support_ids
        if asker not in support:
            await bot_send(client, settings, dialog, say("operators_only", lang), key, command=token)
            return "refused"
        try:
            outcome = await create_transcript_task(
                client, settings, chat_id=to_int(chat.get("id")) or 0, command_message_id=reply_to or 0,
                asker=asker, support=support, owner_id=ctx.owner_id, actor_id=ctx.user_id,
                client_name=str(chat.get("name") or ""), lang=lang)
        except AccessDenied:
            if not last_try:
                raise Deferred("the Open Line history is not readable with this poller's rights") from None
            await bot_send(client, settings, dialog, say("no_history", lang), key, command=token)
            return "refused"
        word = "created" if outcome.created else "exists"
        text = say(word, lang, id=outcome.task_id, title=inert(outcome.title))
        if await bot_send(client, settings, dialog, text, key, command=token) is None and not last_try:
            raise Deferred("the portal refused the bot's answer")
        return "openline_task"
    log.info("event %s: command /%s not handled here", event.get("eventId"), command)
    return "ignored"


def command_token(data: dict) -> tuple[int, int] | None:
    """(messageId, commandId) of an ONIMBOTV2COMMANDADD: the token Command.answer needs
    (commands/command-answer.md); None when the event lacks either."""
    mid, cid = to_int((data.get("message") or {}).get("id")), to_int((data.get("command") or {}).get("id"))
    return (mid, cid) if mid and cid else None


def _desk_visit(visit, chat: dict, asker: int, last_try: bool):
    """The visit switched to the desk the event's chat belongs to (a 1:1 chat: the asker's desk).
    A desk whose group this poller cannot read is left to a poller of that desk (``Deferred``)."""
    ctx = visit.ctx
    if direct.is_private(chat):
        desk_id = desk_of_person(ctx, asker)
    else:
        desk_id = desk_of_event_chat(ctx, chat, is_openline(chat))
    desk = ctx.desk(desk_id) if desk_id is not None and hasattr(ctx, "desk") else None
    if desk is not None and desk.error and not last_try:
        raise Deferred(f"desk {desk_id}'s group is not readable with this poller's rights")
    return with_desk(visit, desk_id)

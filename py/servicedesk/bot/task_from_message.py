"""Task from a chat message (IM_CONTEXT_MENU, IMMOBILE_CONTEXT_MENU, IM_TEXTAREA): pure logic.

Placement options (docs, widgets/im/context-menu.md, textarea.md, widgets/mobile-app.md):
``IM_CONTEXT_MENU`` gives ``{"messageId": "38507", "dialogId": "chat4339", "URI": "/online/"}``;
``IM_TEXTAREA`` gives ``{"dialogId", "URI"}`` and ``IMMOBILE_CONTEXT_MENU`` only ``{"dialogId"}`` —
without a message the person picks one of the chat's 10 last messages.
"""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, replace

from ..model.settings import Settings
from ..model.values import parse_time, to_bool, to_int
from ..rest import AccessDenied, PortalError, RestClient
from .refs import first_line, item_view_path, message_link, task_view_path
from .send import bot_send
from .tasks import TaskOutcome, create_once, find_by_message
from .texts import inert

LAST = 10


@dataclass
class ChatMessage:
    id: int
    chat_id: int
    author_id: int
    author_name: str
    date: str
    text: str
    author_is_bot: bool = False
    task_id: int | None = None        # the task already made from it, if any


class NotAllowed(Exception):
    """The person may not make tasks from this chat (reason: "group" or "chat")."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def placement_target(options) -> tuple[str, int | None]:
    """(dialog id, message id or None) from PLACEMENT_OPTIONS (a dict or its JSON text)."""
    if isinstance(options, str):
        try:
            options = json.loads(options or "{}")
        except ValueError:
            options = {}
    options = options if isinstance(options, dict) else {}
    return str(options.get("dialogId") or "").strip(), to_int(options.get("messageId"))


async def chat_id_of(client: RestClient, dialog_id: str) -> int:
    """The numeric chat id of ``chatNNN`` or of a 1:1 dialog (a user id)."""
    if dialog_id.startswith("chat"):
        return to_int(dialog_id[4:]) or 0
    return to_int((await client.call("im.dialog.get", {"DIALOG_ID": dialog_id})).get("id")) or 0


async def check_allowed(client: RestClient, ctx, dialog_id: str) -> int:
    """The chat id when ``ctx``'s user is in the support group and in the chat; else NotAllowed."""
    if not ctx.is_support:
        raise NotAllowed("group")
    try:
        chat_id = await chat_id_of(client, dialog_id)
        members = await client.call("im.chat.user.list", {"CHAT_ID": chat_id}) if chat_id else []
    except AccessDenied:
        raise NotAllowed("chat") from None
    except PortalError as exc:
        if exc.status in (400, 403) or exc.code in ("ACCESS_ERROR", "DIALOG_ID_EMPTY", "USER_NOT_FOUND"):
            raise NotAllowed("chat") from None
        raise
    if ctx.user_id not in {to_int(m) for m in members or []}:
        raise NotAllowed("chat")
    return chat_id


def _messages(res: dict) -> list[ChatMessage]:
    users = {to_int(u.get("id")): u for u in (res or {}).get("users") or []}
    out = []
    for m in (res or {}).get("messages") or []:
        author = to_int(m.get("author_id")) or 0
        params = m.get("params") if isinstance(m.get("params"), dict) else {}
        if author == 0 or to_bool(params.get("IS_DELETED")):
            continue                    # system messages and deleted placeholders are not requests
        u = users.get(author) or {}
        out.append(ChatMessage(to_int(m.get("id")) or 0, to_int(m.get("chat_id")) or 0, author,
                               str(u.get("name") or author), str(m.get("date") or ""), str(m.get("text") or ""),
                               to_bool(u.get("bot"))))
    return out


def oldest_date(msgs: list) -> str | None:
    """The date (as the portal wrote it) of the oldest of ``msgs``; None when one has no date (then
    the task search is not bounded by date)."""
    dated = [(parse_time(m.date), m.date) for m in msgs]
    if not dated or any(d is None for d, _ in dated):
        return None
    return min(dated, key=lambda p: p[0].timestamp())[1]


async def last_messages(client: RestClient, settings: Settings, dialog_id: str,
                        chosen: int | None = None) -> list[ChatMessage]:
    """The chat's 10 last messages by people (newest first; ``chosen`` first), with their tasks."""
    res = await client.call("im.dialog.messages.get", {"DIALOG_ID": dialog_id, "LIMIT": 20})
    msgs = [m for m in _messages(res) if not m.author_is_bot or m.id == chosen][:LAST]
    if chosen and all(m.id != chosen for m in msgs):
        one = await message_in(client, dialog_id, chosen)
        msgs = [one] + msgs if one else msgs
    elif chosen:
        msgs.sort(key=lambda m: m.id != chosen)
    if settings.on_crm:
        from .items import find_items_by_message
        tasks = await find_items_by_message(client, settings, [m.id for m in msgs])
    else:
        tasks = await find_by_message(client, settings, [m.id for m in msgs], oldest_date(msgs))
    for m in msgs:
        if str(m.id) in tasks:
            m.task_id = to_int(tasks[str(m.id)]["id"])
    return msgs


async def allowed_messages(client: RestClient, ctx, settings: Settings, dialog_id: str,
                           chosen: int | None = None) -> list[ChatMessage]:
    """``last_messages`` for a person ``check_allowed`` lets in (else NotAllowed). A support member's
    rights check and the messages' read go side by side (one round trip less; the portal's rights
    apply to both); the read is dropped when the check refuses."""
    if not ctx.is_support:
        raise NotAllowed("group")
    reading = asyncio.create_task(_outcome(last_messages(client, settings, dialog_id, chosen)))
    try:
        await check_allowed(client, ctx, dialog_id)
    except BaseException:
        if not reading.done():
            reading.cancel()
        raise
    msgs, failed = await reading
    if failed is not None:
        raise failed
    return msgs


async def _outcome(coro):
    """(result, None) or (None, the exception): a task nobody may wait for never logs "exception
    never retrieved" (and MicroPython's tasks have no ``exception()`` to retrieve it with)."""
    try:
        return await coro, None
    except Exception as exc:  # noqa: BLE001 - handed to the one who waits
        return None, exc


async def message_in(client: RestClient, dialog_id: str, message_id: int) -> ChatMessage | None:
    """The chat's message ``message_id`` (None when that chat has no such message by a person or bot)."""
    res = await client.call("im.dialog.messages.get", {"DIALOG_ID": dialog_id, "LAST_ID": message_id + 1, "LIMIT": 1})
    return next((m for m in _messages(res) if m.id == message_id), None)


async def create_from_message(client: RestClient, ctx, settings: Settings, dialog_id: str,
                              msg: ChatMessage, lang: str = "ru", for_user: int | None = None) -> TaskOutcome:
    """The task for ``msg`` (made once; an existing one is returned); the bot notes it in the chat
    (one note per message: a try that finds the task an earlier, interrupted try made posts it).

    ``for_user``: the bot's 1:1 way, where the poller's app (``ctx``) acts for the person who pressed
    a button: the rules are checked for that person, who becomes responsible; the calls (and so
    the creator the portal records, see ``tasks.add_task``) stay the poller's."""
    who = replace(ctx, user_id=for_user) if for_user else ctx
    chat_id = await check_allowed(client, who, dialog_id)
    label = "Сообщение в чате" if lang == "ru" else "Message in the chat"
    fields = {
        "TITLE": first_line(msg.text) or f"{label} #{msg.id}",
        "DESCRIPTION": f"{msg.text}\n\n{message_link(dialog_id, msg.id, label)}",
        "GROUP_ID": settings.group_id, "RESPONSIBLE_ID": who.user_id,
        "AUDITORS": [msg.author_id] if msg.author_id and not msg.author_is_bot else [],
        settings.uf_chat: str(chat_id or msg.chat_id),
    }
    if settings.on_crm:                # issue 27: an item of the desk's smart process, same duplicate check
        from .items import create_item_once
        outcome = await create_item_once(client, settings, str(msg.id), {
            "title": fields["TITLE"], "sourceDescription": fields["DESCRIPTION"], "assignedById": who.user_id,
            "observers": fields["AUDITORS"], settings.crm_uf_chat: fields[settings.uf_chat]})
        word = "Заявка" if lang == "ru" else "Request"
        link = f"[URL={item_view_path(settings.crm_entity_type_id, outcome.task_id)}]{word} #{outcome.task_id}[/URL]"
        await bot_send(client, settings, dialog_id, f"{link}: {inert(outcome.title)}", f"task-note:{msg.id}",
                      reply_to=msg.id)
        return outcome
    outcome = await create_once(client, settings, str(msg.id), fields, ctx.owner_id, ctx.user_id,
                                oldest_date([msg]))
    # one note per message (its key): a try that finds the task an earlier try made (answer lost) posts it
    word = "Задача" if lang == "ru" else "Task"
    link = f"[URL={task_view_path(who.user_id, outcome.task_id)}]{word} #{outcome.task_id}[/URL]"
    await bot_send(client, settings, dialog_id, f"{link}: {inert(outcome.title)}", f"task-note:{msg.id}", reply_to=msg.id)
    return outcome

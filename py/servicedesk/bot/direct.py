"""Task from a message, the bot's 1:1 way: a support member writes anything to the bot; it answers
with the support chat's 10 last messages by people as keyboard buttons; a press makes the task as
the other two ways do (``create_from_message``) and the bot confirms in the 1:1 chat with the link.

Docs (chat-bots-v2): messages/message-keyboards.md (buttons TEXT + COMMAND + COMMAND_PARAMS; a press
is ONIMBOTV2COMMANDADD with ``command.context`` "keyboard"; the command must be registered, hidden
ones stay callable by buttons: commands/index.md), events/events.md (ONIMBOTV2MESSAGEADD: messages
to the bot; a 1:1 chat's dialogId is the user's id: entities.md).

Rights: the calls run with the polling support member's token; every rule is checked for the
asker: a plain user gets help (never the chat's content), a desk member outside the support chat a
refusal. The buttons show only the support chat's messages, which the asker, a member, reads
there anyway, and a pressed id is looked up in the support chat only, so a forged press reaches no
other chat the poller may read. Answers are keyed: the list by event id, the confirmation by
(asker, message), so a second press or a second poller posts nothing new.
"""
from __future__ import annotations

import logging
import weakref

from ..model.settings import Settings
from ..model.values import to_int
from ..rest import AccessDenied, PortalError
from .refs import first_line, local_time, task_view_path
from .rules import Deferred
from .send import bot_send, transient
from .task_from_message import NotAllowed, create_from_message, last_messages, message_in
from .texts import inert, lang_of, say

log = logging.getLogger("servicedesk.bot")

COMMAND = "task_from_message"       # hidden: only the buttons call it
LABEL_MAX = 60
_REGISTERED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # client -> bots done (one portal each)


def is_private(chat: dict) -> bool:
    """A 1:1 chat as events describe it (entities.md, Chat): dialogId = the person's id, not ``chatNNN``;
    messageType "P"."""
    return str(chat.get("dialogId") or "").isdigit() or str(chat.get("messageType") or "") == "P"


async def ensure_command(client, settings: Settings, command: str = COMMAND, title: dict | None = None) -> None:
    """A buttons' hidden ``command``, registered once per page and bot (also on desks set up before it)."""
    done = _REGISTERED.setdefault(client, set())
    if (settings.bot_id, command) in done:
        return
    try:
        await client.call("imbot.v2.Command.register", {"botId": settings.bot_id, "fields": {
            "command": command, "hidden": True, "common": False,
            "title": title or {"ru": "Заявка из сообщения", "en": "Request from a message"}}})
    except PortalError as exc:
        if transient(exc):
            raise
        log.warning("bot command /%s not registered: %s", command, exc)
    done.add((settings.bot_id, command))


def button(m, settings: Settings) -> dict:
    """One message as a button: "time author: first line" (+ its task), COMMAND_PARAMS = its id."""
    when = local_time(m.date, settings.time_zone or "UTC", "%d.%m %H:%M")
    text = f"{when} {m.author_name}: {first_line(m.text) or '…'}".strip()
    text = text if len(text) <= LABEL_MAX else text[:LABEL_MAX - 1].rstrip() + "…"
    if m.task_id:
        text = f"#{m.task_id} · {text}"
    return {"TEXT": inert(text), "COMMAND": COMMAND, "COMMAND_PARAMS": str(m.id)}


async def _refusal(visit, asker: int, pressed: bool) -> str:
    """"" when ``asker`` may make tasks from the support chat, else the phrase the bot says."""
    if asker not in visit.ctx.support_ids:
        return "support_only" if pressed else "help"
    chat_id = Settings.from_dict(visit.ctx.settings).chat_id
    if not chat_id:                 # a desk without a support chat: nothing to pick from
        return "help"
    try:
        members = await visit.client.call("im.chat.user.list", {"CHAT_ID": chat_id})
    except PortalError as exc:      # im-chat-user-list.md: ACCESS_ERROR for a poller outside the chat
        if exc.code == "ACCESS_ERROR":
            raise AccessDenied(exc.code, exc.description, exc.status, exc.method) from None
        raise
    return "" if asker in {to_int(m) for m in members or []} else "not_in_chat"


async def _list(visit, lang: str) -> tuple[str, list]:
    settings = Settings.from_dict(visit.ctx.settings)
    msgs = await last_messages(visit.client, settings, f"chat{settings.chat_id}")
    if not msgs:
        return say("no_messages", lang), []
    await ensure_command(visit.client, settings)
    return say("pick", lang), [button(m, settings) for m in msgs]


async def _create(visit, asker: int, message_id: int, lang: str) -> str:
    client, ctx = visit.client, visit.ctx
    settings = Settings.from_dict(ctx.settings)
    dialog = f"chat{settings.chat_id}"
    msg = await message_in(client, dialog, message_id) if message_id > 0 else None
    if msg is None:
        return say("gone", lang)
    try:
        outcome = await create_from_message(client, ctx, settings, dialog, msg, lang, for_user=asker)
    except NotAllowed as exc:
        return say("support_only" if exc.reason == "group" else "not_in_chat", lang)
    link = f"[URL={task_view_path(asker, outcome.task_id)}]#{outcome.task_id}[/URL]"
    return say("picked" if outcome.created else "picked_exists", lang, link=link, title=inert(outcome.title))


async def answer(visit, data: dict, event_key: str, pressed: bool, last_try: bool) -> str:
    """Handle a message to the bot in a 1:1 chat (``pressed`` False: answer with the buttons) or a
    press of one (True: make the task); returns what was done."""
    settings = Settings.from_dict(visit.ctx.settings)
    asker = to_int((data.get("user") or {}).get("id")) or 0
    lang, reply_to = lang_of(data.get("language")), to_int((data.get("message") or {}).get("id"))
    buttons, key = [], event_key
    try:
        refusal = await _refusal(visit, asker, pressed)
        if refusal:
            text, done = say(refusal, lang), ("help" if refusal == "help" else "refused")
        elif pressed:
            message_id = to_int(str((data.get("command") or {}).get("params") or "").strip()) or 0
            text, done, reply_to = await _create(visit, asker, message_id, lang), "task", None
            key = f"task-for:{asker}:{message_id}"      # one confirmation per person and message
        else:
            (text, buttons), done = await _list(visit, lang), "buttons"
    except AccessDenied:
        if not last_try:
            raise Deferred("the support chat is not readable with this poller's rights") from None
        text, done = say("no_chat_access", lang), "refused"
    token = None
    if pressed:                         # a button press is a command: answered with its token
        from .events import command_token
        token = command_token(data)
    await bot_send(visit.client, settings, str(asker), text, key, reply_to=None if token else reply_to,
                   buttons=buttons, command=token)
    return done

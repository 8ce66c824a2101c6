"""The one way the bot posts: ``bot_send``. Every bot message of the app goes through it (command
replies, task notes, 1:1 answers, SLA warnings), so the documented rules live in one place:

- A reply to a slash command (or a keyboard press) goes through ``imbot.v2.Command.answer`` with the
  command's token, ``messageId`` + ``commandId`` (commands/command-answer.md): it reaches the chat the
  command came from even when the bot is not a member (then as a system message with the bot's name),
  e.g. an Open Line after the welcome bot left on hand-over.
- Any other message goes through ``imbot.v2.Chat.Message.send``, which the portal refuses with
  ACCESS_DENIED when the bot is not a member (messages/chat-message-send.md): setup makes the bot a
  member of every support chat (``setup.bot_chats``); a refusal is logged, never retried.
- Dedup: the portal is not documented to drop a repeated ``templateId``; the message's ``uuid``
  (entities.md, "UUID для дедупликации") is what reads return. So a message to a group chat carries
  the key's UUID as ``templateId`` and is sent only when the chat's last messages (read with the
  caller's rights, ``im.dialog.messages.get``) hold no message with that ``uuid``; read again after
  the send, a second one (two senders at once) is deleted by its sender, the first one stays. Where the caller
  cannot read the chat (someone's 1:1 chat with the bot) and for ``Command.answer`` (no dedup field
  at all), one consumer of the events (``rest.lease``) and the keys this page (client) sent keep an
  answer single.
"""
from __future__ import annotations

import logging

from ..model.settings import Settings
from ..rest import AccessDenied, PortalError, RestClient
from ..rest.errors import is_lost_answer, is_temporary
from .refs import template_id

log = logging.getLogger("servicedesk.bot")
transient = is_temporary      # worth handling again later (rest.errors.KINDS); other refusals are final
LOOK_BACK = 50                # the chat's last messages searched for the key's uuid (the method's page max)
LOST = "lost"                 # a send whose answer never came back (it may have been carried out)
KEEP = 2000                   # keys remembered per client (its ``bot_sent``: {key UUID: message id | True})


async def bot_send(client: RestClient, settings: Settings, dialog_id: str, text: str, key: str, *,
                   reply_to: int | None = None, buttons: list | None = None,
                   command: tuple[int, int] | None = None) -> int | bool | None:
    """Post ``text`` as the desk's bot in ``dialog_id`` once per ``key``.

    ``command``: (messageId, commandId) of the slash command or button press being answered — the
    reply goes through Command.answer. ``buttons``: a keyboard (messages/message-keyboards.md).
    Returns the message id (Chat.Message.send), True (Command.answer), or None when there is no bot
    or the portal refused (logged: a missing note must not undo the action it reports). Transient
    errors (see ``transient``) are raised, so the event comes again."""
    if not settings.bot_id:
        return None
    uuid = template_id(settings.bot_id, key)
    sent = getattr(client, "bot_sent", None)      # per page (client), not per process: the soak's pages differ
    if sent is None:
        sent = client.bot_sent = {}
    if sent.get(uuid) not in (None, LOST):
        return sent[uuid]
    fields: dict = {"message": text}
    if buttons:
        fields["keyboard"] = {"BOT_ID": settings.bot_id, "BUTTONS": buttons}
    try:
        if command is not None:
            def find():
                return _answered(client, settings.bot_id, str(dialog_id), int(command[0]), text)
            if sent.get(uuid) == LOST and await find():   # a try whose answer was lost did post it
                sent[uuid] = True
                return True
            res = await client.create_once("imbot.v2.Command.answer", {
                "botId": settings.bot_id, "messageId": int(command[0]), "commandId": int(command[1]),
                "dialogId": str(dialog_id), "fields": fields}, find)
            done = True if res is True or (isinstance(res, dict) and res.get("result")) else None
        else:
            found = await _posted(client, str(dialog_id), uuid)
            if found:
                sent[uuid] = found
                return found
            fields["templateId"] = uuid
            if reply_to:
                fields["replyId"] = int(reply_to)
            res = await client.create_once("imbot.v2.Chat.Message.send", {
                "botId": settings.bot_id, "dialogId": str(dialog_id), "fields": fields},
                lambda: _posted(client, str(dialog_id), uuid))
            done = int(res.get("id")) if isinstance(res, dict) and res.get("id") else (res if isinstance(res, int) else None)
            if done:
                done = await _keep_first(client, settings.bot_id, str(dialog_id), uuid, done)
    except PortalError as exc:
        if is_lost_answer(exc):
            sent[uuid] = LOST           # the next try looks before it sends again
        if transient(exc):
            raise
        log.warning("bot message to %s not sent: %s", dialog_id, exc)
        return None
    if done:
        if len(sent) >= KEEP:
            sent.pop(next(iter(sent)))
        sent[uuid] = done
    return done


async def _keep_first(client: RestClient, bot_id: int, dialog_id: str, uuid: str, mine: int) -> int:
    """Two senders at the same moment both found no message with ``uuid`` and both sent: each reads
    again, and the one whose message is not the first with that uuid deletes its own
    (messages/chat-message-delete.md: a bot deletes its own messages). Returns the message kept."""
    first = await _posted(client, dialog_id, uuid)
    if first is None or first >= mine:
        return mine
    try:
        await client.call("imbot.v2.Chat.Message.delete", {"botId": bot_id, "messageId": mine, "complete": True})
    except PortalError as exc:
        if transient(exc):
            raise
        log.warning("a second bot message %s not deleted: %s", mine, exc)
        return mine
    return first


async def _answered(client: RestClient, bot_id: int, dialog_id: str, command_message: int, text: str) -> bool:
    """A bot message with ``text`` after the command message in the group chat (a Command.answer whose
    answer was lost: the method has no dedup key, so its text after the command is the evidence);
    False where the caller cannot read the chat."""
    if not dialog_id.startswith("chat"):
        return False
    try:
        res = await client.call("im.dialog.messages.get", {"DIALOG_ID": dialog_id, "FIRST_ID": command_message,
                                                           "LIMIT": LOOK_BACK})
    except PortalError as exc:
        if transient(exc):
            raise
        return False
    rows = res.get("messages") if isinstance(res, dict) else None
    return any(int(m.get("author_id") or 0) in (bot_id, 0) and str(m.get("text") or "").strip() == text.strip()
               for m in rows or [])


async def _posted(client: RestClient, dialog_id: str, uuid: str) -> int | None:
    """The lowest id of a message with ``uuid`` among the group chat's last ones, when the caller may
    read them; None otherwise (a 1:1 chat of someone else's, or no such message)."""
    if not dialog_id.startswith("chat"):
        return None
    try:
        res = await client.call("im.dialog.messages.get", {"DIALOG_ID": dialog_id, "LIMIT": LOOK_BACK})
    except AccessDenied:
        return None
    except PortalError as exc:
        if transient(exc):
            raise
        return None
    rows = res.get("messages") if isinstance(res, dict) else None
    ids = [int(m.get("id") or 0) for m in rows or [] if str(m.get("uuid") or "") == uuid
           and not (m.get("params") or {}).get("IS_DELETED")]
    ids = [i for i in ids if i]
    return min(ids) if ids else None

"""The rating offer redrawn after a press (docs/decisions 171–172): the chosen button marked, both still
there, so the author sees the vote the bot keeps and can still change it.

Docs (chat-bots-v2/imbot.v2): messages/chat-message-update.md — ``imbot.v2.Chat.Message.update`` with
``botId``, ``messageId`` and ``fields`` (``message``, ``keyboard``); "Бот может обновлять только собственные
сообщения" (ACCESS_DENIED otherwise); message-keyboards.md — an updated keyboard carries ``BOT_ID`` beside
``BUTTONS``. The offer's id and text come from the press itself (events/events.md, ONIMBOTV2COMMANDADD:
``message`` with ``id``, ``authorId``, ``text``); the text is sent again unchanged, since the page does not
promise that a field left out stays (imbot.message.update's page said an empty text deletes the message).
Best effort: the vote is stored before, and a failed redraw is logged, never raised."""
from __future__ import annotations

import logging

from ..model.values import to_int
from ..rest import PortalError

log = logging.getLogger("servicedesk.bot.csat")


def names_task(text: str, task_id: int) -> bool:
    """``text`` names request ``#task_id`` (not a longer number that starts with it)."""
    mark, start = f"#{int(task_id)}", 0
    while True:
        at = text.find(mark, start)
        if at < 0:
            return False
        end = at + len(mark)
        if end == len(text) or not text[end].isdigit():
            return True
        start = end


def offer_of_press(data: dict, bot_id, task_id: int, recorded) -> tuple[int, str] | None:
    """(id, text) of the rating offer a press came from, when it is task ``task_id``'s offer; else None.
    The press's message must be a keyboard's (``command.context`` "keyboard"), the bot's own, with text;
    and the offer the item recorded (``recorded``), or, when none was recorded (its item was made by the
    press), in the presser's 1:1 chat with the bot and naming ``#task_id``: the params are the caller's
    (decision 152), so another offer of the same author is never marked with this task's vote."""
    msg = data.get("message") or {}
    mid, text = to_int(msg.get("id")), msg.get("text")
    if str((data.get("command") or {}).get("context") or "") != "keyboard" or not mid \
            or to_int(msg.get("authorId")) != to_int(bot_id) or not isinstance(text, str) or not text.strip():
        return None
    if to_int(recorded):
        return (mid, text) if to_int(recorded) == mid else None
    presser = to_int((data.get("user") or {}).get("id"))
    dialog = str((data.get("chat") or {}).get("dialogId") or "")
    return (mid, text) if presser and dialog == str(presser) and names_task(text, task_id) else None


async def mark_offer(client, bot_id, offer: tuple[int, str] | None, buttons: list[dict]) -> bool:
    """Redraw ``offer`` (``offer_of_press``) with ``buttons``; True when the portal took it. Any refusal or
    failure (transient too) is logged and False: the vote is already stored and answered, and a later
    press on the same vote redraws it again."""
    if not offer or not bot_id:
        return False
    try:
        await client.call("imbot.v2.Chat.Message.update", {
            "botId": int(bot_id), "messageId": int(offer[0]),
            "fields": {"message": offer[1], "keyboard": {"BOT_ID": int(bot_id), "BUTTONS": buttons}}})
    except PortalError as exc:
        log.warning("csat: the offer %s not redrawn: %s", offer[0], exc)
        return False
    return True

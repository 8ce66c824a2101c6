"""The bot a member of every support chat, so its notes there are not refused: imbot.v2.Chat.Message.send
answers ACCESS_DENIED ("Бот не является участником чата") otherwise (chat-bots-v2/imbot.v2/messages/
chat-message-send.md). An admin who is in the chat adds it with ``im.chat.user.add`` {CHAT_ID, USERS}
(chats/chat-users/im-chat-user-add.md: a chat member with the right to add people). Looks first
(``im.chat.user.list``), so a re-run adds nothing; run by the wizard and whenever a desk's chats change."""
from __future__ import annotations

import logging

from ..rest import PortalError, RestClient
from ..rest.errors import is_temporary
from .lookups import chat_members

log = logging.getLogger("servicedesk.setup")


async def ensure_bot_in_chats(client: RestClient, bot_id: int | None, chat_ids) -> dict[int, str]:
    """{chat id: "member" (already), "added", or "refused" (the caller is not in it / may not add)}."""
    out: dict[int, str] = {}
    if not bot_id:
        return out
    for chat_id in dict.fromkeys(int(c) for c in chat_ids or () if c):
        members = await chat_members(client, chat_id)
        if members is not None and int(bot_id) in members:
            out[chat_id] = "member"
            continue
        try:
            await client.call("im.chat.user.add", {"CHAT_ID": chat_id, "USERS": [int(bot_id)], "HIDE_HISTORY": "N"})
            out[chat_id] = "added"
        except PortalError as exc:
            if is_temporary(exc):
                raise
            log.warning("bot %s not added to chat %s: %s", bot_id, chat_id, exc)
            out[chat_id] = "refused"
    return out


async def bot_of(client: RestClient) -> int:
    """The app's bot id from its options (0: none yet)."""
    opts = await client.call("app.option.get", {}) or {}
    try:
        return int(opts.get("bot_id") or 0) if isinstance(opts, dict) else 0
    except (TypeError, ValueError):
        return 0

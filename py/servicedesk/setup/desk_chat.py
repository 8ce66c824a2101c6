"""A new desk's own first-line chat (the settings' "create a new chat"): made once per desk group.

The chat carries the pair ENTITY_TYPE/ENTITY_ID = ``CHAT_ENTITY``/the group id (chats/im-chat-add.md;
im-chat-get.md finds a chat by that pair), so a re-run after a lost answer or a failed write, which
reuses the group, finds the chat instead of making a second one. Members as the wizard's support chat:
the manager, the specialists and the app's bot (the admin is in it as its creator)."""
from __future__ import annotations

from ..model.values import to_int
from .run import Run

CHAT_ENTITY = "SERVICEDESK"


async def _existing(run: Run, group_id: int) -> int | None:
    found = await run.client.call("im.chat.get", {"ENTITY_TYPE": CHAT_ENTITY, "ENTITY_ID": str(group_id)})
    return to_int((found or {}).get("ID")) if isinstance(found, dict) else None


async def ensure_desk_chat(run: Run, group_id: int, title: str) -> int:
    """The chat of the desk of group ``group_id`` (found, or made titled ``title``); its id."""
    chat_id = await _existing(run, group_id)
    if chat_id:
        return chat_id
    bot = [run.progress.bot_id] if run.progress.bot_id else []
    made = await run.create_once("im.chat.add", {
        "TYPE": "CHAT", "TITLE": title, "USERS": [run.inp.manager_id, *run.inp.specialist_ids, *bot],
        "ENTITY_TYPE": CHAT_ENTITY, "ENTITY_ID": str(group_id)}, lambda: _existing(run, group_id))
    return to_int(made)

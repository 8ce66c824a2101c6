"""What an admin may change after setup: the support chat (of a desk, or the single-desk ``chat_id``)."""
from __future__ import annotations

from ..rest import PortalError, RestClient
from ..model.desks import all_desks
from .desks import update_desk
from .errors import SetupError, explain
from .lookups import chat_members


async def change_chat(client: RestClient, chat_id: int, admin_id: int, desk_id: int | None = None) -> int:
    """Make ``chat_id`` the support chat (of desk ``desk_id``: its first chat, the others kept); the
    admin must be in it. Returns the chat id."""
    try:
        if not await client.call("user.admin"):
            raise SetupError("setup_err_not_admin", "settings")
        members = await chat_members(client, int(chat_id))
        if members is None or admin_id not in members:
            raise SetupError("setup_err_chat_member", "settings")
        if desk_id is not None:
            record = next((r for r in all_desks(await client.call("app.option.get", {})) if r["id"] == desk_id), None)
            chats = [int(chat_id), *(c for c in (record or {}).get("chat_ids", ()) if c != int(chat_id))]
            await update_desk(client, desk_id, {"chat_ids": chats})
        else:
            await client.call("app.option.set", {"options": {"chat_id": int(chat_id)}})
            from .bot_chats import bot_of, ensure_bot_in_chats
            await ensure_bot_in_chats(client, await bot_of(client), [int(chat_id)])
    except PortalError as exc:
        raise explain(exc, "settings") from exc
    return int(chat_id)

"""What an admin may change after setup: the support chat (app option ``chat_id``)."""
from __future__ import annotations

from ..rest import PortalError, RestClient
from .errors import SetupError, explain
from .lookups import chat_members


async def change_chat(client: RestClient, chat_id: int, admin_id: int) -> int:
    """Make ``chat_id`` the support chat; the admin must be in it. Returns the chat id."""
    try:
        if not await client.call("user.admin"):
            raise SetupError("setup_err_not_admin", "settings")
        members = await chat_members(client, int(chat_id))
        if members is None or admin_id not in members:
            raise SetupError("setup_err_chat_member", "settings")
        await client.call("app.option.set", {"options": {"chat_id": int(chat_id)}})
    except PortalError as exc:
        raise explain(exc, "settings") from exc
    return int(chat_id)

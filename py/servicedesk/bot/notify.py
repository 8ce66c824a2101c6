"""The one way the SLA features (warnings, escalation, digest) send a bot message: ``notify``. It calls
the bot's one send path (``send.bot_send``: Chat.Message.send, only where the bot is a member — setup makes
it one of every support chat; a private chat with a user always takes it); ``key`` is the message's dedup key (the same key twice posts one message)."""
from __future__ import annotations

from ..model.settings import Settings
from ..rest import RestClient
from .send import bot_send


async def notify(client: RestClient, settings: Settings, dialog_id: str, text: str, key: str,
                 buttons: list | None = None) -> int | None:
    """Post ``text`` as the desk's bot in ``dialog_id`` (a user id for a private chat, ``chat<ID>`` for a
    chat); the message id, or None when the portal refused (logged). Transient errors are raised."""
    return await bot_send(client, settings, dialog_id, text, key, buttons=buttons)

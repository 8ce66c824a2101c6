"""The one way the SLA features (warnings, escalation, digest) send a bot message: ``notify``. It calls
the bot's existing send path (``say.bot_say``), so where and how bot messages go can be changed in one
place; ``key`` is the message's dedup key (the same key twice posts one message)."""
from __future__ import annotations

from ..model.settings import Settings
from ..rest import RestClient
from .say import bot_say


async def notify(client: RestClient, settings: Settings, dialog_id: str, text: str, key: str,
                 buttons: list | None = None) -> int | None:
    """Post ``text`` as the desk's bot in ``dialog_id`` (a user id for a private chat, ``chat<ID>`` for a
    chat); the message id, or None when the portal refused (logged). Transient errors are raised."""
    return await bot_say(client, settings, dialog_id, text, key, buttons=buttons)

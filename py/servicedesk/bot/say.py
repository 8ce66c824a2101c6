"""Compatibility name for the bot's send path: ``bot_say`` is ``send.bot_send`` (keep new code on
``bot_send``)."""
from __future__ import annotations

from .send import bot_send, transient

__all__ = ["bot_say", "bot_send", "transient"]


async def bot_say(client, settings, dialog_id: str, text: str, key: str, reply_to: int | None = None,
                  buttons: list | None = None, command: tuple[int, int] | None = None):
    """``bot_send`` with the older positional form."""
    return await bot_send(client, settings, dialog_id, text, key, reply_to=reply_to, buttons=buttons,
                          command=command)

"""The bot's voice: one message per key (dedup by templateId), so a repeated handler posts nothing new."""
from __future__ import annotations

import logging

from ..model.settings import Settings
from ..rest import PortalError, RestClient
from ..rest.errors import is_temporary
from .refs import template_id

log = logging.getLogger("servicedesk.bot")
transient = is_temporary      # worth handling again later (rest.errors.KINDS); other refusals are final


async def bot_say(client: RestClient, settings: Settings, dialog_id: str, text: str, key: str,
                  reply_to: int | None = None, buttons: list | None = None) -> int | None:
    """Post ``text`` as the desk's bot in ``dialog_id``; the same ``key`` never posts twice.
    ``buttons``: a keyboard under the message (messages/message-keyboards.md: TEXT + COMMAND ...).

    Returns the message id, or None when there is no bot or the portal refused (logged: a missing
    note must not undo the action it reports). Transient errors (see ``transient``) are raised."""
    if not settings.bot_id:
        return None
    fields = {"message": text, "templateId": template_id(settings.bot_id, key)}
    if reply_to:
        fields["replyId"] = int(reply_to)
    if buttons:
        fields["keyboard"] = {"BOT_ID": settings.bot_id, "BUTTONS": buttons}
    try:
        res = await client.call("imbot.v2.Chat.Message.send",
                                {"botId": settings.bot_id, "dialogId": str(dialog_id), "fields": fields})
    except PortalError as exc:
        if transient(exc):
            raise
        log.warning("bot message to %s not sent: %s", dialog_id, exc)
        return None
    return int(res.get("id")) if isinstance(res, dict) and res.get("id") else None

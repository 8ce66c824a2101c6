"""The one way the bot posts a file: ``bot_upload``, through ``imbot.v2.File.upload``
(chat-bots/chat-bots-v2/imbot.v2/files/file-upload.md): ``botId``, ``dialogId`` (a user id for the 1:1
chat, ``chat<ID>``) and ``fields`` {name (with its extension), content (Base64, no ``data:`` prefix,
at most 100 MB), message (optional text)}; one call stores the file and posts its message
(files/index.md). An image URL in an attachment (messages/attachments/block-collections/images.md,
``LINK``) would have to be reachable by the portal's users, i.e. public: the app never publishes desk
data, so images are uploaded. The page names no dedup key: the caller keeps the key (bot.digest)."""
from __future__ import annotations

import base64
import logging

from ..model.settings import Settings
from ..rest import PortalError, RestClient
from ..rest.errors import is_temporary

log = logging.getLogger("servicedesk.bot")
MAX_BYTES = 100 * 1024 * 1024          # file-upload.md: "Максимальный размер — 100 МБ"


async def bot_upload(client: RestClient, settings: Settings, dialog_id: str, name: str, data: bytes,
                     message: str = "") -> int | None:
    """Upload ``data`` as ``name`` to ``dialog_id`` as the desk's bot, with ``message``; the new message's
    id, or None when there is no bot, the file is over the limit or the portal refused (logged, not
    retried). Transient errors (rest.errors.is_temporary) are raised: the caller tries again later."""
    if not settings.bot_id:
        return None
    if len(data) > MAX_BYTES:
        log.warning("file %s not sent: %d bytes, over the portal's 100 MB", name, len(data))
        return None
    fields = {"name": name, "content": base64.b64encode(data).decode("ascii")}
    if message:
        fields["message"] = message
    try:
        res = await client.call("imbot.v2.File.upload", {"botId": settings.bot_id, "dialogId": str(dialog_id),
                                                         "fields": fields})
    except PortalError as exc:
        if is_temporary(exc):
            raise
        log.warning("file %s to %s not sent: %s", name, dialog_id, exc)
        return None
    mid = res.get("messageId") if isinstance(res, dict) else None
    return int(mid) if mid else None

"""/openline_task_create: a desk task holding the Open Line session's whole transcript.

The transcript comes from ``imopenlines.session.history.get`` {CHAT_ID} (the chat's latest
session, i.e. the one the command was typed in): every message in id order as
``[dd.mm.yyyy HH:MM] author: text`` in the desk's time zone. The task is external: its chat-id
field names the Open Line chat; its message-id field holds the command's message id (the
idempotency key: the same command handled twice gives one task).
"""
from __future__ import annotations

from ..model.settings import Settings
from ..model.values import to_bool, to_int
from ..rest import PortalError, RestClient
from .refs import first_line, local_time
from .tasks import TaskOutcome, create_once, find_by_message
from .texts import say


def transcript(history: dict, tz_name: str = "UTC", lang: str = "ru") -> tuple[list[str], list[dict]]:
    """(lines, messages) of a session history answer, in message id order."""
    users = history.get("users") or {}
    msgs = history.get("message") or {}
    rows = sorted(msgs.values() if isinstance(msgs, dict) else msgs, key=lambda m: to_int(m.get("id")) or 0)
    lines = []
    for m in rows:
        author = _author(m)
        who = (users.get(str(author)) or {}).get("name") if author else say("system", lang)
        stamp = local_time(m.get("date"), tz_name)
        lines.append(f"[{stamp}] {who or author}: {m.get('text') or ''}")
    return lines, rows


def _author(m: dict) -> int:
    return to_int(m.get("senderid", m.get("author_id"))) or 0


def _is_bot(history: dict, uid: int) -> bool:
    return to_bool(((history.get("users") or {}).get(str(uid)) or {}).get("bot"))


def _operator(history: dict, rows: list[dict], support: set[int]) -> int | None:
    """The last support member who wrote in the session (bots and the client are not operators)."""
    return next((_author(m) for m in reversed(rows) if _author(m) in support and not _is_bot(history, _author(m))), None)


def _title(history: dict, rows: list[dict], support: set[int], fallback: str) -> str:
    """The first line of the client's first message (not a command), else ``fallback``."""
    for m in rows:
        uid, text = _author(m), str(m.get("text") or "")
        if uid and uid not in support and not _is_bot(history, uid) and not text.startswith("/"):
            return first_line(text) or fallback
    return fallback


async def history_params(client: RestClient, chat_id: int) -> dict:
    """imopenlines.session.history.get's parameters for the chat's current session: SESSION_ID, as the
    page recommends ("для стабильного результата рекомендуется передавать SESSION_ID"), taken from the
    sixth field of the chat's entity_data_1 (im.dialog.get); CHAT_ID alone when that cannot be read."""
    try:
        chat = await client.call("im.dialog.get", {"DIALOG_ID": f"chat{chat_id}"})
    except PortalError:
        chat = None
    parts = str((chat or {}).get("entity_data_1") or "").split("|")
    session = to_int(parts[5]) if len(parts) > 5 else None
    return {"CHAT_ID": chat_id, "SESSION_ID": session} if session else {"CHAT_ID": chat_id}


async def create_transcript_task(client: RestClient, settings: Settings, *, chat_id: int, command_message_id: int,
                                 asker: int, support: set[int], owner_id: int | None, actor_id: int,
                                 client_name: str = "", lang: str = "ru") -> TaskOutcome:
    """The transcript task for the command message ``command_message_id`` in Open Line chat ``chat_id``."""
    found = (await find_by_message(client, settings, [command_message_id])).get(str(command_message_id))
    if found:                       # handled before (another poller, or before a crash)
        return TaskOutcome(to_int(found["id"]), str(found.get("title") or ""), False)
    history = await client.call("imopenlines.session.history.get", await history_params(client, chat_id))
    lines, rows = transcript(history or {}, settings.time_zone, lang)
    responsible = asker if asker in support else (_operator(history or {}, rows, support) or actor_id)
    title = _title(history or {}, rows, support, say("transcript", lang) + (": " + client_name if client_name else ""))
    fields = {"TITLE": title, "DESCRIPTION": "\n".join(lines), "GROUP_ID": settings.group_id,
              "RESPONSIBLE_ID": responsible, settings.uf_chat: str(chat_id)}
    return await create_once(client, settings, str(command_message_id), fields, owner_id, actor_id)

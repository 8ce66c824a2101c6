"""/status: what the bot answers, computed with the rights of the support member whose app polls.

In an Open Line chat: the desk's tasks made from that chat (the client's own requests). Anywhere
else (the support chat, the bot's 1:1 chat): the asker's own open desk tasks as doing/managing/
watching. Nothing about anyone else's tasks beyond the asker's place in the queue.
"""
from __future__ import annotations

from ..model.settings import Settings
from ..rest import RestClient
from .refs import request_path
from .requests import ROLES, Request, chat_requests, desks_requests, open_requests
from .texts import inert, say, status_name


def is_openline(chat: dict) -> bool:
    """An Open Line chat as events describe it (type "lines" / entity type LINES)."""
    return str(chat.get("type") or "").lower() == "lines" or str(chat.get("entityType") or "").upper() == "LINES"


def _line(r: Request, lang: str, link_user: int | None) -> str:
    label = f"#{r.id}"
    if link_user:
        label = f"[URL={request_path(link_user, r)}]#{r.id}[/URL]"
    parts = [f"{label} {inert(r.title)}", inert(r.stage) if r.entity_type_id else status_name(r.status, lang)]
    if r.desk:
        parts.insert(0, inert(r.desk))
    if r.position and r.status != 5:
        parts.append(say("queue", lang, n=r.position))
    return " — ".join(parts)


def format_mine(requests: list[Request], asker: int, lang: str = "ru") -> str:
    """The answer in the support chat or the 1:1 chat: the asker's tasks grouped by role."""
    if not requests:
        return say("none_mine", lang)
    lines = [say("mine", lang)]
    for role in ROLES:
        rows = [r for r in requests if r.role == role]
        if rows:
            lines.append(f"[b]{say(role, lang)}[/b]")
            lines.extend(_line(r, lang, asker) for r in rows)
    return "\n".join(lines)


def format_chat(requests: list[Request], lang: str = "ru") -> str:
    """The answer in an Open Line: the client's requests (no portal links: clients are outside)."""
    if not requests:
        return say("none_chat", lang)
    return "\n".join([say("chat", lang), *(_line(r, lang, None) for r in requests)])


async def status_answer(client: RestClient, settings: Settings, chat: dict, asker: int, lang: str = "ru",
                        ctx=None) -> str:
    """The text the bot answers to /status from ``asker`` in ``chat`` (an event's chat object); with
    ``ctx`` of several desks, outside an Open Line: the asker's open requests of every desk whose
    group this poller can read, each marked with its desk."""
    if is_openline(chat):
        return format_chat(await chat_requests(client, settings, int(chat.get("id") or 0)), lang)
    if ctx is None or len([d for d in ctx.desks if not d.error]) < 2:
        return format_mine(await open_requests(client, settings, asker, count_queue=True), asker, lang)
    found = await desks_requests(client, ctx, asker, count_queue=True, readable_only=True)
    return format_mine(found, asker, lang)

"""A person's open desk tasks ("my requests"): doing, managing, watching, in creation order, with
their place in the desk's queue. Used by the My requests view and by the bot's /status.

Queue position = 1 + the open tasks of the support group created before this one (ties by id).
It needs every open task of the group, which only group members and admins may list (the group is
closed); for anyone else ``positions`` is None and the screen says where to ask (the bot's
/status, answered by a support member's app, which can count the queue).
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from ..model.settings import Settings
from ..model.values import parse_time, to_int
from ..rest import RestClient
from .tasks import OPEN_STATUSES, SELECT

ROLES = ("doing", "managing", "watching")


@dataclass
class Request:
    id: int
    title: str
    status: int
    created: datetime | None
    role: str                       # doing (responsible or accomplice), managing (creator), watching (auditor)
    position: int | None = None     # place in the desk's queue; None when it cannot be counted
    chat_id: int | None = None
    desk: str = ""                  # the desk's name when /status lists several desks
    stage: str = ""                 # a smart-process item's stage name (issue 27; status is then 0)
    entity_type_id: int = 0         # a smart-process item's type (0 = a task)


def role_of(item: dict, user_id: int) -> str | None:
    """The person's strongest role in a task: doing > managing > watching."""
    ids = lambda key: {to_int(x) for x in (item.get(key) or [])}   # noqa: E731
    if to_int(item.get("responsibleId")) == user_id or user_id in ids("accomplices"):
        return "doing"
    if to_int(item.get("createdBy")) == user_id:
        return "managing"
    if user_id in ids("auditors"):
        return "watching"
    return None


def _sort_key(item: dict):
    created = parse_time(item.get("createdDate"))
    return (created.timestamp() if created else 0.0, to_int(item.get("id")) or 0)


def _positions(items: list) -> dict[int, int]:
    return {to_int(it["id"]): i for i, it in enumerate(sorted(items, key=_sort_key), start=1)}


async def _open_tasks(client: RestClient, group_id: int, select: list) -> list:
    return await client.list_fast("tasks.task.list", {
        "filter": {"GROUP_ID": group_id, "REAL_STATUS": OPEN_STATUSES}, "select": select},
        key="tasks", item_id="id")


async def queue_positions(client: RestClient, group_id: int) -> dict[int, int]:
    """{task id: 1-based place} over every open task of the group the caller may see."""
    return _positions(await _open_tasks(client, group_id, ["ID", "CREATED_DATE"]))


async def open_requests(client: RestClient, settings: Settings, user_id: int, *,
                        count_queue: bool) -> list[Request]:
    """``user_id``'s open tasks of the desk in creation order (positions when ``count_queue``); on a
    smart-process desk its open items first, then the tasks still open from before the switch."""
    if settings.on_crm:
        from .items import open_items
        items = await open_items(client, settings, user_id, count_queue=count_queue)
        return items + await _task_requests(client, settings, user_id, count_queue)
    return await _task_requests(client, settings, user_id, count_queue)


async def _task_requests(client: RestClient, settings: Settings, user_id: int, count_queue: bool) -> list[Request]:
    """One list of the group's open tasks the caller may see (documented filters only: ``MEMBER`` is not
    in tasks/tasks-task-list.md, so a portal may ignore it); the person's role in each is checked on
    what comes back. The same list gives the queue positions."""
    items = await _open_tasks(client, settings.group_id, SELECT + [settings.uf_chat])
    positions = _positions(items) if count_queue else {}
    out = []
    for item in sorted(items, key=_sort_key):
        role = role_of(item, user_id)
        if role is None or to_int(item.get("groupId")) not in (None, settings.group_id) \
                or to_int(item.get("status")) not in OPEN_STATUSES:
            continue
        tid = to_int(item.get("id")) or 0
        out.append(Request(tid, str(item.get("title") or ""), to_int(item.get("status")) or 0,
                           parse_time(item.get("createdDate")), role,
                           positions.get(tid) if count_queue else None, to_int(item.get(settings.uf_chat_key))))
    return out


async def chat_requests(client: RestClient, settings: Settings, chat_id: int) -> list[Request]:
    """The desk's tasks made from chat ``chat_id`` (an Open Line's client requests), oldest first; on a
    smart-process desk its items from that chat first (issue 27)."""
    if settings.on_crm:
        from .items import chat_items
        return await chat_items(client, settings, chat_id) + await _chat_tasks(client, settings, chat_id)
    return await _chat_tasks(client, settings, chat_id)


async def _chat_tasks(client: RestClient, settings: Settings, chat_id: int) -> list[Request]:
    """The chat-id field filter is only a hint (custom ``UF_*`` filters are not documented): each task's
    field is checked on what comes back."""
    items = await client.list_fast("tasks.task.list", {
        "filter": {"GROUP_ID": settings.group_id, settings.uf_chat: str(chat_id)},
        "select": SELECT + [settings.uf_chat]}, key="tasks", item_id="id")
    items = [i for i in items if to_int(i.get(settings.uf_chat_key)) == chat_id]
    open_ids = [to_int(i.get("id")) for i in items if to_int(i.get("status")) in OPEN_STATUSES]
    positions = await queue_positions(client, settings.group_id) if open_ids else {}
    return [Request(to_int(i.get("id")) or 0, str(i.get("title") or ""), to_int(i.get("status")) or 0,
                    parse_time(i.get("createdDate")), "client", positions.get(to_int(i.get("id"))), chat_id)
            for i in sorted(items, key=_sort_key)]


async def desks_requests(client: RestClient, ctx, user_id: int, *, count_queue: bool | None = None,
                         readable_only: bool = False) -> list[Request]:
    """``user_id``'s open requests of every active desk of ``ctx`` (one desk: as ``open_requests``), in
    creation order, each marked with its desk's name when there are several. The queue is counted
    where ``count_queue`` says (None: in the desks the caller supports, or all for an admin);
    ``readable_only`` skips desks whose group the caller cannot read (the bot's poller)."""
    desks = [d for d in getattr(ctx, "desks", None) or () if not (readable_only and d.error)]
    if len(desks) < 2:
        counted = count_queue if count_queue is not None else (ctx.is_support or ctx.is_admin)
        return await open_requests(client, Settings.from_dict(ctx.settings), user_id, count_queue=counted)
    async def of(d) -> list[Request]:
        counted = count_queue if count_queue is not None else (ctx.is_admin or d.supports(ctx.user_id))
        rows = await open_requests(client, Settings.from_dict(ctx.for_desk(d.id).settings), user_id,
                                   count_queue=counted)
        for r in rows:
            r.desk = d.name or f"#{d.id}"
        return rows
    # the desks are asked side by side (one round trip, not one per desk); the first failure is raised
    answers = await asyncio.gather(*(of(d) for d in desks), return_exceptions=True)
    failed = next((a for a in answers if isinstance(a, BaseException)), None)
    if failed is not None:
        raise failed
    found = [r for rows in answers for r in rows]
    return sorted(found, key=lambda r: (r.created.timestamp() if r.created else 0.0, r.id))

"""Desk tasks made by the bot actions: found by their message-id field, created at most once.

Creator: the design wants the group owner as creator. ``tasks.task.add`` lets a non-admin name
another creator only where the portal allows it (admins, oneself, or the head of the named user's
department, as devportal models Bitrix24's subordinate rule); otherwise it answers 400 ERROR_CORE
and creates nothing. Then the task is created again with the person acting as creator and the
owner added as an auditor, and the outcome says so (``creator_fallback``); the refusal is
remembered for the page's life, so it costs one refused request (a 400 in the console) at most.

At most once: there is no lock shared by users, so two people (or two pollers) may create the
same task at the same moment. After creating, the tasks with that message id are listed again:
the lowest id wins and a later duplicate is deleted by whoever created it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from ..model.settings import Settings
from ..model.values import to_int, unique
from ..rest import PortalError, RestClient

log = logging.getLogger("servicedesk.bot")

OPEN_STATUSES = [2, 3, 4, 6]          # everything but 5 (completed)
SELECT = ["ID", "TITLE", "STATUS", "CREATED_DATE", "CREATED_BY", "RESPONSIBLE_ID", "AUDITORS",
          "ACCOMPLICES", "GROUP_ID"]


@dataclass
class TaskOutcome:
    """The task for a key: ``created`` False when it existed already; ``creator_fallback`` True when
    the portal refused the owner as creator and the person acting became the creator."""
    task_id: int
    title: str
    created: bool
    creator_fallback: bool = False


async def find_by_message(client: RestClient, settings: Settings, message_ids: list,
                          since: str | None = None) -> dict[str, dict]:
    """{message id: its task (the lowest id)} for the desk's tasks whose message-id field is one of
    ``message_ids``. The field's filter is only a hint (custom ``UF_*`` filters are not in
    tasks/tasks-task-list.md: a portal may ignore them), so every page is read and each task's field
    is checked; ``since`` (the oldest message's date: its task is made after it) bounds the list
    with the documented ``>=CREATED_DATE``."""
    if not message_ids:
        return {}
    keys = [str(m) for m in message_ids]
    flt = {settings.uf_message: keys if len(keys) > 1 else keys[0]}
    if settings.group_id:
        flt["GROUP_ID"] = settings.group_id
    if since:
        flt[">=CREATED_DATE"] = since
    items = await client.list_fast("tasks.task.list", {
        "filter": flt, "select": SELECT + [settings.uf_message, settings.uf_chat]}, key="tasks", item_id="id")
    out: dict[str, dict] = {}
    for item in items:
        key = str(item.get(settings.uf_message_key) or "")
        if key in keys and key not in out:
            out[key] = item
    return out


_REFUSED: set[tuple[int, int]] = set()     # (actor, owner) pairs the portal refused: not asked again


async def _add(client: RestClient, fields: dict, find) -> int:
    """One tasks.task.add, never repeated blindly: a lost answer first looks for the task (``find``)."""
    async def found():
        item = await find() if find else None
        return {"task": item} if item else None
    res = await client.create_once("tasks.task.add", {"fields": fields}, found)
    return to_int(res["task"]["id"])


async def add_task(client: RestClient, fields: dict, owner_id: int | None, actor_id: int,
                   find=None) -> tuple[int, bool]:
    """tasks.task.add with the owner as creator, falling back to the actor (owner as auditor);
    ``find()`` returns the task if an add whose answer was lost made it."""
    if owner_id and owner_id != actor_id:
        if (actor_id, owner_id) not in _REFUSED:
            try:
                return await _add(client, {**fields, "CREATED_BY": owner_id}, find), False
            except PortalError as exc:
                if exc.code != "ERROR_CORE":
                    raise
                _REFUSED.add((actor_id, owner_id))
                log.info("owner %s refused as creator (%s); the actor creates the task", owner_id, exc.description)
        auditors = unique([*fields.get("AUDITORS", []), owner_id])
        return await _add(client, {**fields, "AUDITORS": auditors}, find), True
    return await _add(client, fields, find), False


async def create_once(client: RestClient, settings: Settings, key: str, fields: dict,
                      owner_id: int | None, actor_id: int, since: str | None = None) -> TaskOutcome:
    """The task whose message-id field is ``key``: the existing one, or a new one from ``fields``
    (``since``: the message's date, see ``find_by_message``)."""
    found = (await find_by_message(client, settings, [key], since)).get(str(key))
    if found:
        return TaskOutcome(to_int(found["id"]), str(found.get("title") or ""), False)
    fields = {**fields, settings.uf_message: str(key)}
    async def mine():
        return (await find_by_message(client, settings, [key], since)).get(str(key))
    task_id, fallback = await add_task(client, fields, owner_id, actor_id, mine)
    winner = await mine()
    winner_id = to_int(winner["id"]) if winner else task_id
    if winner_id != task_id:          # someone else made it a moment earlier: keep theirs
        try:
            await client.call("tasks.task.delete", {"taskId": task_id})
        except PortalError as exc:
            log.warning("duplicate task %s (of %s) not deleted: %s", task_id, winner_id, exc)
        return TaskOutcome(winner_id, str(winner.get("title") or ""), False)
    return TaskOutcome(task_id, str(fields.get("TITLE", "")), True, fallback)

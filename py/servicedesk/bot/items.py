"""A desk's requests as smart-process items (issue 27): found by their message-id field, created at most
once (the tasks' rule: after creating, the items with that message id are listed again, the lowest id wins
and a later duplicate is deleted by whoever made it), and the open ones of a person with their stage
names and queue place. Every call asks with ``useOriginalUfNames: "Y"`` (api-reference/crm/universal/
crm-item-list.md), so the link fields keep their UF_CRM_{id}_… names.

Open = an item in an in-progress stage of the desk's pipeline (semantics "" of crm.status.list); the queue
place = 1 + the open items of the pipeline created before it (ties by id), counted only by those who may
read every item of the pipeline (the desk's people, as CRM roles grant it), else None as for tasks.
"""
from __future__ import annotations

import logging

from ..model.settings import Settings
from ..model.values import parse_time, to_int
from ..rest import PortalError, RestClient
from .requests import Request
from .tasks import TaskOutcome

log = logging.getLogger("servicedesk.bot")
SELECT = ["id", "title", "stageId", "categoryId", "createdTime", "createdBy", "assignedById", "observers"]


def _base(settings: Settings) -> dict:
    return {"entityTypeId": settings.crm_entity_type_id, "useOriginalUfNames": "Y"}


async def find_items_by_message(client: RestClient, settings: Settings, message_ids: list) -> dict[str, dict]:
    """{message id: its item (the lowest id)} among the items whose message-id field is one of ``message_ids``."""
    if not message_ids:
        return {}
    keys = [str(m) for m in message_ids]
    uf = settings.crm_uf_message
    res = await client.call("crm.item.list", {**_base(settings), "filter": {"@" + uf if len(keys) > 1 else uf:
                                                                            keys if len(keys) > 1 else keys[0]},
                                              "select": SELECT + [uf, settings.crm_uf_chat], "order": {"id": "ASC"}})
    out: dict[str, dict] = {}
    for item in (res or {}).get("items") or []:
        key = str(item.get(uf) or "")
        if key in keys and key not in out:
            out[key] = item
    return out


async def create_item_once(client: RestClient, settings: Settings, key: str, fields: dict) -> TaskOutcome:
    """The item whose message-id field is ``key``: the existing one, or a new one from ``fields``
    (title, sourceDescription, assignedById, observers, the chat field) in the desk's pipeline."""
    async def mine():
        return (await find_items_by_message(client, settings, [key])).get(str(key))
    found = await mine()
    if found:
        return TaskOutcome(to_int(found["id"]), str(found.get("title") or ""), False)
    fields = {**fields, "categoryId": settings.crm_category_id, "opened": "N", settings.crm_uf_message: str(key)}

    async def lost():
        item = await mine()
        return {"item": item} if item else None
    res = await client.create_once("crm.item.add", {**_base(settings), "fields": fields}, lost)
    item_id = to_int(res["item"]["id"])
    winner = await mine()
    winner_id = to_int(winner["id"]) if winner else item_id
    if winner_id != item_id:          # someone else made it a moment earlier: keep theirs
        try:
            await client.call("crm.item.delete", {"entityTypeId": settings.crm_entity_type_id, "id": item_id})
        except PortalError as exc:
            log.warning("duplicate item %s (of %s) not deleted: %s", item_id, winner_id, exc)
        return TaskOutcome(winner_id, str(winner.get("title") or ""), False)
    return TaskOutcome(item_id, str(fields.get("title", "")), True)


async def stages(client: RestClient, settings: Settings) -> list[dict]:
    """The desk pipeline's stages (crm.status.list rows), in SORT order."""
    entity = f"DYNAMIC_{settings.crm_entity_type_id}_STAGE_{settings.crm_category_id}"
    rows = await client.call("crm.status.list", {"filter": {"ENTITY_ID": entity}, "order": {"SORT": "ASC"}})
    return list(rows or [])


def role_of_item(item: dict, user_id: int) -> str | None:
    """doing (responsible) > managing (creator) > watching (observer)."""
    if to_int(item.get("assignedById")) == user_id:
        return "doing"
    if to_int(item.get("createdBy")) == user_id:
        return "managing"
    if user_id in {to_int(x) for x in item.get("observers") or []}:
        return "watching"
    return None


def stage_split(rows: list[dict]) -> tuple[dict[str, str], list[str]]:
    """The pipeline's stages (crm.status.list rows): {stage id: its name}, and the in-progress stage ids
    (semantics neither S nor F), sorted."""
    names = {str(r.get("STATUS_ID")): str(r.get("NAME") or "") for r in rows}
    return names, sorted(str(r.get("STATUS_ID")) for r in rows if str(r.get("SEMANTICS") or "") not in ("S", "F"))


async def list_open(client: RestClient, settings: Settings, open_ids: list[str], select: list[str]) -> list[dict]:
    """The desk pipeline's items in the stages ``open_ids`` (crm.item.list, ``@stageId``), read by id."""
    return await client.list_fast("crm.item.list", {
        **_base(settings), "filter": {"categoryId": settings.crm_category_id, "@stageId": open_ids},
        "select": select}, key="items", id_field="id")


def _request(it: dict, settings: Settings, names: dict[str, str], role: str, place, chat_id) -> Request:
    """An item as My requests and /status list it: its stage's name, its queue place (None: none)."""
    req = Request(to_int(it.get("id")) or 0, str(it.get("title") or ""), 0, parse_time(it.get("createdTime")), role,
                  place, chat_id)
    req.stage = names.get(str(it.get("stageId")), str(it.get("stageId") or ""))
    req.entity_type_id = int(settings.crm_entity_type_id or 0)
    return req


def _key(item: dict):
    created = parse_time(item.get("createdTime"))
    return (created.timestamp() if created else 0.0, to_int(item.get("id")) or 0)


async def open_items(client: RestClient, settings: Settings, user_id: int, *, count_queue: bool) -> list[Request]:
    """``user_id``'s open items of the desk's pipeline in creation order, each with its stage's name in
    ``stage`` and its queue place when ``count_queue``."""
    names, open_ids = stage_split(await stages(client, settings))
    if not open_ids:
        return []
    items = await list_open(client, settings, open_ids, SELECT + [settings.crm_uf_chat])
    ordered = sorted(items, key=_key)
    places = {to_int(it["id"]): i for i, it in enumerate(ordered, start=1)} if count_queue else {}
    out = []
    for it in ordered:
        role = role_of_item(it, user_id)
        if role is None:
            continue
        out.append(_request(it, settings, names, role, places.get(to_int(it.get("id")) or 0) if count_queue else None,
                            to_int(it.get(settings.crm_uf_chat))))
    return out


async def chat_items(client: RestClient, settings: Settings, chat_id: int) -> list[Request]:
    """The desk's items made from chat ``chat_id`` (an Open Line client's requests), oldest first, each
    with its stage's name and, while open, its queue place."""
    names, open_ids = stage_split(await stages(client, settings))
    mine = await client.list_fast("crm.item.list", {
        **_base(settings), "filter": {"categoryId": settings.crm_category_id, settings.crm_uf_chat: str(chat_id)},
        "select": SELECT + [settings.crm_uf_chat]}, key="items", id_field="id")
    places = {}
    if any(str(i.get("stageId")) in open_ids for i in mine):
        queue = await list_open(client, settings, open_ids, ["id", "createdTime"])
        places = {to_int(it["id"]): n for n, it in enumerate(sorted(queue, key=_key), start=1)}
    out = []
    for it in sorted(mine, key=_key):
        place = places.get(to_int(it.get("id")) or 0) if str(it.get("stageId")) in open_ids else None
        out.append(_request(it, settings, names, "client", place, chat_id))
    return out

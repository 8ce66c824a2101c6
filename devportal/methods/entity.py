"""The application's data storage (entity.*), as much as the bot's poller lease needs: entity.add,
entity.get, entity.rights, entity.item.get/add/update.

Checked against entity/entities/entity-add.md (any user in the app's context; ACCESS {code: R|W|X},
codes ``U<id>``, ``AU`` = every authorised user; the creator gets X; ERROR_ENTITY_ALREADY_EXISTS),
entity-get.md, entity-rights.md (changing rights needs X; the caller keeps X), entity/items/
entity-item-get.md (a list, 50 a page, FILTER with prefixes, SORT default ID ASC), entity-item-add.md
(W or X; the new ID) and entity-item-update.md (W or X; ERROR_ITEM_NOT_FOUND). Errors are HTTP 400
(``ERROR_*``) and ACCESS_DENIED "Access denied!" (the pages give 400 for every listed code).
Storages belong to the calling app. Item fields kept: ID, NAME, ACTIVE, SORT, CODE, PREVIEW_TEXT,
DETAIL_TEXT, DATE_ACTIVE_FROM/TO, DATE_CREATE, TIMESTAMP_X, CREATED_BY, MODIFIED_BY, ENTITY, SECTION.
"""
from __future__ import annotations

from ..envelope import RestError, page
from ..filters import matches
from ..params import ci_get
from .common import CURRENT_APP, date

LEVELS = {"R": 1, "W": 2, "X": 3}
TEXT_FIELDS = ("NAME", "CODE", "PREVIEW_TEXT", "DETAIL_TEXT", "DATE_ACTIVE_FROM", "DATE_ACTIVE_TO", "SORT", "ACTIVE")


def _store(portal) -> dict:
    return portal.entities


def _code(params) -> str:
    code = str(ci_get(params, "ENTITY") or "").strip()
    if not code:
        raise RestError(400, "ERROR_ARGUMENT", "Argument 'ENTITY' is null or empty")
    if len(code) > 13 or not all(c.isalnum() or c == "_" for c in code):
        raise RestError(400, "ERROR_ARGUMENT", "Entity code is too long. Max length is 13 characters.")
    return code


def _entity(portal, params) -> dict:
    e = _store(portal).get(f"{CURRENT_APP.get()}|{_code(params)}")
    if e is None:
        raise RestError(400, "ERROR_ENTITY_NOT_FOUND", "Entity not found")
    return e


def _level(e: dict, user) -> int:
    codes = {f"U{user.id}", "AU"}
    return max((LEVELS.get(v, 0) for k, v in e["access"].items() if k in codes), default=0)


def _need(e: dict, user, level: str) -> None:
    if _level(e, user) < LEVELS[level]:
        raise RestError(400, "ACCESS_DENIED", "Access denied!")


def _access(raw) -> dict:
    return {str(k): str(v).upper() for k, v in (raw.items() if isinstance(raw, dict) else []) if str(v).upper() in LEVELS}


def entity_add(portal, user, params):
    code = _code(params)
    key = f"{CURRENT_APP.get()}|{code}"
    if key in _store(portal):
        raise RestError(400, "ERROR_ENTITY_ALREADY_EXISTS", "Entity already exists")
    access = _access(ci_get(params, "ACCESS"))
    access[f"U{user.id}"] = "X"
    _store(portal)[key] = {"code": code, "name": str(ci_get(params, "NAME") or code), "access": access, "items": {}}
    return True


def seed_bot_storage(portal, app_id: str, creator: int, support_ids) -> None:
    """The bot's app storage as the app's setup leaves it (py rest.lease.ensure_storage): ``sdbot`` with
    its free ``lease`` and ``worker`` items; support members X (entity-item-update.md), everyone R."""
    access = {"AU": "R", **{f"U{u}": "X" for u in support_ids}, f"U{creator}": "X"}
    portal.entities[f"{app_id}|sdbot"] = {"code": "sdbot", "name": "ServiceDesk bot", "access": access, "items": {
        str(i): {"ID": i, "CODE": code, "NAME": ";0", "DATE_CREATE": portal.now, "TIMESTAMP_X": portal.now,
                 "CREATED_BY": creator, "MODIFIED_BY": creator}
        for i, code in enumerate(("lease", "worker"), start=1)}}


def _entity_out(portal, e: dict) -> dict:
    # entity/entities/entity-get.md: ID (the storage's own id, a string), IBLOCK_TYPE_ID "rest_entity"
    number = 1 + list(_store(portal).values()).index(e)
    return {"ID": str(number), "IBLOCK_TYPE_ID": "rest_entity", "ENTITY": e["code"], "NAME": e["name"]}


def entity_get(portal, user, params):
    if ci_get(params, "ENTITY"):
        return _entity_out(portal, _entity(portal, params))
    return [_entity_out(portal, e) for key, e in _store(portal).items() if key.split("|")[0] == CURRENT_APP.get()]


def entity_rights(portal, user, params):
    e = _entity(portal, params)
    access = ci_get(params, "ACCESS")
    if access is None:          # entity-rights.md: "получить текущие права может любой пользователь"
        return dict(e["access"])
    _need(e, user, "X")
    e["access"] = {**_access(access), f"U{user.id}": "X"}
    return dict(e["access"])


def _item_out(portal, e: dict, it: dict) -> dict:
    return {"ID": str(it["ID"]), "TIMESTAMP_X": date(portal, it["TIMESTAMP_X"]), "MODIFIED_BY": str(it["MODIFIED_BY"]),
            "DATE_CREATE": date(portal, it["DATE_CREATE"]), "CREATED_BY": str(it["CREATED_BY"]),
            "ACTIVE": it.get("ACTIVE", "Y"), "DATE_ACTIVE_FROM": it.get("DATE_ACTIVE_FROM", ""),
            "DATE_ACTIVE_TO": it.get("DATE_ACTIVE_TO", ""), "SORT": str(it.get("SORT", "500")),
            "NAME": it.get("NAME", ""), "PREVIEW_PICTURE": None, "PREVIEW_TEXT": it.get("PREVIEW_TEXT"),
            "DETAIL_PICTURE": None, "DETAIL_TEXT": it.get("DETAIL_TEXT"), "CODE": it.get("CODE"),
            "ENTITY": e["code"], "SECTION": None}


def _field(portal, e: dict, it: dict, name: str):
    """An item's field as a filter compares it: the dates as moments, the rest as the answer gives them."""
    if name in ("DATE_CREATE", "TIMESTAMP_X"):
        return it.get(name)
    return _item_out(portal, e, it).get(name)


def item_get(portal, user, params):
    e = _entity(portal, params)
    _need(e, user, "R")
    flt = ci_get(params, "FILTER") or {}
    items = list(e["items"].values())
    if isinstance(flt, dict) and flt:
        # entity-item-get.md, "Тип item": DATE_CREATE and TIMESTAMP_X are datetimes, so ``>=`` & co. compare
        # moments (a filter value in another offset is the same moment), not the text of the answer
        items = [it for it in items if matches(lambda f, it=it: _field(portal, e, it, f), flt)]
    rows = [_item_out(portal, e, it) for it in items]
    rows.sort(key=lambda r: int(r["ID"]))
    return page(rows, params)


def item_add(portal, user, params):
    e = _entity(portal, params)
    _need(e, user, "W")
    iid = 1 + max((int(i) for i in e["items"]), default=0)   # items keyed by str(ID) (JSON dumps)
    it = {"ID": iid, "DATE_CREATE": portal.now, "TIMESTAMP_X": portal.now, "CREATED_BY": user.id, "MODIFIED_BY": user.id}
    it.update({f: str(ci_get(params, f)) for f in TEXT_FIELDS if ci_get(params, f) is not None})
    e["items"][str(iid)] = it
    return iid


def item_update(portal, user, params):
    e = _entity(portal, params)
    try:
        iid = int(ci_get(params, "ID") or 0)
    except (TypeError, ValueError):
        iid = 0
    if iid <= 0:
        raise RestError(400, "ERROR_ARGUMENT", "Argument 'ID' is null or empty")
    # entity/items/entity-item-update.md: "Кто может выполнять метод: пользователь с уровнем права X
    # (управление) в хранилище данных" (an earlier version of the page said W; the newest wins)
    _need(e, user, "X")
    it = e["items"].get(str(iid))
    if it is None:
        raise RestError(400, "ERROR_ITEM_NOT_FOUND", "Item not found")
    it.update({f: str(ci_get(params, f)) for f in TEXT_FIELDS if ci_get(params, f) is not None})
    it["TIMESTAMP_X"], it["MODIFIED_BY"] = portal.now, user.id
    return True


METHODS = {"entity.add": entity_add, "entity.get": entity_get, "entity.rights": entity_rights,
           "entity.item.get": item_get, "entity.item.add": item_add, "entity.item.update": item_update}

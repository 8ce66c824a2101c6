"""Smart-process items and their stage history: crm.item.add/get/update/list, crm.stagehistory.list.

Rules, each from its page under api-reference/crm/:
- universal/crm-item-list.md: right to read items; ``{items}`` + total/next, always 50 a page, ``start``
  (-1 = the first page with no count, settings/how-to-call-rest-api/list-methods-pecularities.md); filter
  and order keys are the item's fields (camelCase; unknown ones 400 INVALID_ARG_VALUE "Invalid filter:
  field 'X' is not allowed in filter"), directions ASC/DESC only; ``useOriginalUfNames`` "Y" names user
  fields UF_CRM_{id}_… in and out, "N" (default) ``ufCrm{id}_…``.
  The filter nests: a group under a numeric key, its ``logic`` "OR" (else AND) (devportal/filters.matches_tree).
- crm-item-add.md: right to add; unknown fields are ignored; title defaults to "{type title} #{id}", the
  pipeline to the default one, the stage to its first, the responsible to the caller, ``opened`` to "Y";
  result ``{item}`` with the smart-process fields of universal/object-fields.md (#spa) — observers only
  when the type has them on ("Выключенные поля всегда отдают null"). A stage of another pipeline is
  refused (400 INVALID_ARG_VALUE): the docs are silent and a silent move could lose the item's place.
- crm-item-get.md: 400 NOT_FOUND "Элемент не найден", 400 ACCESS_DENIED "У Вас нет прав на просмотр этого
  элемента"; crm-item-update.md: right to change.
- crm-stage-history-list.md: any user, rows of the items he may read; ``{items}`` + total, 50 a page;
  TYPE_ID 1 created, 2 to an intermediate stage, 3 to a final stage, 5 pipeline changed; CATEGORY_ID,
  STAGE_SEMANTIC_ID (P/S/F), STAGE_ID; CREATED_TIME in the portal's zone; an unknown type is 400
  ENTITY_TYPE_NOT_SUPPORTED. Every item add/move writes these rows, so history and items always agree.
Every crm.* method answers 403 allowed_only_intranet_user to non-intranet users.
"""
from __future__ import annotations

import bisect
import re
from datetime import timedelta

from ..envelope import PAGE, RestError, page
from ..filters import leaf_keys, matches_tree
from ..params import as_list, ci_get, flag
from ..rights import can_edit_item, can_read_item, is_crm_admin
from ..state import CrmItem, CrmStageEvent
from .common import date, int_or, parse_date
from .crm_setup import intranet_only, stages_of, type_by_entity

_SPA = ("id", "xmlId", "title", "createdBy", "updatedBy", "movedBy", "createdTime", "updatedTime", "movedTime",
        "categoryId", "opened", "stageId", "previousStageId", "begindate", "closedate", "companyId", "contactId",
        "opportunity", "isManualOpportunity", "taxValue", "currencyId", "mycompanyId", "sourceId",
        "sourceDescription", "webformId", "assignedById", "lastActivityBy", "lastActivityTime", "observers",
        "contactIds", "entityTypeId")
_HISTORY = ("ID", "TYPE_ID", "OWNER_ID", "CREATED_TIME", "CATEGORY_ID", "STAGE_SEMANTIC_ID", "STAGE_ID")


def camel_uf(name: str) -> str:
    """UF_CRM_2_1639669411830 -> ufCrm2_1639669411830 (crm-item-list.md); letters after "_" go upper."""
    m = re.match(r"^UF_CRM_(\d+)_(.*)$", name)
    if not m:
        return name
    rest = re.sub(r"_([a-z])", lambda x: x.group(1).upper(), m.group(2).lower())
    return f"ufCrm{m.group(1)}_{rest}"


def _semantic(portal, item_or_type: int, category_id: int, stage_id: str) -> str:
    s = next((s for s in stages_of(portal, item_or_type, category_id) if s.status_id == stage_id), None)
    return (s.semantics if s else "") or "P"


def item_card(portal, it: CrmItem, original: bool) -> dict:
    """Every field of a smart-process item (crm-item-add.md's example, object-fields.md #spa)."""
    t = type_by_entity(portal, it.entity_type_id)
    observers_on = t.flags.get("isObserversEnabled") == "Y"
    card = {
        "id": it.id, "xmlId": None, "title": it.title, "createdBy": it.created_by,
        "updatedBy": it.moved_by or it.created_by, "movedBy": it.moved_by or it.created_by,
        "createdTime": date(portal, it.created_time), "updatedTime": date(portal, it.updated_time or it.created_time),
        "movedTime": date(portal, it.moved_time or it.created_time), "categoryId": it.category_id,
        "opened": it.opened, "stageId": it.stage_id, "previousStageId": it.previous_stage_id or None,
        "begindate": date(portal, it.created_time), "closedate": date(portal, it.closedate), "companyId": None,
        "contactId": None, "opportunity": 0, "isManualOpportunity": "N", "taxValue": 0, "currencyId": "RUB",
        "mycompanyId": None, "sourceId": None, "webformId": None,
        "sourceDescription": it.source_description if t.flags.get("isSourceEnabled") == "Y" else None,
        "assignedById": it.assigned_by_id, "lastActivityBy": it.moved_by or it.created_by,
        "lastActivityTime": date(portal, it.updated_time or it.created_time),
        "observers": list(it.observers) if observers_on else None, "contactIds": [],
        "entityTypeId": it.entity_type_id,
    }
    for f in portal.crm_fields.values():
        if f.entity_id == f"CRM_{t.id}":
            card[f.field_name if original else camel_uf(f.field_name)] = it.uf.get(f.field_name)
    return card


def _uf_names(portal, type_id: int, original: bool) -> dict[str, str]:
    """Input name -> original name of the type's user fields."""
    names = [f.field_name for f in portal.crm_fields.values() if f.entity_id == f"CRM_{type_id}"]
    return {(n if original else camel_uf(n)): n for n in names}


def _item(portal, user, params, edit: bool = False) -> CrmItem:
    intranet_only(user)
    t = type_by_entity(portal, ci_get(params, "entityTypeId"))
    it = portal.crm_items.get(int_or(ci_get(params, "id")))
    if it is None or it.entity_type_id != t.entity_type_id:
        raise RestError(400, "NOT_FOUND", "Элемент не найден")
    if not (can_edit_item if edit else can_read_item)(portal, user, it):
        raise RestError(400, "ACCESS_DENIED", "У Вас нет прав на просмотр этого элемента")
    return it


def record_move(portal, it: CrmItem, stage_id: str, category_id: int, when, by: int) -> None:
    """Move ``it`` and write the stage-history row the move makes (also used by the demo)."""
    sem = _semantic(portal, it.entity_type_id, category_id, stage_id)
    if category_id != it.category_id:
        type_id = 5
    else:
        type_id = 3 if sem in ("S", "F") else 2
    it.previous_stage_id, it.stage_id, it.category_id = it.stage_id, stage_id, category_id
    it.moved_time = it.updated_time = when
    it.moved_by = by
    _history(portal, it, type_id, when)


def _history(portal, it: CrmItem, type_id: int, when) -> None:
    n = (portal.crm_history[-1].id if portal.crm_history else 0) + 1
    portal.crm_history.append(CrmStageEvent(n, it.entity_type_id, type_id, it.id, when, it.category_id, it.stage_id,
                                            _semantic(portal, it.entity_type_id, it.category_id, it.stage_id)))


def _check_stage(portal, ent: int, category_id: int, stage_id: str) -> None:
    if not any(s.status_id == stage_id for s in stages_of(portal, ent, category_id)):
        raise RestError(400, "INVALID_ARG_VALUE", f"Invalid value for field 'stageId': {stage_id}")


def create_item(portal, ent: int, fields: dict, by: int, when, original: bool = True) -> CrmItem:
    """A new item from ``fields`` (the add page's rules) with its TYPE_ID 1 history row."""
    t = type_by_entity(portal, ent)
    cats = sorted((c for c in portal.crm_categories.values() if c.entity_type_id == ent), key=lambda c: (not c.is_default, c.id))
    cat_id = int_or(ci_get(fields, "categoryId"), cats[0].id if cats else 0)
    if not any(c.id == cat_id for c in cats):
        raise RestError(400, "INVALID_ARG_VALUE", f"Invalid value for field 'categoryId': {cat_id}")
    stages = stages_of(portal, ent, cat_id)
    stage = str(ci_get(fields, "stageId") or (stages[0].status_id if stages else ""))
    _check_stage(portal, ent, cat_id, stage)
    n = max(portal.crm_items, default=0) + 1
    ufs = _uf_names(portal, t.id, original)
    it = CrmItem(n, ent, str(ci_get(fields, "title") or f"{t.title} #{n}"), cat_id, stage, by,
                 int_or(ci_get(fields, "assignedById"), by), when,
                 opened="Y" if flag(ci_get(fields, "opened"), True) else "N",
                 observers=[int_or(x) for x in as_list(ci_get(fields, "observers")) if int_or(x)]
                 if t.flags.get("isObserversEnabled") == "Y" else [],
                 closedate=parse_date(ci_get(fields, "closedate")) or when + timedelta(days=7),
                 uf={ufs[k]: v for k, v in fields.items() if k in ufs})
    if t.flags.get("isSourceEnabled") == "Y" and ci_get(fields, "sourceDescription") is not None:
        it.source_description = str(ci_get(fields, "sourceDescription"))
    it.moved_time = it.updated_time = when
    portal.crm_items[n] = it
    _history(portal, it, 1, when)
    return it


def crm_item_add(portal, user, params):
    intranet_only(user)
    t = type_by_entity(portal, ci_get(params, "entityTypeId"))
    if not (is_crm_admin(portal, user) or user.id in t.readers or t.flags.get("isSetOpenPermissions") == "Y"):
        raise RestError(400, "ACCESS_DENIED", "Доступ запрещен")
    fields = ci_get(params, "fields")
    if not isinstance(fields, dict):
        raise RestError(400, "100", "Could not find value for parameter {fields}")
    original = flag(ci_get(params, "useOriginalUfNames"))
    it = create_item(portal, t.entity_type_id, fields, user.id, portal.now, original)
    return {"item": item_card(portal, it, original)}


def crm_item_get(portal, user, params):
    it = _item(portal, user, params)
    return {"item": item_card(portal, it, flag(ci_get(params, "useOriginalUfNames")))}


def crm_item_update(portal, user, params):
    it = _item(portal, user, params, edit=True)
    fields = ci_get(params, "fields")
    fields = fields if isinstance(fields, dict) else {}
    original = flag(ci_get(params, "useOriginalUfNames"))
    t = type_by_entity(portal, it.entity_type_id)
    cat = int_or(ci_get(fields, "categoryId"), it.category_id)
    stage = ci_get(fields, "stageId")
    if cat != it.category_id and not stage:
        stage = stages_of(portal, it.entity_type_id, cat)[0].status_id if stages_of(portal, it.entity_type_id, cat) else ""
    if stage and (str(stage) != it.stage_id or cat != it.category_id):
        _check_stage(portal, it.entity_type_id, cat, str(stage))
        record_move(portal, it, str(stage), cat, portal.now, user.id)
    if ci_get(fields, "title"):
        it.title = str(ci_get(fields, "title"))
    if ci_get(fields, "assignedById"):
        it.assigned_by_id = int_or(ci_get(fields, "assignedById"), it.assigned_by_id)
    if ci_get(fields, "observers") is not None and t.flags.get("isObserversEnabled") == "Y":
        it.observers = [int_or(x) for x in as_list(ci_get(fields, "observers")) if int_or(x)]
    ufs = _uf_names(portal, t.id, original)
    it.uf.update({ufs[k]: v for k, v in fields.items() if k in ufs})
    it.updated_time = portal.now
    return {"item": item_card(portal, it, original)}


def crm_item_delete(portal, user, params):
    """crm-item-delete.md: right to delete (here: to change); result [] as its example; the item's history
    rows stay (readable to CRM admins only, the owner being gone)."""
    it = _item(portal, user, params, edit=True)
    del portal.crm_items[it.id]
    return []


def _order(params, allowed, upper: bool) -> list[tuple[str, bool]]:
    order = ci_get(params, "order") or {}
    out = []
    for key, direction in (order.items() if isinstance(order, dict) else []):
        d = str(direction).upper()
        k = str(key).upper() if upper else str(key)
        if k not in allowed:
            raise RestError(400, "INVALID_ARG_VALUE", f"Invalid order: field '{key}' is not allowed in order")
        if d not in ("ASC", "DESC"):
            raise RestError(400, "INVALID_ARG_VALUE",
                            f"Invalid order: allowed sort directions are ASC, DESC. But got '{direction}' for field '{key}'")
        out.append((k, d == "DESC"))
    return out


def _sort(rows: list, keyed, order: list[tuple[str, bool]]) -> None:
    for k, desc in reversed(order):
        rows.sort(key=lambda r, k=k: (keyed(r, k) is not None, keyed(r, k) if keyed(r, k) is not None else 0),
                  reverse=desc)


def _check_filter(flt, allowed: set[str]) -> None:
    for key in leaf_keys(flt):
        name = re.sub(r"^(!@|!=%|!%=|!=|!%|>=|<=|=%|%=|[!<>=@%])", "", str(key))
        if name.upper() not in allowed:
            raise RestError(400, "INVALID_ARG_VALUE", f"Invalid filter: field '{name}' is not allowed in filter")


def _above(rows: list, key_id, flt: dict, order) -> list:
    """Only the rows above ``>ID``/``>id`` when ordered by id ascending (a bisect, as tasks do)."""
    above = next((v for k, v in flt.items() if str(k).upper() == ">ID"), None) if isinstance(flt, dict) else None
    if not order or order[0][0].upper() != "ID" or order[0][1] or not str(above or "").isdigit():
        return rows
    return rows[bisect.bisect_right([key_id(r) for r in rows], int(above)):]


def crm_item_list(portal, user, params):
    intranet_only(user)
    t = type_by_entity(portal, ci_get(params, "entityTypeId"))
    original = flag(ci_get(params, "useOriginalUfNames"))
    names = list(_SPA) + list(_uf_names(portal, t.id, original))
    flt = ci_get(params, "filter") or {}
    flt = flt if isinstance(flt, (dict, list)) else {}
    _check_filter(flt, {n.upper() for n in names})
    order = _order(params, set(names), upper=False)
    rows = sorted((i for i in portal.crm_items.values() if i.entity_type_id == t.entity_type_id), key=lambda i: i.id)
    rows = _above(rows, lambda i: i.id, flt, order)
    first_only = str(ci_get(params, "start")) == "-1"
    picked, cards = [], {}
    for it in rows:
        if not can_read_item(portal, user, it):
            continue
        card = item_card(portal, it, original)
        upper = {k.upper(): v for k, v in card.items()}
        if matches_tree(lambda f, u=upper: _dated(u.get(f)), flt):
            picked.append(it)
            cards[it.id] = card
            if first_only and order == [("id", False)] and len(picked) == PAGE:
                break
    _sort(picked, lambda i, k: _dated(cards[i.id].get(k)), order)
    listed = page(picked, params)
    select = [str(s) for s in as_list(ci_get(params, "select"))]
    keep = None if not select or "*" in select else set(select)
    listed.result = {"items": [{k: v for k, v in cards[i.id].items() if keep is None or k in keep}
                               for i in listed.result]}
    return listed


def _dated(v):
    if isinstance(v, str) and re.match(r"^\d{4}-\d\d-\d\dT", v):
        return parse_date(v)
    return v


def _history_row(portal, e: CrmStageEvent) -> dict:
    """A row as crm-stage-history-list.md's example gives it."""
    return {"ID": e.id, "TYPE_ID": e.type_id, "OWNER_ID": e.owner_id, "CREATED_TIME": date(portal, e.created),
            "CATEGORY_ID": e.category_id, "STAGE_SEMANTIC_ID": e.semantic, "STAGE_ID": e.stage_id}


def crm_stagehistory_list(portal, user, params):
    intranet_only(user)
    ent = int_or(ci_get(params, "entityTypeId"))
    if ent not in (1, 2, 5, 31) and not any(t.entity_type_id == ent for t in portal.crm_types.values()):
        raise RestError(400, "ENTITY_TYPE_NOT_SUPPORTED", f"Entity type {ent} is not supported")
    flt = ci_get(params, "filter") or {}
    flt = flt if isinstance(flt, (dict, list)) else {}
    _check_filter(flt, set(_HISTORY))
    order = _order(params, set(_HISTORY), upper=True)
    rows = [e for e in portal.crm_history if e.entity_type_id == ent]
    rows = _above(rows, lambda e: e.id, flt, order)
    first_only = str(ci_get(params, "start")) == "-1" and order == [("ID", False)]
    picked = []
    for e in rows:
        it = portal.crm_items.get(e.owner_id)
        if it is None and not is_crm_admin(portal, user) or it is not None and not can_read_item(portal, user, it):
            continue
        row = _history_row(portal, e)
        if matches_tree(lambda f, r=row: _dated(r.get(f)) if f == "CREATED_TIME" else r.get(f), flt):
            picked.append(row)
            if first_only and len(picked) == PAGE:
                break
    _sort(picked, lambda r, k: _dated(r.get(k)) if k == "CREATED_TIME" else r.get(k), order)
    listed = page(picked, params)
    select = [str(s).upper() for s in as_list(ci_get(params, "select"))]
    keep = None if not select or "*" in select else set(select)
    listed.result = {"items": [{k: v for k, v in r.items() if keep is None or k in keep} for r in listed.result]}
    return listed


METHODS = {"crm.item.add": crm_item_add, "crm.item.get": crm_item_get, "crm.item.update": crm_item_update,
           "crm.item.delete": crm_item_delete,
           "crm.item.list": crm_item_list, "crm.stagehistory.list": crm_stagehistory_list}

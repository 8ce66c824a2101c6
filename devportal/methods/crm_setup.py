"""Smart processes' structure: crm.type.*, crm.category.*, crm.status.*, userfieldconfig.*.

Each rule cites its page under api-reference/crm/ of the Bitrix24 REST docs:
- universal/user-defined-object-types/crm-type-add.md: CRM admins only (400 ACCESS_DENIED "Доступ запрещен"),
  ``fields`` required (400 "100"), ``entityTypeId`` even ≥ 1030 or 128–192 and unique (400 INVALID_ARG_VALUE),
  else the portal picks it; the plan's cap answers 400 CREATE_DYNAMIC_TYPE_RESTRICTED; result ``{type}``.
- crm-type-list.md: CRM admins, ``{types}`` + total, 50 a page; crm-type-get.md / crm-type-get-by-entity-type-id.md:
  ``{type}``, 400 NOT_FOUND "Смарт-процесс не найден".
- universal/category/crm-category-add.md (CRM admins, name required) / crm-category-list.md (any user,
  ``{categories}`` + total) / crm-category-get.md.
- status/crm-status-add.md (CRM admins; error code "" with the texts of its table; STATUS_ID gets the
  pipeline's prefix DT{entityTypeId}_{categoryId}: unless it has it; a duplicate is 400 ERROR_CORE; an
  in-progress stage may not sort after the success one) / crm-status-list.md (any intranet user, no paging)
  / crm-status-entity-types.md (ENTITY_ID DYNAMIC_{entityTypeId}_STAGE_{categoryId}).
- universal/userfieldconfig/userfieldconfig-add.md (settings right = CRM admin here; fieldName must start
  with UF_{entityId}_, A–Z 0–9 _, ≤ 50) / userfieldconfig-list.md (its filterable keys only; entityId is not
  one of them, so it is refused rather than ignored); entityId of a smart process is CRM_{type id}
  (userfieldconfig/index.md).
- A type's answer (crm-type-add.md, crm-type-get.md examples; crm/data-types.md#type): relations given at
  creation (isChildrenListEnabled "true"/"false" → Y/N) after the predefined parents contacts (3) and companies
  (4) when the client field is on; linkedUserFields "true" → "Y" only with isUseInUserfieldEnabled "Y";
  ``code`` in crm.type.get / getByEntityTypeId (their examples have it, crm-type-add.md's has not).
- crm.type.list's filter nests (groups under numeric keys, ``logic`` OR; devportal/filters.matches_tree).
- crm-category-list.md / -get.md: a pipeline other than the default also has originId, originatorId ("").
- userfieldconfig-add.md: an enumeration answers its ``enum`` variants and the settings of its example;
  userfieldconfig-list.md: order by id, fieldName, userTypeId, xmlId, sort (default sort, id ASC), no enum.
A new pipeline gets the system stages NEW (in progress), SUCCESS and FAIL, as crm-status-get.md's
``DT1038_37:SUCCESS`` (SYSTEM "Y") shows a portal has them.
"""
from __future__ import annotations

import hashlib
import re

from ..envelope import Listed, RestError, page
from ..filters import matches, matches_tree
from ..params import ci_get, flag
from ..rights import is_crm_admin, is_intranet
from ..state import CrmCategory, CrmStatus, CrmType, CrmUserField
from .common import date, int_or

FLAGS = ("isCategoriesEnabled", "isStagesEnabled", "isBeginCloseDatesEnabled", "isClientEnabled",
         "isUseInUserfieldEnabled", "isLinkWithProductsEnabled", "isMycompanyEnabled", "isDocumentsEnabled",
         "isSourceEnabled", "isObserversEnabled", "isRecyclebinEnabled", "isAutomationEnabled",
         "isBizProcEnabled", "isSetOpenPermissions", "isPaymentsEnabled", "isCountersEnabled")
_DEFAULT_Y = {"isSetOpenPermissions"}
SYSTEM_STAGES = (("NEW", "Начало", "", 10, "#39A8EF"), ("SUCCESS", "Успех", "S", 900, "#7BD500"),
                 ("FAIL", "Провал", "F", 1000, "#FF5752"))
_SEMANTIC_WORD = {"": "process", "S": "success", "F": "failure"}


def intranet_only(user) -> None:
    """403 allowed_only_intranet_user (every crm.* page's error table)."""
    if not is_intranet(user):
        raise RestError(403, "allowed_only_intranet_user", "Действие разрешено только интранет-пользователям")


def _crm_admin(portal, user, code: str = "ACCESS_DENIED", text: str = "Доступ запрещен") -> None:
    intranet_only(user)
    if not is_crm_admin(portal, user):
        raise RestError(400, code, text)


def type_by_entity(portal, entity_type_id) -> CrmType:
    t = next((t for t in portal.crm_types.values() if t.entity_type_id == int_or(entity_type_id)), None)
    if t is None:
        raise RestError(400, "NOT_FOUND", "Смарт-процесс не найден")
    return t


def stage_entity(entity_type_id: int, category_id: int) -> str:
    return f"DYNAMIC_{entity_type_id}_STAGE_{category_id}"


def stage_prefix(entity_type_id: int, category_id: int) -> str:
    return f"DT{entity_type_id}_{category_id}:"


def stages_of(portal, entity_type_id: int, category_id: int) -> list[CrmStatus]:
    """A pipeline's stages in SORT order."""
    ent = stage_entity(entity_type_id, category_id)
    return sorted((s for s in portal.crm_statuses.values() if s.entity_id == ent), key=lambda s: (s.sort, s.id))


def _new_id(portal, kind: str, coll: dict) -> int:
    n = max(portal.next_id.get(kind, 1), max(coll, default=0) + 1)
    portal.next_id[kind] = n + 1
    return n


def type_short(portal, t: CrmType) -> dict:
    """A type as crm-type-list.md's example lists it."""
    out = {"id": t.id, "title": t.title, "code": t.code, "createdBy": t.created_by,
           "entityTypeId": t.entity_type_id, "customSectionId": None}
    out.update({k: t.flags.get(k, "N") for k in FLAGS})
    out.update({"createdTime": date(portal, t.created), "updatedTime": date(portal, t.created),
                "updatedBy": t.created_by})
    return out


LINKED = ("CALENDAR_EVENT|UF_CRM_CAL_EVENT", "TASKS_TASK|UF_CRM_TASK", "TASKS_TASK_TEMPLATE|UF_CRM_TASK")


def type_full(portal, t: CrmType, with_code: bool = False) -> dict:
    """A type as crm-type-add.md's example answers it (``with_code``: crm-type-get.md's, which has ``code``)."""
    out = {"id": t.id, "createdBy": t.created_by, "entityTypeId": t.entity_type_id}
    if with_code:
        out["code"] = t.code
    out.update({k: t.flags.get(k, "N") for k in FLAGS})
    out.update({"createdTime": date(portal, t.created), "updatedTime": date(portal, t.created),
                "updatedBy": t.created_by, "title": t.title, "relations": _relations(t),
                "linkedUserFields": {k: t.linked.get(k, "N") for k in LINKED},
                "customSections": [], "customSectionId": None})
    return out


def _relations(t: CrmType) -> dict:
    """crm-type-add.md / crm-type-get.md's examples: with the client field on, contacts (3) and companies (4)
    are predefined parents ("isPredefined": "Y"); then the relations given at creation."""
    pre = [{"entityTypeId": e, "isChildrenListEnabled": "Y", "isPredefined": "Y"}
           for e in (3, 4) if t.flags.get("isClientEnabled") == "Y"]
    return {"parent": pre + t.relations.get("parent", []), "child": list(t.relations.get("child", []))}


def _given_relations(value) -> dict:
    """crm-type-add.md#relation: entityTypeId + isChildrenListEnabled ("true"/"false", default "false")."""
    value = value if isinstance(value, dict) else {}
    out = {}
    for side in ("parent", "child"):
        out[side] = [{"entityTypeId": int_or(r.get("entityTypeId")),
                      "isChildrenListEnabled": "Y" if str(r.get("isChildrenListEnabled")).lower() in ("true", "1")
                      else "N", "isPredefined": "N"}
                     for r in (value.get(side) or []) if isinstance(r, dict) and int_or(r.get("entityTypeId"))]
    return out


def _given_linked(fields: dict, flags: dict) -> dict:
    """crm-type-add.md#linkedUserFields: "true"/"false", kept only with isUseInUserfieldEnabled "Y"."""
    given = ci_get(fields, "linkedUserFields")
    given = given if isinstance(given, dict) and flags.get("isUseInUserfieldEnabled") == "Y" else {}
    return {k: "Y" if str(given.get(k)).lower() in ("true", "1") else "N" for k in LINKED}


def _allowed_entity_type_id(n: int) -> bool:
    return 128 <= n <= 192 or (n >= 1030 and n % 2 == 0)


def crm_type_add(portal, user, params):
    fields = ci_get(params, "fields")
    intranet_only(user)
    if not isinstance(fields, dict):
        raise RestError(400, "100", "Could not find value for parameter {fields}")
    _crm_admin(portal, user)
    title = str(ci_get(fields, "title") or "").strip()
    if not title:
        raise RestError(400, "0", "Не заполнено обязательное поле «Название»")
    if portal.crm_type_limit is not None and len(portal.crm_types) >= portal.crm_type_limit:
        raise RestError(400, "CREATE_DYNAMIC_TYPE_RESTRICTED", "Превышено максимальное количество смарт-процессов")
    used = {t.entity_type_id for t in portal.crm_types.values()}
    wanted = ci_get(fields, "entityTypeId")
    if wanted not in (None, ""):
        ent = int_or(wanted, -1)
        if not _allowed_entity_type_id(ent) or ent in used:
            raise RestError(400, "INVALID_ARG_VALUE", "entityTypeId is out of allowed range")
    else:
        ent = max([1030, *[u + 2 for u in used if u >= 1030]])
    flags = {k: ("Y" if flag(ci_get(fields, k), k in _DEFAULT_Y) else "N") for k in FLAGS}
    t = CrmType(_new_id(portal, "crm_type", portal.crm_types), ent, title, user.id, portal.now, flags=flags,
                relations=_given_relations(ci_get(fields, "relations")), linked=_given_linked(fields, flags))
    portal.crm_types[t.id] = t
    add_category(portal, ent, "Общая", 500, True)
    return {"type": type_full(portal, t)}


def add_category(portal, entity_type_id: int, name: str, sort: int, is_default: bool) -> CrmCategory:
    """A pipeline with its system stages (also used by the demo)."""
    if is_default:
        for c in portal.crm_categories.values():
            if c.entity_type_id == entity_type_id:
                c.is_default = False
    c = CrmCategory(_new_id(portal, "crm_category", portal.crm_categories), entity_type_id, name, sort, is_default)
    portal.crm_categories[c.id] = c
    for code, sname, sem, ssort, color in SYSTEM_STAGES:
        add_stage(portal, entity_type_id, c.id, code, sname, sem, ssort, color, system=True)
    return c


def add_stage(portal, entity_type_id: int, category_id: int, code: str, name: str, semantics: str = "",
              sort: int = 10, color: str = "#39A8EF", system: bool = False) -> CrmStatus:
    prefix = stage_prefix(entity_type_id, category_id)
    s = CrmStatus(_new_id(portal, "crm_status", portal.crm_statuses), stage_entity(entity_type_id, category_id),
                  code if code.startswith(prefix) else prefix + code, name, sort, semantics, color, system, category_id)
    portal.crm_statuses[s.id] = s
    return s


def crm_type_list(portal, user, params):
    _crm_admin(portal, user)
    flt = ci_get(params, "filter") or {}
    rows = [t for t in sorted(portal.crm_types.values(), key=lambda t: t.id)
            if matches_tree(lambda f, t=t: _type_value(portal, t, f), flt)]
    order = ci_get(params, "order") or {}
    for key, direction in reversed(list(order.items()) if isinstance(order, dict) else []):
        rows.sort(key=lambda t, k=key: _type_value(portal, t, str(k).upper()) or 0,
                  reverse=str(direction).upper() == "DESC")
    listed = page(rows, params)
    listed.result = {"types": [type_short(portal, t) for t in listed.result]}
    return listed


def _type_value(portal, t: CrmType, name: str):
    row = {k.upper(): v for k, v in type_short(portal, t).items()}
    if name not in row:
        raise RestError(400, "INVALID_ARG_VALUE", f"Invalid filter: field '{name}' is not allowed in filter")
    return row[name]


def crm_type_get(portal, user, params):
    intranet_only(user)
    t = portal.crm_types.get(int_or(ci_get(params, "id")))
    if t is None:
        raise RestError(400, "NOT_FOUND", "Смарт-процесс не найден")
    return {"type": type_full(portal, t, with_code=True)}


def crm_type_get_by_entity(portal, user, params):
    intranet_only(user)
    return {"type": type_full(portal, type_by_entity(portal, ci_get(params, "entityTypeId")), with_code=True)}


def _category(c: CrmCategory, origin: bool = False) -> dict:
    """crm-category-add.md's example; ``origin``: as crm-category-list.md / -get.md's examples, where a pipeline
    other than the default one also has originId and originatorId (crm-category-fields.md; "" unless set)."""
    out = {"id": c.id, "name": c.name, "sort": c.sort, "entityTypeId": c.entity_type_id,
           "isDefault": "Y" if c.is_default else "N"}
    if origin and not c.is_default:
        out.update({"originId": "", "originatorId": ""})
    return out


def crm_category_add(portal, user, params):
    t = type_by_entity(portal, ci_get(params, "entityTypeId"))
    _crm_admin(portal, user)
    fields = ci_get(params, "fields") or {}
    name = str(ci_get(fields, "name") or "").strip() if isinstance(fields, dict) else ""
    if not name:
        raise RestError(400, "0", "Field 'NAME' is required")
    sort = int_or(ci_get(fields, "sort"), 500)
    c = add_category(portal, t.entity_type_id, name, sort if sort >= 0 else 500, flag(ci_get(fields, "isDefault")))
    return {"category": _category(c)}


def crm_category_list(portal, user, params):
    intranet_only(user)
    t = type_by_entity(portal, ci_get(params, "entityTypeId"))
    rows = sorted((c for c in portal.crm_categories.values() if c.entity_type_id == t.entity_type_id),
                  key=lambda c: (c.sort, c.id))
    listed = page(rows, params)
    listed.result = {"categories": [_category(c, origin=True) for c in listed.result]}
    return listed


def crm_category_get(portal, user, params):
    intranet_only(user)
    t = type_by_entity(portal, ci_get(params, "entityTypeId"))
    c = portal.crm_categories.get(int_or(ci_get(params, "id")))
    if c is None or c.entity_type_id != t.entity_type_id:
        raise RestError(400, "NOT_FOUND", "Элемент не найден")
    return {"category": _category(c, origin=True)}


def _status_row(s: CrmStatus) -> dict:
    """A row as crm-status-list.md's example lists it."""
    return {"ID": str(s.id), "ENTITY_ID": s.entity_id, "STATUS_ID": s.status_id, "NAME": s.name,
            "NAME_INIT": s.name if s.system else "", "SORT": str(s.sort), "SYSTEM": "Y" if s.system else "N",
            "CATEGORY_ID": None if s.category_id is None else str(s.category_id), "COLOR": s.color,
            "SEMANTICS": s.semantics or None,
            "EXTRA": {"SEMANTICS": _extra_semantics(s), "COLOR": s.color}}


def _extra_semantics(s: CrmStatus) -> str:
    """crm-status-list.md's example: the system failure stage (LOSE) is "failure", another failure stage
    (APOLOGY, SEMANTICS "F", SYSTEM "N") "apology"."""
    if s.semantics == "F" and not s.system:
        return "apology"
    return _SEMANTIC_WORD.get(s.semantics, "process")


_STAGE_ENTITY = re.compile(r"^DYNAMIC_(\d+)_STAGE_(\d+)$")


def crm_status_add(portal, user, params):
    fields = ci_get(params, "fields")
    if not isinstance(fields, dict):
        raise RestError(400, "", "Parameter 'fields' must be array.")
    ent, code = str(ci_get(fields, "ENTITY_ID") or ""), str(ci_get(fields, "STATUS_ID") or "")
    missing = [f"The field {k} is required." for k, v in (("ENTITY_ID", ent), ("STATUS_ID", code)) if not v]
    if missing:
        raise RestError(400, "", " ".join(missing))
    _crm_admin(portal, user, "", "Access denied.")
    m = _STAGE_ENTITY.match(ent)
    cat = portal.crm_categories.get(int(m.group(2))) if m else None
    if cat is None or cat.entity_type_id != int(m.group(1)):
        raise RestError(400, "", "Specified entity type is not supported.")
    name = str(ci_get(fields, "NAME") or "").strip()
    if not name:
        raise RestError(400, "", 'Не заполнено обязательное поле "Заголовок"')
    full = code if code.startswith(stage_prefix(cat.entity_type_id, cat.id)) else stage_prefix(cat.entity_type_id, cat.id) + code
    stages = stages_of(portal, cat.entity_type_id, cat.id)
    if any(s.status_id == full for s in stages):
        raise RestError(400, "ERROR_CORE", "Указанный идентификатор статуса, уже существует.")
    sem = str(ci_get(fields, "SEMANTICS") or "").upper()
    sem = sem if sem in ("S", "F") else ""
    sort = int_or(ci_get(fields, "SORT"), 10)
    success = next((s for s in stages if s.semantics == "S"), None)
    if sem == "" and success and sort > success.sort:
        raise RestError(400, "", "Нельзя создать промежуточную стадию после успешной")
    s = add_stage(portal, cat.entity_type_id, cat.id, full, name, sem, sort,
                  str(ci_get(fields, "COLOR") or "#39A8EF"))
    return s.id


def crm_status_list(portal, user, params):
    intranet_only(user)
    flt = ci_get(params, "filter") or {}
    rows = [s for s in portal.crm_statuses.values()
            if matches(lambda f, s=s: _status_row(s).get(f), flt if isinstance(flt, dict) else {})]
    order = ci_get(params, "order") or {"SORT": "ASC"}
    rows.sort(key=lambda s: s.id)
    for key, direction in reversed(list(order.items()) if isinstance(order, dict) else []):
        k = str(key).upper()
        rows.sort(key=lambda s, k=k: (int_or(_status_row(s).get(k), 0) if k in ("ID", "SORT")
                                      else str(_status_row(s).get(k) or "")),
                  reverse=str(direction).upper() == "DESC")
    return Listed([_status_row(s) for s in rows], total=len(rows))


_UF_NAME = re.compile(r"^UF_[A-Z0-9_]+$")
# userfieldconfig-list.md: order by id, fieldName, userTypeId, xmlId, sort (ASC/DESC; default sort, id ASC).
_UF_ORDER = {"id": "id", "fieldName": "field_name", "userTypeId": "user_type_id", "xmlId": "xml_id", "sort": "sort"}
_UF_FILTER = {"ID", "FIELDNAME", "USERTYPEID", "XMLID", "SORT", "MULTIPLE", "MANDATORY", "SHOWFILTER",
              "SHOWINLIST", "EDITINLIST", "ISSEARCHABLE"}


def _labels(value) -> dict:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {"ru": str(value), "en": str(value)} if value not in (None, "") else {}


def field_card(f: CrmUserField, langs: list[str] | None = None, listed: bool = False) -> dict:
    """A field as userfieldconfig-add.md's example answers it (``listed``: as -list.md's example)."""
    langs = langs or sorted(f.labels) or ["en", "ru"]
    empty = None if listed else {lang: None for lang in langs}
    return {"id": str(f.id), "entityId": f.entity_id, "fieldName": f.field_name, "userTypeId": f.user_type_id,
            "xmlId": f.xml_id, "sort": str(f.sort), "multiple": f.multiple, "mandatory": f.mandatory,
            "showFilter": "N", "showInList": "Y", "editInList": "Y", "isSearchable": "N", "settings": dict(f.settings),
            "languageId": {lang: lang for lang in langs},
            "editFormLabel": {lang: f.labels.get(lang) for lang in langs},
            "listColumnLabel": empty, "listFilterLabel": empty, "errorMessage": empty, "helpMessage": empty,
            **({} if listed or f.user_type_id != "enumeration" else {"enum": [dict(e) for e in f.enum]})}


# userfieldconfig-add.md: an enumeration's settings as its example answers them when none are given
# (DISPLAY LIST|UI|CHECKBOX|DIALOG, LIST_HEIGHT > 0, CAPTION_NO_VALUE, SHOW_NO_VALUE).
ENUM_SETTINGS = {"DISPLAY": "LIST", "LIST_HEIGHT": 1, "CAPTION_NO_VALUE": "", "SHOW_NO_VALUE": "Y"}


def _settings(utype: str, given) -> dict:
    given = {str(k): v for k, v in given.items()} if isinstance(given, dict) else {}
    return {**ENUM_SETTINGS, **given} if utype == "enumeration" else given


def _enum(field_id: int, given) -> list[dict]:
    """userfieldconfig-add.md#uf_enum_element: value required, def Y/N, sort, xmlId (the portal makes a
    32-hex one when none is given, as the example shows); ids as strings."""
    out = []
    for n, e in enumerate(given if isinstance(given, list) else []):
        if not isinstance(e, dict) or str(e.get("value") or "") == "":
            continue
        xml = e.get("xmlId") or hashlib.md5(f"{field_id}:{n}:{e['value']}".encode()).hexdigest()
        out.append({"id": str(field_id * 100 + n + 1), "userFieldId": str(field_id), "value": str(e["value"]),
                    "def": "Y" if flag(e.get("def")) else "N", "sort": str(int_or(e.get("sort"), 100 * (n + 1))),
                    "xmlId": str(xml)})
    return out


def userfieldconfig_add(portal, user, params):
    intranet_only(user)
    if str(ci_get(params, "moduleId") or "") != "crm":
        raise RestError(400, "", "Access denied")
    fld = ci_get(params, "field")
    fld = fld if isinstance(fld, dict) else {}
    if not is_crm_admin(portal, user):
        raise RestError(400, "", "Access denied")
    ent = str(ci_get(fld, "entityId") or "")
    m = re.match(r"^CRM_(\d+)$", ent)
    if not m or int(m.group(1)) not in portal.crm_types:
        raise RestError(400, "", "Access denied")
    name, utype = str(ci_get(fld, "fieldName") or ""), str(ci_get(fld, "userTypeId") or "")
    if not utype:
        raise RestError(400, "", "The 'USER_TYPE_ID' field is not found")
    if not name:
        raise RestError(400, "", "The 'FIELD_NAME' field is not found")
    if not name.startswith(f"UF_{ent}_") or not _UF_NAME.match(name) or len(name) > 50:
        raise RestError(400, "", "Вы не можете создавать пользовательские поля")
    if any(f.entity_id == ent and f.field_name == name for f in portal.crm_fields.values()):
        raise RestError(400, "", f"Поле {name} уже существует")
    f = CrmUserField(_new_id(portal, "crm_field", portal.crm_fields), ent, name, utype,
                     _labels(ci_get(fld, "editFormLabel")), ci_get(fld, "xmlId"), int_or(ci_get(fld, "sort"), 100),
                     "Y" if flag(ci_get(fld, "multiple")) else "N", "Y" if flag(ci_get(fld, "mandatory")) else "N",
                     _settings(utype, ci_get(fld, "settings")))
    if utype == "enumeration":
        f.enum = _enum(f.id, ci_get(fld, "enum"))
    portal.crm_fields[f.id] = f
    return {"field": field_card(f)}


def userfieldconfig_list(portal, user, params):
    intranet_only(user)
    if str(ci_get(params, "moduleId") or "") != "crm":
        raise RestError(400, "", "Access denied")
    flt = ci_get(params, "filter") or {}
    flt = flt if isinstance(flt, dict) else {}
    for key in flt:
        name = re.sub(r"^[!<>=@%]+", "", str(key)).upper()
        if name not in _UF_FILTER:
            raise RestError(400, "", f"Invalid filter field: {key}")

    def value(f, name):
        return {k.upper(): v for k, v in field_card(f, listed=True).items()}.get(name)

    rows = [f for f in sorted(portal.crm_fields.values(), key=lambda f: (f.sort, f.id))
            if matches(lambda n, f=f: value(f, n), flt)]
    order = ci_get(params, "order")
    for key, direction in reversed(list(order.items()) if isinstance(order, dict) else []):
        attr = _UF_ORDER.get(str(key))
        if attr is None or str(direction).upper() not in ("ASC", "DESC"):
            raise RestError(400, "", f"Invalid order: {key}")
        rows.sort(key=lambda f, a=attr: (getattr(f, a) is not None, getattr(f, a) or 0),
                  reverse=str(direction).upper() == "DESC")
    select = ci_get(params, "select")
    lang = str(ci_get(select, "language") or "") if isinstance(select, dict) else ""
    listed = page(rows, params)
    listed.result = {"fields": [field_card(f, [lang] if lang else None, listed=True) for f in listed.result]}
    return listed


METHODS = {"crm.type.add": crm_type_add, "crm.type.list": crm_type_list, "crm.type.get": crm_type_get,
           "crm.type.getByEntityTypeId": crm_type_get_by_entity, "crm.category.add": crm_category_add,
           "crm.category.list": crm_category_list, "crm.category.get": crm_category_get,
           "crm.status.add": crm_status_add, "crm.status.list": crm_status_list,
           "userfieldconfig.add": userfieldconfig_add, "userfieldconfig.list": userfieldconfig_list}

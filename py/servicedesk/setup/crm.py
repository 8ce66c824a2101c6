"""A desk's second line in a smart process (issue 27), set up idempotently by a CRM admin:

1. the smart process: the one whose id the desk stored (crm.type.get), else the one titled like the desk's
   (crm.type.list: ``code`` cannot be set by crm.type.add, so the title is the key), else crm.type.add with
   pipelines, stages, observers and automation on (the portal chooses ``entityTypeId``);
2. the desk's pipeline: the stored category, else the one named like the desk, else crm.category.add;
3. the stages with their semantics (crm.status.add into DYNAMIC_{entityTypeId}_STAGE_{categoryId}, in
   progress → success → failure; the pipeline's own NEW, SUCCESS and FAIL are kept);
4. the two link fields (userfieldconfig.add, entityId CRM_{type id}, UF_CRM_{type id}_SD_MESSAGE / _SD_CHAT),
   each looked up by its name first (userfieldconfig.list's filterable ``fieldName``).

A refusal for lack of CRM admin rights raises SetupError("setup_err_crm_admin"); a plan that caps smart
processes (CREATE_DYNAMIC_TYPE_RESTRICTED) raises SetupError("setup_err_crm_restricted"): the desk stays on
tasks. Re-runs create nothing twice. Docs: api-reference/crm/universal/user-defined-object-types/,
universal/category/, status/, universal/userfieldconfig/ (devportal/methods/crm_setup.py cites each rule).
"""
from __future__ import annotations

from ..rest import PortalError
from ..rest.errors import is_lost_answer
from .errors import SetupError

STEP = "crm"
TYPE_FLAGS = {"isCategoriesEnabled": "Y", "isStagesEnabled": "Y", "isObserversEnabled": "Y",
              "isAutomationEnabled": "Y", "isBizProcEnabled": "Y", "isBeginCloseDatesEnabled": "Y",
              "isSetOpenPermissions": "N", "isSourceEnabled": "Y"}   # sourceDescription: the message's text
STAGES = {"ru": (("WORK", "В работе", "", 20, "#2FC6F6"), ("WAIT", "Ждём ответа", "", 30, "#FFA900")),
          "en": (("WORK", "In progress", "", 20, "#2FC6F6"), ("WAIT", "Waiting for the client", "", 30, "#FFA900"))}
FIELDS = (("SD_MESSAGE", {"ru": "ID сообщения", "en": "Message ID"}), ("SD_CHAT", {"ru": "ID чата", "en": "Chat ID"}))


def _refusal(exc: PortalError) -> SetupError | None:
    if exc.code == "CREATE_DYNAMIC_TYPE_RESTRICTED":
        return SetupError("setup_err_crm_restricted", STEP, exc.description)
    text = (exc.description or "").lower()
    if exc.code == "ACCESS_DENIED" or "access denied" in text or exc.code == "allowed_only_intranet_user":
        return SetupError("setup_err_crm_admin", STEP, exc.description)
    return None


async def _call(client, method: str, params: dict):
    try:
        return await client.call(method, params)
    except PortalError as exc:
        raise (_refusal(exc) or exc) from exc


async def _type_titled(client, title: str) -> dict | None:
    res = await _call(client, "crm.type.list", {"filter": {"title": title}, "order": {"id": "ASC"}})
    return next((t for t in (res or {}).get("types", []) if t.get("title") == title), None)


async def ensure_type(client, title: str, stored_id: int | None) -> dict:
    """The smart process (see module doc): {"id", "entityTypeId", "title", ...}."""
    if stored_id:
        try:
            return (await _call(client, "crm.type.get", {"id": stored_id}))["type"]
        except PortalError as exc:
            if exc.code != "NOT_FOUND":
                raise
    found = await _type_titled(client, title)
    if found:
        return found
    try:
        made = await client.create_once("crm.type.add", {"fields": {"title": title, **TYPE_FLAGS}},
                                        lambda: _type_titled(client, title))
    except PortalError as exc:
        if is_lost_answer(exc):
            raise
        raise (_refusal(exc) or exc) from exc
    return made["type"] if isinstance(made, dict) and "type" in made else made


async def ensure_category(client, entity_type_id: int, name: str, stored_id: int | None) -> int:
    cats = (await _call(client, "crm.category.list", {"entityTypeId": entity_type_id}) or {}).get("categories", [])
    mine = next((c for c in cats if stored_id is not None and int(c["id"]) == int(stored_id)), None) \
        or next((c for c in cats if c.get("name") == name), None)
    if mine:
        return int(mine["id"])
    made = await _call(client, "crm.category.add", {"entityTypeId": entity_type_id, "fields": {"name": name, "sort": 100}})
    return int(made["category"]["id"])


async def ensure_stages(client, entity_type_id: int, category_id: int, lang: str) -> list[str]:
    entity = f"DYNAMIC_{entity_type_id}_STAGE_{category_id}"
    prefix = f"DT{entity_type_id}_{category_id}:"
    rows = await _call(client, "crm.status.list", {"filter": {"ENTITY_ID": entity}})
    have = {str(r.get("STATUS_ID")) for r in rows or []}
    made = []
    for code, name, sem, sort, color in STAGES.get(lang, STAGES["ru"]):
        if prefix + code in have:
            continue
        try:
            await _call(client, "crm.status.add", {"fields": {"ENTITY_ID": entity, "STATUS_ID": prefix + code,
                                                              "NAME": name, "SORT": sort, "SEMANTICS": sem,
                                                              "COLOR": color}})
        except PortalError as exc:       # made by a run whose answer was lost: ERROR_CORE "already exists"
            if exc.code != "ERROR_CORE":
                raise
        made.append(prefix + code)
    return made


async def ensure_fields(client, type_id: int, lang: str) -> dict[str, str]:
    out = {}
    for postfix, labels in FIELDS:
        name = f"UF_CRM_{type_id}_{postfix}"
        res = await _call(client, "userfieldconfig.list", {"moduleId": "crm", "filter": {"fieldName": name}})
        if not any(f.get("fieldName") == name for f in (res or {}).get("fields", [])):
            try:
                await _call(client, "userfieldconfig.add", {"moduleId": "crm", "field": {
                    "entityId": f"CRM_{type_id}", "fieldName": name, "userTypeId": "string", "xmlId": name,
                    "editFormLabel": labels}})
            except PortalError as exc:
                if "уже существует" not in (exc.description or "") and "exists" not in (exc.description or ""):
                    raise
        out[postfix] = name
    return out


async def ensure_smart_process(client, title: str, pipeline: str, stored: dict | None, lang: str = "ru") -> dict:
    """Everything above; returns the desk record's ``crm`` link {type_id, entity_type_id, category_id,
    uf_message, uf_chat} (``stored``: the link saved by an earlier run, if any)."""
    stored = stored or {}
    t = await ensure_type(client, title, stored.get("type_id"))
    ent, tid = int(t["entityTypeId"]), int(t["id"])
    cat = await ensure_category(client, ent, pipeline, stored.get("category_id") if stored.get("type_id") == tid else None)
    await ensure_stages(client, ent, cat, lang)
    fields = await ensure_fields(client, tid, lang)
    return {"type_id": tid, "entity_type_id": ent, "category_id": cat,
            "uf_message": fields["SD_MESSAGE"], "uf_chat": fields["SD_CHAT"]}


async def set_second_line(client, desk_id: int, target: str, lang: str = "ru", name: str = "") -> dict:
    """Move desk ``desk_id``'s second line to ``target`` ("crm" | "tasks") and return its record. To "crm":
    the smart process is set up first (``ensure_smart_process``, named after the desk; a refusal raises
    SetupError and nothing is written: the desk stays on tasks), then the record gets the link and a
    switch at the portal's time. Back to "tasks": only the switch (the link stays for a later move).
    Admin only (the app options), as every settings write. ``name``: the desk's name where its record has
    none (a single-desk install: the wizard passes the group's name)."""
    from ..model.desks import switch_second_line
    from .desks import desk_of, write_records
    from .errors import explain
    try:
        _options, records, record = await desk_of(client, desk_id)
        if (record.get("second_line") or "tasks") == target:
            return record
        link = None
        if target == "crm":
            name = record.get("name") or name or f"#{desk_id}"
            link = await ensure_smart_process(client, f"ServiceDesk: {name}", name, record.get("crm"), lang)
        at = client.portal_time()
        changed = switch_second_line(record, target, at.isoformat() if at else "", link)
        record.clear()
        record.update(changed)
        await write_records(client, records)
    except PortalError as exc:
        raise explain(exc, STEP) from exc
    return record

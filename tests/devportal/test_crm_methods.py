"""devportal's smart-process methods (crm.type/category/status, userfieldconfig, crm.item, crm.stagehistory),
one test per rule of devportal/methods/crm_setup.py and crm_items.py (doc paths there)."""
from __future__ import annotations

from datetime import timedelta

from tests.devportal.dp_portal import ADMIN, CLIENT, MANAGER, OPERATOR, PLAIN, SPECIALIST


def _desk(rest, portal):
    """A type with observers, one pipeline with an in-progress, a success and a failure stage, a field."""
    t = rest.ok(ADMIN, "crm.type.add", fields={"title": "Заявки", "isCategoriesEnabled": "Y", "isStagesEnabled": "Y",
                                               "isObserversEnabled": "Y"})["type"]
    ent = t["entityTypeId"]
    cat = rest.ok(ADMIN, "crm.category.add", entityTypeId=ent, fields={"name": "Desk", "sort": 100})["category"]
    entity = f"DYNAMIC_{ent}_STAGE_{cat['id']}"
    rest.ok(ADMIN, "crm.status.add", fields={"ENTITY_ID": entity, "STATUS_ID": "WORK", "NAME": "В работе", "SORT": 20})
    rest.ok(ADMIN, "userfieldconfig.add", moduleId="crm",
            field={"entityId": f"CRM_{t['id']}", "fieldName": f"UF_CRM_{t['id']}_SD_MESSAGE",
                   "userTypeId": "string", "editFormLabel": {"ru": "Сообщение", "en": "Message"}})
    portal.crm_types[t["id"]].readers = [MANAGER, SPECIALIST]
    return t, ent, cat["id"], f"DT{ent}_{cat['id']}:"


def test_type_add_is_for_crm_admins_and_answers_the_docs_shape(rest, portal):
    refused = rest.raw(PLAIN, "crm.type.add", fields={"title": "x"})
    assert refused.status_code == 400 and refused.json()["error"] == "ACCESS_DENIED"
    assert rest.raw(PLAIN, "crm.type.list").json()["error"] == "ACCESS_DENIED"
    portal.crm_admins.append(PLAIN)
    t = rest.ok(PLAIN, "crm.type.add", fields={"title": "Заявки"})["type"]
    assert t["entityTypeId"] >= 1030 and t["entityTypeId"] % 2 == 0 and t["isSetOpenPermissions"] == "Y"
    assert {"id", "createdBy", "relations", "linkedUserFields", "customSections"} <= set(t) and "code" not in t
    assert rest.raw(ADMIN, "crm.type.add").json()["error"] == "100"
    bad = rest.raw(ADMIN, "crm.type.add", fields={"title": "y", "entityTypeId": 1031})
    assert bad.json() == {"error": "INVALID_ARG_VALUE", "error_description": "entityTypeId is out of allowed range"}
    assert rest.raw(ADMIN, "crm.type.add", fields={"title": "y", "entityTypeId": t["entityTypeId"]}).status_code == 400
    assert rest.ok(ADMIN, "crm.type.add", fields={"title": "z", "entityTypeId": 150})["type"]["entityTypeId"] == 150


def test_a_plan_cap_refuses_with_create_dynamic_type_restricted(rest, portal):
    portal.crm_type_limit = 1
    rest.ok(ADMIN, "crm.type.add", fields={"title": "one"})
    r = rest.raw(ADMIN, "crm.type.add", fields={"title": "two"})
    assert r.status_code == 400 and r.json()["error"] == "CREATE_DYNAMIC_TYPE_RESTRICTED"
    assert len(portal.crm_types) == 1


def test_type_list_filters_by_title_and_get_by_entity_type_id(rest, portal):
    t, ent, _, _ = _desk(rest, portal)
    rest.ok(ADMIN, "crm.type.add", fields={"title": "Другое"})
    r = rest(ADMIN, "crm.type.list", filter={"title": "Заявки"})
    assert [x["id"] for x in r["result"]["types"]] == [t["id"]] and r["total"] == 1
    assert r["result"]["types"][0]["code"] == ""
    assert rest.ok(SPECIALIST, "crm.type.getByEntityTypeId", entityTypeId=ent)["type"]["title"] == "Заявки"
    missing = rest.raw(ADMIN, "crm.type.getByEntityTypeId", entityTypeId=9998)
    assert missing.json() == {"error": "NOT_FOUND", "error_description": "Смарт-процесс не найден"}


def test_categories_and_stages_with_prefix_semantics_and_order(rest, portal):
    _, ent, cat, prefix = _desk(rest, portal)
    cats = rest(PLAIN, "crm.category.list", entityTypeId=ent)
    assert [c["name"] for c in cats["result"]["categories"]] == ["Desk", "Общая"] and cats["total"] == 2
    assert rest.raw(PLAIN, "crm.category.add", entityTypeId=ent, fields={"name": "x"}).json()["error"] == "ACCESS_DENIED"
    assert rest.raw(ADMIN, "crm.category.add", entityTypeId=ent, fields={}).json()["error_description"] == "Field 'NAME' is required"
    rows = rest.ok(PLAIN, "crm.status.list", filter={"ENTITY_ID": f"DYNAMIC_{ent}_STAGE_{cat}"}, order={"SORT": "ASC"})
    assert [(r["STATUS_ID"], r["SEMANTICS"]) for r in rows] == [
        (prefix + "NEW", None), (prefix + "WORK", None), (prefix + "SUCCESS", "S"), (prefix + "FAIL", "F")]
    assert rows[1]["CATEGORY_ID"] == str(cat) and rows[1]["SYSTEM"] == "N" and rows[0]["SYSTEM"] == "Y"
    entity = f"DYNAMIC_{ent}_STAGE_{cat}"
    dup = rest.raw(ADMIN, "crm.status.add", fields={"ENTITY_ID": entity, "STATUS_ID": prefix + "WORK", "NAME": "x"})
    assert dup.json()["error"] == "ERROR_CORE"
    late = rest.raw(ADMIN, "crm.status.add", fields={"ENTITY_ID": entity, "STATUS_ID": "LATE", "NAME": "x", "SORT": 950})
    assert late.json()["error_description"] == "Нельзя создать промежуточную стадию после успешной"
    denied = rest.raw(MANAGER, "crm.status.add", fields={"ENTITY_ID": entity, "STATUS_ID": "A", "NAME": "a"})
    assert denied.json() == {"error": "", "error_description": "Access denied."}
    unknown = rest.raw(ADMIN, "crm.status.add", fields={"ENTITY_ID": "DYNAMIC_1_STAGE_99", "STATUS_ID": "A", "NAME": "a"})
    assert unknown.json()["error_description"] == "Specified entity type is not supported."


def test_user_fields_named_for_their_type_and_listed_by_field_name(rest, portal):
    t, _, _, _ = _desk(rest, portal)
    name = f"UF_CRM_{t['id']}_SD_MESSAGE"
    again = rest.raw(ADMIN, "userfieldconfig.add", moduleId="crm",
                     field={"entityId": f"CRM_{t['id']}", "fieldName": name, "userTypeId": "string"})
    assert again.json()["error_description"] == f"Поле {name} уже существует"
    wrong = rest.raw(ADMIN, "userfieldconfig.add", moduleId="crm",
                     field={"entityId": f"CRM_{t['id']}", "fieldName": "UF_CRM_X", "userTypeId": "string"})
    assert wrong.json()["error_description"] == "Вы не можете создавать пользовательские поля"
    assert rest.raw(MANAGER, "userfieldconfig.add", moduleId="crm", field={
        "entityId": f"CRM_{t['id']}", "fieldName": name + "2", "userTypeId": "string"}).json()["error_description"] == "Access denied"
    fields = rest.ok(MANAGER, "userfieldconfig.list", moduleId="crm", filter={"fieldName": name})["fields"]
    assert [(f["entityId"], f["fieldName"], f["editFormLabel"]) for f in fields] == [
        (f"CRM_{t['id']}", name, {"en": "Message", "ru": "Сообщение"})]
    assert rest.raw(ADMIN, "userfieldconfig.list", moduleId="crm", filter={"entityId": "CRM_1"}).status_code == 400


def test_item_add_get_and_its_history_row(rest, portal):
    t, ent, cat, prefix = _desk(rest, portal)
    uf = f"UF_CRM_{t['id']}_SD_MESSAGE"
    it = rest.ok(MANAGER, "crm.item.add", entityTypeId=ent, useOriginalUfNames="Y",
                 fields={"title": "Не печатает", "categoryId": cat, "assignedById": SPECIALIST,
                         "observers": [PLAIN], "opened": "N", uf: "777", "bogus": 1})["item"]
    assert (it["stageId"], it["assignedById"], it["observers"], it[uf], it["createdBy"]) == (
        prefix + "NEW", SPECIALIST, [PLAIN], "777", MANAGER)
    assert it["createdTime"].endswith("+03:00") and "bogus" not in it
    camel = rest.ok(MANAGER, "crm.item.get", entityTypeId=ent, id=it["id"])["item"]
    assert camel[f"ufCrm{t['id']}_sdMessage"] == "777" and uf not in camel
    denied = rest.raw(OPERATOR, "crm.item.get", entityTypeId=ent, id=it["id"])   # takes no part in it
    assert denied.json()["error"] == "ACCESS_DENIED"
    assert rest.ok(PLAIN, "crm.item.get", entityTypeId=ent, id=it["id"])["item"]["id"] == it["id"]   # observer
    portal.users[CLIENT].external_auth_id = "imconnector"          # an Open Line client
    assert rest.raw(CLIENT, "crm.item.list", entityTypeId=ent).json()["error"] == "allowed_only_intranet_user"
    other = rest.raw(MANAGER, "crm.item.add", entityTypeId=ent, fields={"categoryId": cat, "stageId": "DT1_1:NEW"})
    assert other.json()["error"] == "INVALID_ARG_VALUE"


def test_moves_write_type_ids_1_2_3_5_with_semantics(rest, portal, clock):
    _, ent, cat, prefix = _desk(rest, portal)
    it = rest.ok(MANAGER, "crm.item.add", entityTypeId=ent, fields={"categoryId": cat, "opened": "N"})["item"]
    for stage in ("WORK", "SUCCESS", "WORK", "FAIL"):
        clock.advance(600)
        rest.ok(SPECIALIST, "crm.item.update", entityTypeId=ent, id=it["id"], fields={"stageId": prefix + stage})
    default = next(c.id for c in portal.crm_categories.values() if c.entity_type_id == ent and c.is_default)
    rest.ok(SPECIALIST, "crm.item.update", entityTypeId=ent, id=it["id"], fields={"categoryId": default})
    r = rest(MANAGER, "crm.stagehistory.list", entityTypeId=ent, order={"ID": "ASC"}, filter={"OWNER_ID": it["id"]})
    rows = r["result"]["items"]
    assert [(x["TYPE_ID"], x["STAGE_SEMANTIC_ID"], x["STAGE_ID"].split(":")[1]) for x in rows] == [
        (1, "P", "NEW"), (2, "P", "WORK"), (3, "S", "SUCCESS"), (2, "P", "WORK"), (3, "F", "FAIL"), (5, "P", "NEW")]
    assert rows[-1]["CATEGORY_ID"] == default and r["total"] == 6
    assert set(rows[0]) == {"ID", "TYPE_ID", "OWNER_ID", "CREATED_TIME", "CATEGORY_ID", "STAGE_SEMANTIC_ID", "STAGE_ID"}
    assert rows[1]["CREATED_TIME"].endswith("+03:00")
    hidden = rest(OPERATOR, "crm.stagehistory.list", entityTypeId=ent)     # takes no part
    assert hidden["result"]["items"] == []
    bad = rest.raw(MANAGER, "crm.stagehistory.list", entityTypeId=9998)
    assert bad.json()["error"] == "ENTITY_TYPE_NOT_SUPPORTED"
    assert rest.raw(MANAGER, "crm.stagehistory.list", entityTypeId=ent, filter={"NOPE": 1}).json()["error"] == "INVALID_ARG_VALUE"


def test_fast_paging_start_minus_one_above_id(rest, portal, clock):
    _, ent, cat, prefix = _desk(rest, portal)
    for i in range(120):
        rest.ok(MANAGER, "crm.item.add", entityTypeId=ent, fields={"categoryId": cat, "title": f"r{i}"})
    first = rest(SPECIALIST, "crm.item.list", entityTypeId=ent, order={"id": "ASC"}, start=-1, select=["id", "title"])
    items = first["result"]["items"]
    assert len(items) == 50 and "total" not in first and "next" not in first and set(items[0]) == {"id", "title"}
    second = rest(SPECIALIST, "crm.item.list", entityTypeId=ent, order={"id": "ASC"}, start=-1,
                  filter={">id": items[-1]["id"]})["result"]["items"]
    assert second[0]["id"] == items[-1]["id"] + 1 and len(second) == 50
    counted = rest(SPECIALIST, "crm.item.list", entityTypeId=ent, order={"id": "DESC"})
    assert counted["total"] == 120 and counted["next"] == 50
    assert rest.raw(SPECIALIST, "crm.item.list", entityTypeId=ent, order={"id": "UP"}).json()["error"] == "INVALID_ARG_VALUE"
    h = rest(MANAGER, "crm.stagehistory.list", entityTypeId=ent, order={"ID": "ASC"}, start=-1)
    assert len(h["result"]["items"]) == 50 and "total" not in h
    since = (portal.now - timedelta(days=1)).isoformat()
    assert len(rest.ok(MANAGER, "crm.item.list", entityTypeId=ent, filter={">=createdTime": since})["items"]) == 50

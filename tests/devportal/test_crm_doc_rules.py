"""devportal's smart-process answers as the docs pages' examples show them (rules cited in
devportal/methods/crm_setup.py, crm_items.py and devportal/filters.py.matches_tree)."""
from __future__ import annotations

from tests.devportal.dp_portal import ADMIN, PLAIN, SPECIALIST


def _type(rest, **extra):
    return rest.ok(ADMIN, "crm.type.add", fields={"title": "Заявки", "isCategoriesEnabled": "Y",
                                                  "isStagesEnabled": "Y", **extra})["type"]


def test_nested_logic_or_groups_filter_items_and_types(rest):
    t = _type(rest)
    ent = t["entityTypeId"]
    for title in ("Принтер", "Почта", "VPN"):
        rest.ok(ADMIN, "crm.item.add", entityTypeId=ent, fields={"title": title, "assignedById": SPECIALIST})
    either = {"0": {"logic": "OR", "0": {"title": "Принтер"}, "1": {"title": "VPN"}}}
    items = rest.ok(ADMIN, "crm.item.list", entityTypeId=ent, filter=either, order={"id": "ASC"})["items"]
    assert [i["title"] for i in items] == ["Принтер", "VPN"]
    both = {"0": {"0": {"title": "Принтер"}, "1": {"title": "VPN"}}}        # no logic: AND
    assert rest.ok(ADMIN, "crm.item.list", entityTypeId=ent, filter=both)["items"] == []
    bad = rest.raw(ADMIN, "crm.item.list", entityTypeId=ent, filter={"0": {"logic": "OR", "0": {"name": "x"}}})
    assert bad.status_code == 400 and "'name'" in bad.json()["error_description"]
    for n in (5, 7, 10):
        rest.ok(ADMIN, "crm.type.add", fields={"title": f"Смарт-процесс #{n}"})
    types = rest.ok(ADMIN, "crm.type.list", filter=[{"logic": "OR", "0": {"%title": "5"}, "1": {"%title": "0"}}],
                 order={"id": "DESC"})["types"]
    assert [x["title"] for x in types] == ["Смарт-процесс #10", "Смарт-процесс #5"]


def test_type_relations_linked_fields_and_code_as_the_pages_show(rest):
    t = _type(rest, isClientEnabled="Y", isUseInUserfieldEnabled="Y",
              linkedUserFields={"TASKS_TASK|UF_CRM_TASK": "true", "CALENDAR_EVENT|UF_CRM_CAL_EVENT": "false"},
              relations={"parent": [{"entityTypeId": 2, "isChildrenListEnabled": "true"}],
                         "child": [{"entityTypeId": 4}]})
    assert t["relations"] == {
        "parent": [{"entityTypeId": 3, "isChildrenListEnabled": "Y", "isPredefined": "Y"},
                   {"entityTypeId": 4, "isChildrenListEnabled": "Y", "isPredefined": "Y"},
                   {"entityTypeId": 2, "isChildrenListEnabled": "Y", "isPredefined": "N"}],
        "child": [{"entityTypeId": 4, "isChildrenListEnabled": "N", "isPredefined": "N"}]}
    assert t["linkedUserFields"] == {"CALENDAR_EVENT|UF_CRM_CAL_EVENT": "N", "TASKS_TASK|UF_CRM_TASK": "Y",
                                     "TASKS_TASK_TEMPLATE|UF_CRM_TASK": "N"}
    assert "code" not in t                                                   # crm-type-add.md's example
    got = rest.ok(ADMIN, "crm.type.get", id=t["id"])["type"]
    assert got["code"] == "" and got["relations"] == t["relations"]         # crm-type-get.md's example
    assert rest.ok(ADMIN, "crm.type.getByEntityTypeId", entityTypeId=t["entityTypeId"])["type"]["code"] == ""
    plain = rest.ok(ADMIN, "crm.type.add", fields={"title": "Без клиента", "linkedUserFields": {
        "TASKS_TASK|UF_CRM_TASK": "true"}})["type"]                         # isUseInUserfieldEnabled off
    assert plain["relations"] == {"parent": [], "child": []}
    assert set(plain["linkedUserFields"].values()) == {"N"}


def test_pipelines_other_than_the_default_have_origin_keys_when_listed(rest):
    ent = _type(rest)["entityTypeId"]
    made = rest.ok(ADMIN, "crm.category.add", entityTypeId=ent, fields={"name": "Вторая", "sort": 100})["category"]
    assert "originId" not in made                                            # crm-category-add.md's example
    cats = rest.ok(PLAIN, "crm.category.list", entityTypeId=ent)["categories"]
    assert cats[0] == {**made, "originId": "", "originatorId": ""}
    assert "originId" not in cats[1] and cats[1]["isDefault"] == "Y"
    assert rest.ok(PLAIN, "crm.category.get", entityTypeId=ent, id=made["id"])["category"]["originatorId"] == ""


def test_enumeration_fields_answer_their_variants_and_settings(rest):
    t = _type(rest)
    name = f"UF_CRM_{t['id']}_KIND"
    f = rest.ok(ADMIN, "userfieldconfig.add", moduleId="crm", field={
        "entityId": f"CRM_{t['id']}", "fieldName": name, "userTypeId": "enumeration", "multiple": "Y",
        "editFormLabel": {"ru": "Вид"}, "enum": [{"value": "A", "def": "N", "sort": 100}, {"value": "B", "def": "Y"},
                                                 {"def": "Y"}]})["field"]
    assert f["settings"] == {"DISPLAY": "LIST", "LIST_HEIGHT": 1, "CAPTION_NO_VALUE": "", "SHOW_NO_VALUE": "Y"}
    assert [(e["value"], e["def"], e["sort"], e["userFieldId"]) for e in f["enum"]] == [
        ("A", "N", "100", f["id"]), ("B", "Y", "200", f["id"])]
    assert all(isinstance(e["id"], str) and len(e["xmlId"]) == 32 for e in f["enum"])
    listed = rest.ok(ADMIN, "userfieldconfig.list", moduleId="crm", filter={"fieldName": name})["fields"][0]
    assert "enum" not in listed and listed["settings"]["DISPLAY"] == "LIST"    # userfieldconfig-list.md's example
    s = rest.ok(ADMIN, "userfieldconfig.add", moduleId="crm", field={
        "entityId": f"CRM_{t['id']}", "fieldName": f"UF_CRM_{t['id']}_TEXT", "userTypeId": "string",
        "settings": {"ROWS": 3}})["field"]
    assert s["settings"] == {"ROWS": 3} and "enum" not in s


def test_userfieldconfig_list_orders_by_the_documented_keys(rest):
    t = _type(rest)
    for postfix, sort in (("A", 300), ("B", 100), ("C", 200)):
        rest.ok(ADMIN, "userfieldconfig.add", moduleId="crm", field={
            "entityId": f"CRM_{t['id']}", "fieldName": f"UF_CRM_{t['id']}_{postfix}", "userTypeId": "string",
            "sort": sort})
    def names(**kw):
        return [f["fieldName"][-1] for f in rest.ok(ADMIN, "userfieldconfig.list", moduleId="crm", **kw)["fields"]]
    assert names() == ["B", "C", "A"]                                        # default: sort, id ASC
    assert names(order={"id": "DESC"}) == ["C", "B", "A"]
    assert names(order={"fieldName": "ASC"}) == ["A", "B", "C"]
    assert rest.raw(ADMIN, "userfieldconfig.list", moduleId="crm", order={"entityId": "ASC"}).status_code == 400


def test_a_failure_stage_other_than_the_system_one_is_an_apology(rest):
    ent = _type(rest)["entityTypeId"]
    cat = rest.ok(ADMIN, "crm.category.list", entityTypeId=ent)["categories"][0]["id"]
    entity = f"DYNAMIC_{ent}_STAGE_{cat}"
    rest.ok(ADMIN, "crm.status.add", fields={"ENTITY_ID": entity, "STATUS_ID": "APOLOGY", "NAME": "Анализ причины",
                                             "SORT": 1100, "SEMANTICS": "F"})
    extra = {r["STATUS_ID"].split(":")[1]: r["EXTRA"]["SEMANTICS"]
             for r in rest.ok(ADMIN, "crm.status.list", filter={"ENTITY_ID": entity})}
    assert extra == {"NEW": "process", "SUCCESS": "success", "FAIL": "failure", "APOLOGY": "apology"}

"""Rights: admin-only methods refuse others as Bitrix24 does; tasks and chats by participation."""
from __future__ import annotations

import pytest

from tests.devportal.dp_portal import (ADMIN, MANAGER, OPERATOR, PLAIN, SECRET_CHAT, SPECIALIST, SUPPORT_CHAT,
                       SUPPORT_GROUP)

# (method, params, status, error) — each as its docs page answers a non-admin
ADMIN_ONLY = [
    ("app.option.set", {"options": {"k": "v"}}, 400, "AccessException"),     # app-option-set.md
    ("placement.bind", {"PLACEMENT": "IM_SIDEBAR", "HANDLER": "http://app/x"}, 403, "ACCESS_DENIED"),
    ("placement.get", {}, 403, "ACCESS_DENIED"),
    ("sonet_group.user.add", {"GROUP_ID": SUPPORT_GROUP, "USER_ID": [PLAIN]}, 400, ""),
    ("task.item.userfield.add", {"PARAMS": {"USER_TYPE_ID": "string", "FIELD_NAME": "UF_X"}}, 400, "ERROR_CORE"),
    ("imopenlines.config.update", {"CONFIG_ID": 1, "PARAMS": {"WELCOME_BOT_ENABLE": "Y"}}, 403,
     "CONFIG_WRONG_USER_PERMISSION"),
]


@pytest.mark.parametrize("method,params,status,code", ADMIN_ONLY, ids=[m[0] for m in ADMIN_ONLY])
def test_plain_user_is_refused_admin_only_methods(rest, portal, method, params, status, code):
    before = portal.to_json()
    r = rest.raw(PLAIN, method, **params)
    assert r.status_code == status and r.json()["error"] == code, r.text
    assert portal.to_json() == before
    assert rest.raw(ADMIN, method, **params).status_code == 200


def test_only_the_group_owner_may_set_a_new_owner(rest, portal):
    """sonet-group/sonet-group-setowner.md: "Кто может выполнять метод: владелец группы или проекта"."""
    before = portal.to_json()
    for who in (PLAIN, ADMIN, SPECIALIST):             # an administrator who does not own it is refused too
        r = rest.raw(who, "sonet_group.setowner", GROUP_ID=SUPPORT_GROUP, USER_ID=PLAIN)
        assert (r.status_code, r.json()["error"]) == (400, ""), r.text
    assert portal.to_json() == before
    assert rest.ok(MANAGER, "sonet_group.setowner", GROUP_ID=SUPPORT_GROUP, USER_ID=SPECIALIST) is True
    assert portal.groups[SUPPORT_GROUP].owner_id == SPECIALIST


def test_tasks_visible_to_participants_and_group_members(rest):
    def ids(user):
        return {int(t["id"]) for t in rest(user, "tasks.task.list", select=["ID"], start=-1, order={"ID": "ASC"},
                                           filter={">ID": 0})["result"]["tasks"]}
    assert ids(PLAIN) == {7, 62}                       # auditor of 7, own 62; not the group's others
    spec = rest(SPECIALIST, "tasks.task.list", filter={"GROUP_ID": SUPPORT_GROUP})
    assert spec["total"] == 60
    assert rest(PLAIN, "tasks.task.list", filter={"GROUP_ID": SUPPORT_GROUP})["total"] == 1
    assert rest.raw(PLAIN, "tasks.task.get", taskId=8).status_code == 400
    assert rest.ok(PLAIN, "tasks.task.get", taskId=7)["task"]["id"] == "7"
    assert rest(ADMIN, "tasks.task.list")["total"] == 62


def test_task_update_needs_edit_rights(rest, portal):
    r = rest.raw(PLAIN, "tasks.task.update", taskId=7, fields={"TITLE": "hijack"})
    assert r.status_code == 400 and portal.tasks[7].title == "Request 7"
    rest.ok(SPECIALIST, "tasks.task.update", taskId=7, fields={"STATUS": 5})
    assert portal.tasks[7].status == 5 and portal.tasks[7].closed_date is not None


def test_created_by_someone_else(rest):
    fields = {"TITLE": "t", "RESPONSIBLE_ID": SPECIALIST, "GROUP_ID": SUPPORT_GROUP, "CREATED_BY": MANAGER}
    r = rest.raw(SPECIALIST, "tasks.task.add", fields=fields)      # a subordinate cannot
    assert r.status_code == 400 and r.json()["error"] == "ERROR_CORE"
    task = rest.ok(MANAGER, "tasks.task.add", fields={**fields, "CREATED_BY": SPECIALIST})["task"]  # head of dept
    assert task["createdBy"] == str(SPECIALIST)
    assert rest.ok(ADMIN, "tasks.task.add", fields=fields)["task"]["createdBy"] == str(MANAGER)


def test_chat_messages_only_for_members(rest):
    for method, params in [("im.dialog.messages.get", {"DIALOG_ID": f"chat{SECRET_CHAT}"}),
                           ("im.dialog.messages.search", {"CHAT_ID": SECRET_CHAT}),
                           ("im.chat.user.list", {"CHAT_ID": SECRET_CHAT}),
                           ("im.message.add", {"DIALOG_ID": f"chat{SECRET_CHAT}", "MESSAGE": "hi"})]:
        r = rest.raw(PLAIN, method, **params)
        assert r.status_code == 403 and r.json()["error"] == "ACCESS_ERROR", method
    assert rest.raw(MANAGER, "im.dialog.messages.get", DIALOG_ID=f"chat{SECRET_CHAT}").status_code == 200
    chats = {i["chat_id"] for i in rest.ok(PLAIN, "im.recent.list")["items"]}
    assert chats == {SUPPORT_CHAT}


def test_open_line_statistics_and_crm_for_admins_and_operators(rest):
    for user in (ADMIN, OPERATOR):
        assert rest.ok(user, "imopenlines.v2.Session.list")["sessions"][0]["id"] == 1
        assert rest.ok(user, "crm.activity.list", filter={"PROVIDER_ID": "IMOPENLINES_SESSION"})[0]["ID"] == "501"
        assert rest.ok(user, "imopenlines.session.history.get", SESSION_ID=1)["sessionId"] == 1
    for method, params in [("imopenlines.v2.Session.list", {}), ("crm.activity.list", {}),
                           ("imopenlines.session.history.get", {"SESSION_ID": 1})]:
        r = rest.raw(SPECIALIST, method, **params)
        assert r.status_code == 403 and r.json()["error"] == "ACCESS_DENIED", method

"""The desks list over HTTP on devportal: the one-time migration of single-desk settings (idempotent,
retried after a failed write), and the admin's add/edit/retire (portal data untouched)."""
from __future__ import annotations

import json

import pytest

from servicedesk.model.desks import all_desks, stored_desks
from servicedesk.setup.desks import DeskFormError, retire_desk, save_desk
from servicedesk.setup.errors import SetupError
from tests.bot.helpers import ADMIN, MANAGER, SPECIALIST, SUPPORT_CHAT, SUPPORT_GROUP, client_of, run, visit_of

OTHER_GROUP, SALES_CHAT = 1, 2


def test_an_admin_start_moves_the_settings_once_and_nothing_changes_for_anyone(desk):
    portal = desk.portal
    before = dict(portal.app_options)
    assert "desks" not in before
    spec = run(visit_of(desk, SPECIALIST))             # a non-admin cannot write: reads the old keys
    assert "desks" not in portal.app_options and spec.ctx.desk_id == 1 and spec.ctx.is_support
    admin = run(visit_of(desk, ADMIN))
    records = stored_desks(portal.app_options)
    assert records == all_desks(before) and records[0]["group_id"] == SUPPORT_GROUP
    assert {k: v for k, v in portal.app_options.items() if k != "desks"} == before    # old keys kept
    stored = portal.app_options["desks"]
    probe = desk.faults.add("ACCESS_DENIED", "app.option.set", count=1)   # used up by any write
    run(visit_of(desk, ADMIN))                          # idempotent: no second write, same list
    assert probe in desk.faults.rules and portal.app_options["desks"] == stored
    desk.faults.clear()
    again = run(visit_of(desk, SPECIALIST))
    assert again.ctx.settings["chat_id"] == spec.ctx.settings["chat_id"] == SUPPORT_CHAT
    assert again.ctx.owner_id == spec.ctx.owner_id == MANAGER and admin.ctx.configured


def test_a_failed_migration_write_leaves_the_old_settings_working_and_is_retried(desk):
    desk.faults.add("INTERNAL_SERVER_ERROR", "app.option.set")
    admin = run(visit_of(desk, ADMIN))
    assert "desks" not in desk.portal.app_options
    assert admin.ctx.configured and admin.ctx.settings["group_id"] == SUPPORT_GROUP
    desk.faults.clear()
    run(visit_of(desk, ADMIN))
    assert [r["id"] for r in stored_desks(desk.portal.app_options)] == [1]


def _form(**kw):
    return {"name": "HR", "group_id": OTHER_GROUP, "chat_ids": str(SALES_CHAT), "time_zone": "Europe/Moscow", **kw}


def test_admin_adds_edits_and_retires_a_desk_and_the_portal_keeps_its_data(desk):
    portal = desk.portal
    portal.chats[SALES_CHAT].members.append(ADMIN)
    client = client_of(desk, ADMIN)
    groups, chats, tasks = set(portal.groups), set(portal.chats), set(portal.tasks)
    hr = run(save_desk(client, _form(), ADMIN))
    assert hr["id"] == 2 and hr["chat_ids"] == [SALES_CHAT]
    assert [r["id"] for r in stored_desks(portal.app_options)] == [1, 2]      # desk 1 migrated in the same write
    edited = run(save_desk(client, _form(name="HR desk", sla_mode="24x7", target_chat="15"), ADMIN, desk_id=2))
    assert edited["name"] == "HR desk" and edited["sla_targets"]["chat_first_response"] == 15
    run(retire_desk(client, 2))
    assert stored_desks(portal.app_options)[1]["retired"] is True
    assert (set(portal.groups), set(portal.chats), set(portal.tasks)) == (groups, chats, tasks)
    ctx = run(visit_of(desk, ADMIN)).ctx
    assert [d.id for d in ctx.desks] == [1]
    third = run(save_desk(client, _form(name="Accounting"), ADMIN))
    assert third["id"] == 3                                # a retired desk's id is never reused


def test_the_desk_form_is_refused_field_by_field_and_nothing_is_written(desk):
    client = client_of(desk, ADMIN)
    with pytest.raises(DeskFormError) as err:
        run(save_desk(client, {"name": "", "group_id": 999, "chat_ids": str(SUPPORT_CHAT), "time_zone": "Mars/X"},
                      ADMIN))
    assert err.value.errors == {"name": "desk_err_name", "group_id": "desk_err_group",
                                "chat_ids": "desk_err_chat_taken", "time_zone": "setup_err_time_zone"}
    assert "desks" not in desk.portal.app_options
    with pytest.raises(SetupError):
        run(save_desk(client_of(desk, MANAGER), _form(), MANAGER))


def test_a_chat_moved_from_one_desk_to_another(desk):
    portal = desk.portal
    portal.chats[SALES_CHAT].members.append(ADMIN)
    client = client_of(desk, ADMIN)
    run(save_desk(client, _form(chat_ids=f"{SALES_CHAT}"), ADMIN))
    with pytest.raises(DeskFormError):                     # still held by desk 2
        run(save_desk(client, {"name": "IT", "group_id": SUPPORT_GROUP,
                               "chat_ids": f"{SUPPORT_CHAT},{SALES_CHAT}", "time_zone": "UTC"}, ADMIN, desk_id=1))
    records = json.loads(portal.app_options["desks"])
    records[1]["chat_ids"] = []                           # desk 2 lets it go (an edit that empties is refused)
    portal.app_options["desks"] = json.dumps(records)
    one = run(save_desk(client, {"name": "IT", "group_id": SUPPORT_GROUP, "chat_ids": f"{SUPPORT_CHAT},{SALES_CHAT}",
                                 "time_zone": "UTC"}, ADMIN, desk_id=1))
    assert one["chat_ids"] == [SUPPORT_CHAT, SALES_CHAT]

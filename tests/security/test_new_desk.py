"""The settings screen's desk actions over HTTP on devportal: a desk added with its own group (form checked
first, nothing made while a field is wrong; a second try reuses the group), renamed with new chats, listed."""
from __future__ import annotations

import pytest

from servicedesk.model.desks import active_desks, stored_desks
from servicedesk.setup.desks import DeskFormError, retire_desk
from servicedesk.setup.errors import SetupError
from servicedesk.setup.new_desk import add_desk, desk_list, edit_desk
from servicedesk.setup.spec import GROUP_KEYWORD
from tests.bot.helpers import ADMIN, SPECIALIST, SPECIALIST2, SUPPORT_CHAT, client_of, run

SALES_CHAT = 2


def _form(**kw):
    return {"name": "Бухгалтерия", "group_name": "Бухгалтерия: заявки", "manager_id": SPECIALIST,
            "specialist_ids": [SPECIALIST2], "chat_ids": [SALES_CHAT], "openline_id": "", "time_zone": "Europe/Moscow",
            **kw}


def test_a_wrong_form_is_refused_field_by_field_and_nothing_is_made(desk):
    portal = desk.portal
    before = (set(portal.groups), dict(portal.app_options))
    with pytest.raises(DeskFormError) as err:
        run(add_desk(client_of(desk, ADMIN), _form(name=" ", group_name="", manager_id=None, specialist_ids=[],
                                                    chat_ids=[SUPPORT_CHAT], openline_id="77"), ADMIN))
    assert err.value.errors == {"name": "desk_err_name", "group_name": "setup_err_name_empty",
                                "manager": "setup_err_manager", "specialists": "setup_err_specialists",
                                "chats": "desk_err_chat_taken", "openline": "setup_err_openline"}
    with pytest.raises(DeskFormError) as err:                  # the admin is not in the sales chat
        run(add_desk(client_of(desk, ADMIN), _form(), ADMIN))
    assert err.value.errors == {"chats": "setup_err_chat_member"}
    assert (set(portal.groups), dict(portal.app_options)) == before


def test_admin_adds_a_desk_with_its_group_renames_it_and_the_list_names_everything(desk):
    portal = desk.portal
    portal.chats[SALES_CHAT].members.append(ADMIN)
    client = client_of(desk, ADMIN)
    record = run(add_desk(client, _form(), ADMIN))
    group = portal.groups[record["group_id"]]
    assert record["id"] == 2 and record["chat_ids"] == [SALES_CHAT] and record["name"] == "Бухгалтерия"
    assert group.name == "Бухгалтерия: заявки" and not group.visible and not group.opened
    assert group.owner_id == SPECIALIST and {u for u, r in group.members.items() if r == "K"} == {SPECIALIST2}
    assert GROUP_KEYWORD in group.keywords.lower()
    assert [d["id"] for d in active_desks(portal.app_options)] == [1, 2]

    edited = run(edit_desk(client, 2, "Бухгалтерия и налоги", [SALES_CHAT], ADMIN))
    assert edited["name"] == "Бухгалтерия и налоги" and edited["group_id"] == record["group_id"]
    with pytest.raises(DeskFormError) as err:
        run(edit_desk(client, 2, "", [], ADMIN))
    assert err.value.errors == {"name": "desk_err_name", "chats": "desk_err_chats"}

    listed = run(desk_list(client))
    assert [(d["name"], d["group"]["name"], [c["id"] for c in d["chats"]]) for d in listed][1] == (
        "Бухгалтерия и налоги", "Бухгалтерия: заявки", [SALES_CHAT])
    assert listed[0]["chats"][0]["title"] and not listed[0]["chats"][0]["title"].startswith("#")


def test_a_second_try_after_the_group_was_made_reuses_it(desk):
    portal = desk.portal
    portal.chats[SALES_CHAT].members.append(ADMIN)
    client = client_of(desk, ADMIN)
    desk.faults.add("ACCESS_DENIED", "app.option.set", count=1)      # the group is made, the record not written
    with pytest.raises(SetupError):
        run(add_desk(client, _form(), ADMIN))
    groups = set(portal.groups)
    record = run(add_desk(client, _form(), ADMIN))
    assert set(portal.groups) == groups and record["group_id"] in groups
    run(retire_desk(client, record["id"]))
    assert [d["id"] for d in stored_desks(portal.app_options) if not d.get("retired")] == [1]
    assert record["group_id"] in portal.groups

"""The wizard's input checks, the admin's name for employees, and the settings screen's logic."""
from __future__ import annotations

import asyncio

import pytest

from devportal.server import serve
from servicedesk.setup import SetupError, mark_opened
from servicedesk.setup.lookups import group_chats, people
from servicedesk.setup.progress import setup_admin_name
from servicedesk.setup.settings import change_chat
from servicedesk.setup.validate import validate
from servicedesk.views.i18n import TEXTS, t
from tests.unit.setup_helpers import ADMIN, PLAIN, choices, client, fresh_portal


@pytest.mark.parametrize("change,field,code", [
    ({"group_name": "   "}, "group_name", "setup_err_name_empty"),
    ({"group_name": "x" * 256}, "group_name", "setup_err_name_long"),
    ({"manager_id": None}, "manager", "setup_err_manager"),
    ({"specialist_ids": []}, "specialists", "setup_err_specialists"),
    ({"specialist_ids": [3]}, "specialists", "setup_err_specialists"),      # only the manager
    ({"chat_id": 99}, "chat", "setup_err_chat_member"),
    ({"chat_title": "", "group_name": ""}, "chat", "setup_err_chat_title"),
    ({"chat_title": "y" * 300}, "chat", "setup_err_chat_title_long"),
    ({"openline_id": 7}, "openline", "setup_err_openline"),
    ({"greeting": "z" * 1001}, "openline", "setup_err_greeting_long"),
    ({"time_zone": "Mars/Olympus"}, "time_zone", "setup_err_time_zone"),
    ({"time_zone": "../etc/passwd"}, "time_zone", "setup_err_time_zone"),
    ({"handler": "index.html"}, "handler", "setup_err_handler"),
])
def test_bad_input_is_named_with_a_message(change, field, code):
    errors = validate(choices(**change), chat_ids=[1, 3], openline_ids=[1])
    assert errors.get(field) == code
    assert t(code, "ru") != code and t(code, "en") != code        # a real sentence in both languages


def test_good_input_passes():
    assert validate(choices(), chat_ids=[1, 3], openline_ids=[1]) == {}
    assert validate(choices(chat_id=3, openline_id=None), chat_ids=[3]) == {}


def test_every_setup_text_exists_in_both_languages():
    ru = {k for k in TEXTS["ru"] if k.startswith("setup")}
    assert ru == {k for k in TEXTS["en"] if k.startswith("setup")}


@pytest.fixture(scope="module")
def running():
    r = serve(fresh_portal())
    yield r
    r.stop()


def test_admin_name_for_employees_once_an_admin_opened_the_wizard(running):
    assert setup_admin_name(running.portal.app_options) == ""
    asyncio.run(mark_opened(client(running, ADMIN), ADMIN, "Сергей Ерёмин", {}))
    opts = asyncio.run(client(running, PLAIN).call("app.option.get", {}))   # what an employee reads
    assert setup_admin_name(opts) == "Сергей Ерёмин"


def test_people_with_departments_and_chats_of_the_admin(running):
    cards = asyncio.run(people(client(running, ADMIN), [5, 3]))
    assert [c["id"] for c in cards] == [5, 3]
    assert cards[1]["departments"] == ["Техподдержка"] and cards[1]["position"]
    chats = asyncio.run(group_chats(client(running, ADMIN)))
    assert {1, 3} <= {c["id"] for c in chats} and 2 not in {c["id"] for c in chats}


def test_change_chat_admin_only_and_member_only(running):
    assert asyncio.run(change_chat(client(running, ADMIN), 3, ADMIN)) == 3
    assert running.portal.app_options["chat_id"] == 3
    for uid, chat, code in ((ADMIN, 2, "setup_err_chat_member"), (PLAIN, 3, "setup_err_not_admin")):
        with pytest.raises(SetupError) as err:
            asyncio.run(change_chat(client(running, uid), chat, uid))
        assert err.value.code == code
    assert running.portal.app_options["chat_id"] == 3

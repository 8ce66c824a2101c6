"""A desk added in Settings with a new chat of its own and its working hours and targets, over HTTP on
devportal: the chat is made once (a re-run, a lost answer), the SLA fields are checked with the rest of
the form (nothing made while one is wrong), and editing a desk later keeps its hours, targets and zone."""
from __future__ import annotations

import json

import pytest

from servicedesk.rest import RestClient, RetryPolicy
from servicedesk.rest.http import HttpTransport
from servicedesk.setup.desk_chat import CHAT_ENTITY
from servicedesk.setup.desks import DeskFormError
from servicedesk.setup.errors import SetupError
from servicedesk.setup.new_desk import add_desk, desk_list, edit_desk
from tests.bot.helpers import ADMIN, SPECIALIST, SPECIALIST2, client_of, run
from tests.unit.setup_helpers import Flaky, no_sleep

HOURS = {"sla_mode": "working_hours", "work_start": "10:00", "work_end": "19:00", "weekends": "SA,SU",
         "holidays": "1.01", "workdays": "", "target_chat": "30", "target_openline": "", "target_high": "8",
         "target_medium": "", "target_low": ""}


def _form(**kw):
    return {"name": "Закупки", "group_name": "Закупки: заявки", "manager_id": SPECIALIST,
            "specialist_ids": [SPECIALIST2], "chat_ids": [], "new_chat": True, "chat_title": "",
            "openline_id": "", "time_zone": "Europe/Moscow", **HOURS, **kw}


def _made(portal) -> tuple:
    return set(portal.groups), set(portal.chats), dict(portal.app_options)


def test_a_new_desk_gets_its_own_chat_and_its_working_hours(desk):
    portal = desk.portal
    client = client_of(desk, ADMIN)
    record = run(add_desk(client, _form(), ADMIN))
    (chat_id,) = record["chat_ids"]
    chat = portal.chats[chat_id]
    bot = int(portal.app_options["bot_id"])
    assert chat.title == "Закупки" and chat.type == "chat"                  # titled as the desk by default
    assert set(chat.members) == {ADMIN, SPECIALIST, SPECIALIST2, bot}
    assert (chat.entity_type, chat.entity_id) == (CHAT_ENTITY, str(record["group_id"]))
    assert record["sla_mode"] == "working_hours" and record["time_zone"] == "Europe/Moscow"
    assert record["work_hours"]["start"] == "10:00" and record["work_hours"]["end"] == "19:00"
    assert record["work_hours"]["holidays"] == ["1.01"]
    assert record["sla_targets"]["chat_first_response"] == 30 and record["sla_targets"]["task_close"] == {"high": 8}
    stored = json.loads(portal.app_options["desks"])[-1]
    assert stored["chat_ids"] == [chat_id] and stored["sla_mode"] == "working_hours"
    listed = run(desk_list(client))[-1]
    assert listed["chats"] == [{"id": chat_id, "title": "Закупки"}]


def test_a_chosen_chat_and_a_new_one_with_its_own_title(desk):
    portal = desk.portal
    portal.chats[2].members.append(ADMIN)
    record = run(add_desk(client_of(desk, ADMIN), _form(chat_ids=[2], chat_title=" Закупки — офис ",
                                                        sla_mode="24x7"), ADMIN))
    new, chosen = record["chat_ids"]
    assert chosen == 2 and portal.chats[new].title == "Закупки — офис" and record["sla_mode"] == "24x7"


def test_a_wrong_hours_field_or_no_chat_is_refused_and_nothing_is_made(desk):
    portal = desk.portal
    before = _made(portal)
    with pytest.raises(DeskFormError) as err:
        run(add_desk(client_of(desk, ADMIN), _form(work_end="25:00", target_chat="-5"), ADMIN))
    assert err.value.errors == {"work_end": "sla_err_time", "target_chat": "sla_err_negative"}
    with pytest.raises(DeskFormError) as err:
        run(add_desk(client_of(desk, ADMIN), _form(new_chat=False), ADMIN))
    assert err.value.errors == {"chats": "desk_err_chats"}
    with pytest.raises(DeskFormError) as err:
        run(add_desk(client_of(desk, ADMIN), _form(chat_title="x" * 256), ADMIN))
    assert err.value.errors == {"chats": "setup_err_chat_title_long"}
    assert _made(portal) == before


def test_a_second_try_after_the_chat_was_made_reuses_group_and_chat(desk):
    portal = desk.portal
    client = client_of(desk, ADMIN)
    desk.faults.add("ACCESS_DENIED", "app.option.set", count=1)      # group and chat made, the record not
    with pytest.raises(SetupError):
        run(add_desk(client, _form(), ADMIN))
    groups, chats = set(portal.groups), set(portal.chats)
    record = run(add_desk(client, _form(), ADMIN))
    assert (set(portal.groups), set(portal.chats)) == (groups, chats) and record["chat_ids"][0] in chats


def test_a_lost_answer_of_the_chat_add_makes_no_second_chat(desk):
    portal = desk.portal
    chats = set(portal.chats)
    transport = Flaky(HttpTransport(desk.url, desk.token(ADMIN)), "im.chat.add", "lost", 1)
    client = RestClient(transport, retry=RetryPolicy(first_delay=0), sleep=no_sleep)
    record = run(add_desk(client, _form(), ADMIN))
    assert set(portal.chats) - chats == set(record["chat_ids"]) and len(record["chat_ids"]) == 1


def test_editing_a_desk_keeps_its_hours_targets_and_zone(desk):
    client = client_of(desk, ADMIN)
    record = run(add_desk(client, _form(), ADMIN))
    edited = run(edit_desk(client, record["id"], "Закупки и склад", record["chat_ids"], ADMIN))
    assert edited["name"] == "Закупки и склад"
    assert {k: edited.get(k) for k in ("sla_mode", "work_hours", "sla_targets", "time_zone")} == {
        k: record.get(k) for k in ("sla_mode", "work_hours", "sla_targets", "time_zone")}

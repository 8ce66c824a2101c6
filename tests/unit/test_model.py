"""Records and their parsers from Bitrix24 REST shapes (golden/desk.json's input is the reference)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from servicedesk.model import Message, Session, Settings, Task, User, parse_time, to_int, uf_to_camel
from tests.paths import golden_data


@pytest.fixture(scope="module")
def raw():
    return golden_data()["input"]


@pytest.mark.parametrize("name, key", [("UF_SD_MESSAGE_ID", "ufSdMessageId"), ("UF_SD_CHAT_ID", "ufSdChatId"),
                                       ("UF_CRM_TASK", "ufCrmTask"), ("uf_auto_123", "ufAuto123"), ("", "")])
def test_uf_to_camel(name, key):
    assert uf_to_camel(name) == key


def test_messages_from_golden(raw):
    msgs = {m.id: m for m in (Message.from_rest(x) for x in raw["chat_messages"])}
    assert msgs[1001].is_system and not msgs[1002].is_system
    assert msgs[1021].deleted and not msgs[1022].deleted
    m = msgs[1010]
    assert (m.chat_id, m.author_id, m.text) == (101, 12, "Не открывается 1С")
    assert m.date == datetime(2026, 10, 31, 20, 50, tzinfo=timezone.utc)
    assert msgs[1022].text == "Не работает почта <script>alert(1)</script>"     # kept raw; views escape


def test_users_from_golden(raw):
    users = [User.from_rest(u) for u in raw["users"]]
    assert [u.id for u in users if u.bot] == [99]
    assert users[1].name == "Анна Руководитель"
    assert User.from_rest({"ID": "5", "NAME": "Ivan", "LAST_NAME": "Petrov"}) == User(5, "Ivan Petrov", False)


def test_sessions_from_golden(raw):
    s = {x.id: x for x in (Session.from_rest(i) for i in raw["openline_sessions"])}
    assert s[201].chat_id == 501 and s[201].operator_id == 2 and s[201].config_id == 5
    assert s[201].date_operator_answer - s[201].date_create == timedelta(minutes=2)
    assert s[203].date_operator_answer is None and s[203].date_close is None
    assert s[204].is_spam and not s[205].is_spam
    assert Session.from_rest({"id": 1, "dateCreate": "2026-01-01T00:00:00Z", "status": "closed",
                              "closeReason": "spam"}).is_spam


def test_tasks_from_golden(raw):
    t = {x.id: x for x in (Task.from_rest(i, "UF_SD_MESSAGE_ID", "UF_SD_CHAT_ID") for i in raw["tasks"])}
    assert t[301].status == 5 and t[301].is_completed and t[301].group_id == 7 and t[301].chat_id == 101
    assert t[304].chat_id is None and t[303].closed is None and not t[303].is_completed
    assert (t[305].responsible_id, t[305].created_by) == (1, 1)


def test_task_user_fields_follow_the_settings_names():
    item = {"id": "1", "title": "x", "groupId": "7", "createdDate": "2026-01-01T10:00:00+03:00",
            "status": "2", "ufDeskMsg": "chat101_77", "ufDeskChat": "chat555", "auditors": ["10", "11"]}
    t = Task.from_rest(item, uf_message="UF_DESK_MSG", uf_chat="UF_DESK_CHAT")
    assert (t.message_id, t.chat_id, t.auditors) == ("chat101_77", 555, (10, 11))


def test_settings_round_trip_and_string_ids(raw):
    s = Settings.from_dict({**raw["settings"], "time_zone": "Europe/Moscow", "group_id": "7", "extra": 1})
    assert (s.group_id, s.chat_id, s.openline_id, s.bot_id) == (7, 101, 5, 99)
    assert (s.uf_message_key, s.uf_chat_key) == ("ufSdMessageId", "ufSdChatId")
    assert Settings.from_dict(s.to_dict()) == s
    assert Settings.from_dict({}).openline_id is None and Settings.from_dict(None).time_zone == "UTC"


def test_value_helpers():
    assert [to_int(v) for v in ("301", 301, None, "", "chat101", "abc", True, "7.0")] == [
        301, 301, None, None, 101, None, None, 7]
    moscow = timezone(timedelta(hours=3))
    assert parse_time("2026-10-06T10:00:00+03:00") == datetime(2026, 10, 6, 10, tzinfo=moscow)
    assert parse_time("2026-10-06T07:00:00Z") == datetime(2026, 10, 6, 10, tzinfo=moscow)
    assert parse_time("2026-10-06 10:00:00", moscow) == datetime(2026, 10, 6, 10, tzinfo=moscow)
    assert parse_time(None) is None and parse_time("") is None


def test_display_name_of_user_get_fields():
    from servicedesk.model import display_name
    assert display_name({"ID": "5", "NAME": "Анна", "LAST_NAME": "Петрова"}) == "Анна Петрова"
    assert display_name({"ID": "5", "NAME": "", "LAST_NAME": "Петрова"}) == "Петрова"
    assert display_name({"ID": "5"}) == "5" and display_name({"ID": "5"}, or_id=False) == ""
    assert User.from_rest({"ID": "5"}).name == ""          # the dashboard says "User 5" itself


def test_unique_keeps_the_first_order():
    from servicedesk.model.values import unique
    assert unique([3, 1, 3, 2, 1]) == [3, 1, 2]
    assert unique(x for x in "abca") == ["a", "b", "c"]


def test_json_text_is_sorted_json_with_characters_as_they_are():
    import json

    from servicedesk.model.values import json_text
    for value in ({"b": [1, {"z": "д\"\n", "a": None}], "a": True, "c": 1.5}, [], {}, {"10": 1, "9": [2.0]}):
        assert json_text(value) == json.dumps(value, ensure_ascii=False, sort_keys=True)


def test_clock_text_writes_what_strftime_writes():
    from servicedesk.bot.refs import clock_text
    for when in (datetime(2026, 1, 2, 3, 4, 5), datetime(1999, 12, 31, 23, 59, 59)):
        for fmt in ("%d.%m.%Y %H:%M", "%d.%m %H:%M", "%H:%M:%S", "100%% %Y-%m", "x%", "%q"):
            assert clock_text(when, fmt) == when.strftime(fmt), fmt

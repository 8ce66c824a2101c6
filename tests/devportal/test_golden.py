"""portal_from_golden: the golden desk's input as a Portal, golden ids kept."""
from __future__ import annotations

from datetime import datetime

import pytest

from devportal.golden import portal_from_golden
from tests.paths import GOLDEN


@pytest.fixture(scope="module")
def portal():
    if not GOLDEN.exists():
        pytest.skip(f"no golden desk at {GOLDEN}")
    return portal_from_golden(GOLDEN)


def test_counts_and_ids(portal):
    assert portal.now == datetime.fromisoformat("2026-11-25T12:00:00+03:00")
    assert portal.time_zone == "Europe/Moscow"
    assert sorted(u.id for u in portal.users.values() if not u.external_auth_id or u.bot) == [1, 2, 3, 10, 11, 12, 99]
    assert sorted(m.id for m in portal.messages.values()) == list(range(1001, 1023))
    assert {m.chat_id for m in portal.messages.values()} == {101}
    assert sorted(portal.sessions) == [201, 202, 203, 204, 205]
    assert sorted(portal.tasks) == list(range(301, 309))


def test_settings_group_and_bot(portal):
    o = portal.app_options
    assert (o["group_id"], o["chat_id"], o["openline_id"], o["bot_id"]) == (7, 101, 5, 99)
    assert o["time_zone"] == "Europe/Moscow" and o["uf_chat"] == "UF_SD_CHAT_ID"
    g = portal.groups[7]
    assert g.owner_id == 1 and g.members == {1: "A", 2: "K", 3: "K"} and not g.visible
    assert portal.users[99].bot and portal.bots[99].code == "servicedesk"
    assert portal.openlines[5].queue == [2, 3]


def test_messages_sessions_tasks(portal):
    m = portal.messages
    assert m[1001].is_system and m[1001].author_id == 0 and m[1001].params == {}
    assert m[1021].params == {"IS_DELETED": "Y"} and "<script>" in m[1022].text
    assert all(a in portal.chats[101].members for a in {x.author_id for x in m.values()} - {0})
    s = portal.sessions
    assert s[204].status == "spam" and s[203].date_operator_answer is None and s[201].operator_id == 2
    assert all(portal.chats[x.chat_id].type == "lines" for x in s.values())
    t = portal.tasks
    assert t[302].uf == {"UF_SD_MESSAGE_ID": None, "UF_SD_CHAT_ID": "502"} and t[302].status == 5
    assert t[306].status == 6 and t[303].closed_date is None and t[307].group_id == 8 and 8 in portal.groups
    assert sum(x.group_id == 7 for x in t.values()) == 7


def test_it_serialises(portal):
    assert '"UF_SD_CHAT_ID": "101"' in portal.to_json()

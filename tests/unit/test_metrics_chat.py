"""Chat dialogues: every example of DESIGN §4 and the edge cases around them."""
from __future__ import annotations

import random

import pytest
from tests.unit.test_metrics_helpers import BOT, OWNER, S2, S3, U10, U11, U12, desk, month, msg

from servicedesk.metrics import chat_dialogues


def oct10(hhmm: str) -> str:
    return f"2026-10-10T{hhmm}:00+03:00"


def test_two_users_then_support_is_one_dialogue_of_20_min():
    r = desk([msg(1, U10, oct10("10:00")), msg(2, U11, oct10("10:05")), msg(3, S2, oct10("10:20"))])
    m = month(r, "2026-10")
    assert m["chat_dialogues"] == 1
    assert m["chat_response_min"] == {"avg": 20.0, "median": 20.0, "p90": 20.0, "count": 1}
    assert m["chat_unanswered"] == 0 and m["chat_oldest_wait_min"] is None
    assert m["by_specialist"] == {"2": {"dialogues": 1, "tasks_closed": 0, "median_response_min": 20.0}}


def test_support_chatter_opens_nothing_two_dialogues_1_and_60_min():
    r = desk([msg(1, U10, oct10("10:00")), msg(2, OWNER, oct10("10:01")), msg(3, S2, oct10("10:02")),
              msg(4, U10, oct10("10:30")), msg(5, OWNER, oct10("11:30"))])
    m = month(r, "2026-10")
    assert m["chat_dialogues"] == 2
    assert m["chat_response_min"]["avg"] == pytest.approx(30.5)
    assert m["chat_response_min"]["median"] == pytest.approx(30.5)
    assert m["chat_response_min"]["p90"] == pytest.approx(1 + 0.9 * 59)
    assert m["by_specialist"]["1"]["dialogues"] == 2            # S2's 10:02 message closed nothing
    assert "2" not in m["by_specialist"]


def test_thanks_opens_a_new_dialogue_that_waits_for_any_support_message():
    msgs = [msg(1, U10, oct10("10:00")), msg(2, U11, oct10("10:05")), msg(3, OWNER, oct10("10:06")),
            msg(4, U10, oct10("10:21"), text="спасибо")]
    r = desk(msgs, now="2026-10-10T12:21:00+03:00")
    m = month(r, "2026-10")
    assert m["chat_dialogues"] == 2
    assert m["chat_response_min"]["avg"] == pytest.approx(6.0)
    assert m["chat_unanswered"] == 1
    assert m["chat_oldest_wait_min"] == pytest.approx(120.0)
    assert [(d["message_id"], d["wait_min"], d["text"]) for d in r["unanswered"]] == [(4, 120.0, "спасибо")]
    # whatever the next support message says, it closes the "thanks" dialogue
    r = desk(msgs + [msg(5, S3, oct10("12:00"), text="Пожалуйста!")], now="2026-10-10T12:21:00+03:00")
    assert month(r, "2026-10")["chat_unanswered"] == 0
    assert month(r, "2026-10")["chat_response_min"]["count"] == 2
    assert r["unanswered"] == []


def test_dialogue_across_month_boundary_belongs_to_its_first_message_month():
    r = desk([msg(1, U12, "2026-03-31T23:50:00+03:00"), msg(2, S2, "2026-04-01T00:10:00+03:00")])
    assert month(r, "2026-03")["chat_dialogues"] == 1
    assert month(r, "2026-03")["chat_response_min"]["avg"] == pytest.approx(20.0)
    assert month(r, "2026-03")["by_specialist"]["2"]["dialogues"] == 1
    assert month(r, "2026-04")["chat_dialogues"] == 0
    assert month(r, "2026-04")["by_specialist"] == {}


def test_message_at_midnight_on_the_first_is_in_the_new_month():
    r = desk([msg(1, U10, "2026-11-01T00:00:00+03:00"), msg(2, S2, "2026-11-01T00:05:00+03:00")])
    assert month(r, "2026-11")["chat_dialogues"] == 1
    assert month(r, "2026-10")["chat_dialogues"] == 0
    # the same instant written in UTC is still 1 November in the desk's zone
    r = desk([msg(1, U10, "2026-10-31T21:00:00+00:00"), msg(2, S2, "2026-10-31T21:05:00Z")])
    assert month(r, "2026-11")["chat_dialogues"] == 1


def test_only_support_messages_make_no_dialogue():
    r = desk([msg(1, S2, oct10("10:00")), msg(2, S3, oct10("10:05")), msg(3, OWNER, oct10("10:06"))])
    assert all(m["chat_dialogues"] == 0 for m in r["months"].values())
    assert r["unanswered"] == []


def test_system_bot_and_deleted_messages_are_ignored():
    msgs = [msg(1, 0, oct10("09:00"), system=True),                       # system: no dialogue
            msg(2, U10, oct10("09:30"), deleted=True),                     # deleted placeholder: no dialogue
            msg(3, U11, oct10("10:00")), msg(4, BOT, oct10("10:01")),      # the bot does not answer
            msg(5, S2, oct10("10:30"), deleted=True),                      # a deleted reply does not answer
            msg(6, S3, oct10("10:40")),
            msg(7, U12, oct10("11:00"), system=True)]                      # isSystem even with a user author
    m = month(desk(msgs), "2026-10")
    assert m["chat_dialogues"] == 1
    assert m["chat_response_min"]["avg"] == pytest.approx(40.0)
    assert m["by_specialist"] == {"3": {"dialogues": 1, "tasks_closed": 0, "median_response_min": 40.0}}


def test_bot_from_settings_is_a_bot_even_if_not_in_users():
    users = [{"id": u, "name": "", "bot": False} for u in (1, 2, 3, 10)]
    r = desk([msg(1, U10, oct10("10:00")), msg(2, BOT, oct10("10:01")), msg(3, S2, oct10("10:09"))], users=users)
    assert month(r, "2026-10")["chat_response_min"]["avg"] == pytest.approx(9.0)


def test_order_is_time_then_id_whatever_the_input_order():
    msgs = [msg(10, U10, oct10("10:00")), msg(11, S2, oct10("10:10")), msg(12, U11, oct10("10:10")),
            msg(13, S3, oct10("10:30"))]
    expected = month(desk(msgs), "2026-10")
    assert expected["chat_dialogues"] == 2               # S2 (id 11) before U11 (id 12) at the same minute
    assert expected["chat_response_min"]["avg"] == pytest.approx(15.0)
    shuffled = msgs[:]
    random.Random(3).shuffle(shuffled)
    assert month(desk(shuffled), "2026-10") == expected


def test_messages_of_other_chats_are_left_out():
    r = desk([msg(1, U10, oct10("10:00"), chat=555), msg(2, U11, oct10("10:05")), msg(3, S2, oct10("10:20"))])
    assert month(r, "2026-10")["chat_response_min"]["avg"] == pytest.approx(15.0)


def test_statistics_use_linear_interpolation_and_dash_when_empty():
    times = [("10:00", "10:01"), ("11:00", "11:02"), ("12:00", "12:03"), ("13:00", "13:10")]
    msgs = []
    for i, (q, a) in enumerate(times):
        msgs += [msg(2 * i + 1, U10, oct10(q)), msg(2 * i + 2, S2, oct10(a))]
    m = month(desk(msgs), "2026-10")
    assert m["chat_response_min"] == {"avg": pytest.approx(4.0), "median": pytest.approx(2.5),
                                      "p90": pytest.approx(3 + 0.7 * 7), "count": 4}
    assert month(desk(msgs), "2026-09")["chat_response_min"] == {"avg": None, "median": None, "p90": None,
                                                                 "count": 0}


def test_unanswered_dialogue_counts_in_its_month_with_its_wait():
    r = desk([msg(1, U12, "2026-11-24T18:00:00+03:00"), msg(2, U11, "2026-11-24T19:00:00+03:00")])
    m = month(r, "2026-11")
    assert (m["chat_dialogues"], m["chat_unanswered"]) == (1, 1)
    assert m["chat_oldest_wait_min"] == pytest.approx(18 * 60)
    assert m["chat_response_min"]["avg"] is None
    assert r["unanswered"][0]["messages"] == 2 and r["unanswered"][0]["month"] == "2026-11"


def test_chat_dialogues_records():
    dialogues = chat_dialogues([msg(1, U10, oct10("10:00")), msg(2, S2, oct10("10:20")), msg(3, U11, oct10("10:30"))],
                               support_ids={1, 2, 3}, bot_ids={BOT}, chat_id=101)
    assert [(d.first_message_id, d.reply_id, d.replied_by, d.response_min) for d in dialogues] == [
        (1, 2, 2, 20.0), (3, None, None, None)]
    assert dialogues[1].answered is False


def test_without_a_chat_setting_each_chat_is_walked_on_its_own():
    from tests.unit.test_metrics_helpers import SETTINGS
    r = desk([msg(1, U10, oct10("10:00"), chat=101), msg(2, U11, oct10("10:05"), chat=102),
              msg(3, S2, oct10("10:10"), chat=102)], settings={**SETTINGS, "chat_id": None})
    m = month(r, "2026-10")
    assert (m["chat_dialogues"], m["chat_unanswered"]) == (2, 1)
    assert m["chat_response_min"]["avg"] == pytest.approx(5.0)
    assert [(d["chat_id"], d["message_id"]) for d in r["unanswered"]] == [(101, 1)]

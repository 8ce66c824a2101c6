"""The weekly digest's figures (decisions 111–112): hand-counted, equal to the dashboard's figures for
the same items, the 12-week trend, best/worst and the oldest waiting; ru and en lines."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from servicedesk.bot.digest import digest_lines, due_at
from servicedesk.metrics import compute_desk
from servicedesk.metrics.digest import last_full_week, week_digest
from servicedesk.metrics.items import DeskItems
from servicedesk.model.settings import Settings

MSK = ZoneInfo("Europe/Moscow")
SETTINGS = {"group_id": 2, "chat_id": 3, "time_zone": "Europe/Moscow", "bot_id": 41,
            "sla_targets": {"chat_first_response": 30, "task_close": {"medium": 24}}}
NOW = "2026-12-07T10:00:00+03:00"            # Monday: the digest covers Mon 30 Nov - Sun 6 Dec


def msg(mid, when, author, text="q"):
    return {"id": mid, "chat_id": 3, "author_id": author, "date": f"2026-{when}+03:00", "text": text}


def task(tid, created, closed=None, status=5):
    return {"id": str(tid), "title": f"T{tid}", "groupId": "2", "createdDate": f"2026-{created}+03:00",
            "closedDate": f"2026-{closed}+03:00" if closed else None, "status": str(status if closed else 3),
            "priority": "1", "responsibleId": "4"}


# The week of 30 Nov: chat 10 min (ok), 40 min (breached), 20 min (ok) → 3 questions, 1 of 3 over, median 20;
# the week before: 2 questions, both over (45, 50 min). Tasks: T1 10 h (ok), T2 30 h (over), T3 open since
# Thu 3 Dec 10:00 (over by now: 96 h), T4 in the week before (closed in 2 h).
MESSAGES = [msg(1, "11-24T10:00:00", 8), msg(2, "11-24T10:45:00", 4), msg(3, "11-25T10:00:00", 9),
            msg(4, "11-25T10:50:00", 5), msg(5, "11-30T10:00:00", 8), msg(6, "11-30T10:10:00", 4),
            msg(7, "12-02T12:00:00", 9), msg(8, "12-02T12:40:00", 5), msg(9, "12-04T15:00:00", 10),
            msg(10, "12-04T15:20:00", 4)]
TASKS = [task(1, "12-01T09:00:00", "12-01T19:00:00"), task(2, "12-02T09:00:00", "12-03T15:00:00"),
         task(3, "12-03T10:00:00"), task(4, "11-26T09:00:00", "11-26T11:00:00")]
SUPPORT = {3, 4, 5}


def digest():
    items = DeskItems(MESSAGES, [], [], TASKS, SETTINGS, SUPPORT, NOW)
    return week_digest(items, last_full_week(datetime.fromisoformat(NOW), MSK))


def test_the_week_hand_counted():
    d = digest()
    assert d["week"] == "2026-11-30"
    chat, tasks = d["figures"]["chat"], d["figures"]["tasks"]
    assert (chat["count"], chat["breached"], chat["with_target"], chat["median_min"]) == (3, 1, 3, 20.0)
    assert round(chat["breach_pct"], 3) == 33.333
    assert (tasks["count"], tasks["closed"], tasks["breached"], tasks["median_min"]) == (3, 2, 2, 20 * 60.0)
    assert d["trend"]["chat"][-2:] == [100.0, d["figures"]["chat"]["breach_pct"]]
    assert d["trend"]["chat"][:-2] == [None] * 10 and len(d["trend_weeks"]) == 12
    assert d["best"]["series"] == "chat" and round(d["best"]["change"]) == -67
    assert d["worst"]["series"] == "tasks" and d["worst"]["change"] == 100 * 2 / 3 - 0
    assert d["oldest"]["kind"] == "tasks" and d["oldest"]["id"] == 3


def test_the_digest_equals_the_dashboards_figures_for_the_same_items():
    # Only the digest's week in the data: the dashboard's December figures are the week's.
    week_msgs = [m for m in MESSAGES if m["id"] >= 7]
    week_tasks = [x for x in TASKS if x["id"] in ("2", "3")]
    items = DeskItems(week_msgs, [], [], week_tasks, SETTINGS, SUPPORT, NOW)
    d = week_digest(items, last_full_week(datetime.fromisoformat(NOW), MSK))
    dec = compute_desk(week_msgs, [], [], week_tasks, SETTINGS, SUPPORT, NOW)["months"]["2026-12"]
    assert d["figures"]["chat"]["count"] == dec["chat_dialogues"]
    assert d["figures"]["chat"]["median_min"] == dec["chat_response_min"]["median"]
    assert d["figures"]["chat"]["breach_pct"] == dec["breach"]["chat"]["pct"]
    assert d["figures"]["tasks"]["count"] == dec["tasks_new"]
    assert d["figures"]["tasks"]["closed"] == dec["tasks_closed"]
    assert d["figures"]["tasks"]["breach_pct"] == dec["breach"]["tasks"]["pct"]
    assert d["figures"]["tasks"]["median_min"] == dec["time_to_close_min"]["median"]


def test_lines_ru_and_en():
    d = digest()
    ru, en = digest_lines(d, "ru"), digest_lines(d, "en")
    assert ru[0] == "📊 Сводка за неделю с 2026-11-30" and en[0] == "📊 Weekly digest, week of 2026-11-30"
    assert "Чат: 3 вопросов, медиана ответа 20 мин. Сверх цели: 33% (1 из 3)." in ru
    assert "Tasks: 3 new, 2 closed, median time to close 20 h. Over target: 67% (2 of 3)." in en
    assert any(x.startswith("Oldest waiting now: tasks #3") for x in en)
    assert len(ru) == len(en)


def test_due_on_the_desks_day_and_hour():
    s = Settings.from_dict({**SETTINGS, "digest_day": "tu", "digest_hour": "8"})
    assert due_at(s, datetime(2026, 12, 9, 12, tzinfo=MSK), MSK) == datetime(2026, 12, 8, 8, tzinfo=MSK)
    assert due_at(Settings.from_dict(SETTINGS), datetime(2026, 12, 7, 8, tzinfo=MSK), MSK) == \
        datetime(2026, 12, 7, 9, tzinfo=MSK)

"""Ratings of a chat-first-line desk (decisions 150–154) against a hand-counted example: the bot's
votes on closed chat tasks count as Open Line ratings do (decision 108) — per month of the task's
close (in the desk's zone), per responsible, in the scorecard and the rows behind it; ru and en."""
from __future__ import annotations

import json

import pytest

from servicedesk.bot.csat import votes_of
from servicedesk.metrics import compute_desk
from servicedesk.metrics.scorecard import scorecard
from servicedesk.views.dashboard_sla import csat_rows

SETTINGS = {"group_id": 2, "chat_id": 3, "time_zone": "Europe/Moscow"}
NOW = "2026-12-10T12:00:00+03:00"


def item(iid, task, resp, vote, closed, group=2):
    data = {"task": task, "desk": 1, "group": group, "author": 8, "responsible": resp, "closed": closed,
            "vote": vote, "voted": closed}
    return {"ID": str(iid), "CODE": f"csat:{task}", "NAME": vote, "DETAIL_TEXT": json.dumps(data)}


# November (Moscow): specialist 4 — like, like, dislike; specialist 5 — like. Task 15 closed at
# 00:30 on 1 December in Moscow (still 30 November in UTC): December, a dislike. Task 16 offered, not
# rated; task 17 is another desk's; a second item of task 11 or 18 (two checkers offering at once) is left
# out: a press updates a task's lowest item, which is the one counted (task 18's is not rated).
ITEMS = [item(1, 11, 4, "like", "2026-11-02T10:00:00+03:00"), item(2, 12, 4, "like", "2026-11-03T10:00:00+03:00"),
         item(3, 13, 4, "dislike", "2026-11-04T10:00:00+03:00"), item(4, 14, 5, "like", "2026-11-05T10:00:00+03:00"),
         item(5, 15, 5, "dislike", "2026-11-30T21:30:00+00:00"), item(6, 16, 5, "none", "2026-11-06T10:00:00+03:00"),
         item(7, 17, 4, "like", "2026-11-07T10:00:00+03:00", group=9),
         item(8, 11, 4, "dislike", "2026-11-02T10:00:00+03:00"), {"ID": "9", "CODE": "alerts", "DETAIL_TEXT": "{}"},
         item(10, 18, 5, "none", "2026-11-09T10:00:00+03:00"), item(11, 18, 5, "like", "2026-11-09T10:00:00+03:00")]
VOTES = votes_of(ITEMS, 2)


def task(tid, closed, resp, group=2):
    return {"id": tid, "title": f"Задача {tid}", "groupId": group, "status": 5, "responsibleId": resp,
            "createdDate": "2026-10-20T10:00:00+03:00", "closedDate": closed}


# The desk's tasks the user's load holds: every rated one but task 14 (the user may not read it):
# its like is neither counted nor shown (decision 153).
TASKS = [task(11, "2026-11-02T10:00:00+03:00", 4), task(12, "2026-11-03T10:00:00+03:00", 4),
         task(13, "2026-11-04T10:00:00+03:00", 4), task(15, "2026-11-30T21:30:00+00:00", 5),
         task(16, "2026-11-06T10:00:00+03:00", 5), task(19, "2026-11-05T10:00:00+03:00", 5)]
TASKS_ALL = TASKS + [task(14, "2026-11-05T10:00:00+03:00", 5)]


def test_the_storage_items_give_one_vote_per_rated_task_of_the_desk():
    assert [(v["task"], v["vote"]) for v in VOTES] == [(11, 1), (12, 1), (13, -1), (14, 1), (15, -1)]


def test_a_vote_counts_only_for_a_task_the_user_loaded():
    f = compute_desk([], [], [], TASKS, SETTINGS, {4, 5}, NOW, task_votes=VOTES)
    assert f["months"]["2026-11"]["csat"] == {"rated": 3, "positive": 2, "negative": 1, "pct": pytest.approx(200 / 3)}
    assert "5" not in f["months"]["2026-11"]["csat_by_operator"]
    card = scorecard([], [], [], TASKS, SETTINGS, {4, 5}, "2026-11", NOW, task_votes=VOTES)
    assert card["people"]["5"]["csat_rated"] == 0


def test_the_month_share_of_likes_and_the_number_rated():
    f = compute_desk([], [], [], TASKS_ALL, SETTINGS, {4, 5}, NOW, task_votes=VOTES)
    nov, dec = f["months"]["2026-11"]["csat"], f["months"]["2026-12"]["csat"]
    assert nov == {"rated": 4, "positive": 3, "negative": 1, "pct": 75.0}
    assert dec == {"rated": 1, "positive": 0, "negative": 1, "pct": 0.0}
    by = f["months"]["2026-11"]["csat_by_operator"]
    assert by["4"]["rated"] == 3 and by["4"]["pct"] == pytest.approx(200 / 3)
    assert by["5"] == {"rated": 1, "positive": 1, "negative": 0, "pct": 100.0}
    assert f["months"]["2026-10"]["csat"]["pct"] is None                  # nothing rated: "—"
    assert compute_desk([], [], [], TASKS_ALL, SETTINGS, {4, 5}, NOW)["months"]["2026-11"]["csat"]["rated"] == 0


def test_the_scorecard_shows_each_specialists_ratings():
    card = scorecard([], [], [], TASKS_ALL, SETTINGS, {4, 5}, "2026-11", NOW, task_votes=VOTES)
    four, five = card["people"]["4"], card["people"]["5"]
    assert (four["csat_rated"], four["csat_pct"]) == (3, pytest.approx(200 / 3))
    assert (five["csat_rated"], five["csat_pct"]) == (1, 100.0)


def test_the_rows_behind_the_figure_are_the_rated_tasks():
    pytest.importorskip("pandas")
    from servicedesk.metrics.rows import DeskRows
    table = DeskRows.of([], [{"id": 4, "name": "Анна"}], [], TASKS_ALL, SETTINGS, {4, 5}, NOW,
                        task_votes=VOTES).table("csat_tasks", "2026-11")
    assert [(r["id"], r["vote"], r["responsible"], r["title"]) for r in table["rows"]] == [
        (11, "like", "Анна", "Задача 11"), (12, "like", "Анна", "Задача 12"), (13, "dislike", "Анна", "Задача 13"),
        (14, "like", "#5", "Задача 14")]
    assert table["total"] == 4 and table["rows"][0]["closed"].startswith("2026-11-02T10:00")
    dec = DeskRows.of([], [], [], TASKS_ALL, SETTINGS, {4, 5}, NOW, task_votes=VOTES).table("csat_tasks", "2026-12")
    assert [r["id"] for r in dec["rows"]] == [15]


@pytest.mark.parametrize("lang,desk", [("ru", "Вся служба"), ("en", "Whole desk")])
def test_the_dashboard_rows(lang, desk):
    f = compute_desk([], [], [], TASKS_ALL, SETTINGS, {4, 5}, NOW, task_votes=VOTES)
    rows = csat_rows(f, "2026-11", lang, {4: "Анна", 5: "Борис"})
    assert [(r["who"], r["pct"], r["rated"]) for r in rows] == [
        (desk, "75%", "4"), ("Анна", "66,7%" if lang == "ru" else "66.7%", "3"), ("Борис", "100%", "1")]

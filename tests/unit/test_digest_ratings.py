"""Customer ratings in the weekly digest (decisions 176–178), hand-counted: an Open Line desk's session votes
(likes, dislikes, none, spam, the week's edges in the desk's zone) by the session's creation, a chat desk's
votes by the task's close, "no ratings this week" rather than 0 %, the same figure as the dashboard's month
for the same items, ratings kept out of best / worst; ru and en lines."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from servicedesk.bot.digest import digest_lines, ratings_line
from servicedesk.metrics import compute_desk
from servicedesk.metrics.digest import SERIES, last_full_week, week_digest
from servicedesk.metrics.items import DeskItems

MSK = ZoneInfo("Europe/Moscow")
NOW = "2026-12-07T10:00:00+03:00"            # Monday: the digest covers Mon 30 Nov - Sun 6 Dec (Moscow)
OPENLINE = {"group_id": 2, "openline_id": 1, "bot_id": 41, "time_zone": "Europe/Moscow",
            "sla_targets": {"openline_first_response": 10}}
CHAT = {"group_id": 2, "chat_id": 3, "bot_id": 41, "time_zone": "Europe/Moscow",
        "sla_targets": {"chat_first_response": 30}}


def ses(sid, created, vote, reason=None, line=1):
    """A session created at ``created`` (an ISO time with its offset), answered 5 min later."""
    at = datetime.fromisoformat(created)
    return {"id": sid, "configId": line, "operatorId": 4, "userId": 90 + sid, "chatId": 500 + sid,
            "dateCreate": at.isoformat(), "dateOperatorAnswer": (at + timedelta(minutes=5)).isoformat(),
            "dateClose": (at + timedelta(minutes=30)).isoformat(), "status": "closed", "closeReason": reason,
            "vote": vote}


# The week of 30 Nov (Moscow): S1 Mon 00:00 MSK like (Sun 29 Nov 21:00 UTC: the week before in UTC, this week
# in the desk's zone), S2 like, S3 dislike ("1"), S4 like ("5"), S5 none, S6 spam with a like (left out),
# S7 Sun 6 Dec 23:59 MSK like, S10 like ("like"), S13 another Open Line's like (left out) → 5 of 6.
# S8 Mon 7 Dec 00:00 MSK dislike is the next week. The week before: S9 Sun 29 Nov 23:59 MSK like, S11 dislike,
# S12 like → 2 of 3.
SESSIONS = [ses(1, "2026-11-30T00:00:00+03:00", "like"), ses(2, "2026-12-01T10:00:00+03:00", 5),
            ses(3, "2026-12-02T10:00:00+03:00", "1"), ses(4, "2026-12-03T10:00:00+03:00", "5"),
            ses(5, "2026-12-04T10:00:00+03:00", "none"), ses(6, "2026-12-05T10:00:00+03:00", "like", "spam"),
            ses(7, "2026-12-06T23:59:00+03:00", "like"), ses(8, "2026-12-07T00:00:00+03:00", "dislike"),
            ses(9, "2026-11-29T23:59:00+03:00", "like"), ses(10, "2026-12-03T15:00:00+03:00", "like"),
            ses(11, "2026-11-25T10:00:00+03:00", "dislike"), ses(12, "2026-11-24T10:00:00+03:00", 5),
            ses(13, "2026-12-02T11:00:00+03:00", "like", line=7)]


def task(tid, created, closed):
    return {"id": str(tid), "title": f"T{tid}", "groupId": "2", "createdDate": created, "closedDate": closed,
            "status": "5", "priority": "1", "responsibleId": "4"}


# A chat desk (decision 153: by the task's close, desk zone). T1 like closed Tue 1 Dec, T2 dislike Wed 2 Dec,
# T4 like closed Mon 30 Nov 00:10 MSK (29 Nov 21:10 UTC: this week), T3 like closed Mon 7 Dec 00:30 MSK (6 Dec
# 21:30 UTC: next week), T5 like on a task the load does not hold (another desk's, or not readable): left out
# → this week 2 of 3; the week before nothing rated.
TASKS = [task(1, "2026-11-30T09:00:00+03:00", "2026-12-01T12:00:00+03:00"),
         task(2, "2026-11-30T09:00:00+03:00", "2026-12-02T12:00:00+03:00"),
         task(3, "2026-12-01T09:00:00+03:00", "2026-12-07T00:30:00+03:00"),
         task(4, "2026-11-27T09:00:00+03:00", "2026-11-30T00:10:00+03:00")]
VOTES = [{"task": 1, "vote": 1, "closed": "2026-12-01T09:00:00+00:00", "responsible": 4},
         {"task": 2, "vote": -1, "closed": "2026-12-02T09:00:00+00:00", "responsible": 4},
         {"task": 3, "vote": 1, "closed": "2026-12-06T21:30:00+00:00", "responsible": 4},
         {"task": 4, "vote": 1, "closed": "2026-11-29T21:10:00+00:00", "responsible": 4},
         {"task": 5, "vote": 1, "closed": "2026-12-01T09:00:00+00:00", "responsible": 4}]


def digest(settings, sessions=(), tasks=(), votes=None):
    items = DeskItems([], [], list(sessions), list(tasks), settings, {4}, NOW, task_votes=votes)
    return week_digest(items, last_full_week(datetime.fromisoformat(NOW), MSK))


def test_an_open_line_week_hand_counted():
    r = digest(OPENLINE, SESSIONS)["ratings"]
    assert r["of"] == "sessions"
    assert r["week"] == {"rated": 6, "positive": 5, "negative": 1, "pct": pytest.approx(500 / 6)}
    assert r["before"] == {"rated": 3, "positive": 2, "negative": 1, "pct": pytest.approx(200 / 3)}
    assert ratings_line(r, "en") == "Customer ratings: 83% positive (5 of 6); the week before: 67% (2 of 3)."
    assert ratings_line(r, "ru") == "Оценки клиентов: 83% положительных (5 из 6); неделей раньше: 67% (2 из 3)."


def test_a_chat_desks_votes_by_the_tasks_close():
    r = digest(CHAT, tasks=TASKS, votes=VOTES)["ratings"]
    assert r["of"] == "tasks"
    assert r["week"] == {"rated": 3, "positive": 2, "negative": 1, "pct": pytest.approx(200 / 3)}
    assert r["before"]["rated"] == 0 and r["before"]["pct"] is None
    assert ratings_line(r, "en") == "Customer ratings: 67% positive (2 of 3); the week before: none."
    assert ratings_line(r, "ru") == "Оценки клиентов: 67% положительных (2 из 3); неделей раньше: оценок не было."


def test_nobody_rated_this_week_is_said_not_zero_percent():
    before_only = [s for s in SESSIONS if s["id"] in (9, 11, 12)] + [SESSIONS[4]]      # this week: S5, unrated
    d = digest(OPENLINE, before_only)
    assert d["ratings"]["week"] == {"rated": 0, "positive": 0, "negative": 0, "pct": None}
    assert ratings_line(d["ratings"], "en") == \
        "Customer ratings: no ratings this week; the week before: 67% (2 of 3)."
    assert ratings_line(d["ratings"], "ru") == \
        "Оценки клиентов: за эту неделю оценок нет; неделей раньше: 67% (2 из 3)."
    assert not any("0%" in line for line in digest_lines(d, "en") if line.startswith("Customer"))


def test_the_line_stands_after_the_series_and_before_best_and_worst_in_both_languages():
    d = digest(OPENLINE, SESSIONS)
    for lang, head in (("ru", "Оценки клиентов:"), ("en", "Customer ratings:")):
        lines = digest_lines(d, lang)
        at = [i for i, line in enumerate(lines) if line.startswith(head)]
        assert len(at) == 1 and lines[at[0] - 1].startswith(("Задачи", "Tasks"))       # the series' last line
        assert lines[at[0] - 2].startswith(("Открытые линии: 7 диалогов", "Open Lines: 7 dialogues"))
        assert lines[at[0]] == ratings_line(d["ratings"], lang)


def test_no_line_where_no_rating_is_collected_or_the_votes_were_not_read():
    assert digest({**CHAT, "bot_id": None}, tasks=TASKS, votes=VOTES)["ratings"] is None   # no bot: no offers
    unread = digest(CHAT, tasks=TASKS, votes=None)                                      # refused: unknown
    assert unread["ratings"] is None
    assert not any(x.startswith("Customer ratings") for x in digest_lines(unread, "en"))
    assert digest(CHAT, tasks=TASKS, votes=[])["ratings"]["week"]["rated"] == 0         # read: none rated


def test_the_digests_ratings_are_the_dashboards_for_the_same_items():
    """Only the digest's week in the data: the dashboard's December CSAT (days 1-6) and November's (30 Nov)
    add up to the week's, the month's own counting (metrics.csat.csat_figures)."""
    week = [s for s in SESSIONS if s["id"] in (1, 2, 3, 4, 5, 6, 7, 10, 13)]
    d = digest(OPENLINE, week)["ratings"]["week"]
    months = compute_desk([], [], week, [], OPENLINE, {4}, NOW)["months"]
    dec, nov = months["2026-12"]["csat"], months["2026-11"]["csat"]
    assert (nov["rated"], nov["positive"]) == (1, 1)              # S1, Mon 30 Nov 00:00 Moscow time
    assert (d["rated"], d["positive"]) == (dec["rated"] + nov["rated"], dec["positive"] + nov["positive"])
    chat = digest(CHAT, tasks=TASKS, votes=VOTES)["ratings"]["week"]
    cm = compute_desk([], [], [], TASKS, CHAT, {4}, NOW, task_votes=VOTES)["months"]
    assert (cm["2026-11"]["csat"]["rated"], cm["2026-12"]["csat"]["rated"]) == (1, 3)    # T4; T1, T2, T3
    assert chat["rated"] == cm["2026-11"]["csat"]["rated"] + cm["2026-12"]["csat"]["rated"] - 1   # T3: next week


def test_ratings_stay_out_of_best_and_worst():
    """Decision 178: best / worst compare the series' breach %; a swing of ratings (here 0 % → 100 %) names
    no trend."""
    swing = [ses(20, "2026-11-25T10:00:00+03:00", "dislike"), ses(21, "2026-12-02T10:00:00+03:00", "like")]
    d = digest(OPENLINE, swing)
    assert (d["ratings"]["before"]["pct"], d["ratings"]["week"]["pct"]) == (0.0, 100.0)
    assert d["best"] is None and d["worst"] is None
    assert all(d[k] is None or d[k]["series"] in SERIES for k in ("best", "worst"))

"""Customer ratings (decisions 108–109) against hand-counted examples: the month's share of likes and
the number rated, per operator, in the scorecard and in the rows behind the figure; ru and en."""
from __future__ import annotations

import pytest

from servicedesk.metrics import compute_desk
from servicedesk.metrics.scorecard import scorecard
from servicedesk.model.openline import Session, parse_vote
from servicedesk.views.dashboard_sla import csat_rows

SETTINGS = {"group_id": 2, "openline_id": 1, "time_zone": "Europe/Moscow"}
NOW = "2026-12-10T12:00:00+03:00"


def ses(sid, day, op, vote, status="closed", reason=None):
    return {"id": sid, "configId": 1, "operatorId": op, "userId": 90 + sid, "chatId": 500 + sid,
            "dateCreate": f"2026-{day}T10:00:00+03:00", "dateOperatorAnswer": f"2026-{day}T10:05:00+03:00",
            "dateClose": f"2026-{day}T11:00:00+03:00", "status": status, "closeReason": reason, "vote": vote}


# November: op 4 — like, like, dislike, none; op 5 — like, "dislike" (text); a spam session's like is left out.
# December: op 4 — dislike (as Bitrix24 keeps it: 1). October: nothing rated.
SESSIONS = [ses(1, "11-02", 4, 5), ses(2, "11-03", 4, "like"), ses(3, "11-04", 4, 1), ses(4, "11-05", 4, 0),
            ses(5, "11-06", 5, "5"), ses(6, "11-07", 5, "dislike"), ses(7, "11-08", 5, 5, reason="spam"),
            ses(8, "12-01", 4, 1), ses(9, "10-01", 4, "none")]


def test_votes_are_read_in_both_spellings():
    assert [parse_vote(v) for v in (5, "5", "like", 1, "1", "dislike", 0, "none", None, "")] == \
        [1, 1, 1, -1, -1, -1, 0, 0, 0, 0]
    assert Session.from_rest(SESSIONS[0]).vote == 1


def test_the_month_share_of_likes_and_the_number_rated():
    f = compute_desk([], [], SESSIONS, [], SETTINGS, {4, 5}, NOW)
    nov, dec, oct_ = (f["months"][k]["csat"] for k in ("2026-11", "2026-12", "2026-10"))
    assert nov == {"rated": 5, "positive": 3, "negative": 2, "pct": 60.0}       # 3 likes of 5 rated
    assert dec == {"rated": 1, "positive": 0, "negative": 1, "pct": 0.0}
    assert oct_ == {"rated": 0, "positive": 0, "negative": 0, "pct": None}
    by_op = f["months"]["2026-11"]["csat_by_operator"]
    assert by_op["4"]["rated"] == 3 and by_op["4"]["pct"] == pytest.approx(200 / 3)
    assert by_op["5"] == {"rated": 2, "positive": 1, "negative": 1, "pct": 50.0}


def test_the_scorecard_shows_each_operators_ratings():
    card = scorecard([], [], SESSIONS, [], SETTINGS, {4, 5}, "2026-11", NOW)
    four, five = card["people"]["4"], card["people"]["5"]
    assert (four["csat_rated"], four["csat_pct"]) == (3, pytest.approx(200 / 3))
    assert (five["csat_rated"], five["csat_pct"]) == (2, 50.0)


def test_the_rows_behind_the_figure_are_the_rated_dialogues():
    pytest.importorskip("pandas")
    from servicedesk.metrics.rows import DeskRows
    table = DeskRows.of([], [], SESSIONS, [], SETTINGS, {4, 5}, NOW).table("csat", "2026-11")
    assert [(r["session_id"], r["vote"]) for r in table["rows"]] == [
        (1, "like"), (2, "like"), (3, "dislike"), (5, "like"), (6, "dislike")]


@pytest.mark.parametrize("lang,pct,desk", [("ru", "60%", "Вся служба"), ("en", "60%", "Whole desk")])
def test_the_dashboard_rows(lang, pct, desk):
    f = compute_desk([], [], SESSIONS, [], SETTINGS, {4, 5}, NOW)
    rows = csat_rows(f, "2026-11", lang, {4: "Анна", 5: "Борис"})
    assert [(r["who"], r["pct"], r["rated"]) for r in rows] == [
        (desk, pct, "5"), ("Анна", "66,7%" if lang == "ru" else "66.7%", "3"), ("Борис", "50%", "2")]
    assert csat_rows(f, "2026-10", lang, {}) == []

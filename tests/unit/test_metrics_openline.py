"""Open Line dialogues: sessions, spam left out, unanswered counted, response from the session fields."""
from __future__ import annotations

import pytest
from tests.unit.test_metrics_helpers import S2, S3, desk, month, session


def test_sessions_are_dialogues_spam_left_out_unanswered_counted():
    r = desk(sessions=[
        session(1, "2026-10-05T10:00:00+03:00", "2026-10-05T10:02:00+03:00"),
        session(2, "2026-10-20T15:00:00+03:00", "2026-10-20T15:11:00+03:00", operator=S3),
        session(3, "2026-10-21T09:00:00+03:00", None, status="new"),
        session(4, "2026-10-22T09:00:00+03:00", None, status="spam", reason="spam"),
        session(5, "2026-10-23T09:00:00+03:00", "2026-10-23T09:01:00+03:00", status="closed", reason="spam"),
    ])
    m = month(r, "2026-10")
    assert m["openline_dialogues"] == 3
    assert m["openline_unanswered"] == 1
    assert m["openline_response_min"] == {"avg": pytest.approx(6.5), "median": pytest.approx(6.5),
                                          "p90": pytest.approx(10.1), "count": 2}
    assert m["openline_by_operator"] == {
        "2": {"dialogues": 1, "answered": 1, "median_response_min": 2.0},
        "3": {"dialogues": 1, "answered": 1, "median_response_min": 11.0}}
    assert [s["session_id"] for s in r["openline_unanswered"]] == [3]


def test_response_includes_the_welcome_bot_hold():
    r = desk(sessions=[session(1, "2026-11-02T10:00:00+03:00", "2026-11-02T10:01:05+03:00")])
    assert month(r, "2026-11")["openline_response_min"]["avg"] == pytest.approx(65 / 60)


def test_month_of_creation_and_other_lines_left_out():
    r = desk(sessions=[session(1, "2026-09-30T23:59:00+03:00", "2026-10-01T00:09:00+03:00"),
                       session(2, "2026-10-02T10:00:00+03:00", "2026-10-02T10:05:00+03:00", config=6)])
    assert month(r, "2026-09")["openline_dialogues"] == 1
    assert month(r, "2026-09")["openline_response_min"]["avg"] == pytest.approx(10.0)
    assert month(r, "2026-10")["openline_dialogues"] == 0


def test_closed_without_answer_is_unanswered_but_no_longer_waiting():
    r = desk(sessions=[session(1, "2026-11-10T09:00:00+03:00", None, status="closed", reason="client",
                               closed="2026-11-10T10:00:00+03:00"),
                       session(2, "2026-11-11T09:00:00+03:00", None, status="new")])
    m = month(r, "2026-11")
    assert m["openline_unanswered"] == 2
    assert m["openline_oldest_wait_min"] == pytest.approx((14 * 24 + 3) * 60)
    assert [s["session_id"] for s in r["openline_unanswered"]] == [2]
    assert m["openline_by_operator"] == {}
    assert S2 not in m["openline_by_operator"]

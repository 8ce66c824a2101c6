"""Task figures: new, closed (last close), time to close, open at month end, internal vs external."""
from __future__ import annotations

import pytest
from tests.unit.test_metrics_helpers import S3, desk, month, session, task

OL = [session(1, "2026-10-01T10:00:00+03:00", "2026-10-01T10:01:00+03:00", chat=502)]


def test_new_closed_time_to_close_and_external():
    r = desk(sessions=OL, tasks=[
        task(1, "2026-10-03T09:00:00+03:00", "2026-10-03T17:00:00+03:00", chat="502", responsible=S3),
        task(2, "2026-09-15T10:00:00+03:00", "2026-10-02T10:00:00+03:00", chat="101"),
        task(3, "2026-10-10T12:00:00+03:00", None, status=3, chat="101"),
        task(4, "2026-10-11T12:00:00+03:00", None, status=2, group="8")])      # another group: left out
    m = month(r, "2026-10")
    assert (m["tasks_new"], m["tasks_new_external"]) == (2, 1)
    assert (m["tasks_closed"], m["tasks_closed_external"]) == (2, 1)
    assert m["time_to_close_min"] == {"avg": pytest.approx(12480.0), "median": pytest.approx(12480.0),
                                      "p90": pytest.approx(22080.0), "count": 2}
    assert {k: v["tasks_closed"] for k, v in m["by_specialist"].items()} == {"2": 1, "3": 1}
    assert (m["tasks_open"], m["tasks_open_external"]) == (1, 0)
    assert [t["id"] for t in r["open_tasks"]] == [3]


def test_closed_then_reopened_is_open_not_closed():
    r = desk(tasks=[task(1, "2026-10-01T10:00:00+03:00", "2026-10-05T10:00:00+03:00", status=3)])
    assert month(r, "2026-10")["tasks_closed"] == 0
    assert month(r, "2026-10")["time_to_close_min"]["avg"] is None
    assert all(month(r, k)["tasks_open"] == 1 for k in ("2026-10", "2026-11"))
    assert [t["id"] for t in r["open_tasks"]] == [1]


def test_closed_reopened_closed_again_counts_once_at_the_last_close():
    r = desk(tasks=[task(1, "2026-09-01T10:00:00+03:00", "2026-11-02T10:00:00+03:00")])
    assert month(r, "2026-09")["tasks_closed"] == 0 and month(r, "2026-10")["tasks_closed"] == 0
    assert month(r, "2026-11")["tasks_closed"] == 1
    assert month(r, "2026-11")["time_to_close_min"]["avg"] == pytest.approx((30 + 31 + 1) * 1440)
    assert [month(r, k)["tasks_open"] for k in ("2026-08", "2026-09", "2026-10", "2026-11")] == [0, 1, 1, 0]


@pytest.mark.parametrize("status", [2, 3, 4, 6])
def test_awaiting_control_and_deferred_are_open(status):
    r = desk(tasks=[task(1, "2026-11-02T10:00:00+03:00", None, status=status)])
    assert month(r, "2026-11")["tasks_open"] == 1
    assert month(r, "2026-10")["tasks_open"] == 0


def test_open_at_month_end_and_now_for_the_current_month():
    r = desk(tasks=[task(1, "2026-10-31T23:59:00+03:00", "2026-11-01T00:00:00+03:00"),   # closed at 00:00 Nov 1
                    task(2, "2026-11-01T00:00:00+03:00", "2026-11-20T00:00:00+03:00"),
                    task(3, "2026-11-24T00:00:00+03:00", None, status=2)],
             now="2026-11-25T12:00:00+03:00")
    assert month(r, "2026-10")["tasks_open"] == 1          # task 1 not closed by Oct's end
    assert month(r, "2026-10")["tasks_new"] == 1
    assert month(r, "2026-11")["tasks_open"] == 1          # now: only task 3
    assert month(r, "2026-11")["tasks_closed"] == 2


def test_external_is_an_open_line_chat_seen_anything_else_internal():
    sessions = OL + [session(9, "2026-10-01T11:00:00+03:00", None, status="spam", reason="spam", chat=777)]
    r = desk(sessions=sessions, tasks=[task(1, "2026-11-02T10:00:00+03:00", None, status=2, chat="502"),
                                       task(2, "2026-11-02T10:00:00+03:00", None, status=2, chat="777"),
                                       task(3, "2026-11-02T10:00:00+03:00", None, status=2, chat="303"),
                                       task(4, "2026-11-02T10:00:00+03:00", None, status=2, chat=None)])
    m = month(r, "2026-11")
    assert (m["tasks_new"], m["tasks_new_external"], m["tasks_open_external"]) == (4, 2, 2)
    assert [t["external"] for t in r["open_tasks"]] == [True, True, False, False]


def test_completed_without_close_date_uses_the_change_date():
    t = task(1, "2026-10-01T10:00:00+03:00", None)
    t["changedDate"] = "2026-10-02T10:00:00+03:00"
    r = desk(tasks=[t])
    assert month(r, "2026-10")["tasks_closed"] == 1
    assert month(r, "2026-10")["time_to_close_min"]["avg"] == pytest.approx(1440.0)


def test_open_tasks_oldest_first():
    r = desk(tasks=[task(5, "2026-11-03T10:00:00+03:00", None, status=2),
                    task(4, "2026-10-03T10:00:00+03:00", None, status=6),
                    task(6, "2026-10-03T10:00:00+03:00", None, status=3)])
    assert [t["id"] for t in r["open_tasks"]] == [4, 6, 5]
    assert r["open_tasks"][0]["age_min"] == pytest.approx((53 * 24 + 2) * 60)


def test_empty_months_are_zero_not_missing():
    r = desk()
    assert r["month_keys"] == ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]
    for key in r["month_keys"]:
        m = r["months"][key]
        assert m["chat_dialogues"] == m["tasks_new"] == m["tasks_open"] == m["openline_dialogues"] == 0
        assert m["time_to_close_min"]["avg"] is None and m["by_specialist"] == {}

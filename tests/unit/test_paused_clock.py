"""The paused clock (decisions 100–102): spans from tasks.task.history.list rows, minutes on the desk's
clock, and the figures (breach %, at-risk, time to close, rows) that leave the spans out. Hand-checked."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from servicedesk.metrics import compute_desk
from servicedesk.metrics.business import Clock
from servicedesk.metrics.items import DeskItems
from servicedesk.metrics.pauses import paused_minutes
from servicedesk.model.pauses import paused_spans
from servicedesk.model.desks import clean_record, desk_options
from servicedesk.model.settings import Settings
from servicedesk.model.sla import WorkHours

MSK = ZoneInfo("Europe/Moscow")


def ts(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=MSK).timestamp()


def row(i, when, field, frm, to):
    """One history row in the docs' shape (tasks/tasks-task-history-list.md)."""
    return {"id": i, "createdDate": f"{when}+03:00", "field": field, "value": {"from": frm, "to": to},
            "user": {"id": 4, "name": "", "lastName": "", "secondName": "", "login": ""}}


HISTORY = [row(1, "2026-11-23T10:00:00", "NEW", None, None),
           row(2, "2026-11-23T11:00:00", "STATUS", "2", "3"),
           row(3, "2026-11-24T12:00:00", "STATUS", "3", "6"),      # deferred Tue 12:00
           row(4, "2026-11-26T15:00:00", "STATUS", "6", "3"),      # back Thu 15:00
           row(5, "2026-11-27T10:00:00", "STATUS", "3", "5")]


def test_spans_come_from_status_changes_in_any_order():
    spans = paused_spans(list(reversed(HISTORY)))               # the portal's default: newest first
    assert spans == [(ts("2026-11-24T12:00:00"), ts("2026-11-26T15:00:00"))]


def test_an_open_span_runs_until_now_and_a_status_not_listed_does_not_pause():
    assert paused_spans(HISTORY[:3]) == [(ts("2026-11-24T12:00:00"), float("inf"))]
    assert paused_spans(HISTORY, pause_statuses=(4,)) == []
    assert paused_spans(HISTORY, pause_statuses=()) == []


def test_a_task_created_deferred_is_paused_from_its_creation():
    hist = [row(1, "2026-11-23T10:00:00", "NEW", None, None), row(2, "2026-11-23T13:00:00", "STATUS", "6", "3")]
    assert paused_spans(hist) == [(ts("2026-11-23T10:00:00"), ts("2026-11-23T13:00:00"))]
    assert paused_spans(hist[:1], status_now=6) == [(ts("2026-11-23T10:00:00"), float("inf"))]
    assert paused_spans(hist[:1], status_now=3) == []


def test_the_waiting_tag_pauses_and_overlaps_a_deferral_into_one_span():
    hist = [row(1, "2026-11-23T10:00:00", "NEW", None, None),
            row(2, "2026-11-23T11:00:00", "TAGS", "", "vip, Ждёт клиента"),
            row(3, "2026-11-23T12:00:00", "STATUS", "2", "6"),
            row(4, "2026-11-23T13:00:00", "TAGS", "vip, Ждёт клиента", "vip"),
            row(5, "2026-11-23T14:00:00", "STATUS", "6", "3")]
    assert paused_spans(hist, tag="ждёт клиента") == [(ts("2026-11-23T11:00:00"), ts("2026-11-23T14:00:00"))]
    assert paused_spans(hist) == [(ts("2026-11-23T12:00:00"), ts("2026-11-23T14:00:00"))]   # no tag set


def test_paused_minutes_in_working_hours():
    # Europe/Moscow 09:00-18:00, weekends SA SU: deferred Fri 27 Nov 17:00, back Mon 30 Nov 10:00:
    # Fri 17-18 (60) + Mon 9-10 (60) = 120 working minutes; 24/7: 65 h = 3900 min.
    spans = [(ts("2026-11-27T17:00:00"), ts("2026-11-30T10:00:00"))]
    business = Clock(WorkHours(), MSK)
    assert paused_minutes(business, spans, ts("2026-11-27T09:00:00"), ts("2026-12-01T09:00:00")) == 120.0
    assert paused_minutes(Clock(None, MSK), spans, ts("2026-11-27T09:00:00"), ts("2026-12-01T09:00:00")) == 3900.0
    # only the part inside [t0, t1) counts
    assert paused_minutes(business, spans, ts("2026-11-30T09:30:00"), ts("2026-11-30T12:00:00")) == 30.0
    assert paused_minutes(business, [(ts("2026-11-27T17:00:00"), float("inf"))], ts("2026-11-27T09:00:00"),
                          ts("2026-11-30T09:15:00")) == 75.0


def settings(**more) -> dict:
    return {"group_id": 2, "time_zone": "Europe/Moscow", "sla_mode": "working_hours",
            "work_hours": {"start": "09:00", "end": "18:00", "weekends": ["SA", "SU"]},
            "sla_targets": {"task_close": {"medium": 8}}, **more}


def task(tid, created, status, closed=None):
    return {"id": str(tid), "title": f"T{tid}", "groupId": "2", "createdDate": f"{created}+03:00",
            "closedDate": f"{closed}+03:00" if closed else None, "status": str(status), "priority": "1",
            "responsibleId": "4"}


TASKS = [task(1, "2026-11-23T10:00:00", 5, "2026-11-27T10:00:00"),   # closed after a deferral
         task(2, "2026-11-30T09:00:00", 6)]                            # deferred now
PAUSES = {1: paused_spans(HISTORY),
          2: [(ts("2026-11-30T12:00:00"), float("inf"))]}
NOW = "2026-12-01T15:00:00+03:00"


def test_breach_and_time_to_close_leave_the_paused_span_out():
    # Task 1: Mon 23 10:00 → Fri 27 10:00 = 8+9+9+9+1 = 36 h of work; paused Tue 12:00 → Thu 15:00 =
    # 6 + 9 + 6 = 21 h; counted 15 h = 900 min > 8 h target: breached either way, but 900 not 2160.
    plain = compute_desk([], [], [], TASKS, settings(), {4}, NOW)
    paused = compute_desk([], [], [], TASKS, settings(), {4}, NOW, pauses=PAUSES)
    assert plain["months"]["2026-11"]["time_to_close_min"]["avg"] == 2160.0
    assert paused["months"]["2026-11"]["time_to_close_min"]["avg"] == 900.0
    # Task 2: created Mon 30 09:00, paused since Mon 12:00: 3 h counted of 15 h (Mon 9 h + Tue 6 h).
    # Plain it is breached (15 h > 8 h); paused it is 3 h: not breached, not at risk (5 h left > 2 h).
    assert plain["months"]["2026-11"]["breach"]["tasks"] == {"breached": 2, "total": 2, "pct": 100.0}
    assert paused["months"]["2026-11"]["breach"]["tasks"] == {"breached": 1, "total": 2, "pct": 50.0}
    assert [r["task_id"] for r in plain["at_risk"]] == [2]
    assert paused["at_risk"] == []
    assert [r["id"] for r in paused["paused"]] == [1, 2]
    one, two = paused["paused"]
    assert (one["paused_min"], one["paused_now"]) == (21 * 60.0, False)
    assert (two["paused_min"], two["paused_now"], two["month"]) == (12 * 60.0, True, "2026-11")
    assert two["spans"][0][1] is None and one["spans"][0][0].startswith("2026-11-24T12:00:00")


def test_the_rows_behind_a_figure_use_the_same_paused_clock():
    items = DeskItems([], [], [], TASKS, settings(), {4}, NOW, pauses=PAUSES)
    assert items.tasks.elapsed_done[0] == 900.0 and items.tasks.elapsed_open[1] == 180.0
    assert list(items.tasks_paused) == [21 * 60.0, 12 * 60.0]
    pytest.importorskip("pandas")
    from servicedesk.metrics.rows import DeskRows
    table = DeskRows(items).table("time_to_close", "2026-11")
    assert [(r["id"], r["time_to_close_min"], r["paused_min"]) for r in table["rows"]] == [(1, 900.0, 1260.0)]


def test_no_pauses_changes_nothing():
    a = compute_desk([], [], [], TASKS, settings(), {4}, NOW)
    b = compute_desk([], [], [], TASKS, settings(), {4}, NOW, pauses={})
    assert a == b and a["paused"] == []


def test_pause_settings_per_desk():
    assert Settings.from_dict({}).pause_statuses == (6,)
    assert Settings.from_dict({"pause_statuses": "6,4,5,9"}).pause_statuses == (6, 4)
    assert Settings.from_dict({"pause_statuses": "[]"}).pause_statuses == ()
    rec = clean_record({"id": 2, "group_id": 7, "pause_statuses": [6, 3], "pause_tag": " ждёт клиента "})
    s = Settings.from_dict(desk_options({"bot_id": 9}, rec))
    assert (s.pause_statuses, s.pause_tag) == ((6, 3), "ждёт клиента")
    assert np.isfinite(s.alert_share)


@pytest.mark.parametrize("lang,now_word,hours", [("ru", "на паузе", "12 ч"), ("en", "paused", "12 h")])
def test_the_dashboard_lists_the_paused_tasks_of_the_month(lang, now_word, hours):
    from servicedesk.views.dashboard_sla import sla_details
    figures = compute_desk([], [], [], TASKS, settings(), {4}, NOW, pauses=PAUSES)
    rows = sla_details(figures, "2026-11", lang, {4: "Анна"})["paused"]
    assert [(r["task_id"], r["responsible"], r["spans"], r["paused_now"]) for r in rows] == [
        (1, "Анна", "1", False), (2, "Анна", "1", True)]
    assert rows[1]["state"] == now_word and hours in rows[1]["paused"]
    assert sla_details(figures, "2026-12", lang)["paused"] == []

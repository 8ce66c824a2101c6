"""Month boundaries in the desk's zone, DST-correct (America/New_York), and wall-clock durations."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from tests.unit.test_metrics_helpers import S2, U10, desk, month, msg, task

from servicedesk.metrics import month_window

NY = "America/New_York"
NOW_NY = "2026-11-25T12:00:00-05:00"


def test_window_is_12_local_midnights_across_dst():
    win = month_window(datetime.fromisoformat(NOW_NY), NY)
    assert win.keys[0] == "2025-12" and win.keys[-1] == "2026-11" and len(win.keys) == 12
    zone = ZoneInfo(NY)
    for key, start in zip(win.keys + ["2026-12"], win.starts):
        local = datetime.fromtimestamp(start, zone)
        assert (local.strftime("%Y-%m"), local.hour, local.minute, local.day) == (key, 0, 0, 1)
    assert win.starts[4] - win.starts[3] == (31 * 24 - 1) * 3600      # March loses an hour
    assert win.starts[11] - win.starts[10] == (31 * 24) * 3600         # October: still EDT on Nov 1 00:00
    assert win.starts[12] - win.starts[11] == (30 * 24 + 1) * 3600     # November gains one


def ny_chat(*pairs: tuple[str, str]) -> dict:
    """A New York desk whose chat has one (user question, support reply) per pair of local ISO times."""
    msgs = []
    for question, reply in pairs:
        msgs += [msg(len(msgs) + 1, U10, question), msg(len(msgs) + 2, S2, reply)]
    return desk(msgs, now=NOW_NY, tz=NY)


def test_april_first_half_past_midnight_edt_is_april():
    r = ny_chat(("2026-04-01T00:30:00-04:00", "2026-04-01T00:40:00-04:00"),
                ("2026-03-31T23:30:00-04:00", "2026-03-31T23:35:00-04:00"))
    assert (month(r, "2026-03")["chat_dialogues"], month(r, "2026-04")["chat_dialogues"]) == (1, 1)
    assert month(r, "2026-03")["chat_response_min"]["avg"] == pytest.approx(5.0)


def test_november_first_is_edt_midnight_even_though_dst_ends_that_night():
    r = ny_chat(("2026-10-31T23:50:00-04:00", "2026-11-01T00:10:00-04:00"),
                ("2026-11-01T00:20:00-04:00", "2026-11-01T01:30:00-05:00"))
    assert (month(r, "2026-10")["chat_dialogues"], month(r, "2026-11")["chat_dialogues"]) == (1, 1)
    # 00:20 EDT → 01:30 EST is 2 h 10 min of real time (wall-clock 24/7 durations, DST included)
    assert month(r, "2026-11")["chat_response_min"]["avg"] == pytest.approx(130.0)


def test_response_across_spring_forward_is_real_elapsed_time():
    r = ny_chat(("2026-03-08T01:30:00-05:00", "2026-03-08T03:30:00-04:00"))
    assert month(r, "2026-03")["chat_response_min"]["avg"] == pytest.approx(60.0)


def test_task_closed_at_local_midnight_counts_in_the_new_month_and_open_at_old_end():
    r = desk(tasks=[task(1, "2026-03-20T10:00:00-04:00", "2026-04-01T00:00:00-04:00")], now=NOW_NY, tz=NY)
    assert month(r, "2026-04")["tasks_closed"] == 1
    assert month(r, "2026-03")["tasks_open"] == 1 and month(r, "2026-04")["tasks_open"] == 0


def test_naive_times_are_taken_in_the_desk_zone():
    r = desk([msg(1, U10, "2026-04-01T00:30:00"), msg(2, S2, "2026-04-01T00:40:00")], now=NOW_NY, tz=NY)
    assert month(r, "2026-04")["chat_dialogues"] == 1


def test_zone_from_settings_when_not_overridden():
    from servicedesk.metrics import compute_desk
    r = compute_desk([msg(1, U10, "2026-04-01T04:30:00+00:00")], [], [], [], {"time_zone": NY}, {S2}, NOW_NY)
    assert r["time_zone"] == NY and r["months"]["2026-04"]["chat_dialogues"] == 1


def test_lists_are_oldest_first_in_real_time_across_the_autumn_change():
    # Berlin 26 Oct 2025: 02:30 CEST happens before 02:10 CET although its local text sorts after it
    tasks = [task(1, "2025-10-26T02:10:00+01:00", None, status=2), task(2, "2025-10-26T02:30:00+02:00", None, status=2)]
    msgs = [msg(1, U10, "2026-10-25T02:10:00+01:00", chat=101), msg(2, U10, "2026-10-25T02:30:00+02:00", chat=102)]
    from tests.unit.test_metrics_helpers import SETTINGS
    r = desk(msgs, tasks=tasks, tz="Europe/Berlin", now="2026-11-25T12:00:00+01:00",
             settings={**SETTINGS, "chat_id": None})
    assert [t["id"] for t in r["open_tasks"]] == [2, 1]
    assert [d["message_id"] for d in r["unanswered"]] == [2, 1]

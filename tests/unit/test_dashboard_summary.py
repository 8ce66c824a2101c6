"""The summary strip's figures (views/dashboard_summary.py) against the dashboard's own data: the golden
desk with working hours and targets (chat 30 min, Open Line 5 min, tasks high 8 h / medium 40 h)."""
from __future__ import annotations

import json

from tests.unit.test_metrics_working_hours import SLA, _variant

from servicedesk.metrics import compute_from_input
from servicedesk.views.dashboard_data import month_details
from servicedesk.views.dashboard_summary import summary

WH = compute_from_input(_variant(**SLA))
WALL = compute_from_input(_variant())


def tiles(data):
    return {tile["series"]: tile for tile in data["tiles"]}


def test_one_tile_per_series_with_a_target_and_its_state_in_words():
    got = tiles(summary(WH, "2026-11"))
    assert list(got) == ["chat", "openline", "tasks"]
    assert [(s, t["figure"], t["target"], t["state"], t["state_text"]) for s, t in got.items()] == [
        ("chat", "30 мин", "30 мин", "met", "в норме"),             # median exactly at target: met
        ("openline", "4 мин", "5 мин", "met", "в норме"),
        ("tasks", "3 д 1 ч", "1 д 16 ч (средний)", "breached", "не в норме")]   # 4380 min > 2400 (medium)


def test_tile_figures_are_the_months_medians_breach_and_change():
    month = WH["months"]["2026-11"]
    got = tiles(summary(WH, "2026-11"))
    assert got["chat"]["figure_min"] == month["chat_response_min"]["median"]
    assert got["tasks"]["figure_min"] == month["time_to_close_min"]["median"]
    assert got["chat"]["target_min"] == WH["sla"]["targets_min"]["chat"]
    assert [(t["breach_pct"], t["breach_count"]) for t in got.values()] == [("50%", "2 / 4"), ("50%", "1 / 2"),
                                                                            ("100%", "1 / 1")]
    assert (got["openline"]["change"], got["openline"]["verdict"]) == ("−2 мин (−38,5%)", "better")
    assert (got["tasks"]["change"], got["tasks"]["verdict"]) == ("+14 ч 30 мин (+24,8%)", "worse")


def test_english_and_another_month():
    got = tiles(summary(WH, "2026-10", "en"))
    assert (got["openline"]["figure_min"], got["openline"]["state_text"]) == (6.5, "breached")
    assert got["tasks"]["breach_pct"] == "66.7%" and got["tasks"]["target"] == "1 d 16 h (medium)"


def test_now_counts_match_their_lists():
    data = summary(WH, "2026-11")
    assert data["breached_now"] == sum(1 for r in WH["at_risk"] if r["breached"]) == 4
    waiting = month_details(WH, "2026-11", "ru")["unanswered"]          # the list the count jumps to
    assert data["waiting_now"] == len(waiting) == 2


def test_no_targets_no_tiles_and_plain_json():
    data = summary(WALL, "2026-11")
    assert data["tiles"] == [] and data["waiting_now"] == 2
    assert json.loads(json.dumps(summary(WH, "2026-11"))) == summary(WH, "2026-11")


def test_a_task_target_without_medium_takes_the_lowest_set():
    figures = dict(WH, sla=dict(WH["sla"], targets_min={"task_close": {"high": 480.0, "low": 6000.0}}))
    got = tiles(summary(figures, "2026-11", "en"))
    assert list(got) == ["tasks"] and got["tasks"]["target_min"] == 6000.0 and got["tasks"]["state"] == "met"

"""Distribution buckets per month, the load heat-map (weekday × hour in the desk's zone) and their SVGs."""
from __future__ import annotations

import json
import xml.dom.minidom
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from servicedesk.charts.distribution import render_distribution
from servicedesk.charts.heatmap import MIN_WIDTH, render_heatmap, scale_edges
from servicedesk.metrics import compute_from_input
from servicedesk.metrics.distribution import bucket_of, distribution
from servicedesk.metrics.heatmap import heatmap, weekday_hour
from servicedesk.metrics.items import DeskItems
from servicedesk.metrics.input import support_ids_of
from tests.paths import golden_data
from tests.unit.test_metrics_working_hours import SLA
from tests.unit.test_metrics_working_hours import _variant as sla_variant


def items_of(data: dict) -> DeskItems:
    return DeskItems(data["chat_messages"], data["users"], data["openline_sessions"], data["tasks"],
                     data["settings"], support_ids_of(data["group"]), data["now"], time_zone=data["time_zone"])


@pytest.fixture(scope="module")
def golden():
    return items_of(golden_data()["input"])


def test_bucket_edges_are_lower_inclusive():
    got = bucket_of(np.array([0, 4.99, 5, 15, 60, 239, 240, 1439, 1440, 1e9, np.nan]), "response")
    assert got.tolist() == [0, 0, 1, 2, 3, 3, 4, 4, 5, 5, -1]
    day = 1440
    got = bucket_of(np.array([0, day - 1, day, 3 * day, 7 * day, 30 * day - 1, 30 * day]), "close")
    assert got.tolist() == [0, 0, 1, 2, 3, 3, 4]


@pytest.mark.parametrize("data", [golden_data()["input"], sla_variant(**SLA)], ids=["24x7", "working_hours"])
def test_buckets_add_up_to_the_months_figures(data):
    dist = distribution(items_of(data))
    figures = compute_from_input(data)
    assert dist["month_keys"] == figures["month_keys"]
    for key in figures["month_keys"]:
        month = figures["months"][key]
        chat, ol, tasks = (dist["series"][s] for s in ("chat", "openline", "tasks"))
        assert sum(chat["months"][key]) == month["chat_response_min"]["count"]
        assert sum(chat["months"][key]) + chat["unanswered"][key] == month["chat_dialogues"]
        assert sum(ol["months"][key]) + ol["unanswered"][key] == month["openline_dialogues"]
        assert sum(tasks["months"][key]) == month["tasks_closed"]
    assert json.loads(json.dumps(dist)) == dist


def test_golden_october_buckets(golden):
    series = distribution(golden)["series"]
    assert series["chat"]["months"]["2026-10"] == [1, 0, 2, 1, 0, 0]      # 1, 20, 20, 60 min
    assert series["openline"]["months"]["2026-10"] == [1, 1, 0, 0, 0, 0]  # 2, 11 min
    assert series["tasks"]["months"]["2026-10"] == [1, 0, 0, 1, 0]        # 8 h, 17 d


def test_heatmap_golden_october_and_totals(golden):
    h = heatmap(golden)
    grid = np.array(h["months"]["2026-10"])
    assert sorted(map(tuple, np.argwhere(grid).tolist())) == [(0, 10), (1, 10), (1, 15), (5, 11), (5, 23)]
    assert grid[5, 11] == 2 and grid.sum() == 6
    figures = compute_from_input(golden_data()["input"])
    for key in h["month_keys"]:
        m = figures["months"][key]
        assert np.array(h["months"][key]).sum() == m["chat_dialogues"] + m["openline_dialogues"]
    assert np.array(h["year"]).sum() == sum(np.array(g).sum() for g in h["months"].values())
    assert h["time_zone"] == "Europe/Moscow"


def test_weekday_and_hour_follow_dst():
    zone = ZoneInfo("Europe/Berlin")
    times = [datetime(2026, 3, 29, 1, 30, tzinfo=zone), datetime(2026, 3, 29, 3, 30, tzinfo=zone),
             datetime(2026, 10, 25, 2, 30, tzinfo=zone), datetime(2026, 11, 30, 23, 59, tzinfo=zone)]
    day, hour = weekday_hour(np.array([t.timestamp() for t in times]), zone)
    assert day.tolist() == [6, 6, 6, 0] and hour.tolist() == [1, 3, 2, 23]


def test_distribution_svg_has_a_clickable_point_per_month(golden):
    dist = distribution(golden)
    for series in ("chat", "openline", "tasks"):
        svg = render_distribution(dist, series, "2026-10", "ru")
        doc = xml.dom.minidom.parseString(svg)
        points = [g for g in doc.getElementsByTagName("g") if g.getAttribute("class") == "sd-point"]
        assert [p.getAttribute("data-month") for p in points] == dist["month_keys"]
        pressed = [p.getAttribute("data-month") for p in points if p.getAttribute("aria-pressed") == "true"]
        assert pressed == ["2026-10"]
    assert "&lt; 5 мин: 1" in render_distribution(dist, "chat", "2026-10", "ru")


def test_heatmap_svg_is_legible_and_escaped(golden):
    svg = render_heatmap(heatmap(golden)["year"], "ru", title='<script>"x"</script>')
    doc = xml.dom.minidom.parseString(svg)
    cells = [g for g in doc.getElementsByTagName("g") if g.getAttribute("class") == "sd-heat-cell"]
    assert len(cells) == 168
    assert f"min-width:{MIN_WIDTH}px" in svg and "<script>" not in svg
    sizes = {float(t.getAttribute("font-size")) for t in doc.getElementsByTagName("text")}
    assert min(sizes) >= 6 and MIN_WIDTH >= 24 * 22
    assert scale_edges([0, 0, 1]) == [1] and scale_edges([]) == []
    assert scale_edges(list(range(1, 101))) == [21, 41, 61, 81, 100]

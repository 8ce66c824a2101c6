"""charts.keys: a stored SVG is reused only when the chart would be drawn the same."""
from __future__ import annotations

import copy

import pytest

from servicedesk.charts import chart_names, render_chart
from servicedesk.charts.keys import chart_key
from servicedesk.metrics import compute_from_input
from tests.paths import golden_data


@pytest.fixture(scope="module")
def figures():
    data = copy.deepcopy(golden_data()["input"])
    data["settings"].update({"sla_mode": "working_hours", "sla_targets": {"chat_first_response": 30,
                             "openline_first_response": 10, "task_close": {"high": 8, "medium": 24}}})
    return compute_from_input(data)


def test_the_breach_chart_is_among_the_charts(figures):
    assert "breach" in chart_names(figures)


def unchanged_for_the_charts(f: dict) -> dict:
    """What moves every minute or belongs to the details, not to a chart."""
    g = copy.deepcopy(f)
    g["now"] = "2030-01-01T00:00:00+03:00"
    g["unanswered"] = []
    g["open_tasks"] = g["open_tasks"][:1]
    for month in g["months"].values():
        month["chat_oldest_wait_min"] = 12345.0
        month["by_specialist"] = {}
    return g


def test_equal_keys_give_equal_svgs(figures):
    other = unchanged_for_the_charts(figures)
    for name in chart_names(figures):
        assert chart_key(other, name, "ru") == chart_key(figures, name, "ru"), name
        assert render_chart(other, name, None, "ru") == render_chart(figures, name, None, "ru"), name


@pytest.mark.parametrize("name,change", [
    ("chat_dialogues", lambda m: m.update(chat_dialogues=m["chat_dialogues"] + 1)),
    ("tasks_new", lambda m: m.update(tasks_new_external=m["tasks_new_external"] + 1)),
    ("chat_response", lambda m: m["chat_response_min"].update(avg=(m["chat_response_min"]["avg"] or 0) + 1)),
    ("time_to_close", lambda m: m["time_to_close_min"].update(avg=(m["time_to_close_min"]["avg"] or 0) + 1)),
])
def test_a_drawn_change_changes_only_that_charts_key(figures, name, change):
    other = copy.deepcopy(figures)
    change(other["months"][other["month_keys"][-1]])
    assert chart_key(other, name, "ru") != chart_key(figures, name, "ru")
    assert render_chart(other, name, None, "ru") != render_chart(figures, name, None, "ru")
    assert chart_key(other, "openline_dialogues", "ru") == chart_key(figures, "openline_dialogues", "ru")


def test_language_mode_and_targets_are_in_the_key(figures):
    assert chart_key(figures, "chat_response", "en") != chart_key(figures, "chat_response", "ru")
    other = copy.deepcopy(figures)
    other["sla"]["mode"] = "24x7"
    assert chart_key(other, "chat_response", "ru") != chart_key(figures, "chat_response", "ru")
    other = copy.deepcopy(figures)
    other["sla"]["targets_min"]["chat"] = 45
    assert chart_key(other, "chat_response", "ru") != chart_key(figures, "chat_response", "ru")
    assert chart_key(other, "breach", "ru") == chart_key(figures, "breach", "ru")   # same series, same %

"""Smart-process figures (py/servicedesk/metrics/crm.py) against the hand-checked pipeline in
tests/golden/crm_pipeline.json (worked by hand in crm_pipeline.md)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from servicedesk.metrics.business import Clock
from servicedesk.metrics.crm import crm_figures
from servicedesk.metrics.months import month_window, zone_of
from servicedesk.model.crm import CrmItem, Stage, StageEvent
from servicedesk.model.sla import WorkHours
from servicedesk.model.values import parse_time

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "crm_pipeline.json"


def _load(drop_history_of=()):
    g = json.loads(GOLDEN.read_text(encoding="utf-8"))
    items = [CrmItem.from_rest(x, g["uf_message"], g["uf_chat"]) for x in g["items"]]
    events = [StageEvent.from_rest(r) for r in g["history"] if r["OWNER_ID"] not in drop_history_of]
    stages = [Stage.from_rest(s) for s in g["stages"]]
    return g, items, events, stages


def _figures(hours=None, **kw):
    g, items, events, stages = _load(**kw)
    win = month_window(parse_time(g["now"]), g["time_zone"])
    return g, crm_figures(items, events, stages, win, Clock(hours, g["time_zone"]), g["target_min"])


@pytest.mark.parametrize("month", ["2026-09", "2026-10", "2026-11"])
def test_golden_month(month):
    g, f = _figures()
    k = f["months"].index(month)
    want = g["expected"][month]
    for key in ("new", "closed", "closed_success", "closed_failure", "open", "closes", "reopens"):
        assert f[key][k] == want[key], key
    assert f["time_to_close"][k] == want["time_to_close"]
    assert f["reopen_rate"][k] == want["reopen_rate"] and f["breach_pct"][k] == want["breach_pct"]
    prefix = g["stage_prefix"]
    got = {s[len(prefix):]: v[k] for s, v in f["time_in_stage"].items() if v[k]["count"]}
    assert got == want["time_in_stage"]


def test_quiet_months_are_zero_and_dashes():
    _, f = _figures()
    k = f["months"].index("2026-08")
    assert (f["new"][k], f["closed"][k], f["open"][k], f["reopen_rate"][k], f["breach_pct"][k]) == (0, 0, 0, None, None)
    assert f["time_to_close"][k]["median"] is None and len(f["months"]) == 12


def test_stages_in_pipeline_order_with_names_and_rows_behind_the_figures():
    g, f = _figures()
    assert [s["name"] for s in f["stages"]] == ["Новая", "В работе", "Ждём ответа"]
    k = f["months"].index("2026-10")
    assert sorted(f["rows"]["new"][k]) == [1, 2, 3, 4] and f["rows"]["open"][k] == [4]
    assert sorted((r["id"], r["outcome"], r["minutes"]) for r in f["rows"]["closed"][k]) == [
        (1, "S", 1560.0), (3, "F", 60.0), (6, "S", 7920.0)]
    n = f["months"].index("2026-11")
    assert sorted(f["rows"]["reopened"][n]) == [2, 5] and len(f["rows"]["stays"][n]) == 3


def test_closed_comes_from_the_history_not_the_current_stage_nor_closedate():
    """Item 4's current stage says SUCCESS but its history does not: the history wins (open, not closed)."""
    g, items, events, stages = _load()
    for it in items:
        if it.id == 4:
            it.stage_id = g["stage_prefix"] + "SUCCESS"
    win = month_window(parse_time(g["now"]), g["time_zone"])
    f = crm_figures(items, events, stages, win, Clock(None, g["time_zone"]), g["target_min"])
    n = f["months"].index("2026-11")
    assert f["open"][n] == 2 and sum(f["closed"]) == 4


def test_working_hours_time_to_close():
    _, f = _figures(WorkHours())
    k = f["months"].index("2026-10")
    mins = {r["id"]: r["minutes"] for r in f["rows"]["closed"][k]}
    assert mins[1] == 660.0 and mins[6] == 2640.0 and f["mode"] == "working_hours"


def test_an_item_without_history_counts_from_its_own_fields():
    g, f = _figures(drop_history_of=(4,))
    k = f["months"].index("2026-10")
    assert f["new"][k] == 4 and f["open"][k] == 1
    assert zone_of(g["time_zone"]).key == "Europe/Moscow"


def test_figures_are_json():
    _, f = _figures()
    assert json.loads(json.dumps(f)) == f

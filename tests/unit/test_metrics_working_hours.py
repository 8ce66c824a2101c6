"""The golden desk in working hours (§4b): figures checked by hand, breach %, at risk, comparison.

Calendar of §4b's examples (Europe/Moscow, 09:00–18:00, SA SU, holiday 4.11, working Saturday 31.10);
targets: chat 30 min, Open Line 5 min, tasks high 8 h, medium 40 h, low none. Task 302 is high, 306 low,
the others medium (the portal's default). Now = Wed 25 Nov 2026 12:00.
"""
from __future__ import annotations

import copy
import json

import pytest

from servicedesk.metrics import compute_from_input
from tests.paths import golden_data

SLA = {"sla_mode": "working_hours",
       "work_hours": json.dumps({"start": "09:00", "end": "18:00", "weekends": ["SA", "SU"], "holidays": ["4.11"],
                                 "workdays": ["31.10"]}),
       "sla_targets": json.dumps({"chat_first_response": 30, "openline_first_response": 5,
                                  "task_close": {"high": 8, "medium": 40}})}


def _variant(**settings) -> dict:
    data = copy.deepcopy(golden_data()["input"])
    data["settings"].update(settings)
    for t in data["tasks"]:
        t["priority"] = {"302": "2", "306": "0"}.get(t["id"], "1")
    return data


@pytest.fixture(scope="module")
def wh():
    return compute_from_input(_variant(**SLA))


@pytest.fixture(scope="module")
def wall():
    return compute_from_input(_variant(**{**SLA, "sla_mode": "24x7"}))


def test_chat_in_business_minutes(wh):
    oct_, nov = wh["months"]["2026-10"], wh["months"]["2026-11"]
    # Oct: Tue 10:00→10:20 = 20; Sat 10 Oct ×2 and Sat 31 Oct 23:50 (after hours) = 0
    assert oct_["chat_response_min"] == {"avg": 5.0, "median": 0.0, "p90": pytest.approx(14.0), "count": 4}
    # Nov: Mon 09:00→09:30 = 30; Tue 10:00→10:06 = 6; Tue 10:21→Wed 4 Nov (holiday) 10:00 = 459
    assert nov["chat_response_min"] == {"avg": 165.0, "median": 30.0, "p90": pytest.approx(373.2), "count": 3}
    # Tue 24 Nov 18:00 still open at Wed 12:00: 180 working minutes (1080 wall-clock)
    assert nov["chat_oldest_wait_min"] == 180.0
    assert [u["wait_min"] for u in wh["unanswered"]] == [180.0]


def test_openline_in_business_minutes(wh):
    assert wh["months"]["2026-10"]["openline_response_min"]["avg"] == 6.5
    # session 203: Tue 10 Nov 09:00 → Wed 25 Nov 12:00 = 11 working days × 540 + 180
    assert wh["months"]["2026-11"]["openline_oldest_wait_min"] == 6120.0
    assert [s["wait_min"] for s in wh["openline_unanswered"]] == [6120.0]


def test_tasks_in_business_minutes(wh):
    m = wh["months"]
    assert m["2026-09"]["time_to_close_min"]["avg"] == 4320.0        # 308: Thu 20 Aug 10:00 → Tue 1 Sep 10:00
    # 301: Tue 15 Sep 10:00 → Fri 2 Oct 10:00 = 7020; 302: a Saturday, 0
    assert m["2026-10"]["time_to_close_min"] == {"avg": 3510.0, "median": 3510.0, "p90": pytest.approx(6318.0),
                                                 "count": 2}
    assert m["2026-11"]["time_to_close_min"]["avg"] == 4380.0        # 304: Sun 25 Oct → Thu 5 Nov, 31 Oct works
    ages = {t["id"]: t["age_min"] for t in wh["open_tasks"]}
    assert (ages[303], ages[305], ages[306]) == (17460.0, 8820.0, 8760.0)


def test_breach_percent_per_month(wh):
    m = wh["months"]
    assert m["2026-10"]["breach"]["chat"] == {"breached": 0, "total": 4, "pct": 0.0}
    assert m["2026-11"]["breach"]["chat"] == {"breached": 2, "total": 4, "pct": 50.0}   # 459 min and the open one
    assert m["2026-10"]["breach"]["openline"] == {"breached": 1, "total": 2, "pct": 50.0}   # 11 min > 5
    assert m["2026-11"]["breach"]["openline"] == {"breached": 1, "total": 2, "pct": 50.0}   # 203 waits
    # tasks by creation month; 306 is low priority (no target) and left out, 307 is another group's
    assert m["2026-08"]["breach"]["tasks"]["pct"] == 100.0
    assert m["2026-09"]["breach"]["tasks"]["pct"] == 100.0
    assert m["2026-10"]["breach"]["tasks"] == {"breached": 2, "total": 3, "pct": pytest.approx(200 / 3)}
    assert m["2026-11"]["breach"]["tasks"] == {"breached": 1, "total": 1, "pct": 100.0}
    assert m["2026-07"]["breach"]["tasks"] == {"breached": 0, "total": 0, "pct": None}


def test_at_risk_most_overdue_first(wh):
    got = [(r["kind"], r["id"], r["remaining_min"], r["breached"]) for r in wh["at_risk"]]
    assert got == [("tasks", 303, 2400 - 17460.0, True), ("tasks", 305, 2400 - 8820.0, True),
                   ("openline", 203, 5 - 6120.0, True),
                   ("chat", 1022, 30 - 180.0, True)]


def test_comparison_with_the_previous_month(wh):
    c = wh["comparison"]["2026-11"]
    assert c["chat_response_min.avg"] == {"value": 165.0, "previous": 5.0, "change": 160.0, "change_pct": 3200.0,
                                          "lower_better": True, "verdict": "worse"}
    assert c["chat_dialogues"]["verdict"] is None and c["chat_dialogues"]["change"] == 0
    assert c["breach.tasks"]["change"] == pytest.approx(100 - 200 / 3) and c["breach.tasks"]["verdict"] == "worse"
    assert c["tasks_open"]["previous"] == 2 and c["tasks_open"]["value"] == 3
    first = wh["comparison"]["2025-12"]["chat_dialogues"]      # compared with Nov 2025, before the window
    assert first == {"value": 0, "previous": 0, "change": 0, "change_pct": None, "lower_better": False,
                     "verdict": None}


def test_wall_clock_variant_keeps_the_golden_times_and_labels_the_mode(wh, wall):
    assert wall["months"]["2026-11"]["chat_oldest_wait_min"] == 1080.0
    assert wall["sla"]["mode"] == "24x7" and wh["sla"]["mode"] == "working_hours"
    assert wh["sla"]["targets_min"] == {"chat": 30.0, "openline": 5.0, "task_close": {"high": 480.0, "medium": 2400.0}}
    assert json.loads(json.dumps(wh)) == wh
    # counts do not depend on the mode
    for key in wh["month_keys"]:
        for name in ("chat_dialogues", "openline_dialogues", "tasks_new", "tasks_closed", "tasks_open"):
            assert wh["months"][key][name] == wall["months"][key][name]


def test_at_risk_before_the_breach():
    """§4b: target 30 min, u1 Fri 27 Nov 17:50, now Mon 30 Nov 09:15 → waiting 25 min, at risk, 5 min left."""
    data = _variant(**SLA)
    data["now"] = "2026-11-30T09:15:00+03:00"
    data["chat_messages"].append({"id": 1100, "chat_id": 101, "author_id": 10, "date": "2026-11-27T17:50:00+03:00",
                                  "text": "Помогите", "isSystem": False, "params": []})
    data["chat_messages"].append({"id": 1023, "chat_id": 101, "author_id": 2, "date": "2026-11-25T12:30:00+03:00",
                                  "text": "Готово", "isSystem": False, "params": []})
    r = compute_from_input(data)
    chat = [x for x in r["at_risk"] if x["kind"] == "chat"]
    assert [(x["id"], x["elapsed_min"], x["remaining_min"], x["breached"]) for x in chat] == [(1100, 25.0, 5.0, False)]

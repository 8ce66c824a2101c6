"""The details' §4b rows: mode label, breach %, at risk, comparison with the previous month (ru, en)."""
from __future__ import annotations

import json

from tests.unit.test_metrics_working_hours import SLA, _variant

from servicedesk.metrics import compute_from_input
from servicedesk.views.dashboard_sla import sla_details

WH = compute_from_input(_variant(**SLA))
WALL = compute_from_input(_variant())


def by(rows, key, value):
    return next(r for r in rows if r[key] == value)


def test_mode_is_said_in_both_languages():
    assert sla_details(WH, "2026-11")["mode_text"] == "Время: рабочее время"
    assert sla_details(WALL, "2026-11", "en")["mode_text"] == "Time: 24/7"


def test_breach_rows_of_the_month():
    rows = sla_details(WH, "2026-11")["breach"]
    assert [(r["label"], r["pct"], r["count"]) for r in rows] == [
        ("чат", "50%", "2 / 4"), ("Открытая линия", "50%", "1 / 2"), ("задачи", "100%", "1 / 1")]
    assert by(sla_details(WH, "2026-10", "en")["breach"], "series", "tasks")["pct"] == "66.7%"
    assert sla_details(WALL, "2026-11")["breach"] == []


def test_at_risk_rows_most_overdue_first():
    rows = sla_details(WH, "2026-10", names={12: "Егор Склад"})["at_risk"]
    assert [r["kind"] for r in rows] == ["tasks", "tasks", "openline", "chat"]
    assert rows[0]["item"].startswith("#303 ") and rows[0]["remaining"] == "просрочено на 10 д 11 ч"
    assert rows[-1]["item"].startswith("Егор Склад: Не работает почта") and rows[-1]["target"] == "30 мин"
    assert rows[-1]["remaining"] == "просрочено на 2 ч 30 мин"


def test_comparison_rows_say_better_worse_and_keep_counts_neutral():
    rows = sla_details(WH, "2026-11")["comparison"]
    avg = by(rows, "key", "chat_response_min.avg")
    assert (avg["label"], avg["value"], avg["previous"], avg["change"], avg["verdict"]) == (
        "Ответ в чате, среднее", "2 ч 45 мин", "5 мин", "+2 ч 40 мин (+3200%)", "хуже")
    count = by(rows, "key", "tasks_open")
    assert (count["value"], count["previous"], count["change"], count["verdict"]) == ("3", "2", "+1 (+50%)", "")
    breach = by(rows, "key", "breach.tasks")
    assert (breach["previous"], breach["change"], breach["verdict_key"]) == ("66,7%", "+33,3 п.п.", "worse")
    en = by(sla_details(WH, "2026-11", "en")["comparison"], "key", "time_to_close_min.avg")
    assert (en["label"], en["change"], en["verdict"]) == ("Time to close, average", "+14 h 30 min (+24.8%)", "worse")
    assert json.loads(json.dumps(rows)) == rows

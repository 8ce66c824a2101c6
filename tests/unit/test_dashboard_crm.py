"""The dashboard's smart-process part on CPython (issue 27): the month's figures and time in stage as
the tables show them, the CSV of the stays, and the time-in-stage chart's clickable months."""
from __future__ import annotations

import re

from servicedesk.charts.stages import render_stage_chart
from servicedesk.views.dashboard_crm import crm_csv, crm_month
from tests.unit.test_metrics_crm import _figures


def test_october_as_the_tables_show_it():
    _, f = _figures()
    d = crm_month(f, "2026-10", "ru")
    values = {r["key"]: r["value"] for r in d["figures"]}
    assert values == {"new": 4, "closed": 3, "closed_success": 2, "closed_failure": 1, "open": 1,
                      "ttc_median": "1 д 2 ч", "ttc_p90": "4 д 15 ч", "reopens": 0, "reopen_rate": "25%", "breach_pct": "50%"}
    assert [(r["name"], r["median"], r["p90"], r["count"]) for r in d["stages"]] == [
        ("Новая", "1 ч", "3 д 1 ч", 5), ("В работе", "1 д", "1 д", 4), ("Ждём ответа", "2 д", "2 д", 1)]


def test_the_csv_holds_the_rows_behind_every_figure_of_the_month():
    _, f = _figures()
    text = crm_csv(f, "2026-11", "en").decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0] == "Figure;Request;Stage;Minutes"
    assert sorted(lines[1:]) == sorted([
        "New;5;;", "Closed;2;solved;41760", "Open at the month's end;4;;", "Open at the month's end;5;;",
        "Reopened;2;;", "Reopened;5;;", "Time in stages;2;В работе;1440", "Time in stages;5;В работе;1440",
        "Time in stages;5;Новая;30"])


def test_the_chart_has_twelve_clickable_months_and_says_each_stage():
    _, f = _figures()
    svg = render_stage_chart(f, "2026-11", "ru")
    points = re.findall(r'<g id="sd-crm_stages-(\d{4}-\d\d)"([^>]*)>', svg)
    assert len(points) == 12 and all('role="button"' in a and 'tabindex="0"' in a for _, a in points)
    pressed = [m for m, a in points if 'aria-pressed="true"' in a]
    assert pressed == ["2026-11"]
    label = next(a for m, a in points if m == "2026-10")
    assert "Новая 1 ч" in label and "Ждём ответа" in label and "<script" not in svg

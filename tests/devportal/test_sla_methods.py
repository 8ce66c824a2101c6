"""§4b on devportal: calendar.settings.get, KPI_FIRST_ANSWER_TIME, task priorities; the demo's calendar,
line norm, priority shares and SLA settings."""
from __future__ import annotations

import json
from collections import Counter

from tests.devportal.dp_portal import ADMIN, MANAGER, PLAIN, SUPPORT_GROUP

from devportal.demo import build_demo


def test_calendar_settings_for_any_user(rest, portal):
    portal.calendar.update(work_time_start="9.30", year_holidays="1.01,4.11")
    r = rest.ok(PLAIN, "calendar.settings.get")
    assert (r["work_time_start"], r["work_time_end"], r["week_holidays"]) == ("9.30", "19", ["SA", "SU"])
    assert r["year_holidays"] == "1.01,4.11" and r["year_workdays"] == ""


def test_kpi_first_answer_time_is_seconds_and_admins_set_it(rest, portal):
    assert rest.ok(ADMIN, "imopenlines.config.get", CONFIG_ID=1)["KPI_FIRST_ANSWER_TIME"] == "0"
    rest.ok(ADMIN, "imopenlines.config.update", CONFIG_ID=1, PARAMS={"KPI_FIRST_ANSWER_TIME": 120})
    assert rest.ok(PLAIN, "imopenlines.config.get", CONFIG_ID=1)["KPI_FIRST_ANSWER_TIME"] == "120"
    refused = rest.raw(PLAIN, "imopenlines.config.update", CONFIG_ID=1, PARAMS={"KPI_FIRST_ANSWER_TIME": 1})
    assert refused.status_code == 403 and refused.json()["error"] == "CONFIG_WRONG_USER_PERMISSION"
    assert rest.raw(ADMIN, "imopenlines.config.get").json()["error"] == "CONFIG_ID_EMPTY"


def test_task_priority_is_listed_filtered_and_checked(rest):
    t = rest.ok(MANAGER, "tasks.task.add", fields={"TITLE": "срочно", "RESPONSIBLE_ID": MANAGER,
                                                   "GROUP_ID": SUPPORT_GROUP, "PRIORITY": "2"})["task"]
    assert t["priority"] == "2"
    listed = rest.ok(MANAGER, "tasks.task.list", filter={"PRIORITY": 2}, select=["ID", "PRIORITY"])["tasks"]
    assert {"id": t["id"], "priority": "2"} in listed
    bad = rest.raw(MANAGER, "tasks.task.update", taskId=int(t["id"]), fields={"PRIORITY": "7"})
    assert bad.status_code == 400


def test_demo_calendar_line_norm_priorities_and_sla_settings():
    p = build_demo(1)
    holidays = p.calendar["year_holidays"].split(",")
    assert {"1.01", "7.01", "8.01", "23.02", "8.03", "1.05", "9.05", "12.06", "4.11"} <= set(holidays)
    assert p.openlines[1].kpi_first_answer_time == 600
    shares = Counter(t.priority for t in p.tasks.values())
    n = sum(shares.values())
    assert 0.08 < shares[2] / n < 0.3 and shares[1] / n > 0.6 and 0.02 < shares[0] / n < 0.15
    o = p.app_options
    assert o["sla_mode"] == "working_hours"
    assert json.loads(o["work_hours"])["holidays"] == holidays
    assert json.loads(o["sla_targets"])["openline_first_response"] == 10
    assert build_demo(1).to_json() == p.to_json()               # still reproducible


def test_a_fresh_demo_opens_as_an_admin_with_the_portal_calendar():
    """`run_demo(fresh=True)` (build.py demo --fresh): not set up, the admin sees the wizard."""
    from devportal.run import default_user
    p = build_demo(1, configured=False)
    assert not p.app_options and p.users[default_user(p)].is_admin
    assert "4.11" in p.calendar["year_holidays"] and p.openlines[1].kpi_first_answer_time == 600

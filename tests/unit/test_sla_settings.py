"""§3/§4b settings: sla_mode, work_hours, sla_targets in app options; the admin's form is checked field by field."""
from __future__ import annotations

import json

import pytest

from servicedesk.model import Settings
from servicedesk.model.sla import SlaTargets, WorkHours, form_of, kpi_first_answer_min, validate_sla

GOOD = {"sla_mode": "working_hours", "time_zone": "Europe/Moscow", "work_start": "9", "work_end": "18:00",
        "weekends": "SA,SU", "holidays": "1.01, 7.01, 4.11", "workdays": "31.12", "target_chat": "30",
        "target_openline": "5", "target_high": "4", "target_medium": "24", "target_low": ""}


def test_old_installs_are_24x7_without_targets():
    s = Settings.from_dict({"group_id": "7", "chat_id": "101", "time_zone": "Europe/Moscow"})
    assert s.sla_mode == "24x7" and not s.working_hours
    assert s.sla_targets == SlaTargets() and not s.sla_targets.any
    assert s.work_hours == WorkHours()
    assert Settings.from_dict({"sla_mode": "nonsense"}).sla_mode == "24x7"


def test_a_valid_form_becomes_app_options_that_read_back():
    errors, options = validate_sla(GOOD)
    assert errors == {}
    assert set(options) == {"sla_mode", "work_hours", "sla_targets", "time_zone"}
    assert json.loads(options["work_hours"]) == {"start": "09:00", "end": "18:00", "weekends": ["SA", "SU"],
                                                 "holidays": ["1.01", "7.01", "4.11"], "workdays": ["31.12"]}
    s = Settings.from_dict(options)
    assert s.working_hours and s.sla_targets.chat_first_response == 30
    assert s.sla_targets.task_close == {"high": 4.0, "medium": 24.0}
    assert s.sla_targets.task_close_min(2) == 240 and s.sla_targets.task_close_min(0) is None
    assert validate_sla(form_of(s)) == (errors, options)


@pytest.mark.parametrize("change, field, key", [
    ({"work_end": "8"}, "work_end", "sla_err_end_before_start"),
    ({"work_end": "9:00"}, "work_end", "sla_err_end_before_start"),
    ({"work_start": "25"}, "work_start", "sla_err_time"),
    ({"work_start": "9.75"}, "work_start", "sla_err_time"),
    ({"weekends": "SA,XX"}, "weekends", "sla_err_day_code"),
    ({"holidays": "1.01,31.02"}, "holidays", "sla_err_date"),
    ({"workdays": "32.12"}, "workdays", "sla_err_date"),
    ({"target_chat": "-5"}, "target_chat", "sla_err_negative"),
    ({"target_openline": "abc"}, "target_openline", "sla_err_number"),
    ({"target_chat": "100000"}, "target_chat", "sla_err_absurd"),
    ({"target_high": "100000"}, "target_high", "sla_err_absurd"),
    ({"time_zone": "Mars/Olympus"}, "time_zone", "setup_err_time_zone"),
    ({"time_zone": "../etc/passwd"}, "time_zone", "setup_err_time_zone"),
    ({"sla_mode": "sometimes"}, "sla_mode", "sla_err_mode"),
    ({"weekends": "MO,TU,WE,TH,FR,SA,SU", "workdays": ""}, "calendar", "sla_err_no_working_day"),
])
def test_bad_input_is_refused_field_by_field_and_nothing_is_written(change, field, key):
    errors, options = validate_sla({**GOOD, **change})
    assert errors == {field: key}
    assert options == {}


def test_several_bad_fields_are_all_named():
    errors, _ = validate_sla({**GOOD, "work_end": "7", "holidays": "31.02", "target_low": "-1"})
    assert errors == {"work_end": "sla_err_end_before_start", "holidays": "sla_err_date",
                      "target_low": "sla_err_negative"}


def test_seven_weekend_days_with_a_working_date_are_allowed_and_blank_targets_mean_none():
    errors, options = validate_sla({**GOOD, "weekends": "MO,TU,WE,TH,FR,SA,SU", "target_chat": "0",
                                    "target_openline": ""})
    assert errors == {}
    t = Settings.from_dict(options).sla_targets
    assert t.chat_first_response is None and t.openline_first_response is None


def test_kpi_first_answer_time_is_seconds():
    assert kpi_first_answer_min({"KPI_FIRST_ANSWER_TIME": "300"}) == 5
    assert kpi_first_answer_min({"KPI_FIRST_ANSWER_TIME": "0"}) is None
    assert kpi_first_answer_min(False) is None

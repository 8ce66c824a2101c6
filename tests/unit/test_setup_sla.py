"""The SLA part of setup and of the admin's settings against devportal over HTTP: prefilled from the
portal's calendar and the line's KPI, refused field by field with nothing written, written when valid."""
from __future__ import annotations

import asyncio
import json

import pytest

from servicedesk.model import Settings
from servicedesk.setup import SetupError, run_setup
from servicedesk.setup.sla import prefill, save_sla
from servicedesk.setup.validate import validate
from servicedesk.views.i18n import TEXTS, t
from tests.unit.setup_helpers import ADMIN, PLAIN, choices, client

FORM = {"sla_mode": "working_hours", "time_zone": "Europe/Moscow", "work_start": "9:00", "work_end": "18",
        "weekends": "SA,SU", "holidays": "1.01,4.11", "workdays": "", "target_chat": "30", "target_openline": "3",
        "target_high": "8", "target_medium": "40", "target_low": "120"}


def test_prefill_takes_the_portal_calendar_and_the_line_norm(running):
    form = asyncio.run(prefill(client(running, ADMIN), {}, openline_id=1))
    assert form["sla_mode"] == "24x7"
    assert (form["work_start"], form["work_end"], form["weekends"]) == ("09:00", "19:00", "SA,SU")
    assert "4.11" in form["holidays"].split(",") and "7.01" in form["holidays"].split(",")
    assert form["target_openline"] == "10"                    # KPI_FIRST_ANSWER_TIME 600 s
    stored = {"sla_mode": "working_hours", "work_hours": json.dumps({"start": "10:00", "end": "17:00"}),
              "sla_targets": json.dumps({"chat_first_response": 15})}
    form = asyncio.run(prefill(client(running, ADMIN), stored, openline_id=1))
    assert (form["work_start"], form["target_chat"], form["target_openline"]) == ("10:00", "15", "")


def test_bad_form_writes_nothing_and_names_each_field(running):
    before = dict(running.service.portal.app_options)
    errors, written = asyncio.run(save_sla(client(running, ADMIN), {**FORM, "work_end": "8", "holidays": "31.02",
                                                                    "time_zone": "Europe/Atlantis"}))
    assert errors == {"work_end": "sla_err_end_before_start", "holidays": "sla_err_date",
                      "time_zone": "setup_err_time_zone"}
    assert written == {} and running.service.portal.app_options == before


def test_valid_form_is_written_once_and_reads_back(running):
    errors, written = asyncio.run(save_sla(client(running, ADMIN), FORM))
    assert errors == {}
    opts = running.service.portal.app_options
    s = Settings.from_dict(opts)
    assert s.working_hours and s.time_zone == "Europe/Moscow" and s.sla_targets.task_close["low"] == 120
    asyncio.run(save_sla(client(running, ADMIN), FORM))            # idempotent
    assert running.service.portal.app_options == opts


def test_only_an_admin_may_save(running):
    with pytest.raises(SetupError) as err:
        asyncio.run(save_sla(client(running, PLAIN), FORM))
    assert err.value.code in ("setup_err_not_admin", "setup_err_rights")
    assert "sla_mode" not in running.service.portal.app_options


def test_the_wizard_checks_and_writes_the_sla_part(running):
    bad = choices(sla={**FORM, "weekends": "MO,TU,WE,TH,FR,SA,SU"})
    assert validate(bad) == {"calendar": "sla_err_no_working_day"}
    result = asyncio.run(run_setup(client(running, ADMIN), choices(sla=FORM), admin_id=ADMIN, admin_name="A"))
    assert result["settings"]["sla_mode"] == "working_hours"
    assert Settings.from_dict(running.service.portal.app_options).sla_targets.chat_first_response == 30


def test_the_wizard_without_the_sla_part_keeps_24x7(running):
    asyncio.run(run_setup(client(running, ADMIN), choices(), admin_id=ADMIN, admin_name="A"))
    opts = running.service.portal.app_options
    assert "sla_mode" not in opts and Settings.from_dict(opts).sla_mode == "24x7"


def test_every_sla_message_has_ru_and_en():
    keys = {k for lang in TEXTS.values() for k in lang if k.startswith("sla_")}
    assert {"sla_err_end_before_start", "sla_err_no_working_day", "sla_mode_24x7", "sla_mode_working_hours"} <= keys
    for key in keys:
        assert t(key, "ru") != key and t(key, "en") != key

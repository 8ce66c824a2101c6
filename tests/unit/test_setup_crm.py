"""Setting a desk's second line up in a smart process (setup/crm.py) on devportal over HTTP: twice makes
one of each; a non-CRM-admin and a capped plan are told plainly and nothing is made; a lost answer of
crm.type.add makes one type; the desk record's switches give each month its sources (metrics.second_line)."""
from __future__ import annotations

import asyncio
import copy
import json
from datetime import datetime

import pytest

from devportal.demo import build_demo
from devportal.server import serve
from servicedesk.metrics.months import month_window
from servicedesk.metrics.second_line import combine, sources
from servicedesk.model.desks import clean_record, desk_options, switch_second_line
from servicedesk.model.settings import Settings
from servicedesk.setup.crm import ensure_smart_process
from servicedesk.setup.errors import SetupError
from tests.unit.setup_helpers import ADMIN, MANAGER, Flaky, client

BASE = build_demo(1)


@pytest.fixture
def running():
    r = serve(copy.deepcopy(BASE))
    yield r
    r.stop()


def setup(running, uid=ADMIN, stored=None, wrap=None):
    return asyncio.run(ensure_smart_process(client(running, uid, wrap), "ServiceDesk: ИТ-поддержка", "ИТ-поддержка",
                                            stored, "ru"))


def _state(p):
    return (len(p.crm_types), len(p.crm_categories), sorted(s.status_id for s in p.crm_statuses.values()),
            sorted(f.field_name for f in p.crm_fields.values()))


def test_twice_makes_one_of_each_and_the_same_link(running):
    p = running.portal
    first = setup(running)
    state = _state(p)
    assert state[0] == 1 and state[1] == 2                      # the type's default pipeline + the desk's
    prefix = f"DT{first['entity_type_id']}_{first['category_id']}:"
    assert {prefix + c for c in ("NEW", "WORK", "WAIT", "SUCCESS", "FAIL")} <= set(state[2])
    assert state[3] == [f"UF_CRM_{first['type_id']}_SD_CHAT", f"UF_CRM_{first['type_id']}_SD_MESSAGE"]
    t = p.crm_types[first["type_id"]]
    assert t.title == "ServiceDesk: ИТ-поддержка" and t.flags["isObserversEnabled"] == "Y"
    assert setup(running) == first and _state(p) == state                  # found by title
    assert setup(running, stored=first) == first and _state(p) == state    # found by the stored ids
    sems = {s.status_id: s.semantics for s in p.crm_statuses.values() if s.status_id.startswith(prefix)}
    assert (sems[prefix + "WORK"], sems[prefix + "SUCCESS"], sems[prefix + "FAIL"]) == ("", "S", "F")


def test_a_crm_admin_who_is_no_portal_admin_may(running):
    running.portal.crm_admins.append(MANAGER)
    assert setup(running, MANAGER)["type_id"] == 1


def test_anyone_else_is_told_plainly_and_nothing_is_made(running):
    with pytest.raises(SetupError) as err:
        setup(running, MANAGER)
    assert err.value.code == "setup_err_crm_admin" and not running.portal.crm_types


def test_a_capped_plan_keeps_the_desk_on_tasks(running):
    running.portal.crm_type_limit = 0
    with pytest.raises(SetupError) as err:
        setup(running)
    assert err.value.code == "setup_err_crm_restricted" and not running.portal.crm_types


def test_a_lost_answer_of_type_add_still_makes_one_type(running):
    link = setup(running, wrap=lambda t: Flaky(t, "crm.type.add", "lost", 1))
    assert len(running.portal.crm_types) == 1 and link["type_id"] == 1


def test_switch_there_and_back_and_each_months_sources():
    rec = clean_record({"id": 1, "group_id": 2, "chat_ids": [3]})
    link = {"type_id": 1, "entity_type_id": 1030, "category_id": 2, "uf_message": "UF_CRM_1_SD_MESSAGE",
            "uf_chat": "UF_CRM_1_SD_CHAT"}
    on = switch_second_line(rec, "crm", "2026-09-15T10:00:00+03:00", link)
    assert switch_second_line(on, "crm", "2026-10-01T00:00:00+03:00") == on             # already there
    back = switch_second_line(on, "tasks", "2026-11-03T10:00:00+03:00")
    stored = clean_record(json.loads(json.dumps(back)))
    assert "second_line" not in stored                     # "tasks" is the default, not stored
    assert stored["crm"]["entity_type_id"] == 1030 and [s["to"] for s in stored["switches"]] == ["crm", "tasks"]
    s = Settings.from_dict(desk_options({}, clean_record(json.loads(json.dumps(on)))))
    assert s.on_crm and s.crm_uf_message == "UF_CRM_1_SD_MESSAGE"
    win = month_window(datetime.fromisoformat("2026-11-25T12:00:00+03:00"), "Europe/Moscow")
    got = dict(zip(win.keys, sources(stored["switches"], win)))
    assert got["2026-08"] == {"tasks"} and got["2026-09"] == {"tasks", "crm"} and got["2026-10"] == {"crm"}
    assert got["2026-11"] == {"crm", "tasks"}
    tasks, items = [1] * 12, [10] * 12
    assert combine(tasks, items, sources(stored["switches"], win))[-4:] == [1, 11, 10, 11]   # Aug, Sep (both), Oct, Nov (both)


def test_the_switch_month_adds_tasks_and_items_and_later_months_take_items_only():
    from servicedesk.metrics.second_line import merge_into_months
    from tests.unit.test_metrics_crm import _figures
    _, crm = _figures()
    keys = crm["months"]
    task_ttc = {"avg": 100.0, "median": 100.0, "p90": 100.0, "count": 2}
    figures = {"now": "2026-11-25T12:00:00+03:00", "time_zone": "Europe/Moscow",
               "months": {k: {"tasks_new": 5, "tasks_closed": 2, "tasks_open": 7, "tasks_new_external": 1,
                              "time_to_close_min": dict(task_ttc)} for k in keys}}
    switches = [{"to": "crm", "at": "2026-10-15T10:00:00+03:00"}]
    merge_into_months(figures, crm, switches, "crm")
    sep, octo, nov = (figures["months"][k] for k in ("2026-09", "2026-10", "2026-11"))
    assert (sep["tasks_new"], sep["time_to_close_min"], "second_line" in sep) == (5, task_ttc, False)   # tasks only
    assert (octo["tasks_new"], octo["tasks_closed"], octo["tasks_open"]) == (5 + 4, 2 + 3, 7 + 1)       # both
    assert octo["time_to_close_min"] == {"avg": (100 * 2 + 3180 * 3) / 5, "median": None, "p90": None, "count": 5}
    assert octo["second_line"] == ["crm", "tasks"]
    assert (nov["tasks_new"], nov["tasks_open"], nov["tasks_new_external"]) == (1, 2, 0)                 # items only
    assert nov["time_to_close_min"] == crm["time_to_close"][keys.index("2026-11")]


def test_settings_move_a_desk_to_a_smart_process_and_back(running):
    from servicedesk.model.desks import all_desks
    from servicedesk.setup.crm import set_second_line
    p = running.portal
    p.app_options["desks"] = json.dumps([{"id": 1, "name": "ИТ", "group_id": p.app_options["group_id"],
                                          "chat_ids": [int(p.app_options["chat_id"])]}])
    rec = asyncio.run(set_second_line(client(running, ADMIN), 1, "crm"))
    assert rec["second_line"] == "crm" and rec["crm"]["entity_type_id"] >= 1030 and rec["switches"][0]["to"] == "crm"
    stored = all_desks(p.app_options)[0]
    assert stored["crm"] == rec["crm"] and len(p.crm_types) == 1 and p.crm_types[1].title == "ServiceDesk: ИТ"
    back = asyncio.run(set_second_line(client(running, ADMIN), 1, "tasks"))
    assert "second_line" not in back and [s["to"] for s in back["switches"]] == ["crm", "tasks"]
    again = asyncio.run(set_second_line(client(running, ADMIN), 1, "crm"))
    assert again["crm"] == rec["crm"] and len(p.crm_types) == 1 and len(again["switches"]) == 3


def test_a_refused_move_leaves_the_desk_on_tasks(running):
    from servicedesk.model.desks import all_desks
    from servicedesk.setup.crm import set_second_line
    p = running.portal
    p.crm_type_limit = 0
    with pytest.raises(SetupError) as err:
        asyncio.run(set_second_line(client(running, ADMIN), 1, "crm"))
    assert err.value.code == "setup_err_crm_restricted"
    assert "second_line" not in (all_desks(p.app_options) or [{}])[0]

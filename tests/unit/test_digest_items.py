"""The weekly digest of a desk whose second line is a smart process (decision 167): its second line from
the items by metrics/crm.py's rules, hand-counted; equal to the dashboard's smart-process figures for the
same items; ru and en lines; a desk on tasks unchanged.

Week of Mon 30 Nov 2026 (Moscow, 24/7, "medium" close target 24 h = 1440 min), now Mon 7 Dec 10:00:
- 101 created Mon 30 Nov 10:00, solved Tue 1 Dec 10:00: 1440 min (not over: 24 h is not over 24 h);
- 102 created Tue 1 Dec 09:00, rejected Thu 3 Dec 09:00: 2880 (over);
- 103 created Wed 2 Dec 12:00, in work now: open 4 d 22 h = 7080 (over; the oldest waiting);
- 104 created Thu 3 Dec 10:00, solved 16:00, reopened Fri 4 Dec 10:00, solved 14:00: its last close, 28 h =
  1680 (over), closed once;
- 105 created Tue 24 Nov 10:00 (the week before), solved Wed 2 Dec 10:00: 8 d = 11520 (over);
- 106 created Wed 25 Nov 10:00, solved 12:00: 120 (not over).
The week: new 4 (101–104); closed 4 (101, 102, 104, 105: the last close in the week); over 3 of 4 = 75 %;
median time to close of the week's new and closed items {1440, 1680, 2880} = 1680 (1 d 4 h); oldest: 103.
The week before: new 2 (105, 106), 1 over = 50 % → the requests' trend ends 50, 75: +25 (the worst).
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from servicedesk.bot.digest import digest_lines
from servicedesk.metrics.business import Clock
from servicedesk.metrics.crm import crm_desk_series, crm_figures
from servicedesk.metrics.digest import last_full_week, week_digest
from servicedesk.metrics.items import DeskItems
from servicedesk.metrics.months import month_window
from servicedesk.model.crm import CrmItem, Stage, StageEvent
from servicedesk.model.settings import Settings
from tests.unit.test_digest import MESSAGES, NOW, SETTINGS, SUPPORT, TASKS

MSK = ZoneInfo("Europe/Moscow")
P = "DT1030_2:"
CRM = {**SETTINGS, "second_line": "crm", "crm_entity_type_id": 1030, "crm_category_id": 2,
       "crm_uf_message": "UF_CRM_1_SD_MESSAGE", "crm_uf_chat": "UF_CRM_1_SD_CHAT"}
STAGES = [{"STATUS_ID": P + "NEW", "NAME": "Новая", "SORT": "10", "SEMANTICS": None},
          {"STATUS_ID": P + "WORK", "NAME": "В работе", "SORT": "20", "SEMANTICS": None},
          {"STATUS_ID": P + "SUCCESS", "NAME": "Решена", "SORT": "60", "SEMANTICS": "S"},
          {"STATUS_ID": P + "FAIL", "NAME": "Отклонена", "SORT": "70", "SEMANTICS": "F"}]
MOVES = {101: [("11-30T10:00", "NEW"), ("11-30T11:00", "WORK"), ("12-01T10:00", "SUCCESS")],
         102: [("12-01T09:00", "NEW"), ("12-01T10:00", "WORK"), ("12-03T09:00", "FAIL")],
         103: [("12-02T12:00", "NEW"), ("12-02T13:00", "WORK")],
         104: [("12-03T10:00", "NEW"), ("12-03T16:00", "SUCCESS"), ("12-04T10:00", "WORK"), ("12-04T14:00", "SUCCESS")],
         105: [("11-24T10:00", "NEW"), ("12-02T10:00", "SUCCESS")],
         106: [("11-25T10:00", "NEW"), ("11-25T12:00", "SUCCESS")]}
SEM = {"SUCCESS": "S", "FAIL": "F"}


def _rest(ids=tuple(MOVES)):
    items, history, n = [], [], 0
    for iid in ids:
        moves = MOVES[iid]
        items.append({"id": iid, "title": f"R{iid}", "createdTime": f"2026-{moves[0][0]}:00+03:00",
                      "stageId": P + moves[-1][1], "categoryId": 2, "assignedById": 4})
        for k, (when, stage) in enumerate(moves):
            n += 1
            history.append({"ID": n, "TYPE_ID": 1 if k == 0 else (3 if stage in SEM else 2), "OWNER_ID": iid,
                            "CREATED_TIME": f"2026-{when}:00+03:00", "CATEGORY_ID": 2, "STAGE_ID": P + stage,
                            "STAGE_SEMANTIC_ID": SEM.get(stage, "P")})
    return items, history


def _digest(settings=CRM, ids=tuple(MOVES), messages=MESSAGES, tasks=TASKS):
    s = Settings.from_dict(settings)
    items, history = _rest(ids)
    now = datetime.fromisoformat(NOW)
    desk = DeskItems(messages, [], [], tasks, s, SUPPORT, NOW)
    return week_digest(desk, last_full_week(now, MSK), crm_desk_series(s, items, history, STAGES, now))


def test_the_week_of_a_smart_process_desk_hand_counted():
    d = _digest()
    x = d["figures"]["tasks"]
    assert d["second_line"] == "items" and d["targets_on"]["tasks"]
    assert (x["count"], x["closed"], x["breached"], x["with_target"], x["breach_pct"], x["median_min"]) == \
        (4, 4, 3, 4, 75.0, 1680.0)
    assert d["trend"]["tasks"][-2:] == [50.0, 75.0] and d["trend"]["tasks"][:-2] == [None] * 10
    assert d["worst"] == {"series": "tasks", "change": 25.0} and d["best"]["series"] == "chat"
    assert d["oldest"]["kind"] == "tasks" and d["oldest"]["id"] == 103 and d["oldest"]["wait_min"] == 7080.0


def test_lines_name_requests_ru_and_en():
    d = _digest()
    ru, en = digest_lines(d, "ru"), digest_lines(d, "en")
    assert "Заявки: 4 новых, 4 закрыто, медиана закрытия 1 д 4 ч. Сверх цели: 75% (3 из 4)." in ru
    assert "Requests: 4 new, 4 closed, median time to close 1 d 4 h. Over target: 75% (3 of 4)." in en
    assert any(x.startswith("Oldest waiting now: requests #103") for x in en)
    assert any(x.startswith("Худшая динамика: заявки, нарушения +25") for x in ru)
    assert not any("Задачи" in x or "задачи" in x for x in ru)


def test_the_digest_equals_the_dashboards_smart_process_figures_for_the_same_items():
    """Only December's items (102–104, all inside the week): the dashboard's December is the week."""
    d = _digest(ids=(102, 103, 104), messages=[], tasks=[])
    items, history = _rest((102, 103, 104))
    s = Settings.from_dict(CRM)
    f = crm_figures([CrmItem.from_rest(i) for i in items], [StageEvent.from_rest(r) for r in history],
                    [Stage.from_rest(x) for x in STAGES], month_window(datetime.fromisoformat(NOW), MSK),
                    Clock(None, MSK), s.sla_targets.task_close_min(1))
    k = f["months"].index("2026-12")
    x = d["figures"]["tasks"]
    assert (x["count"], x["closed"], x["breach_pct"], x["median_min"]) == \
        (f["new"][k], f["closed"][k], f["breach_pct"][k], f["time_to_close"][k]["median"]) == (3, 2, 100.0, 2280.0)


def test_a_desk_on_tasks_keeps_its_tasks():
    d = _digest(settings=SETTINGS)
    assert d["second_line"] == "tasks" and d["figures"]["tasks"]["count"] == 3 and d["oldest"]["id"] == 3


def test_the_charts_legend_names_requests_and_their_one_target():
    from servicedesk.charts.digest_chart import describe_week, series_label
    settings = {**CRM, "sla_targets": {"chat_first_response": 30, "task_close": {"high": 8, "medium": 24}}}
    d = _digest(settings=settings)
    assert series_label(d, "tasks", "en") == "requests · target 1 d"
    assert series_label(d, "tasks", "ru").startswith("заявки · ") and "8 ч" not in series_label(d, "tasks", "ru")
    assert describe_week(d, 11, "en").endswith("requests 75%")
    tasks_only = _digest(settings={**SETTINGS, "sla_targets": settings["sla_targets"]})
    assert series_label(tasks_only, "tasks", "en") == "tasks · target 8 h / 1 d"

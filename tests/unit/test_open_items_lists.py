"""The open and at-risk lists of a smart-process desk include its open items (decision 166), against
the hand-checked pipeline of tests/golden/crm_pipeline.json (now = Wed 25 Nov 2026 12:00 Moscow, 24/7).

Open now by the history: item 4 (created Fri 30 Oct 10:00, in WORK) and item 5 (created Tue 10 Nov 10:00,
reopened into WORK on 12 Nov). Ages: item 4 = 26 d 2 h = 26·1440 + 120 = 37,560 min; item 5 = 15 d 2 h
= 21,720 min. With a target of 25,000 min: item 4 is over it by 12,560 (breached now); item 5 has 3,280
left ≤ 25 % of 25,000 = 6,250 → at risk. A task created 1 Nov 09:00, 100 min over its own target, sits
between them in the breached list (most overdue first) and in the open list (oldest first)."""
from __future__ import annotations

from servicedesk.metrics.business import Clock
from servicedesk.metrics.crm import crm_figures
from servicedesk.metrics.months import month_window
from servicedesk.metrics.second_line import add_open_items
from servicedesk.model.values import parse_time
from servicedesk.views.dashboard_data import month_details
from servicedesk.views.dashboard_sla import risk_rows
from servicedesk.views.dashboard_summary import summary
from tests.unit.test_metrics_crm import _load

TARGET = 25_000.0


def _crm(target=TARGET):
    g, items, events, stages = _load()
    win = month_window(parse_time(g["now"]), g["time_zone"])
    return crm_figures(items, events, stages, win, Clock(None, g["time_zone"]), target)


def _figures():
    task_open = {"id": 77, "title": "Printer", "status": 3, "responsible_id": 9, "created_by": 8,
                 "created_at": "2026-11-01T09:00:00+03:00", "month": "2026-11", "age_min": 34_020.0,
                 "external": False, "chat_id": None, "message_id": None, "priority": 1}
    task_risk = {"kind": "tasks", "id": 77, "task_id": 77, "chat_id": None, "responsible_id": 9, "title": "Printer",
                 "priority": 1, "opened_at": "2026-11-01T09:00:00+03:00", "elapsed_min": 34_020.0,
                 "target_min": 33_920.0, "remaining_min": -100.0, "breached": True}
    return {"open_tasks": [task_open], "at_risk": [task_risk], "months": {"2026-10": {}, "2026-11": {}},
            "month_keys": ["2026-10", "2026-11"], "now": "2026-11-25T12:00:00+03:00", "sla": {}}


def test_open_now_rows_by_the_history_with_stage_names_and_ages():
    rows = _crm()["open_now"]
    assert [(r["id"], r["stage_name"], r["age_min"], r["month"]) for r in rows] == [
        (4, "В работе", 37_560.0, "2026-10"), (5, "В работе", 21_720.0, "2026-11")]
    assert rows[0]["created_at"] == "2026-10-30T10:00:00+03:00" and rows[0]["responsible_id"] == 3


def test_items_join_the_open_list_and_the_breached_and_at_risk_lists():
    figures = _figures()
    add_open_items(figures, _crm(), 1030)
    assert [(r.get("kind"), r["id"]) for r in figures["open_tasks"]] == [("item", 4), (None, 77), ("item", 5)]
    assert [(r["kind"], r["id"], r["remaining_min"], r["breached"]) for r in figures["at_risk"]] == [
        ("items", 4, -12_560.0, True), ("tasks", 77, -100.0, True), ("items", 5, 3_280.0, False)]
    assert summary(figures, "2026-11")["breached_now"] == 2


def test_the_tables_name_the_stage_and_the_kind_ru_and_en():
    figures = _figures()
    add_open_items(figures, _crm(), 1030)
    ru = risk_rows(figures, "ru", {})
    assert [(r["kind_label"], r["item"]) for r in ru] == [
        ("заявки", "#4 Заявка 4 · В работе"), ("задачи", "#77 Printer"), ("заявки", "#5 Заявка 5 · В работе")]
    assert risk_rows(figures, "en", {})[0]["kind_label"] == "requests"
    d = month_details(figures, "2026-10", "en", {})
    assert [(r["id"], r["status"], r["kind"], r["item"], r["entity_type_id"]) for r in d["open_tasks"]] == [
        (4, "В работе", "request", True, 1030)]             # a past month: open now, created by its end
    d = month_details(figures, "2026-11", "ru", {})
    assert [(r["id"], r["kind"]) for r in d["open_tasks"]] == [(4, "заявка"), (77, "внутренняя"), (5, "заявка")]


def test_without_a_target_items_are_listed_open_but_never_at_risk():
    figures = _figures()
    add_open_items(figures, _crm(None), 1030)
    assert [r["id"] for r in figures["open_tasks"]] == [4, 77, 5] and [r["kind"] for r in figures["at_risk"]] == ["tasks"]


def test_the_specialists_closed_counts_the_items_of_their_responsible():
    """Decision 168, on the golden pipeline (every item's responsible is user 3) switched on 15 Oct:
    October shows both (tasks 2 + items 1, 3, 6 closed = 5 for user 3; user 9's task stays 1), November
    items only (item 2 → 1 for user 3; user 9's tasks are no longer shown: 0), September tasks only."""
    from servicedesk.metrics.second_line import merge_into_months
    crm = _crm()
    keys = crm["months"]
    figures = {"now": "2026-11-25T12:00:00+03:00", "time_zone": "Europe/Moscow",
               "months": {k: {"tasks_new": 0, "tasks_closed": 3, "tasks_open": 0, "time_to_close_min": {},
                              "by_specialist": {"3": {"dialogues": 4, "tasks_closed": 2, "median_response_min": 5.0},
                                                "9": {"dialogues": 0, "tasks_closed": 1, "median_response_min": None}}}
                          for k in keys}}
    merge_into_months(figures, crm, [{"to": "crm", "at": "2026-10-15T10:00:00+03:00"}], "crm")
    m = figures["months"]
    closed = {k: {u: r["tasks_closed"] for u, r in m[k]["by_specialist"].items()} for k in ("2026-09", "2026-10", "2026-11")}
    assert closed == {"2026-09": {"3": 2, "9": 1}, "2026-10": {"3": 5, "9": 1}, "2026-11": {"3": 1, "9": 0}}
    assert m["2026-10"]["by_specialist"]["3"]["dialogues"] == 4           # the chat's own figures untouched
    figures.update(month_keys=keys, open_tasks=[], at_risk=[], sla={})
    labels = {k: month_details(figures, k, lang, {})["closed_label"] for k, lang in
              (("2026-09", "ru"), ("2026-10", "en"), ("2026-11", "ru"))}
    assert labels == {"2026-09": "Закрыто задач", "2026-10": "Tasks and requests closed", "2026-11": "Закрыто заявок"}
    rows = {r["uid"]: r["tasks_closed"] for r in month_details(figures, "2026-11", "ru", {})["specialists"]}
    assert rows == {3: "1", 9: "0"}


def test_tasks_that_failed_to_load_hide_their_rows_not_the_items():
    figures = _figures()
    add_open_items(figures, _crm(), 1030)
    rows = month_details(figures, "2026-11", "ru", {}, {"tasks": "tasks_error"})["open_tasks"]
    assert [r["id"] for r in rows] == [4, 5]
    assert [r["id"] for r in month_details(figures, "2026-11", "ru", {}, {"crm": "crm_error"})["open_tasks"]] == [77]


def test_the_scorecard_takes_the_items_closed_by_each_responsible():
    """Decision 169, golden pipeline switched on 15 Oct: October (both) user 3 = 2 tasks + items 1, 3, 6 =
    5 closed, median "—", reopened 1 (a task's) + 0; November (items only) user 3 = item 2: 1 closed in
    41,760 min, reopened 1 (item 2 went back to work on 2 Nov); user 9's tasks dropped: 0, —, 0;
    September (tasks only) untouched. The closed column is named by the month's sources, ru and en."""
    from servicedesk.metrics.second_line import items_into_scorecard
    from servicedesk.views.scorecard_data import column_label, scorecard_csv
    crm = _crm()
    switches = [{"to": "crm", "at": "2026-10-15T10:00:00+03:00"}]

    def card(month):
        c = {"month": month, "people": {
            "3": {"chat_dialogues": 4, "tasks_closed": 2, "median_time_to_close_min": 100.0, "tasks_reopened": 1},
            "9": {"chat_dialogues": 1, "tasks_closed": 1, "median_time_to_close_min": 50.0, "tasks_reopened": 0}}}
        items_into_scorecard(c, crm, switches, parse_time("2026-11-25T12:00:00+03:00"), "Europe/Moscow")
        return c
    got = {m: {u: (p["tasks_closed"], p["median_time_to_close_min"], p["tasks_reopened"]) for u, p in card(m)["people"].items()}
           for m in ("2026-09", "2026-10", "2026-11")}
    assert got == {"2026-09": {"3": (2, 100.0, 1), "9": (1, 50.0, 0)},
                   "2026-10": {"3": (5, None, 1), "9": (1, 50.0, 0)},
                   "2026-11": {"3": (1, 41_760.0, 1), "9": (0, None, 0)}}
    assert card("2026-11")["people"]["3"]["chat_dialogues"] == 4
    assert [column_label(card(m), "score_tasks_closed", lang) for m, lang in
            (("2026-09", "ru"), ("2026-10", "en"), ("2026-11", "ru"))] == \
        ["Закрыто задач", "Tasks and requests closed", "Закрыто заявок"]
    assert "Requests closed" in scorecard_csv(card("2026-11"), {}, "en").decode("utf-8-sig").splitlines()[0]

"""The rows behind a figure (metrics.rows): against the golden desk, each figure's rows are exactly its
items (count, order, durations); in working hours with targets, the breached rows are the breach counts."""
from __future__ import annotations

import json

import numpy as np
import pytest

from servicedesk.metrics import compute_from_input
from servicedesk.metrics.input import support_ids_of
from servicedesk.metrics.rows import COLUMNS, FIGURES, DeskRows
from tests.paths import golden_data
from tests.unit.test_metrics_working_hours import SLA
from tests.unit.test_metrics_working_hours import _variant as sla_variant

STATS = {"chat_response": ("chat_response_min", "response_min"),
         "openline_response": ("openline_response_min", "response_min"),
         "time_to_close": ("time_to_close_min", "time_to_close_min")}
COUNTS = {"chat_dialogues": "chat_dialogues", "chat_unanswered": "chat_unanswered",
          "openline_dialogues": "openline_dialogues", "openline_unanswered": "openline_unanswered",
          "tasks_new": "tasks_new", "tasks_closed": "tasks_closed", "tasks_open": "tasks_open",
          "chat_response": None, "openline_response": None, "time_to_close": "tasks_closed"}


def rows_of(data: dict) -> DeskRows:
    return DeskRows.of(data["chat_messages"], data["users"], data["openline_sessions"], data["tasks"],
                       data["settings"], support_ids_of(data["group"]), data["now"], time_zone=data["time_zone"])


@pytest.fixture(scope="module")
def golden():
    return rows_of(golden_data()["input"])


@pytest.fixture(scope="module")
def sla():
    data = sla_variant(**SLA)
    return rows_of(data), compute_from_input(data)


MONTHS = list(golden_data()["expected"]["months"])


@pytest.mark.parametrize("month", MONTHS)
def test_rows_are_the_golden_items_of_every_figure(golden, month):
    want = golden_data()["expected"]["months"][month]
    for figure, key in COUNTS.items():
        table = golden.table(figure, month)
        assert table["total"] == len(table["rows"])
        if key:
            assert table["total"] == want[key], (figure, month)
    for figure, (key, column) in STATS.items():
        values = [r[column] for r in golden.table(figure, month)["rows"]]
        stat = want[key]
        if stat["avg"] is None:
            assert values == []
            continue
        assert len(values) == stat.get("count", len(values))
        assert np.mean(values) == pytest.approx(stat["avg"])
        assert np.median(values) == pytest.approx(stat["median"])
        assert np.quantile(values, 0.9) == pytest.approx(stat["p90"])


def test_golden_october_rows_in_order_with_durations(golden):
    chat = golden.table("chat_dialogues", "2026-10")["rows"]
    assert [(r["message_id"], r["response_min"], r["status"]) for r in chat] == [
        (1002, 20.0, "answered"), (1005, 1.0, "answered"), (1008, 60.0, "answered"), (1010, 20.0, "answered")]
    assert chat[0]["opened"] == "2026-10-06T10:00:00+03:00" and chat[0]["author"] == "Глеб Бухгалтер"
    assert chat[0]["answered_by"] == "Борис Специалист"
    closed = golden.table("tasks_closed", "2026-10")["rows"]
    assert [(r["id"], r["time_to_close_min"], r["kind"]) for r in closed] == [(301, 24480.0, "internal"),
                                                                              (302, 480.0, "external")]
    opened = golden.table("tasks_open", "2026-10")["rows"]
    assert [(r["id"], r["closed"]) for r in opened] == [(303, None), (304, "2026-11-05T10:00:00+03:00")]
    assert [c for c in COLUMNS["tasks"] if c not in opened[0]] == []


def test_unanswered_rows_match_the_dashboard_lists(golden):
    figures = compute_from_input(golden_data()["input"])
    month = figures["month_keys"][-1]
    chat = golden.table("chat_unanswered", month)["rows"]
    assert [(r["message_id"], r["waiting_min"], r["response_min"]) for r in chat] == [
        (u["message_id"], u["wait_min"], None) for u in figures["unanswered"] if u["month"] == month]
    ol = golden.table("openline_unanswered", month)["rows"]
    assert [r["session_id"] for r in ol] == [s["session_id"] for s in figures["openline_unanswered"]]
    assert {r["status"] for r in ol} <= {"waiting", "closed_unanswered"}


def test_sort_by_any_column_and_filter_by_specialist(golden):
    rows = golden.table("chat_dialogues", "2026-10", sort="response_min", descending=True)["rows"]
    assert [r["response_min"] for r in rows] == [60.0, 20.0, 20.0, 1.0]
    assert [r["message_id"] for r in rows][1:3] == [1002, 1010]          # stable: ties keep chat order
    asc = golden.table("chat_dialogues", "2026-10", sort="answered_by")["rows"]
    assert [r["answered_by"] for r in asc] == sorted(r["answered_by"] for r in asc)
    for column in COLUMNS["tasks"]:
        got = golden.table("tasks_new", "2026-11", sort=column)
        assert got["total"] == golden_data()["expected"]["months"]["2026-11"]["tasks_new"], column
    table = golden.table("chat_dialogues", "2026-10", specialist=2)
    assert [r["answered_by"] for r in table["rows"]] == ["Борис Специалист"] * 2
    assert {s["uid"] for s in table["specialists"]} == {1, 2, 3}
    assert golden.table("chat_dialogues", "2026-10", limit=1)["total"] == 4
    assert table["targets"] is False


def test_empty_values_sort_last_both_ways(golden):
    for descending in (False, True):
        closed = [r["closed"] for r in golden.table("tasks_open", "2026-10", sort="closed", descending=descending)["rows"]]
        filled = [c for c in closed if c is not None]
        assert closed == filled + [None] * (len(closed) - len(filled)) and None in closed and filled
        assert filled == sorted(filled, reverse=descending)


def test_over_target_rows_are_the_breaches(sla):
    rows, figures = sla
    for month in figures["month_keys"]:
        for series in ("chat", "openline", "tasks"):
            want = figures["months"][month]["breach"][series]
            figure = {"chat": "chat_dialogues", "openline": "openline_dialogues", "tasks": "tasks_new"}[series]
            over = rows.table(figure, month, over_target=True)
            assert over["total"] == want["breached"], (month, series)
            assert rows.table(f"breach_{series}", month)["total"] == want["breached"]
            assert over["targets"] is True
            assert all(r["over_target"] is True for r in over["rows"])


def test_working_hours_rows_use_business_minutes(sla):
    rows, figures = sla
    for month in figures["month_keys"]:
        got = [r["response_min"] for r in rows.table("chat_response", month)["rows"]]
        want = figures["months"][month]["chat_response_min"]
        assert (np.mean(got) if got else None) == pytest.approx(want["avg"])


def test_every_figure_is_json(golden):
    for figure in FIGURES:
        table = golden.table(figure, "2026-11")
        assert json.loads(json.dumps(table)) == table


def test_a_desk_with_two_chats_has_the_rows_of_both():
    data = json.loads(json.dumps(golden_data()["input"]))
    data["settings"]["chat_ids"] = [101, 102]
    for m in data["chat_messages"]:
        if m["id"] >= 1015:
            m["chat_id"] = 102
    figures = compute_from_input(data)
    rows = rows_of(data)
    for month in figures["month_keys"]:
        table = rows.table("chat_dialogues", month)
        assert table["total"] == figures["months"][month]["chat_dialogues"]
        for chat, part in figures["months"][month]["chat_by_chat"].items():
            assert sum(r["chat_id"] == int(chat) for r in table["rows"]) == part["dialogues"]
    assert {r["chat_id"] for m in figures["month_keys"] for r in rows.table("chat_dialogues", m)["rows"]} == {101, 102}

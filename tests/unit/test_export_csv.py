"""CSV for Russian Excel: BOM, ';', ДД.ММ.ГГГГ ЧЧ:ММ, minutes as numbers with a decimal comma, formula-looking
text neutralised; the rows of a figure round-trip through pandas.read_csv with the same values."""
from __future__ import annotations

import copy
import io
from datetime import datetime

import pandas as pd
import pytest

from servicedesk.metrics import compute_from_input
from servicedesk.metrics.distribution import distribution
from servicedesk.views.dashboard_data import names_of
from servicedesk.views.export_csv import cell, neutral, to_csv
from servicedesk.views.rows_data import (details_csv, distribution_csv, file_name, headers, rows_csv, shown_rows,
                                         specialists_csv)
from tests.paths import golden_data
from tests.unit.test_rows import rows_of


def read(data: bytes) -> pd.DataFrame:
    assert data.startswith("\ufeff".encode())
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig",
                       keep_default_na=False, na_values=[""])


def hostile_input() -> dict:
    data = copy.deepcopy(golden_data()["input"])
    for m in data["chat_messages"]:
        if m["id"] == 1002:
            m["text"] = '=HYPERLINK("http://x";"клик")'
        if m["id"] == 1005:
            m["text"] = "-1+2; \"кавычки\"\nвторая строка"
    for t in data["tasks"]:
        if t["id"] == "301":
            t["title"] = "@SUM(A1)"
    return data


def test_cells_and_neutralising():
    assert [neutral(x) for x in ("=1", "+1", "-1", "@a", "\tx", "a=1", "")] == ["'=1", "'+1", "'-1", "'@a", "'\tx",
                                                                                "a=1", ""]
    assert cell(12.5, "minutes") == "12,5" and cell(20.0, "minutes") == "20" and cell(1 / 3, "minutes") == "0,33"
    assert cell("2026-10-06T10:00:00+03:00", "time") == "06.10.2026 10:00"
    assert cell(None, "minutes") == "" and cell(-5, "int") == "-5"
    data = to_csv([("=h", "text"), ("n", "minutes")], [["a;b", 1.5]])
    assert data == "\ufeff'=h;n\r\n\"a;b\";1,5\r\n".encode()


def test_rows_round_trip_through_pandas():
    rows = rows_of(hostile_input())
    table = rows.table("chat_dialogues", "2026-10")
    frame = read(rows_csv(table, "ru"))
    assert list(frame.columns) == headers(table, "ru")
    assert frame["Ответ, мин"].tolist() == [r["response_min"] for r in table["rows"]]
    assert frame["Открыт"].tolist() == [datetime.fromisoformat(r["opened"]).strftime("%d.%m.%Y %H:%M")
                                        for r in table["rows"]]
    texts = frame["Вопрос"].tolist()
    assert texts[0] == "'" + '=HYPERLINK("http://x";"клик")'
    assert texts[1] == "'-1+2; \"кавычки\"\nвторая строка"
    assert frame["Состояние"].tolist() == ["отвечен"] * 4
    tasks = rows.table("tasks_closed", "2026-10")
    frame = read(rows_csv(tasks, "ru"))
    assert frame["Задача"].tolist()[0] == "'@SUM(A1)"
    assert frame["Закрытие, мин"].tolist() == [24480.0, 480.0]
    assert frame["ID"].tolist() == [301, 302] and frame["Тип"].tolist() == ["внутренняя", "внешняя"]
    assert shown_rows(tasks, "ru")[0][6] == "17 д"


def test_waiting_rows_keep_empty_cells():
    table = rows_of(golden_data()["input"]).table("tasks_open", "2026-10")
    frame = read(rows_csv(table, "en"))
    assert frame["Closed"].isna().tolist() == [True, False]
    assert frame["Age, min"].tolist()[0] == table["rows"][0]["age_min"]


def test_details_specialists_and_distribution_exports():
    data = golden_data()["input"]
    figures = compute_from_input(data)
    frame = read(details_csv(figures, "2026-10", "ru"))
    month = figures["months"]["2026-10"]
    assert frame["Среднее, мин"].tolist()[0] == pytest.approx(month["chat_response_min"]["avg"])
    assert frame["Количество"].tolist() == [month["chat_dialogues"], month["openline_dialogues"], month["tasks_closed"]]
    people = read(specialists_csv(figures, "2026-10", "ru", names_of(data["users"])))
    assert people["Сотрудник"].tolist() == ["Анна Руководитель", "Борис Специалист", "Вера Специалист"]
    dist = distribution(rows_of(data).items)
    frame = read(distribution_csv(dist, "ru"))
    october = frame[(frame["Месяц"] == "2026-10") & (frame["Ряд"] == "Чат")]
    assert october["Количество"].tolist() == [1, 0, 2, 1, 0, 0, 0]
    assert october["Интервал"].tolist()[0] == "< 5 мин"
    assert file_name("chat_dialogues", "2026-10") == "servicedesk-chat_dialogues-2026-10.csv"
    assert file_name("a/b", None) == "servicedesk-a_b.csv"

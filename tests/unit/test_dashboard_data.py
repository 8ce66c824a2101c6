"""The dashboard's details (views/dashboard_data.py) against the golden desk's figures."""
import pytest

from servicedesk.metrics import compute_from_input
from servicedesk.rest import AccessDenied, NetworkError, PortalError
from servicedesk.views import dashboard_data as dd
from servicedesk.views.i18n import error_text
from tests.paths import golden_data


@pytest.fixture(scope="module")
def golden():
    data = golden_data()["input"]
    return compute_from_input(data), dd.names_of(data["users"])


def by(rows, key, value):
    return next(r for r in rows if r[key] == value)


def test_current_month_by_default_with_figures_median_and_p90(golden):
    figures, names = golden
    d = dd.month_details(figures, None, "ru", names)
    assert (d["month"], d["title"], d["is_current"]) == ("2026-11", "ноябрь 2026", True)
    chat = by(d["stats"], "group", "chat")
    assert (chat["count"], chat["answered"]) == ("4", "3")
    assert (chat["avg"], chat["median"], chat["p90"]) == ("8 ч 5 мин", "30 мин", "19 ч 1 мин")   # 485, 30, 1141.2
    ol = by(d["stats"], "group", "openline")
    assert (ol["count"], ol["answered"], ol["avg"], ol["p90"]) == ("2", "1", "4 мин", "4 мин")
    ttc = by(d["stats"], "group", "tasks")
    assert (ttc["count"], ttc["avg"]) == ("1", "11 д")                                          # 15840 min
    tasks = {r["key"]: (r["total"], r["internal"], r["external"]) for r in d["tasks"]}
    assert tasks == {"tasks_new": ("2", "1", "1"), "tasks_closed": ("1", "1", "0"), "tasks_open": ("3", "2", "1")}


def test_unanswered_of_the_month_longest_wait_first(golden):
    figures, names = golden
    rows = dd.month_details(figures, "2026-11", "ru", names)["unanswered"]
    assert [(r["channel"], r["wait"]) for r in rows] == [("Открытая линия", "15 д 3 ч"), ("Чат", "18 ч")]
    chat = rows[1]
    assert chat["who"] == "Егор Склад" and chat["opened"] == "24.11.2026 18:00" and chat["messages"] == "1"
    assert chat["text"] == "Не работает почта <script>alert(1)</script>"       # raw text: the DOM escapes it
    assert dd.month_details(figures, "2026-10", "ru", names)["unanswered"] == []


def test_open_tasks_oldest_first_with_names_and_statuses(golden):
    figures, names = golden
    rows = dd.month_details(figures, "2026-11", "ru", names)["open_tasks"]
    assert [(r["id"], r["status"], r["responsible"], r["kind"]) for r in rows] == [
        (303, "Выполняется", "Борис Специалист", "внутренняя"),
        (305, "Ждёт контроля", "Анна Руководитель", "внешняя"),
        (306, "Отложена", "Борис Специалист", "внутренняя")]
    assert rows[0]["age"] == "46 д" and rows[0]["created"] == "10.10.2026 12:00"
    # a past month lists the tasks still open that were created by its end
    assert [r["id"] for r in dd.month_details(figures, "2026-10", "ru", names)["open_tasks"]] == [303]
    from servicedesk.bot.refs import task_view_path      # the one path the dashboard's links use
    assert task_view_path(1, 303) == "/company/personal/user/1/tasks/task/view/303/"


def test_previous_month_and_specialists(golden):
    figures, names = golden
    d = dd.month_details(figures, "2026-10", "ru", names)
    chat = by(d["stats"], "group", "chat")
    assert (chat["count"], chat["avg"], chat["median"], chat["p90"]) == ("4", "25 мин", "20 мин", "48 мин")
    assert by(d["stats"], "group", "tasks")["p90"] == "15 д 8 ч"                          # 22080 min
    people = {r["name"]: (r["chat_dialogues"], r["chat_median"], r["openline_dialogues"], r["openline_median"],
                          r["tasks_closed"]) for r in d["specialists"]}
    assert people == {"Анна Руководитель": ("1", "1 мин", "0", "—", "0"),
                      "Борис Специалист": ("2", "20 мин", "1", "2 мин", "1"),
                      "Вера Специалист": ("1", "1 ч", "1", "11 мин", "1")}
    nov = {r["uid"]: r["chat_median"] for r in dd.month_details(figures, "2026-11", "ru", names)["specialists"]}
    assert nov == {1: "6 мин", 2: "23 ч 39 мин", 3: "30 мин"}


def test_empty_month_shows_dashes_english_and_problems(golden):
    figures, names = golden
    d = dd.month_details(figures, "2026-09", "en", names)
    chat = by(d["stats"], "group", "chat")
    assert (chat["count"], chat["avg"], chat["median"], chat["p90"]) == ("0", "—", "—", "—")
    assert d["title"] == "September 2026" and by(d["tasks"], "key", "tasks_new")["label"] == "New"
    blocked = dd.month_details(figures, "2026-11", "ru", names, {"tasks": "Нет прав на задачи группы"})
    assert by(blocked["tasks"], "key", "tasks_open")["total"] == "—" and blocked["open_tasks"] == []
    assert by(blocked["stats"], "group", "chat")["avg"] == "8 ч 5 мин"
    assert {r["tasks_closed"] for r in blocked["specialists"]} == {"—"}
    no_ol = dd.month_details(figures, "2026-11", "ru", names, {"openline": "Нет прав"})
    assert [(r["chat_dialogues"], r["openline_dialogues"]) for r in no_ol["specialists"]] == [("1", "—")] * 3
    assert [(r["total"], r["external"]) for r in no_ol["tasks"]] == [("2", "—"), ("1", "—"), ("3", "—")]
    assert no_ol["tasks_note"].startswith("Без доступа к Открытой линии") and blocked["tasks_note"] == ""
    assert dd.series_problems({"openline": "x", "history_limited": "y"}) == {
        "openline_dialogues": "x", "openline_response": "x"}
    assert dd.default_month(figures, "1999-01") == "2026-11" and dd.default_month(figures, "2026-10") == "2026-10"


def test_no_data_and_unknown_names(golden):
    figures, _ = golden
    assert dd.has_data(figures)
    empty = {"month_keys": figures["month_keys"], "now": figures["now"],
             "months": {k: {} for k in figures["month_keys"]}, "unanswered": [], "open_tasks": []}
    assert not dd.has_data(empty)
    d = dd.month_details(empty, None, "ru", {})
    assert d["specialists"] == [] and d["open_tasks"] == [] and by(d["stats"], "group", "chat")["count"] == "0"
    rows = dd.month_details(figures, "2026-11", "en", {})["open_tasks"]
    assert rows[0]["responsible"] == "User 2"
    assert dd.names_of([{"ID": "5", "NAME": "Ида", "LAST_NAME": "Кот"}, {"id": 0, "name": "system"}]) == {5: "Ида Кот"}


def test_portal_errors_read_as_plain_words():
    assert error_text(AccessDenied("ACCESS_DENIED", "", 403, "tasks.task.list"), "ru").startswith("Недостаточно прав")
    assert "Портал не отвечает" in error_text(NetworkError("NETWORK_ERROR"), "ru")
    text = error_text(PortalError("INTERNAL_SERVER_ERROR", "boom", 500, "batch"), "en")
    assert text.startswith("The portal answered with an error") and "INTERNAL_SERVER_ERROR" in text

"""The split by chat of the selected month (rows only; the table is DOM)."""
from servicedesk.views.desk_views import by_chat_rows

FIG = {"month_keys": ["2026-11"], "months": {"2026-11": {"chat_by_chat": {
    "12": {"dialogues": 2, "answered": 1, "unanswered": 1, "median_response_min": 10.0, "p90_response_min": 10.0},
    "3": {"dialogues": 5, "answered": 5, "unanswered": 0, "median_response_min": 90.0, "p90_response_min": None}}}}}


def test_rows_per_chat_in_id_order_with_names_and_durations():
    rows = by_chat_rows(FIG, "2026-11", "ru", {3: "Поддержка"})
    assert [r["chat_id"] for r in rows] == [3, 12]
    assert rows[0]["chat"] == "Поддержка" and rows[1]["chat"] == "Чат #12"
    assert rows[0]["dialogues"] == "5" and rows[1]["unanswered"] == "1" and rows[0]["p90"] == "—"


def test_one_chat_shows_no_split():
    one = {"months": {"2026-11": {"chat_by_chat": {"3": {"dialogues": 1}}}}}
    assert by_chat_rows(one, "2026-11") == [] and by_chat_rows(FIG, "2025-01") == []

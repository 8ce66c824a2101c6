"""The scorecard's table and CSV as the dashboard shows and exports them (no DOM)."""
from servicedesk.views.scorecard_data import cell_text, scorecard_csv, table

CARD = {"month": "2026-10", "people": {
    "7": {"chat_dialogues": 3, "openline_dialogues": 0, "median_response_min": 12.5, "p90_response_min": 40.0,
          "breach_pct": None, "tasks_closed": 2, "median_time_to_close_min": 90.0, "tasks_reopened": 1,
          "rating": 4.5, "ratings": 2, "trend_median_response_min": [None] * 11 + [12.5]},
    "5": {"chat_dialogues": 1, "openline_dialogues": 2, "median_response_min": None, "p90_response_min": None,
          "breach_pct": 25.0, "tasks_closed": 0, "median_time_to_close_min": None, "tasks_reopened": None,
          "rating": None, "ratings": 0, "trend_median_response_min": []}}}


def test_rows_are_by_name_with_every_figure_and_missing_ones_as_dashes():
    rows = table(CARD, {7: "Анна", 5: "=Борис"})
    assert [r["uid"] for r in rows] == [5, 7] and rows[1]["values"]["tasks_reopened"] == 1
    assert [cell_text("breach_pct", 25.0, "ru"), cell_text("rating", 4.5, "ru"), cell_text("rating", 4.5, "en"),
            cell_text("median_response_min", 90.0, "ru"), cell_text("tasks_closed", None, "ru")] == [
        "25 %", "4,5", "4.5", "1 ч 30 мин", "—"]
    assert table(CARD, {})[0]["name"] == "#5"


def test_csv_has_a_line_per_specialist_in_minutes_and_neutralised_names():
    lines = scorecard_csv(CARD, {7: "Анна", 5: "=Борис"}, "ru").decode("utf-8").split("\r\n")
    assert lines[0].startswith("\ufeffСпециалист;") and lines[0].endswith(";Оценок")
    assert lines[1] == "'=Борис;1;2;;;25;0;;;;;0"          # the customer ratings column (decisions 108) is empty
    assert lines[2] == "Анна;3;0;12,5;40;;2;90;1;4,5;;2" and lines[3] == ""

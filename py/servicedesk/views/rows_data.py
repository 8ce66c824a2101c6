"""The rows panel and the exports as plain data (no DOM, runs on CPython): a metrics.rows table → cells to
show and CSV files; the month's figures, the per-specialist table and the distribution → CSV files.

    shown_rows(table, lang) -> [[text per column]]        headers(table, lang) -> [column titles]
    rows_csv(table, lang) -> bytes     details_csv(figures, month, lang) -> bytes
    specialists_csv(figures, month, lang, names) -> bytes       distribution_csv(dist, lang) -> bytes
    file_name(*parts) -> "servicedesk-….csv"
"""
from __future__ import annotations

import re

from ..charts.buckets import bucket_label
from ..charts.labels import format_duration
from .dashboard_data import format_when
from .export_csv import to_csv
from .i18n_rows import tr

TYPES = {"opened": "time", "created": "time", "closed": "time", "response_min": "minutes",
         "waiting_min": "minutes", "time_to_close_min": "minutes", "age_min": "minutes", "paused_min": "minutes", "id": "int",
         "session_id": "int"}
LABELS = {"status": "st_", "priority": "pr_", "kind": "kind_", "vote": "vote_"}       # value keys shown through texts


def label(column: str, value, lang: str, kind: str = "") -> str:
    """A coded value as words (status, priority, kind, over target)."""
    if value is None:
        return ""
    if column == "over_target":
        return tr("yes" if value else "no", lang)
    if column == "status" and kind == "tasks":
        return tr(f"task_status_{value}", lang)
    prefix = LABELS.get(column)
    if column == "vote" and not value:
        return ""
    return tr(f"{prefix}{value}", lang) if prefix else str(value)


def headers(table: dict, lang: str) -> list[str]:
    return [tr(f"col_{c}", lang) for c in table["columns"]]


def shown_rows(table: dict, lang: str) -> list[list[str]]:
    """Each row's cells as text: times as "24.11.2026 18:00", minutes as "3 ч 20 мин", codes as words."""
    out = []
    for row in table["rows"]:
        cells = []
        for c in table["columns"]:
            value, kind = row.get(c), TYPES.get(c)
            if kind == "time":
                cells.append(format_when(value, lang) if value else "")
            elif kind == "minutes":
                cells.append("" if value is None else format_duration(value, lang))
            elif c in LABELS or c == "over_target":
                cells.append(label(c, value, lang, table["kind"]))
            else:
                cells.append("" if value is None else str(value))
        out.append(cells)
    return out


def rows_csv(table: dict, lang: str) -> bytes:
    """Every row of `table` (pass one built without a limit) as Excel CSV."""
    columns = table["columns"]
    spec = [(tr(f"col_{c}", lang), TYPES.get(c, "text")) for c in columns]
    coded = [c for c in columns if c in LABELS or c == "over_target"]
    rows = ([label(c, r.get(c), lang, table["kind"]) if c in coded else r.get(c) for c in columns]
            for r in table["rows"])
    return to_csv(spec, rows)


def details_csv(figures: dict, month: str, lang: str) -> bytes:
    """The month's figures: count, answered, average, median and p90 (minutes) per series."""
    m = (figures.get("months") or {}).get(month) or {}
    spec = [(tr("stat_col_series", lang), "text"), (tr("stat_col_count", lang), "int"),
            (tr("stat_col_answered", lang), "int")] + [(tr(f"stat_col_{s}", lang), "minutes")
                                                        for s in ("avg", "median", "p90")]
    rows = []
    for series, count, stat in (("chat", "chat_dialogues", "chat_response_min"),
                                ("openline", "openline_dialogues", "openline_response_min"),
                                ("tasks", "tasks_closed", "time_to_close_min")):
        s = m.get(stat) or {}
        rows.append([tr(f"dist_{series}", lang), m.get(count) or 0, s.get("count") or 0,
                     s.get("avg"), s.get("median"), s.get("p90")])
    return to_csv(spec, rows)


def specialists_csv(figures: dict, month: str, lang: str, names: dict) -> bytes:
    """The per-specialist table of the month, medians in minutes."""
    m = (figures.get("months") or {}).get(month) or {}
    chat, lines = m.get("by_specialist") or {}, m.get("openline_by_operator") or {}
    spec = [(tr("spec_col_name", lang), "text"), (tr("spec_col_chat", lang), "int"),
            (tr("spec_col_chat_median", lang), "minutes"), (tr("spec_col_ol", lang), "int"),
            (tr("spec_col_ol_median", lang), "minutes"), (tr("spec_col_closed", lang), "int")]
    names = {int(k): v for k, v in (names or {}).items()}
    rows = []
    for uid in sorted({*chat, *lines}, key=lambda u: (str(names.get(int(u), u)).casefold(), int(u))):
        c, o = chat.get(uid) or {}, lines.get(uid) or {}
        rows.append([names.get(int(uid)) or f"#{uid}", c.get("dialogues") or 0, c.get("median_response_min"),
                     o.get("dialogues") or 0, o.get("median_response_min"), c.get("tasks_closed") or 0])
    return to_csv(spec, rows)


def distribution_csv(dist: dict, lang: str) -> bytes:
    """One line per series, month and range with its count (the unanswered dialogues as a range of their own)."""
    spec = [(tr("dist_col_series", lang), "text"), (tr("col_month", lang), "text"),
            (tr("dist_col_range", lang), "text"), (tr("stat_col_count", lang), "int")]
    rows = []
    for series, entry in dist["series"].items():
        name = tr(f"dist_{series}", lang)
        for month in dist["month_keys"]:
            rows += [[name, month, bucket_label(b, lang), n] for b, n in zip(entry["buckets"], entry["months"][month])]
            if "unanswered" in entry:
                rows.append([name, month, tr("dist_col_unanswered", lang), entry["unanswered"][month]])
    return to_csv(spec, rows)


def file_name(*parts) -> str:
    """"servicedesk-chat_dialogues-2026-10.csv" (only letters, digits, - and _ from the parts)."""
    return "-".join(["servicedesk", *(re.sub(r"[^\w-]", "_", str(p)) for p in parts if p)]) + ".csv"

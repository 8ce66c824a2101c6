"""The dashboard's details as plain rows (no DOM, runs on CPython): what the selected month shows.

    month_details(figures, selected, lang, names, problems) -> {"month", "title", "is_current", "stats",
        "tasks", "unanswered", "open_tasks", "specialists"}

`figures` is metrics.compute_desk's result, `names` {user id: name}; every value in a row is ready to
show as text (durations via charts.format_duration, "—" for none).
"""
from __future__ import annotations

from datetime import datetime

from ..charts.labels import format_duration, month_label
from ..model import User
from .i18n import error_text, t  # noqa: F401 - error_text: moved to i18n, kept importable here

# Which series each loader problem key blanks out (DESIGN §4 "The 8 charts" order).
PROBLEM_SERIES = {
    "chat": ("chat_dialogues", "chat_response"),
    "openline": ("openline_dialogues", "openline_response"),
    "tasks": ("tasks_new", "tasks_closed", "time_to_close", "tasks_open"),
    "crm": ("crm_stages",),
}
DURATIONS = (("chat", "chat_dialogues", "chat_response_min"),
             ("openline", "openline_dialogues", "openline_response_min"),
             ("tasks", "tasks_closed", "time_to_close_min"))
TASK_COUNTS = ("tasks_new", "tasks_closed", "tasks_open")


def names_of(users) -> dict[int, str]:
    """{id: name} from the users the loader read (REST dicts or model.User)."""
    out = {}
    for item in users or ():
        user = User.from_rest(item) if isinstance(item, dict) else item
        if user.id:
            out[user.id] = user.name
    return out


def default_month(figures: dict, wanted: str | None = None) -> str:
    """`wanted` when the figures have it, else the current (last) month."""
    keys = figures.get("month_keys") or []
    return wanted if wanted in keys else (keys[-1] if keys else "")


def series_problems(problems: dict | None) -> dict[str, str]:
    """{series name: the loader's message} for the series whose data could not be read."""
    out = {}
    for group, message in (problems or {}).items():
        for series in PROBLEM_SERIES.get(group, ()):
            out[series] = str(message)
    return out


def has_data(figures: dict) -> bool:
    """False when the 12 months hold no dialogue and no task at all (a desk just set up)."""
    counts = ("chat_dialogues", "openline_dialogues", "tasks_new", "tasks_closed", "tasks_open")
    months = (figures.get("months") or {}).values()
    return any(m.get(k) for m in months for k in counts) or bool(figures.get("open_tasks"))


def format_when(iso: str | None, lang: str = "ru") -> str:
    """An ISO time (already in the desk's zone) as "24.11.2026 18:00" (en: "2026-11-24 18:00")."""
    if not iso:
        return "—"
    moment = datetime.fromisoformat(iso)
    return moment.strftime("%d.%m.%Y %H:%M" if lang == "ru" else "%Y-%m-%d %H:%M")


def _name(names: dict, uid, lang: str) -> str:
    if not uid:
        return "—"
    return names.get(int(uid)) or f"{t('dash_user', lang)} {int(uid)}"


def _stats(month: dict, lang: str, blocked: set[str]) -> list[dict]:
    rows = []
    for group, count_key, key in DURATIONS:
        stat = month.get(key) or {}
        blank = group in blocked
        row = {"group": group, "label": t(f"dash_stat_{group}", lang),
               "count": "—" if blank else str(int(month.get(count_key) or 0)),
               "answered": "—" if blank else str(int(stat.get("count") or 0))}
        for name in ("avg", "median", "p90"):
            row[name] = "—" if blank else format_duration(stat.get(name), lang)
        rows.append(row)
    return rows


def _tasks(month: dict, lang: str, blocked: set[str]) -> list[dict]:
    """New/closed/open with the internal/external split ("—" where unknown: without the Open Line's
    sessions no task can be told external)."""
    blank, no_split = "tasks" in blocked, bool(blocked & {"tasks", "openline"})
    rows = []
    for key in TASK_COUNTS:
        total, ext = int(month.get(key) or 0), int(month.get(f"{key}_external") or 0)
        rows.append({"key": key, "label": t(f"dash_{key}", lang), "total": "—" if blank else str(total),
                     "internal": "—" if no_split else str(total - ext), "external": "—" if no_split else str(ext)})
    return rows


def _unanswered(figures: dict, selected: str, lang: str, names: dict) -> list[dict]:
    """The month's dialogues still waiting now; for the current month every one waiting now (older
    months' too: the summary's "waiting now" count jumps here)."""
    keys = figures.get("month_keys") or []
    current = bool(keys) and selected == keys[-1]

    def shown(row) -> bool:
        month = str(row.get("month") or "")
        return month <= selected if current else month == selected
    rows = [{"channel": t("dash_channel_chat", lang), "who": row.get("author_name") or _name(names, row.get("author_id"), lang),
             "text": str(row.get("text") or ""), "opened": format_when(row.get("opened_at"), lang),
             "wait": format_duration(row.get("wait_min"), lang), "wait_min": row.get("wait_min") or 0,
             "messages": str(int(row.get("messages") or 1))}
            for row in figures.get("unanswered") or () if shown(row)]
    rows += [{"channel": t("dash_channel_openline", lang),
              "who": f"{t('dash_session', lang)} {row.get('session_id')}", "text": "",
              "opened": format_when(row.get("opened_at"), lang), "wait": format_duration(row.get("wait_min"), lang),
              "wait_min": row.get("wait_min") or 0, "messages": "—"}
             for row in figures.get("openline_unanswered") or () if shown(row)]
    return sorted(rows, key=lambda r: -r["wait_min"])


def _open_tasks(figures: dict, selected: str, lang: str, names: dict) -> list[dict]:
    """Tasks and, on a smart-process desk, items (``item`` True: status = the stage's name, decision 166)."""
    statuses = t("dash_status", lang)

    def status(row):
        if row.get("kind") == "item":
            return str(row.get("stage_name") or row.get("stage") or "")
        return statuses.get(str(row.get("status")), str(row.get("status")))

    def kind(row):
        if row.get("kind") == "item":
            return t("dash_item", lang)
        return t("dash_external" if row.get("external") else "dash_internal", lang)
    return [{"id": int(row["id"]), "title": str(row.get("title") or ""), "status": status(row),
             "responsible": _name(names, row.get("responsible_id"), lang),
             "created": format_when(row.get("created_at"), lang), "age": format_duration(row.get("age_min"), lang),
             "kind": kind(row), "item": row.get("kind") == "item", "entity_type_id": row.get("entity_type_id")}
            for row in figures.get("open_tasks") or () if str(row.get("month") or "") <= selected]


def _specialists(month: dict, lang: str, names: dict, blocked: set[str]) -> list[dict]:
    chat = month.get("by_specialist") or {}
    lines = month.get("openline_by_operator") or {}

    def shown(group: str, text: str) -> str:
        return "—" if group in blocked else text

    rows = []
    for uid in {*chat, *lines}:
        c, o = chat.get(uid) or {}, lines.get(uid) or {}
        rows.append({"uid": int(uid), "name": _name(names, uid, lang),
                     "chat_dialogues": shown("chat", str(int(c.get("dialogues") or 0))),
                     "chat_median": shown("chat", format_duration(c.get("median_response_min"), lang)),
                     "openline_dialogues": shown("openline", str(int(o.get("dialogues") or 0))),
                     "openline_median": shown("openline", format_duration(o.get("median_response_min"), lang)),
                     "tasks_closed": shown("tasks", str(int(c.get("tasks_closed") or 0)))})
    return sorted(rows, key=lambda r: (r["name"].casefold(), r["uid"]))


def month_details(figures: dict, selected: str | None, lang: str = "ru", names: dict | None = None,
                  problems: dict | None = None) -> dict:
    """Everything the details block shows for month `selected` (default: the current month).

    `tasks_note` says why the split is missing. Lists: the month's unanswered dialogues (chat and Open Line, still waiting now, longest wait first),
    the tasks still open now that were created by the month's end (oldest first), the per-specialist
    table. Groups named in `problems` (the loader's keys) show "—" instead of numbers."""
    names = {int(k): v for k, v in (names or {}).items()}
    selected = default_month(figures, selected)
    month = (figures.get("months") or {}).get(selected) or {}
    blocked = set(problems or ()) & set(PROBLEM_SERIES)
    keys = figures.get("month_keys") or []
    return {"month": selected, "title": month_label(selected, lang, full=True) if selected else "",
            "is_current": bool(keys) and selected == keys[-1],
            "stats": _stats(month, lang, blocked), "tasks": _tasks(month, lang, blocked),
            "tasks_note": t("dash_split_unknown", lang) if blocked == {"openline"} else "",
            "unanswered": [] if "chat" in blocked and "openline" in blocked else _unanswered(figures, selected, lang, names),
            "open_tasks": [r for r in _open_tasks(figures, selected, lang, names)   # each row's own source
                           if ("crm" if r["item"] else "tasks") not in blocked],
            "specialists": _specialists(month, lang, names, blocked),
            "closed_label": t(_CLOSED_LABEL.get(tuple(month.get("second_line") or ()), "dash_col_closed"), lang)}


# the per-specialist "closed" column of a month on a smart process (decision 168): requests, or both
_CLOSED_LABEL = {("crm",): "dash_col_closed_items", ("crm", "tasks"): "dash_col_closed_both"}

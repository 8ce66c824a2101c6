"""Chart wording in Russian (default) and English: titles, month names, human duration units."""
from __future__ import annotations

MONTHS = {
    "ru": ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
MONTHS_FULL = {
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
TITLES = {
    "ru": {"chat_dialogues": "Диалоги в чате", "chat_response": "Среднее время ответа в чате",
           "openline_dialogues": "Диалоги Открытой линии", "openline_response": "Среднее время ответа ОЛ",
           "tasks_new": "Новые задачи", "tasks_closed": "Закрытые задачи",
           "time_to_close": "Среднее время закрытия", "tasks_open": "Открытые задачи"},
    "en": {"chat_dialogues": "Chat dialogues", "chat_response": "Chat avg response time",
           "openline_dialogues": "Open Line dialogues", "openline_response": "Open Line avg response time",
           "tasks_new": "New tasks", "tasks_closed": "Closed tasks",
           "time_to_close": "Avg time to close", "tasks_open": "Open tasks"},
}
TITLES["ru"]["breach"] = "Нарушения нормативов, %"
TITLES["en"]["breach"] = "Target breaches, %"
WORDS = {
    "ru": {"internal": "внутренние", "external": "внешние", "total": "всего", "none": "нет данных",
           "target": "норматив", "24x7": "24/7", "working_hours": "рабочее время", "chat": "чат",
           "openline": "ОЛ", "tasks": "задачи", "high": "высокий", "medium": "средний", "low": "низкий"},
    "en": {"internal": "internal", "external": "external", "total": "total", "none": "no data",
           "target": "target", "24x7": "24/7", "working_hours": "working hours", "chat": "chat",
           "openline": "Open Line", "tasks": "tasks", "high": "high", "medium": "medium", "low": "low"},
}


def mode_label(figures: dict, lang: str) -> str:
    """"рабочее время" or "24/7": how the figures' durations are counted."""
    return WORDS[lang_of(lang)][(figures.get("sla") or {}).get("mode") or "24x7"]


def targets_of(figures: dict, series: str) -> list[tuple[str, float]]:
    """The target lines (label key, minutes) of a duration series: one for a response, one per priority
    with a target for the time to close."""
    t = (figures.get("sla") or {}).get("targets_min") or {}
    if series == "chat_response":
        return [("target", t["chat"])] if t.get("chat") else []
    if series == "openline_response":
        return [("target", t["openline"])] if t.get("openline") else []
    if series == "time_to_close":
        return [(p, t["task_close"][p]) for p in ("high", "medium", "low") if (t.get("task_close") or {}).get(p)]
    return []


def breach_series(figures: dict) -> list[str]:
    """The series with a target ("chat", "openline", "tasks"), in that order."""
    t = (figures.get("sla") or {}).get("targets_min") or {}
    return [s for s, on in (("chat", t.get("chat")), ("openline", t.get("openline")), ("tasks", t.get("task_close")))
            if on]
UNITS = {"ru": ("мин", "ч", "д"), "en": ("min", "h", "d")}
_MINUTES_PER = (1, 60, 1440)


def lang_of(lang: str | None) -> str:
    """"ru" unless English is asked for ("en", "en-US", …)."""
    return "en" if str(lang or "").lower().startswith("en") else "ru"


def month_label(key: str, lang: str, full: bool = False) -> str:
    """"2026-11" → "ноя" (or "ноябрь 2026" with full=True)."""
    year, month = key.split("-")
    names = (MONTHS_FULL if full else MONTHS)[lang_of(lang)]
    return f"{names[int(month) - 1]} {year}" if full else names[int(month) - 1]


def duration_unit(max_minutes: float | None) -> int:
    """Unit index for an axis whose largest value is `max_minutes`: 0 min (< 2 h), 1 h (< 2 d), 2 d."""
    if not max_minutes or max_minutes < 120:
        return 0
    return 1 if max_minutes < 2880 else 2


def unit_scale(unit: int) -> int:
    """Minutes per unit index."""
    return _MINUTES_PER[unit]


def unit_name(unit: int, lang: str) -> str:
    return UNITS[lang_of(lang)][unit]


def format_duration(minutes: float | None, lang: str = "ru") -> str:
    """Human duration: "—", "45 мин", "3 ч 20 мин", "2 д 5 ч" (en: "45 min", "3 h 20 min", "2 d 5 h")."""
    if minutes is None:
        return "—"
    mins, hours, days = UNITS[lang_of(lang)]
    total = int(round(max(float(minutes), 0.0)))
    if total < 60:
        return f"{total} {mins}"
    if total < 1440:
        h, m = divmod(total, 60)
        return f"{h} {hours}" + (f" {m} {mins}" if m else "")
    d, rest = divmod(total, 1440)
    h = int(round(rest / 60))
    if h == 24:
        d, h = d + 1, 0
    return f"{d} {days}" + (f" {h} {hours}" if h else "")

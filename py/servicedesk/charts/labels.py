"""Chart wording in Russian (default) and English: titles, month names, human duration units. Titles
and words are the ``chart_*`` texts of ``servicedesk.texts``."""
from __future__ import annotations

from ..texts import section

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
TITLES = section("chart_title_")     # {lang: {series: title}}, in dashboard order (servicedesk.texts)
WORDS = section("chart_word_")       # {lang: {word: text}}


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

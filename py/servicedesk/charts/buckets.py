"""Wording of the duration buckets (metrics.distribution) and the heat-map's weekdays, ru/en; no matplotlib."""
from __future__ import annotations

from .labels import lang_of

BUCKET_LABELS = {
    "ru": {"lt5m": "< 5 мин", "5_15m": "5–15 мин", "15_60m": "15–60 мин", "1_4h": "1–4 ч", "4_24h": "4–24 ч",
           "gt1d": "> 1 д", "lt1d": "< 1 д", "1_3d": "1–3 д", "3_7d": "3–7 д", "7_30d": "7–30 д", "gt30d": "> 30 д"},
    "en": {"lt5m": "< 5 min", "5_15m": "5–15 min", "15_60m": "15–60 min", "1_4h": "1–4 h", "4_24h": "4–24 h",
           "gt1d": "> 1 d", "lt1d": "< 1 d", "1_3d": "1–3 d", "3_7d": "3–7 d", "7_30d": "7–30 d", "gt30d": "> 30 d"},
}
DIST_TITLES = {
    "ru": {"chat": "Время ответа в чате по интервалам", "openline": "Время ответа ОЛ по интервалам",
           "tasks": "Время закрытия задач по интервалам"},
    "en": {"chat": "Chat response times by range", "openline": "Open Line response times by range",
           "tasks": "Task close times by range"},
}
WEEKDAYS = {"ru": ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"), "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
HEATMAP_TITLE = {"ru": "Начатые диалоги по дням недели и часам", "en": "Dialogues started by weekday and hour"}
# green (fast) → red (slow), one per bucket of the longest scale
BUCKET_COLORS = ("#2fb36c", "#8fd14f", "#ffd23f", "#ffa100", "#f26b3a", "#d93025")


def bucket_label(key: str, lang: str) -> str:
    return BUCKET_LABELS[lang_of(lang)].get(key, key)

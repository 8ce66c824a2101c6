"""Wording of the duration buckets (metrics.distribution) and the heat-map's weekdays, ru/en; no matplotlib."""
from __future__ import annotations

from ..texts import both, section
from .labels import lang_of

BUCKET_LABELS = section("bucket_")   # {lang: {bucket: label}} (servicedesk.texts)
DIST_TITLES = section("dist_title_")
WEEKDAYS = {"ru": ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"), "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
HEATMAP_TITLE = both("heatmap_title")
# green (fast) → red (slow), one per bucket of the longest scale
BUCKET_COLORS = ("#2fb36c", "#8fd14f", "#ffd23f", "#ffa100", "#f26b3a", "#d93025")


def bucket_label(key: str, lang: str) -> str:
    return BUCKET_LABELS[lang_of(lang)].get(key, key)

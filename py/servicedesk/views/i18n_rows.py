"""Texts of the rows behind a figure, the distributions, the load heat-map and the export (ru first, en):
kept in ``servicedesk.texts`` with every other text."""
from __future__ import annotations

from ..texts import t


def tr(key: str, lang: str = "ru") -> str:
    """The text for `key` (English when asked for, else Russian; the key itself when unknown)."""
    return t(key, "en" if str(lang or "").lower().startswith("en") else "ru")

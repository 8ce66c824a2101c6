"""Every text the user reads, one table per language: ``ru.py`` (the default) and ``en.py``, with the
same keys (a test checks it). ``t`` is the one lookup; the screens, the bot, the loader's problems, the
charts and the setup wizard's portal objects all read these tables.
"""
from __future__ import annotations

from . import en, ru

TEXTS = {"ru": ru.TEXTS, "en": en.TEXTS}


def lang_of(portal_lang: str | None) -> str:
    """``ru`` for Russian-speaking portals (ru, ua, by, kz), ``en`` otherwise."""
    return "ru" if (portal_lang or "ru").lower() in ("ru", "ua", "by", "kz") else "en"


def t(key: str, lang: str = "ru", **kw):
    """The text for ``key`` in ``lang`` (falls back to Russian, then to the key itself), formatted
    with ``kw`` when given."""
    text = (TEXTS.get(lang) or TEXTS["ru"]).get(key, TEXTS["ru"].get(key, key))
    return text.format(**kw) if kw else text


def both(key: str) -> dict[str, str]:
    """``{"ru": …, "en": …}`` of ``key``: for what is written to the portal in both languages."""
    return {lang: t(key, lang) for lang in TEXTS}


def section(prefix: str) -> dict[str, dict[str, str]]:
    """``{lang: {rest of the key: text}}`` of the keys starting with ``prefix``, in table order."""
    return {lang: {k[len(prefix):]: v for k, v in table.items() if k.startswith(prefix)} for lang, table in TEXTS.items()}

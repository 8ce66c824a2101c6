"""What the bot says (ru first, en for other portal languages) and the task status names: the
``bot_*`` and ``task_status_*`` texts of ``servicedesk.texts``."""
from __future__ import annotations

from ..texts import lang_of, t  # noqa: F401 (lang_of: the bot speaks the event's language)


def inert(text: str) -> str:
    """Portal text made safe to put in a bot message: chat messages are BB-code and Bitrix24 has no
    escape, so a zero-width space after each "[" keeps ``[URL=…]``/``[USER=…]`` from being tags."""
    return str(text or "").replace("[", "[\u200b")


def say(key: str, lang: str = "ru", **kw) -> str:
    return t(f"bot_{key}", lang, **kw)


def status_name(status: int, lang: str = "ru") -> str:
    key = f"task_status_{int(status or 0)}"
    text = t(key, lang)
    return str(status) if text == key else text

"""What the loader could not load, said for a support manager (ru first, en)."""
from __future__ import annotations

TEXTS = {
    "chat_no_access": {
        "ru": "Нет доступа к чату поддержки: вы не его участник. Графики первой линии (чат) недоступны.",
        "en": "No access to the support chat: you are not a member. The chat (first line) charts are unavailable."},
    "chat_error": {
        "ru": "Не удалось загрузить сообщения чата поддержки: {detail}",
        "en": "Could not load the support chat's messages: {detail}"},
    "history_limited": {
        "ru": "Тариф портала скрывает старую историю чата: ранние месяцы неполные, а не «тихие».",
        "en": "The portal's plan hides old chat history: early months are incomplete, not quiet."},
    "openline_no_access": {
        "ru": "Нет доступа к отчётам открытых линий и к CRM: графики открытой линии недоступны.",
        "en": "No access to Open Line reports or to the CRM: the Open Line charts are unavailable."},
    "openline_error": {
        "ru": "Не удалось загрузить сессии открытой линии: {detail}",
        "en": "Could not load the Open Line sessions: {detail}"},
    "tasks_error": {
        "ru": "Не удалось загрузить задачи группы поддержки: {detail}",
        "en": "Could not load the support group's tasks: {detail}"},
}

SERIES = {"chat_no_access": "chat", "chat_error": "chat", "history_limited": "history_limited",
          "openline_no_access": "openline", "openline_error": "openline", "tasks_error": "tasks"}


def explain(code: str, lang: str = "ru", detail: str = "") -> str:
    """The message for problem ``code`` in ``lang``."""
    text = TEXTS[code].get(lang) or TEXTS[code]["ru"]
    return text.format(detail=detail)

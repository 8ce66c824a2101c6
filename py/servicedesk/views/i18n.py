"""Interface texts: Russian first, English when the portal's language is not Russian."""
from __future__ import annotations

TEXTS = {
    "ru": {
        "app": "ServiceDesk",
        "loading_python": "Загрузка Python…",
        "connecting": "Подключение к порталу…",
        "loading_data": "Загрузка данных…",
        "outside": "ServiceDesk открыт вне Битрикс24. Откройте приложение из портала.",
        "not_configured": "ServiceDesk ещё не настроен — обратитесь к администратору портала.",
        "setup": "Настройка ServiceDesk",
        "setup_intro": "Мастер настройки создаст закрытую группу поддержки, чат-бота и поля задач.",
        "dashboard": "SLA поддержки",
        "my_requests": "Мои обращения",
        "task_from_message": "Задача из сообщения",
        "you_are": "Вы",
        "role": "Роль",
        "placement": "Место открытия",
        "roles": {"manager": "руководитель поддержки", "specialist": "специалист",
                  "admin": "администратор портала", "user": "сотрудник"},
        "error": "Ошибка",
        "portal_error": "Портал ответил ошибкой",
        "group_unreadable": "Не удалось прочитать группу поддержки",
    },
    "en": {
        "app": "ServiceDesk",
        "loading_python": "Loading Python…",
        "connecting": "Connecting to the portal…",
        "loading_data": "Loading data…",
        "outside": "ServiceDesk is open outside Bitrix24. Open the app from your portal.",
        "not_configured": "ServiceDesk is not set up yet — ask your portal administrator.",
        "setup": "ServiceDesk setup",
        "setup_intro": "The wizard creates a closed support group, the chat bot and the task fields.",
        "dashboard": "Support SLA",
        "my_requests": "My requests",
        "task_from_message": "Task from a message",
        "you_are": "You",
        "role": "Role",
        "placement": "Opened from",
        "roles": {"manager": "support manager", "specialist": "specialist",
                  "admin": "portal administrator", "user": "employee"},
        "error": "Error",
        "portal_error": "The portal answered with an error",
        "group_unreadable": "Could not read the support group",
    },
}


def lang_of(portal_lang: str | None) -> str:
    """``ru`` for Russian-speaking portals (ru, ua, by, kz), ``en`` otherwise."""
    return "ru" if (portal_lang or "ru").lower() in ("ru", "ua", "by", "kz") else "en"


def t(key: str, lang: str = "ru"):
    """The text for ``key`` in ``lang`` (falls back to Russian, then to the key itself)."""
    return TEXTS.get(lang, TEXTS["ru"]).get(key, TEXTS["ru"].get(key, key))

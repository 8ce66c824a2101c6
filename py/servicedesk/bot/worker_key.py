"""What the settings screen shows an admin who enables the always-on worker (``worker.py``): the
credentials file to copy, once, and the command. No DOM here (views/setup.py renders it)."""
from __future__ import annotations

import json

COMMAND = "PYTHONPATH=py python3 -m servicedesk.bot.worker --config bot.json"
TEXTS = {
    "ru": {
        "title": "Бот без открытого приложения (необязательно)",
        "about": "Сейчас бот отвечает на команды, пока у кого-то из поддержки открыт ServiceDesk. "
                 "Фоновый процесс на вашем сервере может отвечать всегда. Он работает с вашими правами, "
                 "обращается только к порталу и хранит только свой ключ и номер последнего события.",
        "issue": "Выдать ключ для фонового процесса",
        "copy": "Сохраните это в файл bot.json — ключ показывается один раз. client_id и client_secret "
                "возьмите в карточке приложения (Приложения → Разработчикам → Интеграции → ServiceDesk). "
                "Запуск:",
        "again": "Ключ показан один раз. Новый ключ можно выдать, снова открыв настройки.",
        "failed": "Не удалось получить ключ: {error}",
    },
    "en": {
        "title": "The bot with no app open (optional)",
        "about": "The bot now answers commands while someone in support has ServiceDesk open. A background "
                 "process on your server can answer at any time. It acts with your rights, talks only to the "
                 "portal and stores nothing but its key and the last event's number.",
        "issue": "Issue a key for the background process",
        "copy": "Save this as bot.json: the key is shown once. Take client_id and client_secret from the "
                "app's card (Applications → Developer resources → Integrations → ServiceDesk). Run:",
        "again": "The key was shown once. Open the settings again to issue a new one.",
        "failed": "Could not get a key: {error}",
    },
}


def text(key: str, lang: str = "ru", **kw) -> str:
    """A text of the worker's settings section (ru, else en)."""
    return TEXTS["ru" if lang == "ru" else "en"][key].format(**kw)


def credentials_file(portal: str, refresh_token: str) -> str:
    """The JSON file the worker reads; the app's keys are for the admin to paste."""
    return json.dumps({"portal": portal.rstrip("/"), "client_id": "<client_id>", "client_secret": "<client_secret>",
                       "refresh_token": refresh_token}, indent=2)

"""What the settings screen shows an admin who enables the always-on worker (``worker.py``): the
credentials file to copy, once, and the command. No DOM here (views/setup.py renders it); the texts are the ``worker_*`` of
``servicedesk.texts``."""
from __future__ import annotations

import json

from ..texts import t

COMMAND = "PYTHONPATH=py python3 -m servicedesk.bot.worker --config bot.json"


def text(key: str, lang: str = "ru", **kw) -> str:
    """A text of the worker's settings section (ru, else en)."""
    return t(f"worker_{key}", "ru" if lang == "ru" else "en", **kw)


def credentials_file(portal: str, refresh_token: str) -> str:
    """The JSON file the worker reads; the app's keys are for the admin to paste."""
    return json.dumps({"portal": portal.rstrip("/"), "client_id": "<client_id>", "client_secret": "<client_secret>",
                       "refresh_token": refresh_token}, indent=2)

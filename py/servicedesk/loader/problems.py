"""What the loader could not load, said for a support manager (ru first, en): the ``problem_*`` texts
of ``servicedesk.texts``."""
from __future__ import annotations

from ..texts import t

SERIES = {"chat_no_access": "chat", "chat_error": "chat", "history_limited": "history_limited",
          "openline_no_access": "openline", "openline_no_plan": "openline", "openline_error": "openline",
          "tasks_error": "tasks", "crm_error": "crm"}


def explain(code: str, lang: str = "ru", detail: str = "") -> str:
    """The message for problem ``code`` in ``lang``."""
    return t(f"problem_{code}", lang, detail=detail)

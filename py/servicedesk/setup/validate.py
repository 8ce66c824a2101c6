"""The wizard's input checks, before anything is sent: {field: i18n key} (empty = fine)."""
from __future__ import annotations

from ..model.sla import validate_sla
from ..model.values import valid_zone
from .spec import GREETING_MAX, NAME_MAX, SetupInput


def check_title(text: str, empty: str, long: str) -> str | None:
    text = (text or "").strip()
    if not text:
        return empty
    return long if len(text) > NAME_MAX else None


def validate(inp: SetupInput, *, chat_ids: list[int] | None = None,
             openline_ids: list[int] | None = None) -> dict[str, str]:
    """Problems with ``inp``: ``chat_ids`` are the group chats the admin is in, ``openline_ids``
    the portal's Open Lines (None = not checked here)."""
    inp = inp.cleaned()
    errors: dict[str, str] = {}
    problem = check_title(inp.group_name, "setup_err_name_empty", "setup_err_name_long")
    if problem:
        errors["group_name"] = problem
    if not inp.manager_id:
        errors["manager"] = "setup_err_manager"
    if not inp.specialist_ids:
        errors["specialists"] = "setup_err_specialists"
    if inp.chat_id:
        if chat_ids is not None and int(inp.chat_id) not in chat_ids:
            errors["chat"] = "setup_err_chat_member"
    else:
        problem = check_title(inp.chat_title, "setup_err_chat_title", "setup_err_chat_title_long")
        if problem:
            errors["chat"] = problem
    if inp.openline_id:
        if openline_ids is not None and int(inp.openline_id) not in openline_ids:
            errors["openline"] = "setup_err_openline"
        elif len(inp.greeting) > GREETING_MAX:
            errors["openline"] = "setup_err_greeting_long"
    if not valid_zone(inp.time_zone):
        errors["time_zone"] = "setup_err_time_zone"
    if not inp.handler.startswith(("https://", "http://")):
        errors["handler"] = "setup_err_handler"
    if inp.sla:
        errors.update(validate_sla({k: v for k, v in inp.sla.items() if k != "time_zone"})[0])
    return errors

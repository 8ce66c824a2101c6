"""Portal paths and keys the bot actions share: task pages, message links, message dedup ids."""
from __future__ import annotations

import uuid
from datetime import timezone

from ..model.values import parse_time

_NS = uuid.UUID("2f7b1c3e-8d4a-5b6c-9e0f-5e2d1a7c4b30")   # ServiceDesk's namespace for message UUIDs


def task_view_path(user_id: int, task_id: int) -> str:
    """The task's page as a portal path (the personal-tasks route works for every participant)."""
    return f"/company/personal/user/{user_id}/tasks/task/view/{task_id}/"


def item_view_path(entity_type_id: int, item_id: int) -> str:
    """A smart-process item's card as a portal path (issue 27)."""
    return f"/crm/type/{entity_type_id}/details/{item_id}/"


def request_path(user_id: int, r) -> str:
    """The page of a request: its item card when it is a smart-process item, else its task."""
    return item_view_path(r.entity_type_id, r.id) if getattr(r, "entity_type_id", 0) else task_view_path(user_id, r.id)


def task_edit_path(user_id: int, task_id: int) -> str:
    """The task's edit form (the new task opens here so the person sets the deadline)."""
    return f"/company/personal/user/{user_id}/tasks/task/edit/{task_id}/"


def message_link(dialog_id: str, message_id: int, label: str) -> str:
    """A BB-code link back to a chat message (as the portal's own "task from message" writes it)."""
    return f"[URL=/online/?IM_DIALOG={dialog_id}&IM_MESSAGE={message_id}]{label}[/URL]"


def template_id(bot_id: int, key: str) -> str:
    """A stable UUID for a bot message's key, sent as ``templateId`` and looked for in the message's
    ``uuid`` (send.bot_send): the portal is not documented to drop a repeat itself."""
    return str(uuid.uuid5(_NS, f"{bot_id}:{key}"))


def first_line(text: str, limit: int = 255) -> str:
    """The first non-empty line of ``text``, trimmed to ``limit`` characters."""
    for line in str(text or "").splitlines():
        if line.strip():
            return line.strip()[:limit].rstrip()
    return ""


def local_time(value, tz_name: str = "UTC", fmt: str = "%d.%m.%Y %H:%M") -> str:
    """An ISO time (or datetime) shown in the desk's zone ("" when missing; UTC without tz data)."""
    when = parse_time(value)
    if when is None:
        return ""
    try:
        from zoneinfo import ZoneInfo
        zone = ZoneInfo(tz_name)
    except Exception:  # noqa: BLE001 - no tz database (or an unknown name): UTC rather than nothing
        zone = timezone.utc
    return clock_text(when.astimezone(zone), fmt)


_CODES = {"d": "%02d", "m": "%02d", "Y": "%d", "H": "%02d", "M": "%02d", "S": "%02d", "%": "%s"}


def clock_text(when, fmt: str) -> str:
    """``when`` formatted with %d %m %Y %H %M %S %% (what ``strftime`` does with them; MicroPython's
    datetime has no strftime)."""
    values = {"d": when.day, "m": when.month, "Y": when.year, "H": when.hour, "M": when.minute, "S": when.second,
              "%": "%"}
    out, i = [], 0
    while i < len(fmt):
        code = fmt[i + 1:i + 2] if fmt[i] == "%" else ""
        if code in _CODES:
            out.append(_CODES[code] % values[code])
            i += 2
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out)

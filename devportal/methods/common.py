"""Shared by the method families: the caller's app context, id allocation, dates, user cards."""
from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from typing import Callable

from ..envelope import RestError, iso
from ..state import Portal, User

Handler = Callable[[Portal, User, dict], object]

# The app (or "" for a webhook) of the call being handled; set by the dispatcher.
CURRENT_APP: ContextVar[str] = ContextVar("devportal_app", default="")

COLLECTIONS = {"user": "users", "group": "groups", "chat": "chats", "message": "messages", "file": "files",
               "task": "tasks", "task_field": "task_fields", "session": "sessions",
               "openline": "openlines", "department": "departments"}


def fresh_id(portal: Portal, kind: str) -> int:
    """A new id for ``kind`` above every id already in its collection (and ``portal.next_id``)."""
    coll = getattr(portal, COLLECTIONS.get(kind, ""), None) or {}
    if kind == "event":
        floor = max((e.event_id for e in portal.events), default=0) + 1
    elif kind == "user":
        floor = max(list(portal.users) + list(portal.bots), default=0) + 1
    else:
        floor = max(coll, default=0) + 1
    n = max(portal.next_id.get(kind, 1), floor)
    portal.next_id[kind] = n + 1
    return n


def date(portal: Portal, value: datetime | None) -> str | None:
    """A datetime as the portal writes it (ISO 8601 with the portal zone's offset)."""
    return iso(value, portal.time_zone)


def parse_date(value) -> datetime | None:
    """An ISO 8601 input date (``Z`` allowed); a bare date/naive time is read as UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    text = str(value).strip().replace("Z", "+00:00")
    try:
        d = datetime.fromisoformat(text)
    except ValueError:
        raise RestError(400, "ERROR_ARGUMENT", f"Wrong date: {value}") from None
    if d.tzinfo is None:
        from datetime import timezone
        d = d.replace(tzinfo=timezone.utc)
    return d


def int_or(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def full_name(u: User) -> str:
    return f"{u.name} {u.last_name}".strip()


_V2_USER = ("id", "active", "name", "firstName", "lastName", "workPosition", "color", "avatar", "gender",
            "birthday", "extranet", "bot", "connector", "externalAuthId", "status", "idle",
            "lastActivityDate", "absent", "departments", "phones", "type")


def im_user(portal: Portal, u: User, camel: bool = False) -> dict:
    """A user card as the im.* methods give it (snake_case; camelCase for the newer ones)."""
    card = {
        "id": u.id, "active": u.active, "name": full_name(u), "first_name": u.name,
        "last_name": u.last_name, "work_position": u.work_position, "color": "#df532d",
        "avatar": u.photo, "avatar_hr": u.photo, "gender": "M", "birthday": "", "extranet": False,
        "network": False, "bot": u.bot, "connector": False,
        "external_auth_id": "bot" if u.bot else "default", "status": "online", "idle": False,
        "last_activity_date": date(portal, portal.now), "mobile_last_date": False,
        "desktop_last_date": False, "absent": False, "departments": list(u.departments),
        "phones": False, "bot_data": None, "type": "bot" if u.bot else "user", "website": "",
        "email": u.email,
    }
    return {camel_case(k): v for k, v in card.items()} if camel else card


def v2_user(portal: Portal, u: User) -> dict:
    """A user as imbot.v2 answers and events carry it (bot-register.md, events.md)."""
    card = im_user(portal, u, camel=True)
    out = {k: card[k] for k in _V2_USER}
    out["type"] = "bot" if u.bot else "employee"
    return out


def camel_case(name: str) -> str:
    """``work_position`` / ``UF_SD_MESSAGE_ID`` -> ``workPosition`` / ``ufSdMessageId``."""
    parts = name.lower().split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])

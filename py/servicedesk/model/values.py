"""Tolerant conversions of REST values (ids as strings, ISO dates, "Y"/"N" flags) and field names."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone, tzinfo


def to_int(value) -> int | None:
    """An id from REST ("301", 301, "chat101") as int; None for null, "" or anything without digits."""
    kind = type(value)
    if kind is int:
        return value
    if kind is str and value.isdigit():
        return int(value)
    if value is None or kind is bool:
        return None
    text = str(value).strip()
    if text.lower().startswith("chat"):
        text = text[4:]
    try:
        return int(text)
    except ValueError:
        try:
            return int(float(text))
        except ValueError:
            return None


def json_text(value) -> str:
    """``value`` as JSON with sorted keys and characters as they are: what ``json.dumps(value,
    ensure_ascii=False, sort_keys=True)`` writes, also on MicroPython (whose json has neither option)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json_string(str(k))}: {json_text(v)}"
                               for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(json_text(v) for v in value) + "]"
    return _json_string(value) if isinstance(value, str) else json.dumps(value)


def _json_string(text: str) -> str:
    if sys.implementation.name == "micropython":     # its json takes no options, never escapes non-ASCII
        return json.dumps(text)
    return json.dumps(text, ensure_ascii=False)      # not on MicroPython


def unique(values) -> list:
    """``values`` without repeats, in the order they first come (``dict.fromkeys`` keeps no order on
    MicroPython, whose dicts are unordered)."""
    seen, out = set(), []
    for value in values:
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def display_name(user: dict, or_id: bool = True) -> str:
    """A person's name from user.get / user.current fields: "NAME LAST_NAME"; without either, the
    id as text (``or_id``) or ""."""
    name = " ".join(str(p) for p in (user.get("NAME"), user.get("LAST_NAME")) if p)
    return name or (str(user.get("ID", "")) if or_id else "")


def to_bool(value) -> bool:
    """REST truth: true, "Y", "1", 1 → True; false, "N", "0", "", None → False."""
    if isinstance(value, str):
        return value.strip().upper() in ("Y", "YES", "TRUE", "1")
    return bool(value)


def parse_time(value, default_tz: tzinfo | None = None) -> datetime | None:
    """An aware datetime from ISO 8601 text (offset or "Z"); naive text is taken in `default_tz` (UTC)."""
    if isinstance(value, datetime):      # first: MicroPython's datetime cannot be compared with ""
        dt = value
    elif type(value) is str and value:
        dt = datetime.fromisoformat(value.strip())
    elif value is None or value == "":
        return None
    else:
        dt = datetime.fromisoformat(str(value).strip())
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=default_tz or timezone.utc)
    return dt


def format_time(value: datetime | None) -> str | None:
    """ISO 8601 text with offset, or None."""
    return None if value is None else value.isoformat()


def uf_to_camel(name: str) -> str:
    """A task user-field name as tasks.task.list returns it: "UF_SD_MESSAGE_ID" → "ufSdMessageId"."""
    parts = [p for p in str(name).strip().lower().split("_") if p]
    if not parts:
        return ""
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def valid_zone(name: str) -> bool:
    """An IANA time zone this runtime knows (``Europe/Moscow``)."""
    from zoneinfo import ZoneInfo
    if not name or name.startswith("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):     # ZoneInfoNotFoundError is a KeyError
        return False
    return True

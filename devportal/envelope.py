"""Bitrix24's answer envelope: ``result`` + ``time`` (+ ``total``/``next``), errors, PHP arrays.

Checked against settings/how-to-call-rest-api/general-principles.md, limits.md ("time" with
operating / operating_reset_at), settings/how-to-call-rest-api/list-methods-pecularities.md and
_includes/system-errors.md (status of each system error).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

PAGE = 50


class RestError(Exception):
    """A REST error answer: HTTP ``status`` and ``{"error": code, "error_description": text}``."""

    def __init__(self, status: int, code: str, description: str = "", **extra: Any):
        super().__init__(f"{status} {code}: {description}")
        self.status, self.code, self.description, self.extra = status, code, description, extra

    def body(self) -> dict:
        return {"error": self.code, "error_description": self.description, **self.extra}


def access_denied(text: str = "Access denied!") -> RestError:
    """403 ACCESS_DENIED, as Bitrix24's rest AccessException renders it."""
    return RestError(403, "ACCESS_DENIED", text)


@dataclass
class Listed:
    """A list method's answer: ``result`` plus ``total`` and ``next`` (None = leave the key out)."""
    result: Any
    total: int | None = None
    next: int | None = None


@dataclass
class Timing:
    """Start/finish of one call, as portal-clock datetimes, for the ``time`` object."""
    start: datetime
    finish: datetime
    operating: float = 0.0
    extra: dict = field(default_factory=dict)


def time_object(t: Timing, tz: str) -> dict:
    """The ``time`` object every answer carries (keys as in limits.md's example)."""
    start, finish = t.start.timestamp(), t.finish.timestamp()
    return {
        "start": start, "finish": finish, "duration": finish - start, "processing": finish - start,
        "date_start": iso(t.start, tz), "date_finish": iso(t.finish, tz),
        "operating_reset_at": int(start) + 600, "operating": t.operating, **t.extra,
    }


def iso(value: datetime | None, tz: str) -> str | None:
    """``2024-11-02T10:06:08+03:00``: seconds precision, in the portal's time zone."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(tz)).replace(microsecond=0).isoformat()


def page(items: list, params: dict, size: int = PAGE) -> Listed:
    """Cut ``items`` at ``params['start']`` (50 a page); ``start=-1`` = first page, no count."""
    try:
        start = int(params.get("start") or 0)
    except (TypeError, ValueError):
        start = 0
    if start == -1:
        return Listed(items[:size])
    start = max(start, 0)
    chunk = items[start:start + size]
    nxt = start + size if start + size < len(items) else None
    return Listed(chunk, total=len(items), next=nxt)


def php_array(d: dict) -> dict | list:
    """How PHP's json_encode shows an array: [] when empty, a list when keyed 0..n-1."""
    if not d:
        return []
    if list(d.keys()) == list(range(len(d))):
        return list(d.values())
    return {str(k): v for k, v in d.items()}

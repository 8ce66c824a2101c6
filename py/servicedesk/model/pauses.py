"""Paused spans of a task from its history (decisions 100): pure Python, no numpy, so the loader can
read them before the figures' libraries are loaded. tasks/tasks-task-history-list.md: ``list`` of
{id, createdDate, field, value {from, to}}; STATUS values are status numbers as text; TAGS values are
read as a list or comma-separated tag names (the page does not state their format)."""
from __future__ import annotations

from .values import parse_time

DEFAULT_PAUSE_STATUSES = (6,)


def _tags(value) -> set[str]:
    if value is None:
        return set()
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return {str(x).strip().lower() for x in items if str(x).strip()}


def paused_spans(history, pause_statuses=DEFAULT_PAUSE_STATUSES, tag: str | None = None,
                 status_now: int | None = None) -> list[tuple[float, float]]:
    """[(start, end)] Unix seconds a task was paused, merged and ordered; an open span ends at +inf.

    ``history``: tasks.task.history.list ``list`` rows in any order. A span starts when STATUS turns to
    one of ``pause_statuses`` (or TAGS gains ``tag``) and ends when it leaves it; both kinds overlap into
    one span. ``status_now``: the task's status now — a pausing status with no history row (a task
    created deferred) is paused from its creation (the NEW row) on."""
    rows = []
    for r in history or ():
        when = parse_time(r.get("createdDate")) if isinstance(r, dict) else None
        if when is None:
            continue
        rows.append((when.timestamp(), int(r.get("id") or 0), r))
    rows.sort(key=lambda x: (x[0], x[1]))
    pausing = {int(s) for s in pause_statuses or ()}
    want = tag.strip().lower() if tag and tag.strip() else None
    by_status = by_tag = False
    start = None
    spans: list[tuple[float, float]] = []
    created = rows[0][0] if rows else None
    first_status = None
    for at, _, r in rows:
        field, value = str(r.get("field") or "").upper(), r.get("value") or {}
        if field == "STATUS":
            try:
                to = int(value.get("to"))
            except (TypeError, ValueError):
                continue
            if first_status is None:
                try:
                    first_status = int(value.get("from"))
                except (TypeError, ValueError):
                    first_status = -1
                if first_status in pausing and created is not None and start is None:
                    start, by_status = created, True        # created in a pausing status
            by_status = to in pausing
        elif field == "TAGS" and want:
            by_tag = want in _tags(value.get("to"))
        else:
            continue
        if (by_status or by_tag) and start is None:
            start = at
        elif not (by_status or by_tag) and start is not None:
            if at > start:
                spans.append((start, at))
            start = None
    if first_status is None and status_now in pausing and created is not None:
        start = created if start is None else start
    if start is not None:
        spans.append((start, float("inf")))
    return spans

"""The paused clock (decisions 100–102): a desk task does not count against its target while it waits —
in a pausing status (deferred, 6, by default) or while it carries the desk's "waiting for the requester"
tag. Spans come from ``tasks.task.history.list`` (tasks/tasks-task-history-list.md: ``list`` of
{id, createdDate, field, value {from, to}}; STATUS values are status numbers as text; TAGS values are
read as comma-separated tag names — the page does not state their format, so both a list and text are
accepted; the parsing is model.pauses, numpy-free). Pure: no I/O.
"""
from __future__ import annotations

import numpy as np


def paused_minutes(clock, spans: list[tuple[float, float]], t0: float, t1: float) -> float:
    """Minutes (on ``clock``: wall or business) of ``spans`` inside [t0, t1); 0 when t1 is NaN or ≤ t0."""
    if not spans or not (t1 > t0):
        return 0.0
    lo = np.array([max(s, t0) for s, _ in spans])
    hi = np.array([min(e, t1) for _, e in spans])
    keep = hi > lo
    return float(clock.minutes(lo[keep], hi[keep]).sum()) if keep.any() else 0.0


def apply_pauses(clock, elapsed: np.ndarray, created: np.ndarray, until: np.ndarray, spans_of: list) -> np.ndarray:
    """``elapsed`` (minutes from ``created`` to ``until``) minus each item's paused minutes inside it."""
    out = np.array(elapsed, dtype=float)
    for i, spans in enumerate(spans_of):
        if spans and np.isfinite(until[i]):
            out[i] = max(out[i] - paused_minutes(clock, spans, float(created[i]), float(until[i])), 0.0)
    return out


def task_clock(clock, ta, now: float):
    """(minutes to close, minutes until ``now``, paused minutes until close or now) of TaskArrays ``ta``
    on the paused clock: the spans of ``ta.spans`` inside each interval are not counted."""
    done = clock.minutes(ta.created, ta.closed)
    until = np.full(ta.created.size, float(now))
    age = clock.minutes(ta.created, until)
    spans = ta.spans or [[] for _ in range(ta.created.size)]
    if not any(spans):
        return done, age, np.zeros(ta.created.size)
    done_p = apply_pauses(clock, done, ta.created, ta.closed, spans)
    age_p = apply_pauses(clock, age, ta.created, until, spans)
    paused = np.where(np.isfinite(ta.closed), done - done_p, age - age_p)
    return done_p, age_p, np.nan_to_num(paused)


def paused_rows(ta, paused: np.ndarray, now: float, zone, month_key) -> list[dict]:
    """The tasks whose clock was paused: {"id", "title", "responsible_id", "paused_min", "paused_now",
    "spans": [[from ISO, to ISO or None]], "month"}, the longest pause first."""
    from datetime import datetime, timezone
    out = []
    for i in np.flatnonzero(paused > 0):
        t, spans = ta.tasks[int(i)], ta.spans[int(i)]

        def iso(x):
            return None if not np.isfinite(x) or x > now else datetime.fromtimestamp(x, timezone.utc).astimezone(zone).isoformat()
        out.append({"id": t.id, "title": t.title, "responsible_id": t.responsible_id,
                    "paused_min": float(paused[i]), "month": month_key(t.created, zone),
                    "paused_now": bool(not np.isfinite(ta.closed[i]) and any(s <= now < e for s, e in spans)),
                    "spans": [[iso(s), iso(e)] for s, e in spans if s < now]})
    out.sort(key=lambda r: (-r["paused_min"], r["id"]))
    return out

"""How a month's durations spread: answered chat dialogues and Open Line sessions by response time, tasks
closed by time to close, counted in fixed buckets per month (numpy; plain JSON out).

    distribution(items: DeskItems) -> {"month_keys": [...], "series": {"chat"|"openline"|"tasks":
        {"buckets": [bucket keys], "months": {"YYYY-MM": [count per bucket]}, "unanswered": {"YYYY-MM": n}}}}

A bucket is [lower, upper) in minutes (a 5-minute answer is in 5–15). The items are those of the month's
response or time-to-close figure (mode as the desk counts: business minutes in working hours), so a
month's buckets add up to that figure's count; `unanswered` (chat, Open Line) are the month's dialogues
without an answer, outside the buckets.
"""
from __future__ import annotations

import numpy as np

from .items import DeskItems

DAY = 1440
RESPONSE_EDGES = (0, 5, 15, 60, 240, DAY)                    # then "over a day"
CLOSE_EDGES = (0, DAY, 3 * DAY, 7 * DAY, 30 * DAY)           # then "over 30 days"
BUCKETS = {
    "response": ("lt5m", "5_15m", "15_60m", "1_4h", "4_24h", "gt1d"),
    "close": ("lt1d", "1_3d", "3_7d", "7_30d", "gt30d"),
}
SERIES = {"chat": "response", "openline": "response", "tasks": "close"}


def bucket_of(minutes: np.ndarray, scale: str) -> np.ndarray:
    """Bucket index of each duration (NaN → -1)."""
    edges = np.array(RESPONSE_EDGES if scale == "response" else CLOSE_EDGES, dtype=float)
    minutes = np.asarray(minutes, dtype=float)
    out = np.searchsorted(edges, minutes, side="right") - 1
    out[np.isnan(minutes)] = -1
    return np.maximum(out, np.where(np.isnan(minutes), -1, 0))


def _table(month: np.ndarray, minutes: np.ndarray, scale: str, n_months: int) -> np.ndarray:
    """counts[month, bucket] of the items with a month index and a duration."""
    n = len(BUCKETS[scale])
    b = bucket_of(minutes, scale)
    ok = (month >= 0) & (b >= 0)
    return np.bincount((month[ok] * n + b[ok]).astype(np.intp), minlength=n_months * n)[: n_months * n].reshape(n_months, n)


def distribution(items: DeskItems) -> dict:
    """The buckets of the 12 months (see the module docstring)."""
    keys = items.month_keys
    out = {}
    for name, scale in SERIES.items():
        s = getattr(items, name)
        month = items.tasks_closed_index if name == "tasks" else s.index
        counts = _table(month, s.elapsed_done, scale, len(keys))
        entry = {"buckets": list(BUCKETS[scale]),
                 "months": {k: [int(c) for c in counts[i]] for i, k in enumerate(keys)}}
        if name != "tasks":
            waiting = np.bincount(s.index[(s.index >= 0) & ~s.answered], minlength=len(keys))
            entry["unanswered"] = {k: int(waiting[i]) for i, k in enumerate(keys)}
        out[name] = entry
    return {"month_keys": keys, "series": out}

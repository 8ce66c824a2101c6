"""The weekly digest's figures (decisions 111–112): one week of a desk, Monday 00:00 to the next Monday
00:00 in the desk's zone, from the same items as the dashboard's figures and rows (metrics.items:
same pairing, clock, paused clock and targets), so a week's digest and the dashboard's "this week's
digest" panel are one computation.

Per series (chat, openline, tasks): the items started in the week (dialogues opened, tasks created),
how many breached and the breach %, the median response / time to close of those answered or closed;
tasks closed in the week; the oldest item waiting now; a 12-week trend of the breach %; the best and
the worst change of breach % against the week before; the customer ratings of the week and the week
before, counted as the monthly CSAT counts them (``week_ratings``, decisions 176–178).

On a desk whose second line is a smart process now, the second line's series (the key "tasks", so the
chart and the trend keep their places) comes from its items (``crm``, metrics.crm.CrmSeries, decision
167): new = created in the week, closed = last close in the week, breach % and median time to close of
the week's new items, the oldest open item; the digest then says ``second_line: "items"``.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np

from . import sla, stats

WEEKS = 12
SERIES = ("chat", "openline", "tasks")


def week_start(now: datetime, zone) -> datetime:
    """Monday 00:00 (desk zone) of the week of ``now``."""
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=local.weekday())
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def last_full_week(now: datetime, zone) -> datetime:
    """The Monday that starts the last complete week before ``now`` (what a digest sent now covers)."""
    start = week_start(now, zone)
    d = (start - timedelta(days=7)).date()
    return datetime(d.year, d.month, d.day, tzinfo=zone)


def _bounds(monday: datetime, k: int) -> tuple[float, float]:
    """Unix [start, end) of the week ``k`` weeks after ``monday`` (calendar days: DST-correct)."""
    zone = monday.tzinfo
    a, b = monday.date() + timedelta(days=7 * k), monday.date() + timedelta(days=7 * k + 7)
    return (datetime(a.year, a.month, a.day, tzinfo=zone).timestamp(),
            datetime(b.year, b.month, b.day, tzinfo=zone).timestamp())


def _series_week(s, lo: float, hi: float) -> dict:
    inside = (s.start >= lo) & (s.start < hi)
    has = inside & ~np.isnan(s.target)
    breached = int((has & s.breached).sum())
    done = s.elapsed_done[inside & ~np.isnan(s.elapsed_done)]
    return {"count": int(inside.sum()), "with_target": int(has.sum()), "breached": breached,
            "breach_pct": 100.0 * breached / int(has.sum()) if has.any() else None,
            "median_min": stats.median_or_none(done)}


def week_digest(items, monday: datetime, crm=None) -> dict:
    """The digest of the week starting ``monday`` (aware, desk zone) over ``items`` (metrics.items.DeskItems);
    ``crm`` (metrics.crm.CrmSeries) on a desk on a smart process: its items are the second line."""
    lo, hi = _bounds(monday, 0)
    series = {name: getattr(items, name) for name in SERIES}
    on = {name: items.targets_on.get(name, False) for name in SERIES}
    closed_at = items.ta.closed
    if crm is not None:
        series["tasks"], on["tasks"], closed_at = crm.items, bool(crm.target_min), crm.closed
    week = {name: _series_week(s, lo, hi) for name, s in series.items()}
    with np.errstate(invalid="ignore"):
        closed = (closed_at >= lo) & (closed_at < hi)
    week["tasks"]["closed"] = int(closed.sum())
    trend = {name: [_series_week(s, *_bounds(monday, k - WEEKS + 1))["breach_pct"] for k in range(WEEKS)]
             for name, s in series.items() if on[name]}
    changes = {name: (t[-1] - t[-2]) for name, t in trend.items() if t[-1] is not None and t[-2] is not None}
    best = min(changes, key=lambda n: (changes[n], n)) if changes else None
    worst = max(changes, key=lambda n: (changes[n], n)) if changes else None
    oldest = None
    for name, s in series.items():
        if s.waiting.any():
            i = int(np.argmax(np.where(s.waiting, s.elapsed_open, -1.0)))
            if oldest is None or s.elapsed_open[i] > oldest["wait_min"]:
                oldest = {"kind": name, "index": i, "wait_min": float(s.elapsed_open[i]),
                          "since": datetime.fromtimestamp(float(s.start[i]), timezone.utc).astimezone(monday.tzinfo).isoformat()}
    if oldest is not None:
        i = oldest.pop("index")
        oldest["id"] = crm.ids[i] if crm is not None and oldest["kind"] == "tasks" else _item_id(items, oldest["kind"], i)
    return {"week": monday.date().isoformat(), "targets_on": on, "second_line": "items" if crm is not None else "tasks", "sla": sla.describe(items.settings),
            "figures": week, "trend": trend,
            "trend_weeks": [datetime.fromtimestamp(_bounds(monday, k - WEEKS + 1)[0], monday.tzinfo).date().isoformat()
                            for k in range(WEEKS)],
            "best": None if best is None or changes[best] >= 0 else {"series": best, "change": changes[best]},
            "worst": None if worst is None or changes[worst] <= 0 else {"series": worst, "change": changes[worst]},
            "oldest": oldest, "ratings": week_ratings(items, monday)}


def week_ratings(items, monday: datetime) -> dict | None:
    """The customer ratings of the week and of the week before (decisions 176–178): {"week", "before"} as
    metrics.csat figures, "of" "sessions" (an Open Line desk) or "tasks" (a chat desk); None on a desk that
    collects none, or whose chat votes were not read (its digest then says nothing of ratings)."""
    from .csat import csat_between
    s = items.settings
    if not (s.openline_id or (s.chat_first_line and items.votes_read)):
        return None
    return {"of": "sessions" if s.openline_id else "tasks",
            "week": csat_between(items.ses, items.task_votes, *_bounds(monday, 0)),
            "before": csat_between(items.ses, items.task_votes, *_bounds(monday, -1))}


def _item_id(items, kind: str, i: int) -> int:
    if kind == "tasks":
        return items.ta.tasks[i].id
    if kind == "openline":
        return items.ses.sessions[i].id
    return int(items.pairs.first_id[i])

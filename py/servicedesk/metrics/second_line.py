"""Which source each month's second-line figures come from when a desk moved between tasks and a smart
process (issue 27): tasks before a move to the smart process, its items after it, both in the month of
the move (and back the same way). A month takes a source when the desk was on it at any moment of it."""
from __future__ import annotations

import json

from ..model.values import parse_time


def sources(switches, win, initial: str = "tasks") -> list[set[str]]:
    """For each month of ``win`` (metrics.months.MonthWindow) the set of sources ("tasks", "crm") it shows;
    ``switches`` = the desk record's list (or its JSON text); before the first switch the desk was on
    tasks (``initial``: the source of a desk that never switched, e.g. one set up on a smart process)."""
    if isinstance(switches, str):
        try:
            switches = json.loads(switches or "[]")
        except ValueError:
            switches = []
    moves = sorted(((parse_time(s["at"]).timestamp(), s["to"]) for s in switches or []), key=lambda m: m[0])
    out = []
    for k in range(win.count):
        start, end = float(win.starts[k]), float(win.starts[k + 1])
        now = "tasks" if moves else initial
        for t, to in moves:
            if t <= start:
                now = to
        active = {now}
        for t, to in moves:
            if start < t < end:
                active.add(to)
        out.append(active)
    return out


def combine(task_counts: list, crm_counts: list, active: list[set[str]]) -> list:
    """Per month: the tasks' count where tasks are shown, plus the items' where the smart process is."""
    return [(task_counts[k] if "tasks" in a else 0) + (crm_counts[k] if "crm" in a else 0)
            for k, a in enumerate(active)]


def merge_into_months(figures: dict, crm: dict, switches, initial: str) -> None:
    """The second-line series of ``figures["months"]`` (compute_desk's tasks_* and time_to_close_min)
    taken from tasks, from the smart process's ``crm`` figures, or both, month by month (``sources``).
    Counts add; time to close is the items' in a month of items only; in a month of both its count and
    average are exact over both, its median and p90 are left out ("—": the tasks' own durations are not
    kept beside the figures)."""
    keys = list(crm["months"])
    active = figures_sources(figures, crm, switches, initial)
    for k, key in enumerate(keys):
        month = figures["months"].get(key)
        if month is None:
            continue
        a = active[k]
        if "crm" not in a:
            continue
        keep = "tasks" in a
        for name, crm_key in (("tasks_new", "new"), ("tasks_closed", "closed"), ("tasks_open", "open")):
            month[name] = (month.get(name, 0) if keep else 0) + crm[crm_key][k]
        for name in ("tasks_new_external", "tasks_closed_external", "tasks_open_external"):
            month[name] = month.get(name, 0) if keep else 0
        ttc, mine = month.get("time_to_close_min") or {}, crm["time_to_close"][k]
        if not keep or not ttc.get("count"):
            month["time_to_close_min"] = dict(mine)
        elif mine["count"]:
            n = ttc["count"] + mine["count"]
            avg = (ttc["avg"] * ttc["count"] + mine["avg"] * mine["count"]) / n
            month["time_to_close_min"] = {"avg": avg, "median": None, "p90": None, "count": n}
        month["second_line"] = sorted(a)
        _closed_by_specialist(month, crm["rows"]["closed"][k], keep)


def _closed_by_specialist(month: dict, closed: list[dict], keep: bool) -> None:
    """The per-specialist table's "closed" (decision 168): the items whose last close is in the month, by
    their responsible (the item's ``assignedById`` now: the history names no responsible), plus the
    tasks' own count in a month that shows tasks too."""
    table = month.setdefault("by_specialist", {})
    if not keep:
        for row in table.values():
            row["tasks_closed"] = 0
    for r in closed:
        uid = r.get("responsible_id")
        if not uid:
            continue
        row = table.setdefault(str(uid), {"dialogues": 0, "tasks_closed": 0, "median_response_min": None})
        row["tasks_closed"] = int(row.get("tasks_closed") or 0) + 1


def figures_sources(figures: dict, crm: dict, switches, initial: str) -> list[set[str]]:
    """``sources`` over the window of ``crm`` (its month keys and ``figures["now"]``)."""
    from datetime import datetime

    from .months import month_window
    now = figures.get("now")
    now = datetime.fromisoformat(now) if isinstance(now, str) else now
    win = month_window(now, figures.get("time_zone") or "UTC", len(crm["months"]))
    return sources(switches, win, initial)


def add_open_items(figures: dict, crm: dict, entity_type_id: int | None) -> None:
    """The smart process's items open now (``crm["open_now"]``) join the dashboard's task lists on a desk
    whose second line is the smart process now (decision 166): every one the open list (``open_tasks``,
    oldest first, ``kind`` "item" with its stage's name), those with ≤ 25 % of the target left or over it
    the at-risk rows (``at_risk``, kind "items", sorted with the rest as metrics.sla.at_risk sorts)."""
    from datetime import datetime

    from .sla import RISK_SHARE
    rows = crm.get("open_now") or []
    opened = [dict(r, kind="item", entity_type_id=entity_type_id, status=None, external=False, priority=None)
              for r in rows]
    both = list(figures.get("open_tasks") or []) + opened
    both.sort(key=lambda r: (datetime.fromisoformat(r["created_at"]).timestamp(), r.get("kind") == "item", r["id"]))
    figures["open_tasks"] = both
    risk = list(figures.get("at_risk") or [])
    for r in rows:
        target = r.get("target_min")
        if not target:
            continue
        left = target - r["age_min"]
        if left <= RISK_SHARE * target:
            risk.append({"kind": "items", "id": r["id"], "item_id": r["id"], "entity_type_id": entity_type_id,
                         "title": r["title"], "stage_name": r["stage_name"], "responsible_id": r["responsible_id"],
                         "opened_at": r["created_at"], "elapsed_min": r["age_min"], "target_min": float(target),
                         "remaining_min": float(left), "breached": bool(r["age_min"] > target)})
    risk.sort(key=lambda r: (r["remaining_min"], r["opened_at"], r["kind"], r["id"]))
    figures["at_risk"] = risk


_BLANK = {"chat_dialogues": 0, "openline_dialogues": 0, "median_response_min": None, "p90_response_min": None,
          "breach_pct": None, "tasks_closed": 0, "median_time_to_close_min": None, "tasks_reopened": 0,
          "rating": None, "ratings": 0, "csat_rated": 0, "csat_pct": None, "trend_median_response_min": []}


def items_into_scorecard(card: dict, crm: dict, switches, now, time_zone: str, initial: str = "crm") -> None:
    """The scorecard's second-line columns (metrics.scorecard: closed, median time to close, reopened) of
    ``card["month"]`` from the smart process's items where the month shows them (decision 169): per
    responsible (the item's ``assignedById`` now) the items whose last close is in the month, the median of
    their times to close, and how many of them had been reopened; in a month of both, counts add and the
    median is "—" (as decision 124); in an items-only month the tasks' own columns are dropped.
    ``card["second_line"]`` names the month's sources (the column's label follows it)."""
    import numpy as np

    from .stats import median_or_none
    month = card.get("month")
    if month not in crm["months"]:
        return
    k = crm["months"].index(month)
    a = figures_sources({"now": now, "time_zone": time_zone}, crm, switches, initial)[k]
    if "crm" not in a:
        return
    keep = "tasks" in a
    people = card.setdefault("people", {})
    if not keep:
        for p in people.values():
            p["tasks_closed"], p["median_time_to_close_min"] = 0, None
            p["tasks_reopened"] = 0
    by: dict[str, list[dict]] = {}
    for r in crm["rows"]["closed"][k]:
        if r.get("responsible_id"):
            by.setdefault(str(r["responsible_id"]), []).append(r)
    for uid, rows in by.items():
        p = people.setdefault(uid, {**_BLANK, "trend_median_response_min": []})
        before = int(p.get("tasks_closed") or 0)
        mine = median_or_none(np.array([r["minutes"] for r in rows], dtype=float))
        p["tasks_closed"] = before + len(rows)
        p["median_time_to_close_min"] = mine if before == 0 else None
        again = sum(1 for r in rows if r.get("reopened"))
        p["tasks_reopened"] = None if before and p.get("tasks_reopened") is None else int(p.get("tasks_reopened") or 0) + again
    card["second_line"] = sorted(a)

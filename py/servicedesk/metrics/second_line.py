"""Which source each month's second-line figures come from when a desk moved between tasks and a smart
process (issue 27): tasks before a move to the smart process, its items after it, both in the month of
the move (and back the same way). A month takes a source when the desk was on it at any moment of it."""
from __future__ import annotations

import json

from ..model.values import parse_time


def sources(switches, win) -> list[set[str]]:
    """For each month of ``win`` (metrics.months.MonthWindow) the set of sources ("tasks", "crm") it shows;
    ``switches`` = the desk record's list (or its JSON text), the desk being on tasks before the first."""
    if isinstance(switches, str):
        try:
            switches = json.loads(switches or "[]")
        except ValueError:
            switches = []
    moves = sorted(((parse_time(s["at"]).timestamp(), s["to"]) for s in switches or []), key=lambda m: m[0])
    out = []
    for k in range(win.count):
        start, end = float(win.starts[k]), float(win.starts[k + 1])
        now = "tasks"
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

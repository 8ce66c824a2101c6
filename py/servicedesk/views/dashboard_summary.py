"""The summary strip on top of the dashboard as plain data (no DOM, CPython-testable): "are we on target?"
for the selected month.

    summary(figures, selected, lang) -> {"month", "tiles": [tile], "waiting_now", "breached_now"}

One tile per series with a target (chat, Open Line, tasks): the month's median (first response, time to
close), the target, met or breached (median ≤ target is met, as a single item is met at exactly its
target, DESIGN §4b), the change against the previous month and the month's breach %. Tasks have a target
per priority: the tile compares with the medium one (the priority of a task that has none), else the
lowest set. "waiting_now" = dialogues waiting for a first answer now (chat and Open Line, any month);
"breached_now" = open items past their target now (the at-risk rows already breached).
"""
from __future__ import annotations

from ..charts.labels import format_duration
from .dashboard_sla import change_text, pct_text
from .i18n import t

# series -> (median figure key in a month, its comparison key, the targets_min key)
SERIES = (("chat", "chat_response_min", "chat"), ("openline", "openline_response_min", "openline"),
          ("tasks", "time_to_close_min", "task_close"))
PRIORITY_ORDER = ("medium", "low", "high")


def _target(targets: dict, key: str) -> tuple[float | None, str]:
    """(target in minutes, priority name or "") of a series; tasks: the medium priority's, else the lowest."""
    value = targets.get(key)
    if not isinstance(value, dict):
        return (float(value) if value else None), ""
    for prio in PRIORITY_ORDER:
        if value.get(prio):
            return float(value[prio]), prio
    return None, ""


def _tile(figures: dict, month: dict, selected: str, series: str, stat_key: str, target_min: float,
          prio: str, lang: str) -> dict:
    median = (month.get(stat_key) or {}).get("median")
    state = "none" if median is None else ("met" if median <= target_min else "breached")
    cmp = ((figures.get("comparison") or {}).get(selected) or {}).get(f"{stat_key}.median") or {}
    breach = (month.get("breach") or {}).get(series) or {}
    target = format_duration(target_min, lang)
    if prio:
        target += f" ({t('sum_prio_' + prio, lang)})"
    return {"series": series, "label": t(f"sum_{series}", lang), "state": state,
            "state_text": t({"none": "sum_no_data", "met": "sum_met", "breached": "sum_breached"}[state], lang),
            "figure": format_duration(median, lang) if median is not None else "—", "figure_min": median,
            "target": target, "target_min": target_min,
            "change": change_text(f"{stat_key}.median", cmp, lang) if cmp else "—",
            "verdict": cmp.get("verdict") or "",
            "breach_pct": pct_text(breach.get("pct"), lang),
            "breach_count": f"{int(breach.get('breached') or 0)} / {int(breach.get('total') or 0)}"}


def summary(figures: dict, selected: str, lang: str = "ru") -> dict:
    """The strip's tiles and the two counts for month `selected`."""
    targets = (figures.get("sla") or {}).get("targets_min") or {}
    month = (figures.get("months") or {}).get(selected) or {}
    tiles = []
    for series, stat_key, target_key in SERIES:
        target_min, prio = _target(targets, target_key)
        if target_min:
            tiles.append(_tile(figures, month, selected, series, stat_key, target_min, prio, lang))
    at_risk = figures.get("at_risk") or ()
    return {"month": selected, "tiles": tiles,
            "waiting_now": len(figures.get("unanswered") or ()) + len(figures.get("openline_unanswered") or ()),
            "breached_now": sum(1 for r in at_risk if r.get("breached"))}

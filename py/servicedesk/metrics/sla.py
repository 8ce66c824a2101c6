"""DESIGN §4b figures on top of the durations: breach % per month, the at-risk list, the month-over-month
comparison, and the SLA description the charts and tables label themselves with."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import stats

RISK_SHARE = 0.25          # at risk: remaining time ≤ 25 % of the target


@dataclass
class Series:
    """One series' items as arrays: month `index` (-1 outside), minutes to the answer/close (`elapsed_done`,
    NaN while none), minutes until now or until a close without answer (`elapsed_open`), `waiting` (still
    open now), per-item `target` minutes (NaN = no target)."""
    index: np.ndarray
    elapsed_done: np.ndarray
    elapsed_open: np.ndarray
    waiting: np.ndarray
    target: np.ndarray | None = None

    @property
    def elapsed(self) -> np.ndarray:
        return np.where(np.isnan(self.elapsed_done), self.elapsed_open, self.elapsed_done)

    @property
    def breached(self) -> np.ndarray:
        """Response/close time, or the wait so far, strictly above the target."""
        with np.errstate(invalid="ignore"):
            return self.elapsed > self.target


def constant(target: float | None, n: int) -> np.ndarray:
    return np.full(n, np.nan if target is None else float(target))


def breach_figures(months: dict, win, series: dict[str, Series]) -> None:
    """months[key]["breach"] = {series: {"breached", "total", "pct"}} over the items opened/created in the
    month that have a target (pct None when there are none); only series with a target appear."""
    for key in win.keys:
        months[key]["breach"] = {}
    for name, s in series.items():
        has = ~np.isnan(s.target)
        total = stats.counts(s.index, win.count, has)
        breached = stats.counts(s.index, win.count, has & s.breached)
        for i, key in enumerate(win.keys):
            months[key]["breach"][name] = {"breached": breached[i], "total": total[i],
                                           "pct": 100.0 * breached[i] / total[i] if total[i] else None}


def at_risk(series: dict[str, Series], rows: dict) -> list[dict]:
    """Open items with a target that are breached or have ≤ 25 % of it left, most overdue first.

    `rows[name](i)` gives an item's identifying fields; each row adds "kind", "elapsed_min", "target_min",
    "remaining_min" and "breached"."""
    out = []
    for name, s in series.items():
        elapsed = s.elapsed_open
        with np.errstate(invalid="ignore"):
            remaining = s.target - elapsed
            pick = s.waiting & ~np.isnan(s.target) & (remaining <= RISK_SHARE * s.target)
        for i in np.flatnonzero(pick):
            out.append({"kind": name, **rows[name](int(i)), "elapsed_min": float(elapsed[i]),
                        "target_min": float(s.target[i]), "remaining_min": float(remaining[i]),
                        "breached": bool(elapsed[i] > s.target[i])})
    out.sort(key=lambda r: (r["remaining_min"], r["opened_at"], r["kind"], r["id"]))
    return out


COUNTS = ("chat_dialogues", "chat_unanswered", "openline_dialogues", "openline_unanswered", "tasks_new",
          "tasks_closed", "tasks_open")
TIMES = ("chat_response_min", "openline_response_min", "time_to_close_min")
STATS = ("avg", "median", "p90")


def _figures(month: dict) -> dict:
    """The month's details figures as {name: value}, with "lower is better" marks."""
    out = {name: (month.get(name), False) for name in COUNTS}
    for name in TIMES:
        for stat in STATS:
            out[f"{name}.{stat}"] = ((month.get(name) or {}).get(stat), True)
    for name, b in (month.get("breach") or {}).items():
        out[f"breach.{name}"] = (b.get("pct"), True)
    return out


def compare(month: dict, previous: dict | None) -> dict:
    """{figure: {"value", "previous", "change", "change_pct", "lower_better", "verdict"}} of one month against
    the one before; change_pct is None when the previous value is 0 or missing; verdict is "better",
    "worse", "same" for times and breach %, None for counts (neutral) or when a value is missing."""
    before = _figures(previous or {})
    out = {}
    for name, (value, lower_better) in _figures(month).items():
        prev = before.get(name, (None, lower_better))[0]
        change = None if value is None or prev is None else value - prev
        verdict = None
        if lower_better and change is not None:
            verdict = "same" if abs(change) < 1e-9 else "better" if change < 0 else "worse"
        out[name] = {"value": value, "previous": prev, "change": change,
                     "change_pct": None if change is None or not prev else 100.0 * change / prev,
                     "lower_better": lower_better, "verdict": verdict}
    return out


def comparison(months: dict, keys: list[str], base: dict) -> dict:
    """compare() of every shown month; the first is compared with `base`, the month before the window."""
    return {key: compare(months[key], months[keys[i - 1]] if i else base) for i, key in enumerate(keys)}


def describe(settings) -> dict:
    """What the figures are measured in: {"mode", "work_hours", "targets_min"} (targets None when unset)."""
    t = settings.sla_targets
    return {"mode": settings.sla_mode, "work_hours": settings.work_hours.to_dict() if settings.working_hours else None,
            "targets_min": {"chat": t.chat_first_response, "openline": t.openline_first_response,
                            "task_close": {p: t.task_close[p] * 60.0 for p in ("high", "medium", "low")
                                           if p in t.task_close}}}

"""Figures of a desk whose second line is a smart process (issue 27), all from the stage history.

Rules (docs/decisions.md, decisions 115–127; an item's timeline = its crm.stagehistory.list rows in (time, id) order):
- an item's creation is its TYPE_ID 1 row (else its createdTime); a *close* is a move into a final stage
  (semantic S or F) from an in-progress one; a *reopen* a move from a final stage back to an in-progress one;
- **new** = created in the month; **closed** = the item's last close, counted once in its month, when the
  history leaves the item in a final stage now (as tasks count their last close); success / failure by
  that close's semantic; **time to close** = that close − creation (working minutes when the desk counts
  working hours); the planned ``closedate`` is never used;
- **open at a month's end** (now for the current month) = created before it and, by the history, in an
  in-progress stage at that moment;
- **time in stage** = each completed stay in an in-progress stage (entered at a row, left at the next row
  that changes the stage), in the month it was left; median and p90 per stage per month; stays still going
  and stays in final stages are not durations of work and are left out;
- **reopen rate** of a month = its close events later followed by a reopen ÷ all its close events (a cohort:
  it can rise later, like breach %); **reopens** = reopen events in the month;
- **breach %** = over the items created in the month, those whose time to close exceeded the target, or
  which are open now and older than it (the tasks' rule of DESIGN §4b; items carry no priority: "medium").
- **open now** (``open_now``, decision 166) = the items the history leaves in an in-progress stage now,
  oldest first, with the stage they are in, their age on the desk's clock (no pauses) and the target.
"""
from __future__ import annotations

import numpy as np

from ..model.crm import FINAL, CrmItem, Stage, StageEvent
from .stats import summary


class Timeline:
    """One item's history as the figures read it."""

    def __init__(self, item: CrmItem, events: list[StageEvent], semantics: dict[str, str]):
        rows = sorted(events, key=lambda e: (e.time, e.id))
        created = next((e.time for e in rows if e.type_id == 1), None) or item.created
        if not rows:
            rows = [StageEvent(0, 1, item.id, item.created, item.stage_id,
                               {"S": "S", "F": "F"}.get(semantics.get(item.stage_id, ""), "P"))]
        self.item, self.rows, self.created = item, rows, created.timestamp()
        self.closes: list[tuple[float, str, bool]] = []     # (time, S|F, reopened later)
        self.reopens: list[float] = []
        self.stays: list[tuple[str, float, float]] = []     # (stage, entered, left) of in-progress stages
        final = False
        for e in rows:
            t = e.time.timestamp()
            if e.final and not final:
                self.closes.append((t, e.semantic, False))
            elif not e.final and final:
                self.reopens.append(t)
                if self.closes:
                    t0, sem, _ = self.closes[-1]
                    self.closes[-1] = (t0, sem, True)
            final = e.final
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i].stage_id != rows[start].stage_id:
                if i < len(rows) and not rows[start].final:
                    self.stays.append((rows[start].stage_id, rows[start].time.timestamp(), rows[i].time.timestamp()))
                start = i
        self.final_now = rows[-1].final
        self.last_close = self.closes[-1] if self.final_now and self.closes else None

    def open_at(self, moment: float) -> bool:
        """Created before ``moment`` and in an in-progress stage then, by the history."""
        if self.created >= moment:
            return False
        state = None
        for e in self.rows:
            if e.time.timestamp() >= moment:
                break
            state = e.semantic
        return state is None or state not in FINAL


def timelines(items: list[CrmItem], events: list[StageEvent], stages: list[Stage]) -> list[Timeline]:
    """Each item's Timeline from the history rows that name it."""
    semantics = {s.status_id: s.semantics for s in stages}
    by_owner: dict[int, list[StageEvent]] = {}
    for e in events:
        by_owner.setdefault(e.owner_id, []).append(e)
    return [Timeline(it, by_owner.get(it.id, []), semantics) for it in items]


def crm_figures(items: list[CrmItem], events: list[StageEvent], stages: list[Stage], win, clock,
                target_min: float | None = None) -> dict:
    """Monthly figures of the window ``win`` (metrics.months.MonthWindow); ``clock`` a metrics.business.Clock."""
    n = win.count
    lines = timelines(items, events, stages)

    def month(t: float) -> int:
        return int(win.index(np.array([t]))[0])

    new = [0] * n
    closed, success, failure = [0] * n, [0] * n, [0] * n
    ttc: list[list[float]] = [[] for _ in range(n)]
    closes, closes_reopened, reopens = [0] * n, [0] * n, [0] * n
    cohort, breached = [0] * n, [0] * n
    stays: dict[str, list[list[float]]] = {}
    rows = {k: [[] for _ in range(n)] for k in ("new", "closed", "open", "reopened", "stays")}
    ends = win.ends()
    order = [s.status_id for s in sorted(stages, key=lambda s: s.sort) if s.semantics == ""]
    for ln in lines:
        iid = ln.item.id
        m = month(ln.created)
        minutes = None
        if ln.last_close is not None:
            minutes = clock.minute(ln.created, ln.last_close[0])
            mc = month(ln.last_close[0])
            if mc >= 0:
                closed[mc] += 1
                (success if ln.last_close[1] == "S" else failure)[mc] += 1
                ttc[mc].append(minutes)
                rows["closed"][mc].append({"id": iid, "minutes": minutes, "outcome": ln.last_close[1],
                                           "responsible_id": ln.item.assigned_by_id, "reopened": bool(ln.reopens)})
        if m >= 0:
            new[m] += 1
            rows["new"][m].append(iid)
            cohort[m] += 1
            age = minutes if minutes is not None else (None if ln.final_now else clock.minute(ln.created, win.now))
            if target_min and age is not None and age > target_min:
                breached[m] += 1
        for t, _sem, again in ln.closes:
            mc = month(t)
            if mc >= 0:
                closes[mc] += 1
                closes_reopened[mc] += int(again)
        for t in ln.reopens:
            mr = month(t)
            if mr >= 0:
                reopens[mr] += 1
                rows["reopened"][mr].append(iid)
        for stage, t0, t1 in ln.stays:
            ms = month(t1)
            if ms >= 0:
                mins = clock.minute(t0, t1)
                stays.setdefault(stage, [[] for _ in range(n)])[ms].append(mins)
                rows["stays"][ms].append({"id": iid, "stage": stage, "minutes": mins})
                if stage not in order:
                    order.append(stage)
        for k in range(n):
            if ln.open_at(float(ends[k])):
                rows["open"][k].append(iid)
    names = {s.status_id: s.name for s in stages}
    open_now = _open_now(lines, names, clock, win.now, target_min)
    return {
        "months": list(win.keys), "mode": "working_hours" if clock.business else "24x7",
        "new": new, "closed": closed, "closed_success": success, "closed_failure": failure,
        "open": [len(x) for x in rows["open"]], "time_to_close": [summary(v) for v in ttc],
        "target_min": target_min,
        "breach_pct": [(100.0 * breached[k] / cohort[k]) if target_min and cohort[k] else None for k in range(n)],
        "closes": closes, "reopens": reopens,
        "reopen_rate": [(100.0 * closes_reopened[k] / closes[k]) if closes[k] else None for k in range(n)],
        "stages": [{"id": s, "name": names.get(s, s)} for s in order],
        "time_in_stage": {s: [_stay(v) for v in stays.get(s, [[] for _ in range(n)])] for s in order},
        "rows": rows, "open_now": open_now,
    }


def _open_now(lines: list, names: dict, clock, now: float, target_min: float | None) -> list[dict]:
    """The items open now by their history, oldest first (creation, then id): the rows the dashboard's
    open list and at-risk lists take (metrics.second_line.add_open_items)."""
    from datetime import datetime, timezone

    from .months import month_key
    out = []
    for ln in sorted(lines, key=lambda x: (x.created, x.item.id)):
        if ln.final_now or ln.created >= now:
            continue
        created = datetime.fromtimestamp(ln.created, timezone.utc)
        stage = ln.rows[-1].stage_id
        out.append({"id": ln.item.id, "title": ln.item.title, "stage": stage, "stage_name": names.get(stage, stage),
                    "responsible_id": ln.item.assigned_by_id, "created_by": ln.item.created_by,
                    "created_at": created.astimezone(clock.zone).isoformat(), "month": month_key(created, clock.zone),
                    "age_min": float(clock.minute(ln.created, now)), "target_min": target_min})
    return out


def _stay(values: list[float]) -> dict:
    out = summary(values)
    return {"median": out["median"], "p90": out["p90"], "count": out["count"]}


def crm_desk_figures(settings, items: list[dict], history: list[dict], stages: list[dict], now) -> dict:
    """``crm_figures`` of a loaded desk (loader DeskData's crm_* REST dicts) in its zone, mode and close
    target (the "medium" task target: items carry no priority)."""
    from ..model.crm import CrmItem, Stage, StageEvent
    from .business import Clock
    from .months import month_window, zone_of
    zone = zone_of(settings.time_zone)
    parsed = [CrmItem.from_rest(i, settings.crm_uf_message, settings.crm_uf_chat, zone) for i in items]
    events = [StageEvent.from_rest(r, zone) for r in history]
    return crm_figures(parsed, events, [Stage.from_rest(s) for s in stages], month_window(now, zone),
                       Clock.of(settings), settings.sla_targets.task_close_min(1))


class CrmSeries:
    """A smart-process desk's items as one digest series (decision 167), by the rules above: ``items`` a
    metrics.items.Items (start = creation; done = last close − creation when the history leaves the item
    final; open = age now while in progress; NaN else), ``closed`` the last close's Unix time (NaN when
    none), ``ids`` the item ids, ``target_min`` the close target."""

    def __init__(self, items: list[CrmItem], events: list[StageEvent], stages: list[Stage], clock, now: float,
                 target_min: float | None):
        from .items import Items
        lines = timelines(items, events, stages)
        n = len(lines)
        start = np.array([ln.created for ln in lines], dtype=float)
        closed = np.array([ln.last_close[0] if ln.last_close else np.nan for ln in lines], dtype=float)
        waiting = np.array([not ln.final_now and ln.created < now for ln in lines], dtype=bool)
        done = np.full(n, np.nan)
        age = np.full(n, np.nan)
        for i, ln in enumerate(lines):
            if ln.last_close is not None:
                done[i] = clock.minute(ln.created, ln.last_close[0])
            elif waiting[i]:
                age[i] = clock.minute(ln.created, now)
        self.items = Items(np.zeros(n, dtype=int), done, age, waiting,
                           np.full(n, np.nan if not target_min else float(target_min)), start,
                           np.array([ln.item.assigned_by_id or 0 for ln in lines], dtype=np.int64))
        self.closed, self.ids, self.target_min = closed, [ln.item.id for ln in lines], target_min


def crm_desk_series(settings, items: list[dict], history: list[dict], stages: list[dict], now) -> CrmSeries | None:
    """``CrmSeries`` of a loaded desk on a smart process now (None on a desk on tasks)."""
    if not getattr(settings, "on_crm", False):
        return None
    from .business import Clock
    from .months import zone_of
    zone = zone_of(settings.time_zone)
    now_ts = now.timestamp() if hasattr(now, "timestamp") else float(now)
    return CrmSeries([CrmItem.from_rest(i, settings.crm_uf_message, settings.crm_uf_chat, zone) for i in items],
                     [StageEvent.from_rest(r, zone) for r in history], [Stage.from_rest(x) for x in stages],
                     Clock.of(settings), now_ts, settings.sla_targets.task_close_min(1))

"""A plain-Python reference implementation of DESIGN §4 (the 24/7 figures): deliberately naive
(loops, datetime.astimezone per record) so that it checks the vectorised engine independently.
The property tests compare the engine with it; ``bench/metrics.py`` times the two.
"""
from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

from servicedesk.model import Settings


def _quantile(sorted_values: list[float], q: float) -> float:
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def _stats(values: list[float]) -> dict:
    if not values:
        return {"avg": None, "median": None, "p90": None}
    v = sorted(values)
    return {"avg": sum(v) / len(v), "median": _quantile(v, 0.5), "p90": _quantile(v, 0.9)}


def _months_back(now_local: datetime, count: int = 12) -> list[tuple[int, int]]:
    y, m = now_local.year, now_local.month
    out = []
    for _ in range(count):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def reference_desk(messages, users, sessions, tasks, settings: Settings, support_ids, now: datetime,
                   time_zone: str) -> dict:
    """The same figures as compute_desk (months, unanswered message ids, open task ids), with loops."""
    zone = ZoneInfo(time_zone)
    ym = _months_back(now.astimezone(zone))
    keys = [f"{y:04d}-{m:02d}" for y, m in ym]
    nxt = [(y + (m == 12), m % 12 + 1) for y, m in ym]
    ends = [datetime(y, m, 1, tzinfo=zone) for y, m in nxt]
    ends[-1] = now

    def key(dt):
        return dt.astimezone(zone).strftime("%Y-%m")

    def minutes(a, b):
        return max((b - a).total_seconds(), 0.0) / 60.0

    months = {k: {"chat": [], "chat_open": [], "ol": [], "ol_open": 0, "new": 0, "new_ext": 0, "closed": 0,
                  "closed_ext": 0, "ttc": [], "spec": {}} for k in keys}

    def spec(k, uid):
        return months[k]["spec"].setdefault(str(uid), {"dialogues": 0, "tasks_closed": 0})

    support = set(support_ids)
    bots = {u.id for u in users if u.bot} | ({settings.bot_id} if settings.bot_id else set())
    msgs = sorted((m for m in messages if not (m.is_system or m.deleted or m.author_id in bots)
                   and (settings.chat_id is None or m.chat_id is None or m.chat_id == settings.chat_id)),
                  key=lambda m: (m.chat_id or 0, m.date, m.id))
    unanswered, current, chat = [], None, object()
    for m in msgs + [None]:
        if m is None or (m.chat_id or 0) != chat:
            if current is not None:
                unanswered.append(current)
            current = None
            if m is None:
                break
            chat = m.chat_id or 0
        if m.author_id in support:
            if current is not None:
                k = key(current.date)
                if k in months:
                    months[k]["chat"].append(minutes(current.date, m.date))
                    spec(k, m.author_id)["dialogues"] += 1
                current = None
        elif current is None:
            current = m
    for first in unanswered:
        k = key(first.date)
        if k in months:
            months[k]["chat_open"].append(minutes(first.date, now))

    for s in sessions:
        if s.is_spam or (settings.openline_id and s.config_id is not None and s.config_id != settings.openline_id):
            continue
        k = key(s.date_create)
        if k not in months:
            continue
        if s.date_operator_answer is None:
            months[k]["ol"].append(None)
            months[k]["ol_open"] += 1
        else:
            months[k]["ol"].append(minutes(s.date_create, s.date_operator_answer))

    ol_chats = {s.chat_id for s in sessions if s.chat_id}
    open_ids = []
    open_at = [[0, 0] for _ in keys]
    for t in tasks:
        if settings.group_id is not None and t.group_id is not None and t.group_id != settings.group_id:
            continue
        ext = t.chat_id in ol_chats
        k = key(t.created)
        if k in months:
            months[k]["new"] += 1
            months[k]["new_ext"] += ext
        done = t.status == 5
        when = (t.closed or t.changed) if done else None
        if not done:
            open_ids.append((t.created, t.id))
        if when is not None and key(when) in months:
            c = months[key(when)]
            c["closed"] += 1
            c["closed_ext"] += ext
            c["ttc"].append(minutes(t.created, when))
            spec(key(when), t.responsible_id or 0)["tasks_closed"] += 1
        for i, end in enumerate(ends):
            if t.created < end and not (done and (when is None or when < end)):
                open_at[i][0] += 1
                open_at[i][1] += ext

    out = {}
    for i, k in enumerate(keys):
        c = months[k]
        answered = [v for v in c["ol"] if v is not None]
        out[k] = {
            "chat_dialogues": len(c["chat"]) + len(c["chat_open"]), "chat_response_min": _stats(c["chat"]),
            "chat_unanswered": len(c["chat_open"]),
            "chat_oldest_wait_min": max(c["chat_open"]) if c["chat_open"] else None,
            "openline_dialogues": len(c["ol"]), "openline_response_min": _stats(answered),
            "openline_unanswered": c["ol_open"],
            "tasks_new": c["new"], "tasks_new_external": c["new_ext"], "tasks_closed": c["closed"],
            "tasks_closed_external": c["closed_ext"], "time_to_close_min": _stats(c["ttc"]),
            "tasks_open": open_at[i][0], "tasks_open_external": open_at[i][1], "by_specialist": c["spec"]}
    return {"month_keys": keys, "months": out,
            "unanswered": [m.id for m in sorted(unanswered, key=lambda m: (m.date, m.id))],
            "open_tasks": [tid for _, tid in sorted(open_ids)]}


def differences(engine: dict, reference: dict, rel: float = 1e-9) -> list[str]:
    """Where the engine's result disagrees with the reference (keys of the reference only)."""
    diffs = []

    def walk(path, a, b):
        if isinstance(b, dict):
            if not isinstance(a, dict):
                diffs.append(f"{path}: {a!r} != {b!r}")
                return
            if path.endswith("by_specialist") and set(a) != set(b):
                diffs.append(f"{path}: people {sorted(a)} != {sorted(b)}")
            for k in b:
                walk(f"{path}.{k}", a.get(k), b[k])
        elif isinstance(b, float) and isinstance(a, (int, float)):
            if not math.isclose(a, b, rel_tol=rel, abs_tol=1e-6):
                diffs.append(f"{path}: {a!r} != {b!r}")
        elif a != b:
            diffs.append(f"{path}: {a!r:.200} != {b!r:.200}")

    walk("month_keys", engine["month_keys"], reference["month_keys"])
    walk("months", engine["months"], reference["months"])
    walk("unanswered", [d["message_id"] for d in engine["unanswered"]], reference["unanswered"])
    walk("open_tasks", [d["id"] for d in engine["open_tasks"]], reference["open_tasks"])
    return diffs

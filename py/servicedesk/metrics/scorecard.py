"""Specialist scorecard (issue 17): per specialist, for one month, figures side by side — never one
rank. Pure: raw records in, a JSON-ready dict out.

Per person: chat dialogues answered (credited to the closing reply's author), Open Line sessions
answered (the session's operator), median and p90 response over both, breach % over those answered
dialogues whose channel has a target, tasks closed as responsible and their median time to close,
tasks reopened (``history`` {task id: STATUS changes}: a change from 5 to an open status after the
task's close, among the month's closed tasks), the line supervisor's mean rating (``votes``
{session id: sessionVoteHead 1–5, 0 = none}) and the 12-month trend of the median response.
"""
from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from ..model import Message, Session, Settings, Task, User, parse_time
from . import stats
from .business import Clock
from .chat import pair_dialogues, relevant_messages
from .csat import vote_rows
from .desk import parsed
from .months import MONTHS_SHOWN, month_window, zone_of
from .openline import counted_sessions, openline_chat_ids
from .tasks import group_tasks

OPEN = {"2", "3", "4", "6"}


def reopened(changes: list[dict]) -> bool:
    """True when a STATUS history (tasks.task.history.list ``list``) shows 5 → an open status."""
    for row in changes or ():
        value = row.get("value") or {}
        if str(row.get("field", "STATUS")).upper() == "STATUS" and str(value.get("from")) == "5" \
                and str(value.get("to")) in OPEN:
            return True
    return False


def scorecard(messages, users, sessions, tasks, settings, support_ids, month: str, now=None, *,
              history: dict | None = None, votes: dict | None = None, task_votes=None) -> dict:
    """{"month", "mode", "people": {uid: {...}}} for ``month`` ("YYYY-MM", one of the 12 shown).
    ``history``/``votes`` None: not loaded (their figures are None, shown "—"). ``task_votes``: the
    ratings of closed chat tasks (metrics.csat), counted in ``csat_*`` with the Open Line's."""
    settings = settings if isinstance(settings, Settings) else Settings.from_dict(settings)
    zone = zone_of(settings.time_zone)
    now = parse_time(now, zone) if now is not None else datetime.now(timezone.utc)
    users = parsed(users, User.from_rest)
    bots = {u.id for u in users if u.bot} | ({settings.bot_id} if settings.bot_id else set())
    msgs = relevant_messages(parsed(messages, lambda m: Message.from_rest(m, zone), zone), bots, settings.chats or None)
    sess = parsed(sessions, lambda s: Session.from_rest(s, zone), zone)
    tks = parsed(tasks, lambda t: Task.from_rest(t, settings.uf_message, settings.uf_chat, zone), zone)
    clock = Clock(settings.work_hours if settings.working_hours else None, zone)
    win = month_window(now, zone, MONTHS_SHOWN)
    if month not in win.keys:
        raise ValueError(f"month {month} is not one of the 12 shown")
    sel = win.keys.index(month)
    targets = settings.sla_targets

    pairs = pair_dialogues(msgs, support_ids)
    ses = counted_sessions(sess, settings.openline_id)
    who = np.concatenate([np.where(pairs.answered, pairs.replied_by, -1), np.where(ses.answered, ses.operator, -1)])
    idx = np.concatenate([win.index(pairs.opened), win.index(ses.created)])
    resp = np.concatenate([clock.minutes(pairs.opened, pairs.replied), clock.minutes(ses.created, ses.answered_at)])
    channel = np.concatenate([np.zeros(pairs.opened.size, dtype=int), np.ones(ses.created.size, dtype=int)])
    target = np.array([targets.chat_first_response or np.nan, targets.openline_first_response or np.nan])[channel]

    ta = group_tasks(tks, settings.group_id, openline_chat_ids(sess))
    closed_idx = win.index(ta.closed)
    ttc = clock.minutes(ta.created, ta.closed)
    people: dict[str, dict] = {}
    rated_tasks = [v for v in vote_rows(task_votes, None, {t.id: t.title for t in ta.tasks})
                   if month_of(v["closed"], win) == sel]
    for uid in sorted({int(u) for u in who[(idx == sel) & (who > 0)]} | {int(u) for u in ta.responsible[closed_idx == sel]}
                     | {v["responsible"] for v in rated_tasks if v["responsible"] > 0}):
        mine = (who == uid) & (idx == sel)
        values = resp[mine]
        has_target = mine & ~np.isnan(target)
        breach = None if not has_target.any() else float((resp[has_target] > target[has_target]).mean() * 100)
        done = (ta.responsible == uid) & (closed_idx == sel)
        ids = [ta.tasks[i].id for i in np.flatnonzero(done)]
        trend = [stats.median_or_none(resp[(who == uid) & (idx == i)]) for i in range(win.count)]
        rated = [int(votes.get(s.id) or 0) for s in ses.sessions if votes is not None and s.operator_id == uid
                 and month_of(s.date_create, win) == sel and int(votes.get(s.id) or 0) > 0]
        people[str(uid)] = {
            "chat_dialogues": int((mine[:pairs.opened.size]).sum()),
            "openline_dialogues": int((mine[pairs.opened.size:]).sum()),
            "median_response_min": stats.median_or_none(values),
            "p90_response_min": float(np.quantile(values, 0.9)) if values.size else None,
            "breach_pct": breach, "tasks_closed": len(ids),
            "median_time_to_close_min": stats.median_or_none(ttc[done]),
            "tasks_reopened": None if history is None else sum(1 for i in ids if reopened(history.get(i) or history.get(str(i)))),
            "rating": None if votes is None or not rated else float(np.mean(rated)), "ratings": len(rated),
            **_csat(ses, win, sel, uid, rated_tasks),
            "trend_median_response_min": trend}
    return {"month": month, "mode": settings.sla_mode, "month_keys": list(win.keys), "people": people}


def _csat(ses, win, sel: int, uid: int, rated_tasks=()) -> dict:
    """The operator's customer ratings of the month (metrics.csat): rated sessions and chat tasks
    (``rated_tasks``: the month's, by close) and % liked."""
    got = [s.vote for s in ses.sessions if s.operator_id == uid and s.vote and month_of(s.date_create, win) == sel]
    got += [v["vote"] for v in rated_tasks if v["responsible"] == uid]
    liked = sum(1 for v in got if v > 0)
    return {"csat_rated": len(got), "csat_pct": 100.0 * liked / len(got) if got else None}


def month_of(when, win) -> int:
    """The month index of an aware datetime in ``win`` (-1 outside)."""
    return int(win.index(np.array([when.timestamp()]))[0]) if when is not None else -1


def closed_in(tasks, settings, month: str, now) -> list[int]:
    """Ids of the desk's tasks closed in ``month`` (what the on-demand history is loaded for)."""
    settings = settings if isinstance(settings, Settings) else Settings.from_dict(settings)
    zone = zone_of(settings.time_zone)
    tks = parsed(tasks, lambda t: Task.from_rest(t, settings.uf_message, settings.uf_chat, zone), zone)
    win = month_window(parse_time(now, zone), zone, MONTHS_SHOWN)
    ta = group_tasks(tks, settings.group_id, set())
    sel = win.keys.index(month)
    return [ta.tasks[i].id for i in np.flatnonzero(win.index(ta.closed) == sel)]

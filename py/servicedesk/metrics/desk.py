"""compute_desk: raw records of a desk → every figure of the dashboard (plain JSON-ready dicts)."""
from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from ..model import Message, Session, Settings, Task, User, parse_time
from . import stats
from .chat import pair_dialogues, relevant_messages
from .months import MonthWindow, month_key, month_window, zone_of
from .openline import counted_sessions, openline_chat_ids
from .tasks import group_tasks


def _minutes(seconds: float) -> float:
    return max(float(seconds), 0.0) / 60.0


def _iso(unix: float, zone) -> str:
    return datetime.fromtimestamp(float(unix), tz=timezone.utc).astimezone(zone).isoformat()


def _parsed(items, parse):
    return [parse(x) if isinstance(x, dict) else x for x in items or ()]


def compute_desk(messages, users, sessions, tasks, settings, support_ids, now=None, *,
                 time_zone: str | None = None) -> dict:
    """Every figure of DESIGN §4 for the 12 months up to `now`, as of `now`.

    Inputs are model records or the raw REST dicts they parse from: chat `messages`, `users` (bots are
    known from them and from settings.bot_id), Open Line `sessions`, `tasks`; `settings` a Settings or
    its dict; `support_ids` the group's owner and members as they are now; `now` aware datetime or ISO
    text (default: the current time); `time_zone` overrides settings.time_zone (IANA name).
    Returns {"time_zone", "now", "month_keys", "months", "unanswered", "openline_unanswered", "open_tasks"}.
    """
    settings = settings if isinstance(settings, Settings) else Settings.from_dict(settings)
    zone = zone_of(time_zone or settings.time_zone)
    now = parse_time(now, zone) if now is not None else datetime.now(timezone.utc)
    users = _parsed(users, User.from_rest)
    bot_ids = {u.id for u in users if u.bot} | ({settings.bot_id} if settings.bot_id else set())
    names = {u.id: u.name for u in users}
    messages = _parsed(messages, lambda m: Message.from_rest(m, zone))
    sessions = _parsed(sessions, lambda s: Session.from_rest(s, zone))
    tasks = _parsed(tasks, lambda t: Task.from_rest(t, settings.uf_message, settings.uf_chat, zone))

    win = month_window(now, zone)
    months = {key: {} for key in win.keys}
    msgs = relevant_messages(messages, bot_ids, settings.chat_id)
    pairs = pair_dialogues(msgs, support_ids)
    unanswered = _chat_figures(months, win, pairs, msgs, names, zone)
    ol_unanswered = _openline_figures(months, win, counted_sessions(sessions, settings.openline_id), zone)
    open_tasks = _task_figures(months, win, group_tasks(tasks, settings.group_id, openline_chat_ids(sessions)),
                               pairs, zone)
    return {"time_zone": zone.key, "now": now.astimezone(zone).isoformat(), "month_keys": list(win.keys),
            "months": months, "unanswered": unanswered, "openline_unanswered": ol_unanswered,
            "open_tasks": open_tasks}


def _oldest_first(rows: np.ndarray, when: np.ndarray, ids) -> np.ndarray:
    """`rows` (indexes) ordered by time, then id."""
    ids = np.fromiter((ids(int(i)) for i in rows), dtype=np.int64, count=rows.size)
    return rows[np.lexsort((ids, when[rows]))]


def _summaries(win: MonthWindow, index: np.ndarray, values: np.ndarray) -> list[dict]:
    return [stats.summary(part) for part in stats.split(index, values, win.count)]


def _chat_figures(months, win, pairs, msgs, names, zone) -> list[dict]:
    idx = win.index(pairs.opened)
    answered = pairs.answered
    open_ = ~answered
    total = stats.counts(idx, win.count)
    waiting = stats.counts(idx, win.count, open_)
    resp = _summaries(win, np.where(answered, idx, -1), pairs.response_min)
    oldest = [None if part.size == 0 else _minutes(win.now - part.min())
              for part in stats.split(np.where(open_, idx, -1), pairs.opened, win.count)]
    for i, key in enumerate(win.keys):
        months[key].update(chat_dialogues=total[i], chat_response_min=resp[i], chat_unanswered=waiting[i],
                           chat_oldest_wait_min=oldest[i])
    unanswered = []
    for i in _oldest_first(np.flatnonzero(open_), pairs.opened, lambda i: pairs.first_id[i]):
        first = msgs[int(pairs.src[i])]
        unanswered.append({
            "chat_id": first.chat_id, "message_id": first.id, "author_id": first.author_id,
            "author_name": names.get(first.author_id, ""), "text": first.text,
            "opened_at": first.date.astimezone(zone).isoformat(), "month": month_key(first.date, zone),
            "wait_min": _minutes(win.now - pairs.opened[i]), "messages": int(pairs.waiting_messages[i])})
    return unanswered


def _openline_figures(months, win, ses, zone) -> list[dict]:
    idx = win.index(ses.created)
    answered = ses.answered
    total = stats.counts(idx, win.count)
    waiting = stats.counts(idx, win.count, ~answered)
    resp = _summaries(win, np.where(answered, idx, -1), ses.response_min)
    waiting_now = ~answered & ~ses.finished
    oldest = [None if part.size == 0 else _minutes(win.now - part.min())
              for part in stats.split(np.where(waiting_now, idx, -1), ses.created, win.count)]
    by_op = stats.split_pairs(np.where(ses.operator > 0, idx, -1), ses.operator, ses.response_min, win.count)
    for i, key in enumerate(win.keys):
        months[key].update(openline_dialogues=total[i], openline_response_min=resp[i],
                           openline_unanswered=waiting[i], openline_oldest_wait_min=oldest[i],
                           openline_by_operator={})
    for (i, op), values in sorted(by_op.items()):
        months[win.keys[i]]["openline_by_operator"][str(op)] = {
            "dialogues": int(values.size), "answered": int((~np.isnan(values)).sum()),
            "median_response_min": stats.median_or_none(values)}
    out = []
    for i in _oldest_first(np.flatnonzero(waiting_now), ses.created, lambda i: ses.sessions[i].id):
        s = ses.sessions[int(i)]
        out.append({"session_id": s.id, "chat_id": s.chat_id, "operator_id": s.operator_id or None,
                    "opened_at": s.date_create.astimezone(zone).isoformat(),
                    "month": month_key(s.date_create, zone), "wait_min": _minutes(win.now - ses.created[i])})
    return out


def _task_figures(months, win, ta, pairs, zone) -> list[dict]:
    new_idx = win.index(ta.created)
    closed_idx = win.index(ta.closed)
    new = stats.counts(new_idx, win.count)
    new_ext = stats.counts(new_idx, win.count, ta.external)
    closed = stats.counts(closed_idx, win.count)
    closed_ext = stats.counts(closed_idx, win.count, ta.external)
    ttc = _summaries(win, closed_idx, ta.time_to_close_min)
    ends = win.ends()
    for i, key in enumerate(win.keys):
        is_open = ta.open_at(ends[i])
        months[key].update(tasks_new=new[i], tasks_new_external=new_ext[i], tasks_closed=closed[i],
                           tasks_closed_external=closed_ext[i], time_to_close_min=ttc[i],
                           tasks_open=int(is_open.sum()), tasks_open_external=int((is_open & ta.external).sum()))
    _by_specialist(months, win, pairs, ta, closed_idx)
    out = []
    for i in _oldest_first(np.flatnonzero(np.isnan(ta.closed)), ta.created, lambda i: ta.tasks[i].id):
        t = ta.tasks[int(i)]
        out.append({"id": t.id, "title": t.title, "status": t.status, "responsible_id": t.responsible_id,
                    "created_by": t.created_by, "created_at": t.created.astimezone(zone).isoformat(),
                    "month": month_key(t.created, zone), "age_min": _minutes(win.now - ta.created[i]),
                    "external": bool(ta.external[i]), "chat_id": t.chat_id, "message_id": t.message_id})
    return out


def _by_specialist(months, win, pairs, ta, closed_idx) -> None:
    """Per month and person: chat dialogues closed (with their median response) and tasks closed."""
    chat_idx = np.where(pairs.answered, win.index(pairs.opened), -1)
    dialogues = stats.split_pairs(chat_idx, pairs.replied_by, pairs.response_min, win.count)
    closed = stats.split_pairs(closed_idx, ta.responsible, ta.time_to_close_min, win.count)
    for i, key in enumerate(win.keys):
        people = sorted({uid for (m, uid) in dialogues if m == i} | {uid for (m, uid) in closed if m == i})
        table = {}
        for uid in people:
            resp = dialogues.get((i, uid), np.zeros(0))
            table[str(uid)] = {"dialogues": int(resp.size), "tasks_closed": len(closed.get((i, uid), ())),
                               "median_response_min": stats.median_or_none(resp)}
        months[key]["by_specialist"] = table

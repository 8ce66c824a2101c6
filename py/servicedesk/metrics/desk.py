"""compute_desk: raw records of a desk → every figure of the dashboard (plain JSON-ready dicts)."""
from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from ..model import Message, Session, Settings, Task, User, parse_time
from . import sla, stats
from .business import Clock
from .chat import pair_dialogues, relevant_messages
from .months import MONTHS_SHOWN, MonthWindow, month_key, month_window, zone_of
from .csat import csat_figures
from .openline import counted_sessions, openline_chat_ids
from .pauses import paused_rows, task_clock
from .tasks import group_tasks


def parsed(items, parse, zone=None):
    """Model records from raw REST dicts (records already parsed pass through); the loader's columns
    (loader.records: anything with ``models``) give theirs straight, without a dict per record."""
    if hasattr(items, "models"):
        return items.models(zone)
    return [parse(x) if isinstance(x, dict) else x for x in items or ()]


def compute_desk(messages, users, sessions, tasks, settings, support_ids, now=None, *,
                 time_zone: str | None = None, pauses: dict | None = None, task_votes=None) -> dict:
    """Every figure of DESIGN §4/§4b for the 12 months up to `now`, as of `now`.

    Inputs are model records or the raw REST dicts they parse from: chat `messages`, `users` (bots are
    known from them and from settings.bot_id), Open Line `sessions`, `tasks`; `settings` a Settings or
    its dict; `support_ids` the group's owner and members as they are now; `now` aware datetime or ISO
    text (default: the current time); `time_zone` overrides settings.time_zone (IANA name).
    Durations are business minutes when settings.sla_mode is "working_hours", else wall-clock.
    ``pauses`` {task id: paused spans} (metrics.pauses): tasks' times leave those spans out.
    ``task_votes`` the ratings of closed chat tasks (metrics.csat.vote_rows' input): counted in CSAT.
    Returns {"time_zone", "now", "month_keys", "months", "unanswered", "openline_unanswered", "open_tasks",
    "sla", "at_risk", "comparison", "paused"} (see the package docstring).
    """
    settings = settings if isinstance(settings, Settings) else Settings.from_dict(settings)
    zone = zone_of(time_zone or settings.time_zone)
    now = parse_time(now, zone) if now is not None else datetime.now(timezone.utc)
    users = parsed(users, User.from_rest)
    bot_ids = {u.id for u in users if u.bot} | ({settings.bot_id} if settings.bot_id else set())
    names = {u.id: u.name for u in users}
    messages = parsed(messages, lambda m: Message.from_rest(m, zone), zone)
    sessions = parsed(sessions, lambda s: Session.from_rest(s, zone), zone)
    tasks = parsed(tasks, lambda t: Task.from_rest(t, settings.uf_message, settings.uf_chat, zone), zone)

    clock = Clock(settings.work_hours if settings.working_hours else None, zone)
    win = month_window(now, zone, MONTHS_SHOWN + 1)      # one month more: the first month's previous one
    months = {key: {} for key in win.keys}
    msgs = relevant_messages(messages, bot_ids, settings.chats or None)
    pairs = pair_dialogues(msgs, support_ids)
    chat = sla.Series(win.index(pairs.opened), clock.minutes(pairs.opened, pairs.replied),
                      clock.minutes(pairs.opened, win.now), ~pairs.answered)
    unanswered = _chat_figures(months, win, pairs, msgs, names, zone, chat)
    ses = counted_sessions(sessions, settings.openline_id)
    closed_at = np.fromiter((np.nan if s.date_close is None else s.date_close.timestamp() for s in ses.sessions),
                            dtype=float, count=len(ses.sessions))
    waiting_now = ~ses.answered & ~ses.finished
    ol = sla.Series(win.index(ses.created), clock.minutes(ses.created, ses.answered_at),
                    clock.minutes(ses.created, np.where(waiting_now, win.now, closed_at)), waiting_now)
    ol_unanswered = _openline_figures(months, win, ses, zone, ol)
    ta = group_tasks(tasks, settings.group_id, openline_chat_ids(sessions), pauses)
    csat_figures(months, win, ses, task_votes, {t.id: t.title for t in ta.tasks})
    still_open = np.isnan(ta.closed)
    done, age, paused = task_clock(clock, ta, win.now)
    tk = sla.Series(win.index(ta.created), done, age, still_open)
    open_tasks = _task_figures(months, win, ta, pairs, chat.elapsed_done, zone, tk)

    targets = settings.sla_targets
    chat.target = sla.constant(targets.chat_first_response, chat.index.size)
    ol.target = sla.constant(targets.openline_first_response, ol.index.size)
    tk.target = np.array([targets.task_close_min(t.priority) or np.nan for t in ta.tasks], dtype=float)
    series = {name: s for name, s, on in (("chat", chat, targets.chat_first_response),
                                          ("openline", ol, targets.openline_first_response),
                                          ("tasks", tk, targets.task_close)) if on}
    sla.breach_figures(months, win, series)
    at_risk = sla.at_risk(series, _risk_rows(pairs, msgs, ses, ta, zone))
    base = months.pop(win.keys[0])
    keys = list(win.keys[1:])
    return {"time_zone": zone.key, "now": now.astimezone(zone).isoformat(), "month_keys": keys,
            "months": months, "unanswered": unanswered, "openline_unanswered": ol_unanswered,
            "open_tasks": open_tasks, "sla": sla.describe(settings), "at_risk": at_risk,
            "comparison": sla.comparison(months, keys, base),
            "paused": paused_rows(ta, paused, win.now, zone, month_key),
            "csat_of": "openline" if settings.openline_id else "tasks"}      # whose ratings (metrics.csat)


def _oldest_first(rows: np.ndarray, when: np.ndarray, ids) -> np.ndarray:
    """`rows` (indexes) ordered by time, then id."""
    ids = np.fromiter((ids(int(i)) for i in rows), dtype=np.int64, count=rows.size)
    return rows[np.lexsort((ids, when[rows]))]


def _summaries(win: MonthWindow, index: np.ndarray, values: np.ndarray) -> list[dict]:
    return [stats.summary(part) for part in stats.split(index, values, win.count)]


def _oldest_waits(win: MonthWindow, s: "sla.Series") -> list:
    """Per month: the longest wait of its items still waiting now (None when none)."""
    return [None if part.size == 0 else float(part.max())
            for part in stats.split(np.where(s.waiting, s.index, -1), s.elapsed_open, win.count)]


def _dialogue_columns(months, win, s: "sla.Series", answered, channel: str, by: str) -> None:
    """Per month, one channel's (``chat`` / ``openline``) dialogue columns: ``<channel>_dialogues``,
    ``_response_min`` (summary of the answered), ``_unanswered``, ``_oldest_wait_min``, and ``by`` empty."""
    idx = s.index
    total = stats.counts(idx, win.count)
    waiting = stats.counts(idx, win.count, ~answered)
    resp = _summaries(win, np.where(answered, idx, -1), s.elapsed_done)
    oldest = _oldest_waits(win, s)
    for i, key in enumerate(win.keys):
        months[key].update({f"{channel}_dialogues": total[i], f"{channel}_response_min": resp[i],
                            f"{channel}_unanswered": waiting[i], f"{channel}_oldest_wait_min": oldest[i], by: {}})


def _chat_figures(months, win, pairs, msgs, names, zone, s) -> list[dict]:
    answered = pairs.answered
    _dialogue_columns(months, win, s, answered, "chat", "chat_by_chat")
    _by_chat(months, win, pairs, s)
    unanswered = []
    for i in _oldest_first(np.flatnonzero(~answered), pairs.opened, lambda i: pairs.first_id[i]):
        first = msgs[int(pairs.src[i])]
        unanswered.append({
            "chat_id": first.chat_id, "message_id": first.id, "author_id": first.author_id,
            "author_name": names.get(first.author_id, ""), "text": first.text,
            "opened_at": first.date.astimezone(zone).isoformat(), "month": month_key(first.date, zone),
            "wait_min": float(s.elapsed_open[i]), "messages": int(pairs.waiting_messages[i])})
    return unanswered


def _by_chat(months, win, pairs, s) -> None:
    """Per month and chat of the desk's set: dialogues, answered and unanswered, median and p90 response."""
    for (i, chat), values in sorted(stats.split_pairs(s.index, pairs.chat, s.elapsed_done, win.count).items()):
        answered = values[~np.isnan(values)]
        summary = stats.summary(answered)
        months[win.keys[i]]["chat_by_chat"][str(chat)] = {
            "dialogues": int(values.size), "answered": int(answered.size),
            "unanswered": int(values.size - answered.size),
            "median_response_min": summary.get("median"), "p90_response_min": summary.get("p90")}


def _openline_figures(months, win, ses, zone, s) -> list[dict]:
    _dialogue_columns(months, win, s, ses.answered, "openline", "openline_by_operator")
    by_op = stats.split_pairs(np.where(ses.operator > 0, s.index, -1), ses.operator, s.elapsed_done, win.count)
    for (i, op), values in sorted(by_op.items()):
        months[win.keys[i]]["openline_by_operator"][str(op)] = {
            "dialogues": int(values.size), "answered": int((~np.isnan(values)).sum()),
            "median_response_min": stats.median_or_none(values)}
    out = []
    for i in _oldest_first(np.flatnonzero(s.waiting), ses.created, lambda i: ses.sessions[i].id):
        x = ses.sessions[int(i)]
        out.append({"session_id": x.id, "chat_id": x.chat_id, "operator_id": x.operator_id or None,
                    "opened_at": x.date_create.astimezone(zone).isoformat(),
                    "month": month_key(x.date_create, zone), "wait_min": float(s.elapsed_open[i])})
    return out


def _task_figures(months, win, ta, pairs, chat_resp, zone, s) -> list[dict]:
    new_idx = s.index
    closed_idx = win.index(ta.closed)
    new = stats.counts(new_idx, win.count)
    new_ext = stats.counts(new_idx, win.count, ta.external)
    closed = stats.counts(closed_idx, win.count)
    closed_ext = stats.counts(closed_idx, win.count, ta.external)
    ttc = _summaries(win, closed_idx, s.elapsed_done)
    ends = win.ends()
    for i, key in enumerate(win.keys):
        is_open = ta.open_at(ends[i])
        months[key].update(tasks_new=new[i], tasks_new_external=new_ext[i], tasks_closed=closed[i],
                           tasks_closed_external=closed_ext[i], time_to_close_min=ttc[i],
                           tasks_open=int(is_open.sum()), tasks_open_external=int((is_open & ta.external).sum()))
    _by_specialist(months, win, pairs, chat_resp, ta, closed_idx, s.elapsed_done)
    out = []
    for i in _oldest_first(np.flatnonzero(s.waiting), ta.created, lambda i: ta.tasks[i].id):
        t = ta.tasks[int(i)]
        out.append({"id": t.id, "title": t.title, "status": t.status, "responsible_id": t.responsible_id,
                    "created_by": t.created_by, "created_at": t.created.astimezone(zone).isoformat(),
                    "month": month_key(t.created, zone), "age_min": float(s.elapsed_open[i]),
                    "external": bool(ta.external[i]), "chat_id": t.chat_id, "message_id": t.message_id,
                    "priority": t.priority})
    return out


def _risk_rows(pairs, msgs, ses, ta, zone) -> dict:
    """Per series, a function: item index → the at-risk row's identifying fields."""
    def chat(i):
        first = msgs[int(pairs.src[i])]
        return {"id": first.id, "chat_id": first.chat_id, "message_id": first.id, "author_id": first.author_id,
                "title": first.text, "opened_at": first.date.astimezone(zone).isoformat()}

    def openline(i):
        x = ses.sessions[i]
        return {"id": x.id, "chat_id": x.chat_id, "session_id": x.id, "operator_id": x.operator_id or None,
                "title": "", "opened_at": x.date_create.astimezone(zone).isoformat()}

    def task(i):
        t = ta.tasks[i]
        return {"id": t.id, "chat_id": t.chat_id, "task_id": t.id, "responsible_id": t.responsible_id,
                "title": t.title, "priority": t.priority, "opened_at": t.created.astimezone(zone).isoformat()}
    return {"chat": chat, "openline": openline, "tasks": task}


def _by_specialist(months, win, pairs, chat_resp, ta, closed_idx, ttc) -> None:
    """Per month and person: chat dialogues closed (with their median response) and tasks closed."""
    chat_idx = np.where(pairs.answered, win.index(pairs.opened), -1)
    dialogues = stats.split_pairs(chat_idx, pairs.replied_by, chat_resp, win.count)
    closed = stats.split_pairs(closed_idx, ta.responsible, ttc, win.count)
    for i, key in enumerate(win.keys):
        people = sorted({uid for (m, uid) in dialogues if m == i} | {uid for (m, uid) in closed if m == i})
        table = {}
        for uid in people:
            resp = dialogues.get((i, uid), np.zeros(0))
            table[str(uid)] = {"dialogues": int(resp.size), "tasks_closed": len(closed.get((i, uid), ())),
                               "median_response_min": stats.median_or_none(resp)}
        months[key]["by_specialist"] = table

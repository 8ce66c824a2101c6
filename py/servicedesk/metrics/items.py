"""The desk's items (chat dialogues, Open Line sessions, tasks) as per-item arrays, measured exactly as
compute_desk measures them (same pairing, clock, month window and targets), for the rows behind a
figure, the distributions and the load heat-map. numpy only; no figures, no DataFrames."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from ..model import Message, Session, Settings, Task, User, parse_time
from .business import Clock
from .chat import pair_dialogues, relevant_messages
from .desk import parsed
from .months import MONTHS_SHOWN, month_window, zone_of
from .openline import counted_sessions, openline_chat_ids
from .pauses import task_clock
from .sla import Series, constant
from .tasks import group_tasks


@dataclass
class Items(Series):
    """One series' items as sla.Series (month `index` of the figure's cohort, `elapsed_done`, `elapsed_open`,
    `waiting`, `target`, `breached`) plus the Unix time each `start`ed and `who` answered or holds it
    (replier / operator / responsible, 0 = nobody)."""
    start: np.ndarray | None = None
    who: np.ndarray | None = None

    @property
    def answered(self) -> np.ndarray:
        return ~np.isnan(self.elapsed_done)


class DeskItems:
    """Raw records of a desk (as compute_desk takes them) → `chat`, `openline`, `tasks` Items, with the
    records behind each entry (`messages`/`pairs`, `sessions`, `task_list`), `names` {uid: name}, the
    12-month `window`, `zone`, `now`, and `targets_on` {series: bool}."""

    def __init__(self, messages, users, sessions, tasks, settings, support_ids, now=None, *,
                 time_zone: str | None = None, pauses: dict | None = None, task_votes=None):
        settings = settings if isinstance(settings, Settings) else Settings.from_dict(settings)
        self.settings = settings
        self.zone = zone = zone_of(time_zone or settings.time_zone)
        self.now = parse_time(now, zone) if now is not None else datetime.now(timezone.utc)
        users = parsed(users, User.from_rest)
        self.names = {u.id: u.name for u in users if u.id}
        bots = {u.id for u in users if u.bot} | ({settings.bot_id} if settings.bot_id else set())
        messages = parsed(messages, lambda m: Message.from_rest(m, zone), zone)   # the loader's columns: no dicts
        sessions = parsed(sessions, lambda x: Session.from_rest(x, zone), zone)
        tasks = parsed(tasks, lambda t: Task.from_rest(t, settings.uf_message, settings.uf_chat, zone), zone)
        self.window = win = month_window(self.now, zone, MONTHS_SHOWN)
        clock = Clock(settings.work_hours if settings.working_hours else None, zone)
        targets = settings.sla_targets
        self.targets_on = {"chat": bool(targets.chat_first_response),
                           "openline": bool(targets.openline_first_response), "tasks": bool(targets.task_close)}

        self.messages = relevant_messages(messages, bots, settings.chats or None)     # every chat of the desk
        self.pairs = p = pair_dialogues(self.messages, support_ids)
        self.chat = Items(win.index(p.opened), clock.minutes(p.opened, p.replied), clock.minutes(p.opened, win.now),
                          ~p.answered, constant(targets.chat_first_response, p.opened.size), p.opened,
                          np.where(p.answered, p.replied_by, 0))

        self.ses = s = counted_sessions(sessions, settings.openline_id)
        closed_at = np.fromiter((np.nan if x.date_close is None else x.date_close.timestamp() for x in s.sessions),
                                dtype=float, count=len(s.sessions))
        waiting = ~s.answered & ~s.finished
        self.openline = Items(win.index(s.created), clock.minutes(s.created, s.answered_at),
                              clock.minutes(s.created, np.where(waiting, win.now, closed_at)), waiting,
                              constant(targets.openline_first_response, s.created.size), s.created, s.operator)

        self.ta = ta = group_tasks(tasks, settings.group_id, openline_chat_ids(sessions), pauses)
        done, age, self.tasks_paused = task_clock(clock, ta, win.now)
        self.tasks = Items(win.index(ta.created), done, age, np.isnan(ta.closed),
                           np.array([targets.task_close_min(t.priority) or np.nan for t in ta.tasks], dtype=float),
                           ta.created, ta.responsible)
        self.tasks_closed_index = win.index(ta.closed)
        from .csat import vote_rows
        self.task_votes = vote_rows(task_votes, zone, {t.id: t.title for t in ta.tasks})   # metrics.csat
        self.votes_read = task_votes is not None        # a chat desk's votes were read (None: refused or not asked)

    @property
    def month_keys(self) -> list[str]:
        return list(self.window.keys)

    def month_end(self, month: str) -> float:
        """The moment a month's open figures are taken (its end; now for the current month)."""
        return float(self.window.ends()[self.window.keys.index(month)])


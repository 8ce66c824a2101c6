"""Several desks in one load: every desk's plans (messages, tasks, sessions, chat titles) and one
user.get for the union of their support sides run in the same shared batches (``plan.run_plans``),
so a user who supports several desks pays about the request floor of the union of their data, and a
warm load of all of them is one request. Each desk keeps its own cache entry (``desk.cache_key``);
the Open Line fallback, when Session.list is refused, runs per desk after the shared part.

    desks = await load_desks(visit, [1, 2, 3], progress=...)    # {desk id: DeskData}
"""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from typing import Callable

from ..model import Settings, parse_time
from .chat import ChatsResult, MessagesPlan, TitlesPlan
from .crm import crm_plans, merge_crm
from .desk import (CHANGED_SLACK, LEAD_IN, META, DeskData, UsersPlan, cache_key, cached_last_ids, kept_keys,
                   merge_records, month_starts, read_cache, sessions_or_fallback, write_cache)
from .openline import SessionsPlan, month_bounds
from .plan import run_plans
from .problems import SERIES, explain
from .store import VERSION, default_store, drop_keys, portal_prefix
from .tasks import TasksPlan


class DeskLoad:
    """One desk's part of a shared load: ``prepare`` reads its cache and makes its plans (their keys
    tagged ``d<index>`` past the first desk, so keys stay unique in a batch); ``finish`` merges what
    they read, writes the desk's cache and gives its DeskData (the plans' columns released)."""

    def __init__(self, visit, store, now: datetime, index: int):
        self.visit, self.store, self.now, self.index = visit, store, now, index
        self.settings = Settings.from_dict(visit.ctx.settings)
        starts = month_starts(now, self.settings.time_zone)
        self.window, self.months = starts[0], month_bounds(starts)
        self.key = cache_key(visit, self.settings)[0]
        self.support = visit.ctx.support_ids
        self.plans: list = []

    async def prepare(self) -> list:
        settings, now, window = self.settings, self.now, self.window
        cached = self.cached = await read_cache(self.store, self.key, now, settings)
        warm = self.warm = cached is not None
        last_ids = cached_last_ids(cached, settings) if warm else {}
        chat_plans = [MessagesPlan(chat, (window - LEAD_IN).isoformat(), last_id=last_ids.get(str(chat)),
                                   span_days=(now - window + LEAD_IN).total_seconds() / 86400,
                                   zone=settings.time_zone) for chat in settings.chats]
        for i, plan in enumerate(chat_plans[1:], start=1):     # each chat's commands keyed apart in a batch
            plan.prefix = f"m{i}_"
        self.msgs = ChatsResult(chat_plans)
        self.tasks = TasksPlan(settings.group_id, [settings.uf_message, settings.uf_chat],
                               changed_since=(parse_time(cached["loaded_at"]) - CHANGED_SLACK).isoformat()
                               if warm else None, zone=settings.time_zone)
        self.sessions = None
        if settings.openline_id:
            seen = [sum(1 for s in cached["sessions"] if parse_time(a) <= parse_time(s["dateCreate"]) <= parse_time(b))
                    for a, b in self.months[-2:]] if warm else None
            self.sessions = SessionsPlan(settings.openline_id, self.months[-2:] if warm else self.months, seen)
        self.titles = TitlesPlan(settings.chats if len(settings.chats) > 1 else ())   # shown in the split by chat
        since = (parse_time(cached["loaded_at"]) - CHANGED_SLACK).isoformat() if warm else None
        self.crm = crm_plans(settings, cached, since) if settings.on_crm else []
        known = {u["id"] for u in cached["users"]} if warm else set()
        self.need_users = self.support - known
        self.plans = [p for p in (*chat_plans, self.tasks, self.sessions, self.titles, *self.crm)
                      if p is not None and not p.done]
        if self.index:
            for plan in self.plans:
                plan.prefix = f"d{self.index}{plan.prefix}"
        return self.plans

    async def finish(self, people: list[dict], report) -> DeskData:
        visit, settings, msgs, tasks, sessions = self.visit, self.settings, self.msgs, self.tasks, self.sessions
        ol_items, ol_problem = [], None
        if sessions is not None:
            ol_items, ol_problem = await sessions_or_fallback(visit.client, sessions, self.months, self.warm,
                                                              settings, report)
        problems = {}
        crm_problem = next((p.problem for p in self.crm if p.problem), None)
        problems_of_parts = bool(msgs.problem or tasks.problem or ol_problem == "openline_error" or crm_problem)
        if crm_problem:
            problems[SERIES[crm_problem]] = explain(crm_problem, visit.lang,
                                                    next((getattr(p, "error_text", "") for p in self.crm if p.problem), ""))
        for code in (msgs.problem, tasks.problem, ol_problem):
            if code:
                detail = getattr(msgs if code.startswith("chat") else tasks if code.startswith("tasks") else sessions,
                                 "error_text", "")
                problems[SERIES[code]] = explain(code, visit.lang, detail)
        if msgs.history_limited:
            problems["history_limited"] = explain("history_limited", visit.lang)
        users = [u for u in people if u["id"] in self.need_users]
        data, changed = merge_records(self.cached, msgs, tasks, ol_items, users, self.window, sessions is not None,
                                      settings, self.titles.titles)
        if self.crm:
            data.update(merge_crm(self.cached, self.crm, settings))
            changed = changed or any(p.items for p in self.crm[:2])
        crm = {k: data.get(k, []) for k in ("crm_items", "crm_history", "crm_stages")}
        self.cached = self.msgs = self.tasks = self.sessions = self.titles = self.crm = None   # the plans go
        self.plans = msgs = tasks = sessions = None
        # no cache from a failed part: the next (warm) load would not read its older months again
        if not problems_of_parts:
            if changed:                  # the bulk of the records is rewritten only when it changed
                await write_cache(self.store, self.key, data, settings)
            meta = {"version": VERSION, "loaded_at": self.now.isoformat(),
                    "last_message_id": data["last_message_id"], "last_ids": data["last_ids"],
                    "saved_at": datetime.now(timezone.utc).isoformat()}
            await self.store.set(self.key + META, json.dumps(meta))
        return DeskData(messages=data["messages"], users=data["users"], sessions=data["sessions"],
                        tasks=data["tasks"], settings=settings, support_ids=self.support, now=self.now,
                        problems=problems, warm=self.warm,
                        chat_names={int(k): v for k, v in data["chat_names"].items()}, **crm)


def desk_visits(visit, desk_ids=None) -> dict:
    """{desk id: a visit on that desk}: ``visit``'s own desk when ``desk_ids`` is None, else those
    of ``desk_ids`` the user supports now (``ctx.my_desks``), in that order."""
    ctx = visit.ctx
    if desk_ids is None:
        return {ctx.desk_id: visit}
    mine = {d.id for d in ctx.my_desks}
    out = {}
    for desk_id in desk_ids:
        if desk_id in mine and desk_id not in out:
            out[desk_id] = visit if desk_id == ctx.desk_id else replace(visit, ctx=ctx.for_desk(desk_id))
    return out


async def load_desks(visit, desk_ids=None, progress: Callable[[int, int, str], None] | None = None,
                     store=None, now: datetime | None = None) -> dict:
    """{desk id: DeskData} of ``desk_ids`` (see ``desk_sessions``) in one shared load; each DeskData's
    ``requests`` is the whole load's."""
    store = store or default_store()
    client = visit.client
    before = client.requests
    now = now or visit.now()
    parts = {desk_id: DeskLoad(s, store, now, i) for i, (desk_id, s) in enumerate(desk_visits(visit, desk_ids).items())}
    prefix = portal_prefix(visit)
    await drop_keys(store, prefix, kept_keys(visit, [p.key for p in parts.values()], prefix))   # never another user's
    plans = [plan for part in parts.values() for plan in await part.prepare()]
    users = UsersPlan(set().union(*(p.need_users for p in parts.values())))

    def report(share: float, what: str = "data") -> None:
        if progress:
            progress(int(share * 100), 100, what)

    report(0.0)
    await run_plans(client, [*plans, users], report)
    plans = None
    out = {desk_id: await part.finish(users.items, report) for desk_id, part in parts.items()}
    for data in out.values():
        data.requests = client.requests - before
    report(1.0, "done")
    return out

"""Load a year of the desk's raw records with the current user's rights, in as few requests as the
portal allows, and keep them for the next load.

Cold load: messages, tasks and Open Line sessions are read by plans that share batches (see
``plan.py``; several desks share them too: ``shared.py``, which ``load_desk`` runs for one desk). Warm load (a cache younger than a day for this portal, user and desk): one shared batch
reads messages after the last id, tasks changed since the last load and the sessions of the current
and previous months. The cache keeps raw records only (DESIGN §4 "Clock"), per portal *and user*,
and a load drops every other user's cache of the same portal.
Known limit: tasks deleted or moved out of the group and messages deleted after they were cached
stay until the cache is a day old or cleared (the refresh button offers that).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable
from zoneinfo import ZoneInfo

from ..model import Settings, display_name, parse_time
from ..rest.client import PAGE
from .openline import ActivitiesPlan, HistoryPlan, SessionsPlan
from .plan import Plan, run_plans
from .records import MessageRecords, TaskRecords, compact_session
from .store import VERSION, default_store, drop_keys, portal_prefix
from .tasks import TasksPlan

MONTHS = 12
LEAD_IN = timedelta(days=7)        # messages read before the window, so its first dialogues pair right
MAX_AGE = timedelta(hours=24)      # older caches are reloaded whole
META = "#meta"                     # the small entry beside a user's records: version, loaded_at, last id
CHANGED_SLACK = timedelta(minutes=10)
PART_MESSAGES = 25_000             # records a cache entry holds (the first part beside users and sessions)
PART_TASKS = 10_000


@dataclass
class DeskData:
    """The 12 months' records and what the metrics need beside them. ``messages`` and ``tasks`` are
    columns (loader.records) that read as the REST dicts; ``users`` and ``sessions`` REST dicts."""
    messages: MessageRecords
    users: list[dict]
    sessions: list[dict]
    tasks: TaskRecords
    settings: Settings
    support_ids: set[int]
    now: datetime
    problems: dict[str, str] = field(default_factory=dict)
    requests: int = 0                  # of the whole load (shared by every desk it loaded)
    warm: bool = False
    chat_names: dict[int, str] = field(default_factory=dict)   # titles of a desk's several chats
    crm_items: list[dict] = field(default_factory=list)        # a smart-process desk's (loader.crm)
    crm_history: list[dict] = field(default_factory=list)
    crm_stages: list[dict] = field(default_factory=list)
    pauses: dict | None = None         # {task id: paused spans} (bot.task_pauses), read after the records
    task_votes: list | None = None     # a chat desk's ratings of closed chat tasks (bot.csat), after the records


class UsersPlan(Plan):
    """Names of the support side (they may not have written in the chat): user.get, 50 ids a command."""
    prefix = "u"

    def __init__(self, ids):
        super().__init__()
        self.ids = sorted(ids)
        self.items: list[dict] = []
        self._sent = 0
        self.done = not self.ids

    def want(self) -> int:
        return 0 if self.done else -(-len(self.ids) // PAGE)

    def commands(self, n: int) -> dict:
        self._sent = n
        return {f"{self.prefix}{k}": ("user.get", {"filter": {"ID": self.ids[k * PAGE:(k + 1) * PAGE]}})
                for k in range(n)}

    def consume(self, res) -> None:
        for k in range(self._sent):
            for u in res.result.get(f"{self.prefix}{k}") or []:
                self.items.append({"id": int(u["ID"]), "name": display_name(u), "bot": False})
        self.ids = self.ids[self._sent * PAGE:]
        self.done = not self.ids


def month_starts(now: datetime, zone: str, count: int = MONTHS) -> list[datetime]:
    """The first instants of the ``count`` months up to ``now`` and of the month after, in ``zone``."""
    tz = ZoneInfo(zone)
    local = now.astimezone(tz)
    index = local.year * 12 + local.month - 1
    return [datetime(i // 12, i % 12 + 1, 1, tzinfo=tz) for i in range(index - count + 1, index + 2)]


def cache_key(visit, settings: Settings) -> tuple[str, str]:
    """(this user's key of this desk, the prefix of every key of this portal); a desk's chats are
    joined by "+" (one chat: the key of a single-desk install)."""
    prefix = portal_prefix(visit)
    chats = "+".join(str(c) for c in settings.chats) or "None"
    desk = f"{settings.group_id}:{chats}:{settings.openline_id or 0}"
    return f"{prefix}{visit.ctx.user_id}:{desk}", prefix


def kept_keys(visit, keys, prefix: str) -> Callable[[str], bool]:
    """Which keys of this portal a load of desks ``keys`` keeps: this user's own (their other desks'
    records and non-record entries), never another user's; records of desks the user no longer has go."""
    mine = f"{prefix}{visit.ctx.user_id}:"
    desks = {keys} if isinstance(keys, str) else set(keys)
    for d in getattr(visit.ctx, "desks", ()) or ():
        other = visit.ctx.for_desk(d.id)
        desks.add(cache_key(visit, Settings.from_dict(other.settings))[0])

    def keep(other: str) -> bool:
        if not other.startswith(mine):
            return False
        rest = other[len(mine):]
        return not rest[:1].isdigit() and not rest.startswith("None") or other.split("#", 1)[0] in desks
    return keep


async def load_desk(visit, progress: Callable[[int, int, str], None] | None = None, store=None,
                    now: datetime | None = None) -> DeskData:
    """Everything the dashboard needs of ``visit``'s desk, fetched with its user's rights (see
    module doc): ``loader.shared.load_desks`` for this one desk."""
    from .shared import load_desks
    return next(iter((await load_desks(visit, None, progress, store, now)).values()))


def cached_last_ids(cached: dict, settings: Settings) -> dict[str, int]:
    """The last cached message id per chat (a cache of one chat written before ``last_ids``: its one id)."""
    ids = dict(cached.get("last_ids") or {})
    if not ids and cached.get("last_message_id") is not None and len(settings.chats) == 1:
        ids[str(settings.chats[0])] = cached["last_message_id"]
    return ids


async def sessions_or_fallback(client, plan: SessionsPlan, months, warm, settings, report):
    """Session.list's sessions; when it is refused, the same rebuilt from CRM activities + history."""
    if not plan.refused:
        return plan.items, plan.problem
    acts = ActivitiesPlan(months[-2 if warm else 0][0])
    await run_plans(client, [acts], lambda s: report(0.9 + 0.05 * s, "openline"))
    if acts.problem:           # neither source: say which refusal (the plan, or the person's rights)
        plan_lacks = acts.problem == "openline_no_access" and plan.refused_code == "TARIFF_RESTRICTION"
        return [], "openline_no_plan" if plan_lacks else acts.problem
    hist = HistoryPlan(acts.items, settings.openline_id)
    await run_plans(client, [hist], lambda s: report(0.95 + 0.05 * s, "openline"))
    return hist.items, None


async def read_cache(store, key: str, now: datetime, settings: Settings) -> dict | None:
    """The cached records of ``key`` with their meta, if they are of this version, younger than a
    day and whole (the small meta entry is read first, so a stale cache is never parsed; every part
    must carry the stamp of the first)."""
    try:
        meta = json.loads(await store.get(key + META) or "null")
        if not meta or meta.get("version") != VERSION or now - parse_time(meta["loaded_at"]) >= MAX_AGE:
            return None
        head = json.loads(await store.get(key) or "null")
        if not isinstance(head, dict) or head.get("uf") != [settings.uf_message, settings.uf_chat]:
            return None
        messages = MessageRecords(settings.time_zone).add_part(head.pop("messages"))
        tasks = TaskRecords(settings.time_zone, uf=(settings.uf_message, settings.uf_chat)).add_part(head.pop("tasks"))
        for i in range(1, int(head["parts"])):
            part = json.loads(await store.get(f"{key}#p{i}") or "null")
            if not isinstance(part, dict) or part.get("stamp") != head["stamp"]:
                return None
            messages.add_part(part["messages"])
            tasks.add_part(part["tasks"])
            part = None
    except (ValueError, KeyError, TypeError):
        return None
    return {**head, "messages": messages.done(), "tasks": tasks.done(), **meta}


async def write_cache(store, key: str, data: dict, settings: Settings) -> None:
    """The records in entries of at most PART_MESSAGES messages and PART_TASKS tasks (so no huge
    string is ever built, in Python or in IndexedDB): parts 1.. first, then the first part with
    users and sessions, then stale parts of a longer earlier cache are deleted."""
    msgs, tasks = data["messages"], data["tasks"]
    parts = max(1, -(-len(msgs) // PART_MESSAGES), -(-len(tasks) // PART_TASKS))
    stamp = datetime.now(timezone.utc).isoformat()
    for i in range(1, parts):
        await store.set(f"{key}#p{i}", json.dumps({"stamp": stamp, "messages": msgs.part(i, PART_MESSAGES),
                                                   "tasks": tasks.part(i, PART_TASKS)}, ensure_ascii=False))
    head = {k: data[k] for k in ("users", "sessions", "last_message_id", "last_ids")}
    head.update({k: data[k] for k in ("crm_items", "crm_history", "crm_stages", "crm_last_history", "crm_link")
                 if k in data})
    head["chat_names"] = data.get("chat_names") or {}
    head.update(stamp=stamp, parts=parts, uf=[settings.uf_message, settings.uf_chat],
                messages=msgs.part(0, PART_MESSAGES), tasks=tasks.part(0, PART_TASKS))
    await store.set(key, json.dumps(head, ensure_ascii=False))
    for other in await store.keys():
        tail = other[len(key) + 2:] if other.startswith(key + "#p") else ""
        if tail.isdigit() and int(tail) >= parts:
            await store.delete(other)


def merge_records(cached, msgs, tasks: TasksPlan, sessions: list[dict], users: list[dict], window: datetime,
                  has_openline: bool, settings: Settings, titles: dict | None = None) -> tuple[dict, bool]:
    """Cached records updated with what was just read; records older than the window dropped;
    ``titles`` {chat id: title} over the cached ones (a chat's title that was not read stays)."""
    base = cached or {"users": [], "sessions": [], "last_message_id": None}
    old_names = {str(k): v for k, v in (base.get("chat_names") or {}).items()}
    names = {str(c): (titles or {}).get(c) or old_names.get(str(c)) for c in settings.chats}
    names = {k: v for k, v in names.items() if v} if len(settings.chats) > 1 else {}
    old_messages = cached["messages"] if cached else MessageRecords(settings.time_zone)
    new_messages = msgs.items
    messages = old_messages.merged(new_messages, (window - LEAD_IN).timestamp()).done()
    people = {u["id"]: u for u in base["users"]}
    people.update((u["id"], u) for u in users)
    people.update(msgs.users)
    all_tasks = cached["tasks"] if cached else TaskRecords(settings.time_zone, uf=tasks.items.uf)
    all_tasks.update(tasks.items)
    ses = {s["id"]: s for s in base["sessions"]}
    fresh_sessions = [s for s in map(compact_session, sessions) if ses.get(s["id"]) != s]
    ses.update((s["id"], s) for s in fresh_sessions)
    kept_sessions = [s for s in ses.values() if s.get("dateCreate") and parse_time(s["dateCreate"]) >= window] \
        if has_openline else []
    last_id = messages.cols["id"][-1] if len(messages) else base.get("last_message_id")
    last_ids = dict(base.get("last_ids") or {})
    last_ids.update(messages.last_ids())
    data = {"messages": messages, "users": sorted(people.values(), key=lambda u: u["id"]), "tasks": all_tasks,
            "sessions": sorted(kept_sessions, key=lambda s: s["id"]), "last_message_id": last_id,
            "last_ids": last_ids, "chat_names": names}
    changed = (cached is None or bool(len(new_messages) or len(tasks.items) or fresh_sessions) or names != old_names
               or len(people) != len(base["users"]) or len(messages) != len(old_messages)
               or len(kept_sessions) != len(base["sessions"]))
    return data, changed


async def clear_cache(visit, store=None) -> None:
    """Forget every cached record of this portal in this browser (the refresh button's "reload all")."""
    await drop_keys(store or default_store(), portal_prefix(visit))

"""Runs the SLA warnings and escalation (bot.alerts) for every desk: reads each desk's open items, sends
what is due through ``notify.notify`` and remembers it in ``sent`` (the worker's state file keeps it
across restarts; a page keeps it in memory and relies on the message's dedup key). Run by the worker
every poll, else by the polling support page (decisions 104).

Open items, in few requests a poll: the group's tasks not completed (tasks.task.list, filter
``!STATUS`` 5 — tasks/tasks-task-list.md documents ``!`` as "not equal"; checked on what comes back),
their paused spans (bot.task_pauses, cached: only changed tasks are read again), and the last 50 messages
of each desk chat (im.dialog.messages.get, chat messages/im-dialog-messages-get.md): an unanswered
question among them is an item from its first message.

On a desk whose second line is a smart process (``Settings.on_crm``), also its open items (decision 165):
crm.item.list (api-reference/crm/universal/crm-item-list.md) filtered by ``categoryId`` and ``@stageId``
(IN, the page's prefix) over the pipeline's in-progress stages, ``select`` of five fields, read by id 50 a
page (``start: -1``); the stages (crm.status.list) are kept for an hour. What comes back is checked: an
item of another pipeline or in a final stage is dropped, whatever the portal did with the filter.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from ..model import Message, Session, Settings, Task, User
from ..model.values import to_int
from ..rest import PortalError
from ..rest.errors import is_temporary
from ..texts import t
from .alerts import BREACH, Alert, Item, due_alerts
from .notify import notify
from .refs import item_view_path, message_link, task_view_path

log = logging.getLogger("servicedesk.bot.alerts")
TASK_SELECT = ["ID", "TITLE", "STATUS", "GROUP_ID", "CREATED_DATE", "CLOSED_DATE", "CHANGED_DATE",
               "RESPONSIBLE_ID", "PRIORITY"]
CHAT_TAIL = 50
MAX_PER_CHECK = 10       # alerts sent one by one per desk and check; more due: one summary (decisions 106)


async def task_items(client, settings: Settings, pause_cache: dict) -> list[Item]:
    """The desk's open tasks with a close target, on the paused clock."""
    from .task_pauses import load_pauses
    if not settings.group_id or not settings.sla_targets.task_close:
        return []
    rows = await client.list_fast("tasks.task.list", {"filter": {"GROUP_ID": settings.group_id, "!STATUS": 5},
                                                      "select": TASK_SELECT}, key="tasks", item_id="id")
    tasks = [x for x in (Task.from_rest(r) for r in rows)
             if not x.is_completed and x.created is not None and x.group_id in (None, settings.group_id)]
    pauses = {}
    if tasks and (settings.pause_statuses or settings.pause_tag):
        newest = max(x.created for x in tasks)
        pauses = await load_pauses(client, tasks, settings, newest, pause_cache)
    out = []
    for x in tasks:
        target = settings.sla_targets.task_close_min(x.priority)
        if target:
            out.append(Item("task", x.id, x.created.timestamp(), target, x.responsible_id, None, x.title,
                            pauses.get(x.id) or []))
    return out


async def chat_items(client, settings: Settings, support_ids: set[int]) -> list[Item]:
    """Unanswered questions among the last messages of each desk chat (DESIGN §4 pairing)."""
    target = settings.sla_targets.chat_first_response
    if not target or not settings.chats:
        return []
    from ..metrics.chat import pair_dialogues, relevant_messages
    out = []
    for chat in settings.chats:
        res = await client.call("im.dialog.messages.get", {"DIALOG_ID": f"chat{chat}", "LIMIT": CHAT_TAIL}) or {}
        users = [User.from_rest(u) for u in res.get("users") or [] if isinstance(u, dict)]
        bots = {u.id for u in users if u.bot} | ({settings.bot_id} if settings.bot_id else set())
        msgs = [Message.from_rest(m) for m in res.get("messages") or [] if isinstance(m, dict)]
        for m in msgs:
            m.chat_id = m.chat_id or chat
        msgs = relevant_messages(msgs, bots, (chat,))
        pairs = pair_dialogues(msgs, support_ids)
        for i in range(len(pairs.opened)):
            if not pairs.answered[i]:
                first = msgs[int(pairs.src[i])]
                out.append(Item("chat", first.id, float(pairs.opened[i]), float(target), None, chat,
                                first.text[:80]))
    return out


ITEM_SELECT = ["id", "title", "stageId", "categoryId", "createdTime", "assignedById"]
STAGES_TTL = 3600.0       # seconds the pipeline's stages are kept between checks


async def crm_items(client, settings: Settings, cache: dict, now: float) -> list[Item]:
    """The open items of the desk's pipeline (in an in-progress stage now), each with the "medium" close
    target (items carry no priority, decision 121) and no pauses: used = the desk's clock from createdTime."""
    from ..model.values import parse_time
    from .items import list_open, stage_split, stages
    target = settings.sla_targets.task_close_min(1)
    if not settings.on_crm or not target:
        return []
    key = (settings.crm_entity_type_id, settings.crm_category_id)
    try:
        got = cache.get(key)
        if got is None or now - got[0] > STAGES_TTL:
            got = cache[key] = (now, await stages(client, settings))
        names, open_ids = stage_split(got[1])
        if not open_ids:
            return []
        found = await list_open(client, settings, open_ids, ITEM_SELECT)
    except PortalError as exc:            # no CRM rights, a type deleted: the desk's other alerts still go
        if is_temporary(exc):
            raise
        log.warning("alerts: the smart process's items not read (%s)", exc)
        return []
    out = []
    for it in found:
        created = parse_time(it.get("createdTime"))
        if (to_int(it.get("categoryId")) != settings.crm_category_id or str(it.get("stageId")) not in open_ids
                or created is None):
            continue                      # the filter is checked, not trusted
        out.append(Item("item", to_int(it.get("id")) or 0, created.timestamp(), target,
                        to_int(it.get("assignedById")) or None, None, str(it.get("title") or ""),
                        stage=names.get(str(it.get("stageId")), str(it.get("stageId") or ""))))
    return out


OPENLINE_LOOKBACK = timedelta(days=7)       # unanswered sessions older than this are the dashboard's, not news


async def openline_items(client, settings: Settings, now: datetime) -> list[Item]:
    """The desk's Open Line sessions still waiting for an operator's first answer (created in the last
    week: imopenlines.v2.Session.list ``dateCreateFrom``, 200 a page), as items told to their operator."""
    target = settings.sla_targets.openline_first_response
    if not target or not settings.openline_id:
        return []
    out, offset = [], 0
    while True:
        res = await client.call("imopenlines.v2.Session.list", {
            "configId": settings.openline_id, "dateCreateFrom": (now - OPENLINE_LOOKBACK).isoformat(),
            "dateCreateTo": now.isoformat(), "offset": offset, "limit": 200}) or {}
        for raw in res.get("sessions") or []:
            s = Session.from_rest(raw)
            waiting = (s.date_operator_answer is None and s.date_close is None and not s.is_spam
                       and s.status.lower() != "closed" and s.date_create is not None)
            if waiting:
                out.append(Item("openline", s.id, s.date_create.timestamp(), float(target), s.operator_id or None,
                                s.chat_id, ""))
        if not res.get("hasNextPage") or offset >= 10_000:
            return out
        offset += 200


def _text(alert: Alert, settings: Settings, lang: str, manager: int | None) -> tuple[str, str]:
    """(dialog id, text) of an alert."""
    from ..charts.labels import format_duration
    from .texts import inert
    it = alert.item
    kw = {"used": format_duration(alert.used_min, lang), "target": format_duration(it.target_min, lang),
          "left": format_duration(max(alert.left_min, 0.0), lang), "over": format_duration(max(-alert.left_min, 0.0), lang),
          "title": inert(it.title), "id": it.id, "desk": inert(settings.name or "")}
    if it.kind == "item":
        kw["link"] = f"[URL={item_view_path(settings.crm_entity_type_id or 0, it.id)}]#{it.id}[/URL]"
        kw["who"] = f"[USER={it.owner}][/USER]" if it.owner else "—"
        kw["stage"] = inert(it.stage)
    elif it.kind == "task":
        kw["link"] = f"[URL={task_view_path(it.owner or manager or 0, it.id)}]#{it.id}[/URL]"
        kw["who"] = f"[USER={it.owner}][/USER]" if it.owner else "—"
    elif it.kind == "openline":
        kw["link"] = f"[URL=/online/?IM_DIALOG=chat{it.chat_id}]{t('sla_alert_session', lang, id=it.id)}[/URL]"
        kw["who"] = f"[USER={it.owner}][/USER]" if it.owner else "—"
    else:
        kw["link"] = message_link(f"chat{it.chat_id}", it.id, t("sla_alert_open", lang))
    if alert.level == BREACH:
        return str(manager), t(f"sla_breach_{it.kind}", lang, **kw)
    if it.kind in ("task", "item") or (it.kind == "openline" and it.owner):
        return str(it.owner), t(f"sla_warn_{it.kind}", lang, **kw)
    if it.kind == "openline":             # nobody took it yet: the desk's chat
        return f"chat{settings.chats[0]}" if settings.chats else "0", t("sla_warn_openline", lang, **kw)
    return f"chat{it.chat_id}", t("sla_warn_chat", lang, **kw)


class AlertRunner:
    """One poller's alert check over every desk; ``sent`` a set of keys, ``save()`` after each send."""

    def __init__(self, visit, sent: set | None = None, save=None, digests: bool = False, every_desk: bool = True,
                 stopping=None):
        self.visit, self.sent, self.save = visit, set() if sent is None else sent, save
        self.stopping = stopping or (lambda: False)    # the worker's SIGTERM: stop between two sends
        self.digests = digests           # the worker also sends each desk's weekly digest (bot.digest)
        self.every_desk = every_desk     # the worker: every desk; a page: the desks its user supports
        self.pause_cache: dict = {}
        self.stage_cache: dict = {}      # {(entity type, pipeline): (read at, crm.status.list rows)}
        self.on_duty: dict = {}
        from .alert_keys import PortalKeys
        self.portal_keys = PortalKeys(visit.client)     # the keys any checker sent (bot.alert_keys)
        self.stamps: dict[str, float] = {}
        self.digests_owed: dict = {}     # {digest key: digest} whose chart a transient failure held back
        from .csat import CsatOffers
        self.csat = CsatOffers(visit)          # ratings of closed chat tasks (bot.csat)

    async def run_once(self) -> list[Alert]:
        """Check every desk once; returns the alerts sent (or refused by the portal: not tried again)."""
        ctx = self.visit.ctx
        chosen = ctx.desks if self.every_desk else [d for d in ctx.desks if d.supports(ctx.user_id)]
        desks = [ctx.for_desk(d.id) for d in chosen] if ctx.desks else [ctx]
        sent = []
        for dctx in (d for d in desks if d is not None):
            if self.stopping():
                break
            sent += await self._desk(dctx)
            if not self.stopping():
                await self.csat.run(dctx)
            if self.digests and not self.stopping():
                from .digest import send_digest
                await send_digest(self.visit, dctx, self.sent, self.visit.now(), self.save,
                                  self.portal_keys, self.digests_owed)
        return sent

    async def _desk(self, dctx) -> list[Alert]:
        settings = Settings.from_dict(dctx.settings)
        if not (settings.alert_on and settings.bot_id and settings.sla_targets.any):
            return []
        from ..metrics.business import Clock
        client = self.visit.client
        support = dctx.support_ids
        when = self.visit.now().astimezone(timezone.utc)
        now = when.timestamp()
        items = (await task_items(client, settings, self.pause_cache) + await chat_items(client, settings, support)
                 + await openline_items(client, settings, when)
                 + await crm_items(client, settings, self.stage_cache, now))
        due = due_alerts(items, settings, Clock.of(settings), now, self.sent)
        if due:                                  # what another checker sent (a page before, a lost state)
            self.stamps.update(await self.portal_keys.read())
            self.sent.update(self.stamps)
            due = [a for a in due if a.key not in self.sent]
        if not due:
            return []
        lang = getattr(dctx, "lang", "ru") or "ru"
        members = [m for m in dctx.member_ids if m != dctx.owner_id]
        done = []
        rest, due = due[MAX_PER_CHECK:], due[:MAX_PER_CHECK]
        if rest and dctx.owner_id:
            key = "sla:%s:more:%s" % (settings.desk_id, rest[0].key)
            where = (f"/crm/type/{settings.crm_entity_type_id}/list/category/{settings.crm_category_id}/"
                     if settings.on_crm else f"/workgroups/group/{settings.group_id}/tasks/")
            text = t("sla_more", lang, n=len(rest), link=f"[URL={where}]{t('sla_more_link_items' if settings.on_crm else 'sla_more_link', lang)}[/URL]")
            await notify(client, settings, str(dctx.owner_id), text, key)
        for alert in rest:                     # told in one summary: never one by one later
            self.sent.add(alert.key)
            self.stamps[alert.key] = now
        for alert in due:
            if self.stopping():
                break
            dialog, text = _text(alert, settings, lang, to_int(dctx.owner_id))
            if dialog.startswith("chat") and alert.level != BREACH and members:
                text = " ".join(f"[USER={m}][/USER]" for m in members) + " " + text
            if dialog in ("None", "0"):
                log.warning("alert %s: nobody to tell", alert.key)
            else:
                await notify(client, settings, dialog, text, alert.key)
            self.sent.add(alert.key)
            self.stamps[alert.key] = now
            if self.save is not None:
                self.save()
            done.append(alert)
            log.info("alert %s sent (%.0f of %.0f min used)", alert.key, alert.used_min, alert.item.target_min)
        await self.portal_keys.write(self.stamps, now)
        return done

"""Customer ratings on a chat-first-line desk (a desk with no Open Line; decisions 150–154): when a
task made from a chat message is closed, the bot asks the message's author, in the author's private
chat with the bot, for a one-tap rating (two keyboard buttons); a press stores the vote, one item per
task in the bot's app storage.

Docs (chat-bots-v2/imbot.v2): messages/message-keyboards.md — a button with ``COMMAND`` (+
``COMMAND_PARAMS``) of a registered command (hidden ones too, commands/index.md) makes
ONIMBOTV2COMMANDADD with ``command.context`` "keyboard" (events/events.md: ``command.params``, the
keyboard's ``message``, the presser as ``user``); the press is answered with Command.answer
(commands/command-answer.md) through ``send.bot_send``, and the offer is redrawn with the chosen button
marked (``csat_mark``, messages/chat-message-update.md). Offers are sent only on a desk whose ``csat_on``
is on (the desk's "Alerts and digest" form).

Closed tasks: tasks.task.list with the documented ``GROUP_ID``, ``STATUS`` and ``>=CLOSED_DATE``
filters (tasks/tasks-task-list.md), each checked on what comes back; a task counts when its
message-id and chat-id fields name one of the desk's chats. Once per task: the checker remembers
what it offered, and the vote item itself (CODE ``csat:<task>``, made right after the offer) is looked
for on the portal before anything is offered that this checker has not sent itself (a restart, another
page, the worker); the offer's message key is ``csat:<desk>:offer:<task>`` (``send.bot_send``). Storage: entity/items/entity-item-get.md (FILTER prefixes ``%`` LIKE and ``>=``),
entity-item-add.md, entity-item-update.md; the item's DETAIL_TEXT is JSON (``item_data``).
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from ..model import Settings, Task
from ..model.values import parse_time, to_int
from ..rest import PortalError
from ..rest.errors import is_temporary
from ..rest.lease import ENTITY
from .csat_mark import mark_offer, offer_of_press
from .refs import first_line
from .rules import Deferred
from .send import bot_send
from .texts import inert, lang_of, say

log = logging.getLogger("servicedesk.bot.csat")

COMMAND = "csat"                    # hidden: only the rating buttons call it
PREFIX = "csat:"                    # the vote items' CODE: csat:<task id>
VOTES = ("like", "dislike")
LOOKBACK = timedelta(days=2)        # the first check offers ratings for tasks closed this recently
SLACK = timedelta(minutes=10)       # each later check reads closures from its last one minus this
MAX_PER_CHECK = 20                  # offers per desk and check; the rest at the next one
EVERY = 60.0                        # seconds (portal time) between two checks of a desk: one request each
SELECT = ["ID", "TITLE", "STATUS", "GROUP_ID", "CREATED_DATE", "CLOSED_DATE", "RESPONSIBLE_ID", "CREATED_BY",
          "AUDITORS"]


def offer_key(desk_id, task_id: int) -> str:
    return f"csat:{desk_id}:offer:{int(task_id)}"


def item_code(task_id: int) -> str:
    return f"{PREFIX}{int(task_id)}"


def item_data(row: dict) -> dict | None:
    """The vote item's data (DETAIL_TEXT JSON): {"task", "desk", "group", "author", "responsible",
    "closed", "message", "vote" ("like" | "dislike" | "none"), "voted", "lang"}; None when unreadable. No title:
    the storage is readable by every user of the portal (``rest.lease.ensure_storage``)."""
    if not str(row.get("CODE") or "").startswith(PREFIX):
        return None
    try:
        data = json.loads(row.get("DETAIL_TEXT") or "")
    except ValueError:
        return None
    if not isinstance(data, dict) or not to_int(data.get("task")):
        return None
    data["vote"] = data.get("vote") if data.get("vote") in VOTES else "none"
    return data


def vote_record(settings: Settings, task: Task, author: int, lang: str, message: int | None = None) -> dict:
    """A closed chat task's vote item data (``item_data``) before any press: vote "none"; ``lang`` is the
    offer's language (the desk's), which its redrawn buttons keep (decision 181)."""
    return {"task": task.id, "desk": settings.desk_id, "group": settings.group_id, "author": author,
            "responsible": task.responsible_id, "closed": task.closed.isoformat(),
            "message": message, "vote": "none", "voted": "", "lang": lang}


def buttons(task_id: int, lang: str, chosen: str = "") -> list[dict]:
    """The two rating buttons (message-keyboards.md: TEXT + COMMAND + COMMAND_PARAMS, DISPLAY LINE).
    ``chosen`` (a vote stored, decision 171): its button reads "✓ 👍 …" in the primary colour, the other
    the secondary one; both stay pressable, so the vote can still change."""
    first = chosen if chosen in VOTES else "like"
    return [{"TEXT": say("csat_chosen", lang, vote=say(f"csat_{v}", lang)) if v == chosen else say(f"csat_{v}", lang),
             "COMMAND": COMMAND, "COMMAND_PARAMS": f"{int(task_id)} {v}", "DISPLAY": "LINE",
             "BG_COLOR_TOKEN": "primary" if v == first else "secondary"} for v in VOTES]


async def ensure_command(client, settings: Settings) -> None:
    """The buttons' hidden command (commands/command-register.md), once per page and bot."""
    from .direct import ensure_command as ensure
    await ensure(client, settings, COMMAND, {"ru": "Оценка заявки", "en": "Rate a request"})


async def read_items(client, flt: dict) -> list[dict]:
    """The vote items matching ``flt`` (every page: entity.item.get gives 50 a page); the filter is
    checked on what comes back (CODE ``csat:``)."""
    rows = await client.list_all("entity.item.get", {"ENTITY": ENTITY, "FILTER": {"%CODE": PREFIX, **flt}})
    return [r for r in rows or [] if str(r.get("CODE") or "").startswith(PREFIX)]


async def _author(client, task: Task, support: set) -> int:
    """The author of the task's chat message (read in the chat), else its auditor outside support;
    0 when there is none to ask (a support member's own message, a bot, nothing readable)."""
    from .task_from_message import message_in
    author = 0
    try:
        msg = await message_in(client, f"chat{task.chat_id}", to_int(task.message_id) or 0)
        if msg is not None:
            author = 0 if msg.author_is_bot else msg.author_id
    except PortalError as exc:
        if is_temporary(exc):
            raise
        msg = None
    if msg is None:
        author = next((a for a in task.auditors if a not in support), 0)
    return 0 if author in support else author


class CsatOffers:
    """One checker's rating offers (run by ``alerts_run.AlertRunner`` after each desk's alert check).
    ``offered`` {task id: its close, epoch s}: what this checker offered (or found no one to ask) among
    the closures it still reads; the portal's vote items are what a restart or another checker finds.
    Without the storage (not set up, refused) nothing is offered: a vote that cannot be kept is not asked."""

    def __init__(self, visit):
        self.visit = visit
        self.offered: dict[int, float] = {}
        self.since: dict = {}                # desk id -> the time the next check reads closures from
        self.last: dict = {}                 # desk id -> when it was last checked (portal time)
        self.usable = True

    async def run(self, dctx) -> list[int]:
        """Offer a rating for each chat task of the desk closed since the last check; the tasks offered.
        Nothing on a desk whose offers are off (``csat_on``, decision 173); presses on earlier offers still count."""
        settings = Settings.from_dict(dctx.settings)
        if not (self.usable and settings.chat_first_line):
            return []
        if not settings.csat_on:                  # on again: a first check, closures of the last LOOKBACK
            self.since.pop(settings.desk_id, None)
            return []
        client, now = self.visit.client, self.visit.now().astimezone(timezone.utc)
        last = self.last.get(settings.desk_id)
        if last is not None and (now - last).total_seconds() < EVERY:     # the worker polls every few seconds
            return []
        self.last[settings.desk_id] = now
        since = self.since.get(settings.desk_id) or now - LOOKBACK
        rows = await client.list_fast("tasks.task.list", {
            "filter": {"GROUP_ID": settings.group_id, "STATUS": 5, ">=CLOSED_DATE": since.isoformat()},
            "select": SELECT + [settings.uf_message, settings.uf_chat]}, key="tasks", item_id="id")
        chats = set(settings.chats)
        tasks = sorted((x for x in (Task.from_rest(r, settings.uf_message, settings.uf_chat) for r in rows)
                        if x.is_completed and x.closed is not None and x.closed >= since - SLACK
                        and x.group_id in (None, settings.group_id) and x.message_id and x.chat_id in chats),
                       key=lambda x: (x.closed, x.id))
        due = [x for x in tasks if x.id not in self.offered]
        if due:                           # offered by another checker (or before a restart): its item
            try:
                made = {to_int((item_data(r) or {}).get("task")) for r in await read_items(client, {
                    ">=DATE_CREATE": (since - SLACK).isoformat()})}
            except PortalError as exc:
                if is_temporary(exc):
                    raise
                self.usable = False
                log.warning("csat: no storage for the votes (%s): no ratings offered", exc.code)
                return []
            for x in due:
                if x.id in made:
                    self.offered[x.id] = x.closed.timestamp()
            due = [x for x in due if x.id not in made]
        later = due[MAX_PER_CHECK:]
        self.since[settings.desk_id] = nxt = later[0].closed if later else now - SLACK
        done = []
        for x in due[:MAX_PER_CHECK]:
            if await self._offer(dctx, settings, x):
                done.append(x.id)
        floor = (nxt - 2 * SLACK).timestamp()          # closures the next checks no longer read
        self.offered = {k: v for k, v in self.offered.items() if v >= floor}
        return done

    async def _offer(self, dctx, settings: Settings, task: Task) -> bool:
        client = self.visit.client
        author = await _author(client, task, set(dctx.support_ids))
        lang = getattr(dctx, "lang", "ru") or "ru"
        sent = None
        if author:
            await ensure_command(client, settings)
            text = say("csat_offer", lang, id=task.id, title=inert(first_line(task.title, 120)))
            sent = await bot_send(client, settings, str(author), text, offer_key(settings.desk_id, task.id),
                                  buttons=buttons(task.id, lang))
        self.offered[task.id] = task.closed.timestamp()   # refused or nobody to ask: not tried every poll
        if not author:
            log.info("csat: task %s has no author outside support to ask", task.id)
            return False
        data = vote_record(settings, task, author, lang, sent if isinstance(sent, int) else None)
        try:
            await client.call("entity.item.add", {"ENTITY": ENTITY, "CODE": item_code(task.id),
                                                  "NAME": "none", "DETAIL_TEXT": json.dumps(data)})
        except PortalError as exc:        # the press makes it then (``on_press``)
            if is_temporary(exc):
                raise
            log.warning("csat: the offer of task %s not recorded: %s", task.id, exc)
        return bool(sent)


def _parse_params(text: str) -> tuple[int, str]:
    task, _, vote = str(text or "").strip().partition(" ")
    vote = vote.strip().lower()
    return (to_int(task) or 0, vote) if vote in VOTES else (0, "")


async def _task_data(visit, task_id: int) -> dict | None:
    """The vote item's data for a task whose offer was not recorded (its item write failed): the task
    read again (tasks.task.get), its author found as at the offer; None when it is not a chat desk's
    closed chat task."""
    ctx = visit.ctx
    for desk in getattr(ctx, "desks", None) or [None]:
        dctx = ctx.for_desk(desk.id) if desk is not None else ctx
        settings = Settings.from_dict(dctx.settings)
        if not settings.chat_first_line:
            continue
        try:
            res = await visit.client.call("tasks.task.get", {"taskId": task_id, "select": SELECT + [
                settings.uf_message, settings.uf_chat]})
        except PortalError as exc:
            if is_temporary(exc):
                raise
            return None
        x = Task.from_rest((res or {}).get("task") or {}, settings.uf_message, settings.uf_chat)
        if x.group_id != settings.group_id:
            continue
        if not (x.is_completed and x.closed and x.message_id and x.chat_id in settings.chats):
            return None
        return vote_record(settings, x, await _author(visit.client, x, set(dctx.support_ids)),
                           getattr(dctx, "lang", "ru") or "ru")
    return None


async def _store(visit, row: dict | None, current: dict, task_id: int, vote: str, offer, lang: str) -> str:
    """Write ``vote`` into the task's item (the lowest one, ``row``; a new one when the press made it),
    with the offer's id when the item had none (decision 172); the answer's text."""
    word = "csat_changed" if current.get("vote") in VOTES else "csat_thanks"
    if offer and not to_int(current.get("message")):
        current["message"] = offer[0]             # an item the press made: its offer known from now on
    current.update(vote=vote, voted=visit.now().astimezone(timezone.utc).isoformat())
    fields = {"NAME": vote, "DETAIL_TEXT": json.dumps(current)}
    if row:
        await visit.client.call("entity.item.update", {"ENTITY": ENTITY, "ID": to_int(row.get("ID")), **fields})
    else:
        await visit.client.call("entity.item.add", {"ENTITY": ENTITY, "CODE": item_code(task_id), **fields})
    return say(word, lang, vote=say(f"csat_{vote}", lang))


async def on_press(visit, data: dict, event_key: str, last_try: bool) -> str:
    """A rating button pressed: only the task's author's press counts (others are told so); the vote is
    written to the task's item (a second press changes it, never adds one); the press is answered."""
    from .events import command_token
    client = visit.client
    settings = Settings.from_dict(visit.ctx.settings)
    lang = lang_of(data.get("language"))
    presser = to_int((data.get("user") or {}).get("id")) or 0
    chat = data.get("chat") or {}
    dialog = str(chat.get("dialogId") or (f"chat{chat.get('id')}" if chat.get("id") else presser))
    task_id, vote = _parse_params((data.get("command") or {}).get("params"))
    offer = None                              # the offer to redraw once the vote is stored (csat_mark)
    offer_lang = lang                         # its buttons' language: the offer's own, when recorded
    try:
        rows = await read_items(client, {"=CODE": item_code(task_id)}) if task_id else []
        row = next((r for r in rows if str(r.get("CODE")) == item_code(task_id)), None)
        current = item_data(row) if row else (await _task_data(visit, task_id) if task_id else None)
        if current is None:
            text, done = say("csat_gone", lang), "refused"
        elif not presser or presser != to_int(current.get("author")):
            text, done = say("csat_not_yours", lang), "refused"
        else:
            offer = offer_of_press(data, settings.bot_id, task_id, current.get("message"))
            offer_lang = lang_of(current["lang"]) if current.get("lang") else lang
            if current.get("vote") == vote:   # redrawn again too: an earlier redraw may have failed
                text, done = say("csat_same", lang, vote=say(f"csat_{vote}", lang)), "csat"
            else:
                text, done = await _store(visit, row, current, task_id, vote, offer, lang), "csat"
    except PortalError as exc:
        if is_temporary(exc) or not last_try:
            raise Deferred(f"the vote could not be stored: {exc}") from None
        log.warning("csat: the vote on task %s not stored: %s", task_id, exc)
        text, done, offer = say("csat_failed", lang), "refused", None
    await bot_send(client, settings, dialog, text, event_key, command=command_token(data))
    if offer is not None:                     # best effort, after the vote is stored (decision 172)
        await mark_offer(client, settings.bot_id, offer, buttons(task_id, offer_lang, vote))
    return done


def votes_of(rows: list[dict], group_id) -> list[dict]:
    """The rated tasks of a desk's group from the storage's items: [{"task", "vote" (1 like, -1 dislike),
    "closed" (aware datetime), "responsible"}], one per task: its lowest item id, the one a press
    updates (two items of a task come only from two checkers offering at the same moment)."""
    out, seen = [], set()
    for r in sorted(rows, key=lambda r: to_int(r.get("ID")) or 0):
        d = item_data(r)
        if d is None or to_int(d.get("group")) != to_int(group_id) or to_int(d.get("task")) in seen:
            continue
        seen.add(to_int(d.get("task")))       # the item a press updates (``on_press``: the lowest id)
        closed = parse_time(d.get("closed"))
        if d["vote"] in VOTES and closed is not None:
            out.append({"task": to_int(d.get("task")), "vote": 1 if d["vote"] == "like" else -1, "closed": closed,
                        "responsible": to_int(d.get("responsible")) or 0})
    return out


async def load_votes(client, settings, since: datetime | None = None) -> list[dict] | None:
    """The desk's ratings (``votes_of``): one paged entity.item.get of the vote items, with ``since`` only
    those made from then on (an item is made after its task's close, so no vote of a task closed since
    then is missed: the weekly digest's read, decision 177); [] for a desk that is not a chat desk (no
    request); None when the portal refuses or answers oddly (CSAT then shows "—", nothing breaks)."""
    if not isinstance(settings, Settings) or not settings.chat_first_line:
        return []
    flt = {} if since is None else {">=DATE_CREATE": since.isoformat()}
    try:
        return votes_of(await read_items(client, flt), settings.group_id)
    except (PortalError, ValueError, TypeError, AttributeError) as exc:     # a refusal or an odd answer
        log.warning("ratings not read (%s)", exc)
        return None

"""The user-facing actions of the fault matrix: each prepares on a fresh portal, acts under the
fault (returning ``OK`` or the message the user would read) and checks the portal afterwards:
nothing duplicated, nothing half-made, and the user's retry (or the next load) comes out whole."""
from __future__ import annotations

import pickle

from devportal.demo import build_demo
from servicedesk.bot.poller import Poller, PollStatus
from servicedesk.bot.requests import open_requests
from servicedesk.bot import tasks as bot_tasks
from servicedesk.bot.task_from_message import NotAllowed, create_from_message, last_messages
from servicedesk.context import load_context
from servicedesk.loader import load_desk
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics import compute_desk
from servicedesk.model.settings import Settings
from servicedesk.rest import PortalError
from servicedesk.visit import Visit
from servicedesk.setup import SetupError, run_setup
from servicedesk.views.i18n import error_text
from servicedesk.views.i18n import t
from tests.unit.setup_helpers import ADMIN, assert_one_desk, choices, fresh_portal

from .harness import OK, message

MANAGER, SPECIALIST, SUPPORT_CHAT = 3, 4, 3
DEMO = build_demo(1)
_DEMO = pickle.dumps(DEMO, pickle.HIGHEST_PROTOCOL)


def demo_portal():
    """A new copy of the demo portal (unpickled: faster than a deepcopy, same state)."""
    return pickle.loads(_DEMO)


async def visit_of(bench, uid: int, placement: str = "DEFAULT", options: dict | None = None) -> Visit:
    client = bench.client(uid)
    ctx = await load_context(client, is_admin=bench.portal.users[uid].is_admin, placement=placement,
                             placement_options=options or {})
    return Visit(client, ctx, None, "ru")


class Setup:
    """The setup wizard (setup.wizard.run_setup); after a failure the admin presses "Retry"."""
    name, keys, http_keys = "setup", ["im.chat.add"], ["im.chat.add"]
    portal = staticmethod(fresh_portal)

    async def _run(self, bench):
        return await run_setup(bench.client(ADMIN), choices(), admin_id=ADMIN, admin_name="Сергей Ерёмин")

    async def prepare(self, bench):
        return {}

    async def act(self, bench, state):
        try:
            await self._run(bench)
        except SetupError as exc:
            return message(t(exc.code, "ru").format(admin=exc.info.get("admin") or "—"))
        return OK

    async def check(self, bench, state, outcome):
        if outcome is None or outcome.kind != "ok":
            await self._run(bench)                  # the retry finishes the desk
        try:
            assert_one_desk(bench.portal, choices())
        except AssertionError as exc:
            return [f"not exactly one desk: {exc}"]
        return []


class Dashboard:
    """A cold dashboard load (loader.load_desk + metrics.compute_desk); then the next load must
    show everything: a failed load must not leave a cache that hides data."""
    name, keys, http_keys = "dashboard", ["tasks.task.list"], ["batch"]     # a command of a batch; the batch
    portal = staticmethod(demo_portal)
    warm_first = False
    _reference: dict = {}

    async def _figures(self, state):
        desk = await load_desk(state["visit"], store=state["store"], now=state["now"])
        return desk, compute_desk(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings,
                                  desk.support_ids, desk.now, time_zone=desk.settings.time_zone)

    async def prepare(self, bench):
        visit = await visit_of(bench, MANAGER)
        state = {"visit": visit, "store": MemoryStore(), "now": DEMO.now}
        if not Dashboard._reference:
            desk, figures = await self._figures({**state, "store": MemoryStore()})
            assert not desk.problems, desk.problems
            Dashboard._reference.update(figures)
        if self.warm_first:
            await self._figures(state)
        return state

    async def act(self, bench, state):
        try:
            desk, figures = await self._figures(state)
        except PortalError as exc:
            return message(error_text(exc, "ru"))
        if desk.problems:
            return message(" · ".join(desk.problems.values()))
        return OK

    async def check(self, bench, state, outcome):
        desk, figures = await self._figures(state)
        reasons = [f"next load: {p}" for p in desk.problems.values()]
        if figures != Dashboard._reference:
            diff = [k for k in Dashboard._reference["months"] if figures["months"].get(k) != Dashboard._reference["months"][k]]
            reasons.append(f"the next load hides data (months {', '.join(diff) or '—'} differ from a clean load)")
        return reasons


class Refresh(Dashboard):
    """The refresh button: a second load_desk that reads only what changed since the cached one."""
    name, keys, http_keys = "refresh", ["batch"], ["batch"]
    warm_first = True


def _tasks_of(portal, message_id: int) -> list:
    return [t for t in portal.tasks.values() if t.uf.get("UF_SD_MESSAGE_ID") == str(message_id)]


def _replies(portal, chat_id: int, message_id: int) -> list:
    bot = int(portal.app_options["bot_id"])
    return [m for m in portal.messages.values()
            if m.chat_id == chat_id and m.author_id == bot and message_id in (m.params.get("REPLY_ID"), m.answer_to)]


class TaskFromMessage:
    """"Create task" on a support-chat message (bot.task_from_message.create_from_message); after a
    failure the person presses it again."""
    name, keys, http_keys = "task from message", ["tasks.task.add"], ["tasks.task.add"]
    portal = staticmethod(demo_portal)

    async def prepare(self, bench):
        portal = bench.portal
        used = {t.uf.get("UF_SD_MESSAGE_ID") for t in portal.tasks.values()}
        target = max(m.id for m in portal.messages.values()
                     if m.chat_id == SUPPORT_CHAT and m.author_id and not portal.users[m.author_id].bot
                     and str(m.id) not in used and m.text.strip())
        dialog = f"chat{SUPPORT_CHAT}"
        visit = await visit_of(bench, SPECIALIST, "IM_CONTEXT_MENU", {"dialogId": dialog, "messageId": str(target)})
        settings = Settings.from_dict(visit.ctx.settings)
        msg = next(m for m in await last_messages(visit.client, settings, dialog, target) if m.id == target)
        bot_tasks._REFUSED.clear()                  # the page learnt the owner may not be the creator:
        bot_tasks._REFUSED.add((SPECIALIST, MANAGER))  # the fault hits the add that creates the task
        return {"visit": visit, "settings": settings, "dialog": dialog, "msg": msg}

    async def _create(self, state):
        s = state["visit"]
        return await create_from_message(s.client, s.ctx, state["settings"], state["dialog"], state["msg"])

    async def act(self, bench, state):
        try:
            await self._create(state)
        except NotAllowed as exc:
            return message(t(f"tfm_denied_{exc.reason}", "ru"))
        except PortalError as exc:
            return message(f"{t('portal_error', 'ru')}: {exc}")
        return OK

    async def check(self, bench, state, outcome):
        msg_id = state["msg"].id
        reasons = []
        if len(_tasks_of(bench.portal, msg_id)) > 1:
            reasons.append(f"{len(_tasks_of(bench.portal, msg_id))} tasks for one message")
        out = await self._create(state)                 # pressed again: the same task
        tasks = _tasks_of(bench.portal, msg_id)
        if [t.id for t in tasks] != [out.task_id]:
            reasons.append(f"tasks for the message after a retry: {[t.id for t in tasks]}, shown #{out.task_id}")
        notes = _replies(bench.portal, SUPPORT_CHAT, msg_id)
        if len(notes) != 1:
            reasons.append(f"{len(notes)} bot notes for the new task")
        return reasons


class Status:
    """/status in the support chat, answered by a support member's poller (bot.poller.Poller.poll_once
    → events.handle_event); a failed poll is polled again later, and the asker gets one answer."""
    name, keys, http_keys = "/status", ["imbot.v2.Command.answer"], ["imbot.v2.Command.answer"]
    portal = staticmethod(demo_portal)

    async def prepare(self, bench):
        portal = bench.portal
        support = {portal.groups[2].owner_id, *portal.groups[2].members}
        asker = min(u for u in portal.chats[SUPPORT_CHAT].members if u not in support and not portal.users[u].bot)
        cmd = await bench.client(asker).call("im.message.add", {"DIALOG_ID": f"chat{SUPPORT_CHAT}", "MESSAGE": "/status"})
        poller = Poller(await visit_of(bench, SPECIALIST), status=PollStatus())
        return {"cmd": cmd, "poller": poller}

    async def act(self, bench, state):
        poller = state["poller"]
        try:
            await poller.poll_once()
        except PortalError as exc:                  # the loop logs it and polls again (poller.run)
            poller.status.error = str(exc)
        replies = _replies(bench.portal, SUPPORT_CHAT, state["cmd"])
        if replies:
            return OK
        return message(f"бот ответит позже: {poller.status.error or 'событие ждёт следующей проверки'}")

    async def check(self, bench, state, outcome):
        for _ in range(3):                          # the next polls: handle what waits, acknowledge
            await state["poller"].poll_once()
        n = len(_replies(bench.portal, SUPPORT_CHAT, state["cmd"]))
        return [] if n == 1 else [f"{n} answers to one /status"]


class MyRequests:
    """My requests of a specialist (bot.requests.open_requests with the queue positions)."""
    name, keys, http_keys = "my requests", ["tasks.task.list"], ["tasks.task.list"]
    portal = staticmethod(demo_portal)

    async def _load(self, state):
        s = state["visit"]
        return await open_requests(s.client, Settings.from_dict(s.ctx.settings), s.ctx.user_id, count_queue=True)

    async def prepare(self, bench):
        state = {"visit": await visit_of(bench, SPECIALIST)}
        state["clean"] = await self._load(state)
        return state

    async def act(self, bench, state):
        try:
            got = await self._load(state)
        except PortalError as exc:                  # views/my_requests.py shows this text
            return message(error_text(exc, "ru"))
        if got != state["clean"]:
            raise AssertionError("the list differs from a clean load's")
        return OK

    async def check(self, bench, state, outcome):
        return [] if await self._load(state) == state["clean"] else ["the list differs after the fault"]


ACTIONS = (Setup(), Dashboard(), Refresh(), TaskFromMessage(), Status(), MyRequests())

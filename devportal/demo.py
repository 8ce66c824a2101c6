"""Reproducible demo portal: a company with a support desk and a year of its history.

``build_demo(seed, now)`` uses only ``random.Random(seed)`` and the anchor date ``now`` (never the real
clock), so the same arguments give a byte-identical ``Portal.to_json()``. Ids: users 1.. (see
``demo_people``; Open Line clients after the bots), chats 1 general, 2 sales, 3 support, then one per
Open Line client; groups 1 another group, 2 the support group; messages from 100001, tasks from 1001,
sessions from 501 — each growing with time.
"""
from __future__ import annotations

import json
import random
from datetime import datetime
from zoneinfo import ZoneInfo

from . import demo_text as T
from .auth import APP_ID
from .demo_chat import SupportChat, company_chats
from .demo_context import DAY, HOLIDAYS, HOUR, Ctx
from .demo_lines import Lines
from .demo_people import People
from .demo_tasks import UF_CHAT, UF_MESSAGE, Tasks
from .methods.entity import seed_bot_storage
from .state import Bot, Chat, Group, Message, OpenLine, Placement, Portal, TaskUserField

DEMO_TZ = "Europe/Moscow"
DEFAULT_NOW = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo(DEMO_TZ))
VERSION = "1.0.0"
BOT_CODE = "servicedesk"
APP_HANDLER = "index.html"      # relative to the app's static host
OTHER_GROUP, SUPPORT_GROUP = 1, 2
GENERAL_CHAT, SALES_CHAT, SUPPORT_CHAT = 1, 2, 3
OPENLINE_ID = 1
FIRST_MESSAGE, FIRST_TASK, FIRST_SESSION = 100001, 1001, 501
MESSAGES_PER_DIALOGUE = 4.6     # measured average, used to aim the share of chat questions made tasks
KPI_FIRST_ANSWER_SECONDS = 600  # the line's first-answer norm (imopenlines.config.get, seconds)
# Task priorities ("2" high, "1" medium, "0" low): most tasks keep the default; clients' ones are more urgent.
PRIORITY_SHARES = {"line": (0.30, 0.65, 0.05), "other": (0.12, 0.78, 0.10)}
SLA_TARGETS = {"chat_first_response": 60, "openline_first_response": KPI_FIRST_ANSWER_SECONDS / 60,
               "task_close": {"high": 8, "medium": 40, "low": 120}}
# as the wizard binds them (no IMMOBILE_CONTEXT_MENU: servicedesk/setup/spec.py says why)
PLACEMENTS = [("IM_CONTEXT_MENU", "Создать заявку"),
              ("IM_TEXTAREA", "Заявка"), ("IM_SIDEBAR", "ServiceDesk"), ("LEFT_MENU", "ServiceDesk")]


def build_demo(seed: int = 1, now: datetime | None = None, *, users: int = 40, months: int = 12,
               messages: int | None = None, sessions: int | None = None, tasks: int | None = None,
               configured: bool = True) -> Portal:
    """A demo portal. ``messages`` counts the support chat's messages, ``sessions`` the Open Line
    sessions, ``tasks`` all tasks (defaults scale with ``months``: 250, 25 and 25 a month).
    ``configured=False`` leaves out the support group, the bot, the task fields, the placements and
    the app settings (the setup wizard's starting point); the chat and Open Line history stay."""
    tz = ZoneInfo(DEMO_TZ)
    now = DEFAULT_NOW if now is None else now if now.tzinfo else now.replace(tzinfo=tz)
    now = now.astimezone(tz)
    messages = 250 * months if messages is None else messages
    sessions = 25 * months if sessions is None else sessions
    tasks = 25 * months if tasks is None else tasks
    ctx = Ctx(seed, now, tz, months)
    portal = Portal(time_zone=DEMO_TZ, now=now)
    portal.calendar = demo_calendar()
    people = People(ctx, portal, users)
    bot = people.sd_bot if configured else None
    if not configured:
        del portal.users[people.sd_bot]
    sales = people.department(T.SALES_CHAT)
    installed = ctx.start - 10 * DAY + ctx.rng.randint(10 * HOUR, 17 * HOUR)
    _groups(ctx, portal, people, sales, installed, configured)
    _chats(ctx, portal, people, sales, bot)
    portal.openlines[OPENLINE_ID] = OpenLine(
        OPENLINE_ID, T.OPENLINE_NAME, queue=list(people.specialists), welcome_bot_enable=bool(bot),
        welcome_bot_id=bot or 0, welcome_bot_time=60, welcome_message_text=T.OPENLINE_WELCOME,
        report_users=[people.manager],           # the admin gave the support manager the line's reports
        kpi_first_answer_time=KPI_FIRST_ANSWER_SECONDS)
    n_chat = max(0, tasks - 2 * max(2, tasks // 50)) * 0.55
    p_task = min(0.95, 1.25 * n_chat * MESSAGES_PER_DIALOGUE / max(messages, 1))
    cases = SupportChat(ctx, people, SUPPORT_CHAT, bot, p_task).build(messages)
    line_cases = Lines(ctx, portal, people, OPENLINE_ID, 60, bot).build(
        sessions, client_start=users + 3, chat_start=SUPPORT_CHAT + 1, session_start=FIRST_SESSION)
    drafts = Tasks(ctx, people, SUPPORT_GROUP, OTHER_GROUP, sales, SUPPORT_CHAT, configured).build(tasks, cases, line_cases)
    _finalize(ctx, portal, drafts)
    _priorities(seed, drafts)
    if configured:
        _install(ctx, portal, people, installed)
    portal.next_id = {kind: max(coll, default=0) + 1 for kind, coll in (
        ("user", portal.users), ("department", portal.departments), ("group", portal.groups),
        ("chat", portal.chats), ("message", portal.messages), ("session", portal.sessions),
        ("task", portal.tasks), ("task_field", portal.task_fields), ("openline", portal.openlines))}
    return portal


def _groups(ctx: Ctx, portal: Portal, people: People, sales: list[int], installed: int, configured: bool) -> None:
    portal.groups[OTHER_GROUP] = Group(
        OTHER_GROUP, T.OTHER_GROUP, sales[0], visible=True, opened=False,
        members={u: "A" if u == sales[0] else "K" for u in sales}, date_create=ctx.dt(installed - 200 * DAY))
    if configured:
        portal.groups[SUPPORT_GROUP] = Group(
            SUPPORT_GROUP, T.SUPPORT_GROUP, people.manager, T.SUPPORT_GROUP_DESCRIPTION, visible=False,
            opened=False, members={people.manager: "A", **{u: "K" for u in people.specialists}},
            date_create=ctx.dt(installed - DAY))


def _chats(ctx: Ctx, portal: Portal, people: People, sales: list[int], bot: int | None) -> None:
    active = [u for u in people.staff if portal.users[u].active]
    created = ctx.dt(ctx.start - 400 * DAY)
    portal.chats[GENERAL_CHAT] = Chat(GENERAL_CHAT, T.GENERAL_CHAT, "open", people.director,
                                      [*active, people.hr_bot], "GENERAL", "", created)
    portal.chats[SALES_CHAT] = Chat(SALES_CHAT, T.SALES_CHAT, "chat", sales[0], [people.director, *sales],
                                    date_create=created)
    members = [*people.chat_members, *([bot] if bot else [])]
    portal.chats[SUPPORT_CHAT] = Chat(SUPPORT_CHAT, T.SUPPORT_CHAT, "chat", people.manager, members,
                                      date_create=ctx.dt(ctx.start - 60 * DAY))
    company_chats(ctx, people, GENERAL_CHAT, SALES_CHAT, [people.director, *sales])


def _finalize(ctx: Ctx, portal: Portal, drafts) -> None:
    """Give messages and tasks ids in time order and resolve the links between them."""
    ctx.drafts.sort(key=lambda d: (d.ts, d.seq))
    for i, d in enumerate(ctx.drafts):
        d.id = FIRST_MESSAGE + i
    for i, d in enumerate(drafts):
        t = d.task
        t.id = FIRST_TASK + i
        portal.tasks[t.id] = t
        if d.kind == "chat":
            q = d.case.question
            t.uf[UF_MESSAGE] = str(q.id)
            t.description = (f"{q.text}\n\n[URL=/online/?IM_DIALOG=chat{q.chat}&IM_MESSAGE={q.id}]"
                             f"Сообщение в чате[/URL]")
    for d in ctx.drafts:
        text = T.BOT_TASK_TEXT.format(id=d.task.id) if d.task is not None else d.text
        portal.messages[d.id] = Message(d.id, d.chat, d.author, ctx.dt(d.ts), text, d.system, d.params)


def demo_calendar() -> dict:
    """calendar.settings.get's working time of the demo company: 9–19, SA SU, Russian public holidays."""
    return {"work_time_start": "9", "work_time_end": "19", "week_holidays": ["SA", "SU"], "week_start": "MO",
            "year_holidays": ",".join(f"{d}.{m:02d}" for m, d in sorted(HOLIDAYS)), "year_workdays": ""}


def _priorities(seed: int, drafts) -> None:
    """Each task's priority, from its own RNG so the rest of the demo stays as it was for a seed."""
    rng = random.Random(f"priority-{seed}")
    for d in drafts:
        high, medium, _ = PRIORITY_SHARES["line" if d.kind == "line" else "other"]
        r = rng.random()
        d.task.priority = 2 if r < high else 1 if r < high + medium else 0


def _install(ctx: Ctx, portal: Portal, people: People, installed: int) -> None:
    """What the setup wizard leaves behind: bot, task fields, placements, app settings."""
    bot = people.sd_bot
    commands = [("status", "Мои заявки"), ("openline_task_create", "Создать задачу из диалога")]
    portal.bots[bot] = Bot(bot, BOT_CODE, "openline", "fetch", APP_ID,
                           {"name": T.SD_BOT_NAME, "workPosition": "Бот техподдержки", "isSupportOpenline": True},
                           [{"id": i, "botId": bot, "command": "/" + c, "common": True, "hidden": False,
                             "extranetSupport": False, "title": {"ru": title}, "params": {}}
                            for i, (c, title) in enumerate(commands, start=1)])
    portal.task_fields[1] = TaskUserField(1, UF_MESSAGE, "string", {"ru": "ID сообщения", "en": "Message ID"}, UF_MESSAGE)
    portal.task_fields[2] = TaskUserField(2, UF_CHAT, "string", {"ru": "ID чата", "en": "Chat ID"}, UF_CHAT)
    portal.placements = [Placement(p, APP_HANDLER, title) for p, title in PLACEMENTS]
    portal.app_options = {"group_id": SUPPORT_GROUP, "chat_id": SUPPORT_CHAT, "openline_id": OPENLINE_ID,
                          "bot_id": bot, "uf_message": UF_MESSAGE, "uf_chat": UF_CHAT, "time_zone": DEMO_TZ,
                          "installed_at": ctx.dt(installed).isoformat(), "version": VERSION,
                          "sla_mode": "working_hours", "work_hours": json.dumps(_work_hours(portal.calendar)),
                          "sla_targets": json.dumps(SLA_TARGETS)}
    seed_bot_storage(portal, APP_ID, people.admin, [people.manager, *people.chat_members])


def _work_hours(cal: dict) -> dict:
    """The settings' work_hours as the wizard takes them from calendar.settings.get."""
    return {"start": f"{int(cal['work_time_start']):02d}:00", "end": f"{int(cal['work_time_end']):02d}:00",
            "weekends": list(cal["week_holidays"]), "holidays": cal["year_holidays"].split(","),
            "workdays": [x for x in cal["year_workdays"].split(",") if x]}

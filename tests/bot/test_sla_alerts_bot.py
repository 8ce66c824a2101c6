"""SLA warnings and escalation on devportal over HTTP, with the portal's clock moved by the test
(decisions 103–105): sent once and only when due, to whom, across a restart (the worker's state file),
not for what was closed, answered or deferred meanwhile; ru and en texts."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.methods.im import private_chat
from devportal.server import serve
from servicedesk.bot.alerts_run import AlertRunner
from servicedesk.bot.worker import State
from tests.bot.helpers import ADMIN, MANAGER, SPECIALIST, SUPPORT_CHAT, SUPPORT_GROUP, client_of, run, visit_of

MSK = ZoneInfo("Europe/Moscow")
START = datetime(2026, 11, 23, 9, 0, tzinfo=MSK)          # Monday; the demo desk works 09-19 MSK
USER = 8                                                    # an employee (not support)


@pytest.fixture
def desk():
    portal = build_demo(1, START.astimezone(timezone.utc))
    for t in portal.tasks.values():                         # the demo's own open tasks stay out of the way
        t.priority = 0
    clock = FakeClock(START.astimezone(timezone.utc))
    running = serve(portal, clock=clock)
    running.fake = clock
    yield running
    running.stop()


def targets(desk, **kw):
    desk.portal.app_options["sla_targets"] = json.dumps({"task_close": {}, **kw})


def at(desk, hh_mm: str, day: int = 23):
    h, m = map(int, hh_mm.split(":"))
    desk.fake.set(datetime(2026, 11, day, h, m, tzinfo=MSK).astimezone(timezone.utc))


def check(desk, sent: set, lang_user: int = ADMIN, save=None) -> list[str]:
    """One alert check as the worker makes it (a fresh visit: tokens last an hour of the moved clock)."""
    visit = run(visit_of(desk, lang_user))
    return [a.key for a in run(AlertRunner(visit, sent, save).run_once())]


def bot_said(desk, dialog) -> list[str]:
    bot = int(desk.portal.app_options["bot_id"])
    chat = desk.portal.chats.get(int(dialog[4:])) if str(dialog).startswith("chat") else \
        private_chat(desk.portal, bot, int(dialog))
    return [m.text for m in sorted(desk.portal.messages.values(), key=lambda m: m.id)
            if chat and m.chat_id == chat.id and m.author_id == bot]


def new_task(desk, title: str, priority: int = 2) -> int:
    res = run(client_of(desk, SPECIALIST).call("tasks.task.add", {"fields": {
        "TITLE": title, "GROUP_ID": SUPPORT_GROUP, "RESPONSIBLE_ID": SPECIALIST, "PRIORITY": priority}}))
    return int(res["task"]["id"])


def test_a_task_warns_its_responsible_once_then_escalates_to_the_manager_once(desk, tmp_path):
    targets(desk, task_close={"high": 8})
    at(desk, "10:00")
    tid = new_task(desk, "Printer on 3rd floor")
    state = State(tmp_path / "bot.state.json", "k")
    sent = set()

    def keep():
        state.alerts = sorted(sent)
        state.save()
    at(desk, "15:59")
    assert check(desk, sent, save=keep) == []
    at(desk, "16:00")                                        # 6 h of 8 = 75 %
    assert check(desk, sent, save=keep) == [f"sla:1:warn:task:{tid}"]
    said = bot_said(desk, SPECIALIST)
    assert len(said) == 1 and f"/tasks/task/view/{tid}/" in said[0] and "Printer on 3rd floor" in said[0]
    assert "осталось 2 ч" in said[0]
    # a restart: the worker's state file brings back what was sent
    again = set(state.alerts)
    at(desk, "17:30")
    assert check(desk, again) == []
    at(desk, "18:01")                                        # over 8 h: the manager is told, with a link
    assert check(desk, again) == [f"sla:1:breach:task:{tid}"]
    to_manager = bot_said(desk, MANAGER)
    assert len(to_manager) == 1 and f"/tasks/task/view/{tid}/" in to_manager[0]
    assert f"[USER={SPECIALIST}]" in to_manager[0]
    at(desk, "12:00", day=24)
    assert check(desk, again) == []
    assert len(bot_said(desk, SPECIALIST)) == 1 and len(bot_said(desk, MANAGER)) == 1


def test_the_state_file_survives_a_restart(desk, tmp_path):
    targets(desk, task_close={"high": 8})
    at(desk, "10:00")
    tid = new_task(desk, "VPN")
    path = tmp_path / "bot.state.json"
    state = State.load(path, "refresh")
    sent = set(state.alerts)

    def keep():
        state.alerts = sorted(sent)
        state.save()
    at(desk, "16:00")
    assert check(desk, sent, save=keep) == [f"sla:1:warn:task:{tid}"]
    reloaded = State.load(path, "refresh")                   # the worker starts again
    assert reloaded.alerts == [f"sla:1:warn:task:{tid}"]
    at(desk, "16:30")
    assert check(desk, set(reloaded.alerts)) == []
    assert len(bot_said(desk, SPECIALIST)) == 1


def test_lost_state_sends_nothing_twice_the_portal_storage_holds_the_keys(desk):
    """A repeated templateId is not dropped by the portal (the docs promise no such dedup): the keys
    are kept in the bot's app storage (bot.alert_keys), which setup creates (rest.lease.ensure_storage)."""
    from servicedesk.rest.lease import ensure_storage
    assert run(ensure_storage(client_of(desk, ADMIN), {MANAGER, SPECIALIST}))
    targets(desk, task_close={"high": 8})
    at(desk, "10:00")
    tid = new_task(desk, "Mail")
    at(desk, "16:00")
    assert check(desk, set(), lang_user=SPECIALIST) == [f"sla:1:warn:task:{tid}"]
    at(desk, "16:10")
    assert check(desk, set()) == []                          # another checker that never saw the first send
    assert len(bot_said(desk, SPECIALIST)) == 1


def test_without_the_storage_a_checker_that_lost_its_keys_warns_again(desk):
    """The other side of the rule above (decisions 140): with no storage, only the checker's own keys."""
    desk.portal.entities.clear()                  # the demo has it, as setup leaves it
    targets(desk, task_close={"high": 8})
    at(desk, "10:00")
    new_task(desk, "Mail")
    at(desk, "16:00")
    check(desk, set())
    at(desk, "16:10")
    check(desk, set())
    assert len(bot_said(desk, SPECIALIST)) == 2


def test_nothing_for_a_task_closed_or_deferred_meanwhile(desk):
    targets(desk, task_close={"high": 8})
    at(desk, "10:00")
    closed, deferred = new_task(desk, "Closed soon"), new_task(desk, "Waits for the client")
    at(desk, "11:00")
    spec = client_of(desk, SPECIALIST)
    run(spec.call("tasks.task.update", {"taskId": closed, "fields": {"STATUS": 5}}))
    run(spec.call("tasks.task.update", {"taskId": deferred, "fields": {"STATUS": 6}}))   # 1 h used, paused
    at(desk, "18:30")
    assert check(desk, set()) == []
    at(desk, "12:00", day=24)
    run(client_of(desk, SPECIALIST).call("tasks.task.update", {"taskId": deferred, "fields": {"STATUS": 3}}))
    at(desk, "16:59", day=24)                                # 1 h + 4 h 59 = 5 h 59
    assert check(desk, set()) == []
    at(desk, "17:00", day=24)
    assert check(desk, set()) == [f"sla:1:warn:task:{deferred}"]


def test_quiet_hours_hold_a_warning_until_the_morning(desk):
    targets(desk, task_close={"high": 8})
    at(desk, "17:00")
    tid = new_task(desk, "Late one")                         # 2 h on Monday; 6 h at Tue 13:00
    at(desk, "23:00")
    assert check(desk, set()) == []
    at(desk, "12:59", day=24)
    assert check(desk, set()) == []
    at(desk, "13:00", day=24)
    assert check(desk, set()) == [f"sla:1:warn:task:{tid}"]


def test_a_chat_question_warns_the_desk_chat_with_the_specialists_then_the_manager(desk):
    targets(desk, chat_first_response=60)
    sent: set = set()
    # the chat's last messages may hold an older open question: answer it first, as support would
    run(client_of(desk, SPECIALIST).call("im.message.add", {"DIALOG_ID": f"chat{SUPPORT_CHAT}", "MESSAGE": "done"}))
    at(desk, "10:00")
    mid = run(client_of(desk, USER).call("im.message.add", {"DIALOG_ID": f"chat{SUPPORT_CHAT}",
                                                             "MESSAGE": "My badge does not open the door"}))
    at(desk, "10:44")
    assert check(desk, sent) == []
    at(desk, "10:45")
    assert check(desk, sent) == [f"sla:1:warn:chat:{mid}"]
    said = bot_said(desk, f"chat{SUPPORT_CHAT}")[-1]
    members = [m for m in desk.portal.groups[SUPPORT_GROUP].members if m != MANAGER]
    assert members
    assert f"IM_MESSAGE={mid}" in said and all(f"[USER={m}]" in said for m in members)
    at(desk, "11:01")
    assert check(desk, sent) == [f"sla:1:breach:chat:{mid}"]
    assert f"IM_MESSAGE={mid}" in bot_said(desk, MANAGER)[-1]
    # answered before its warning: nothing
    at(desk, "12:00")
    run(client_of(desk, USER).call("im.message.add", {"DIALOG_ID": f"chat{SUPPORT_CHAT}", "MESSAGE": "Wi-Fi?"}))
    at(desk, "12:30")
    run(client_of(desk, SPECIALIST).call("im.message.add", {"DIALOG_ID": f"chat{SUPPORT_CHAT}", "MESSAGE": "On it"}))
    at(desk, "14:00")
    assert check(desk, sent) == []


def test_english_texts(desk):
    targets(desk, task_close={"high": 8})
    at(desk, "10:00")
    new_task(desk, "Laptop")
    at(desk, "16:00")
    from servicedesk.bot import alerts_run
    visit = run(visit_of(desk, ADMIN))
    visit.ctx.lang = "en"
    run(alerts_run.AlertRunner(visit, set()).run_once())
    assert "2 h left" in bot_said(desk, SPECIALIST)[0]


def test_a_flood_is_sent_as_ten_alerts_and_one_summary_to_the_manager(desk):
    targets(desk, task_close={"high": 8})
    at(desk, "10:00")
    ids = [new_task(desk, f"Outage {i}") for i in range(13)]
    at(desk, "12:00", day=24)                                 # all 13 over target at once
    sent: set = set()
    got = check(desk, sent)
    assert got == [f"sla:1:breach:task:{i}" for i in ids[:10]]
    to_manager = bot_said(desk, MANAGER)
    assert len(to_manager) == 11 and any("3" in m and "/workgroups/group/2/tasks/" in m for m in to_manager)
    assert {f"sla:1:breach:task:{i}" for i in ids} <= sent
    at(desk, "13:00", day=24)
    assert check(desk, sent) == [] and len(bot_said(desk, MANAGER)) == 11


def test_an_open_line_dialogue_warns_its_operator_then_the_manager(desk):
    from devportal.state import OLSession
    targets(desk, openline_first_response=10)
    p = desk.portal
    line = int(p.app_options["openline_id"])
    for s in p.sessions.values():                              # the demo's own waiting sessions: answered
        s.date_operator_answer = s.date_operator_answer or s.date_create
    chat = next(s.chat_id for s in p.sessions.values() if s.config_id == line)
    sid = max(p.sessions) + 1
    p.sessions[sid] = OLSession(sid, line, chat, user_id=8, operator_id=SPECIALIST, status="work",
                                date_create=datetime(2026, 11, 23, 10, 0, tzinfo=MSK))
    sent: set = set()
    at(desk, "10:07")
    assert check(desk, sent) == []
    at(desk, "10:08")                                          # 7.5 min of 10 = 75 %
    assert check(desk, sent) == [f"sla:1:warn:openline:{sid}"]
    assert f"IM_DIALOG=chat{chat}" in bot_said(desk, SPECIALIST)[-1]
    at(desk, "10:11")
    assert check(desk, sent) == [f"sla:1:breach:openline:{sid}"]
    assert f"[USER={SPECIALIST}]" in bot_said(desk, MANAGER)[-1]
    p.sessions[sid].date_operator_answer = datetime(2026, 11, 23, 10, 12, tzinfo=MSK)
    at(desk, "12:00")
    assert check(desk, sent) == []

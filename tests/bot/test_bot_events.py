"""Bot commands through fetch-mode events on devportal over HTTP: /status, /openline_task_create,
two pollers at once, and a crash between handling and acknowledging."""
from __future__ import annotations

import asyncio
import re

from devportal.methods.openlines import _session_messages
from servicedesk.bot.poller import Poller
from tests.bot.helpers import MANAGER, SPECIALIST, SPECIALIST2, SUPPORT_CHAT, SUPPORT_GROUP, bot_messages, post, run, session_of

OPEN = {2, 3, 4, 6}


def _asker(desk) -> int:
    """A support-chat member outside the desk with the most open desk tasks."""
    p = desk.portal
    support = {p.groups[SUPPORT_GROUP].owner_id, *p.groups[SUPPORT_GROUP].members}

    def mine(uid):
        return [t for t in p.tasks.values() if t.group_id == SUPPORT_GROUP and t.status in OPEN
                and uid in (t.responsible_id, t.created_by, *t.auditors, *t.accomplices)]
    people = [u for u in p.chats[SUPPORT_CHAT].members if u not in support and not p.users[u].bot]
    return max(people, key=lambda u: (len(mine(u)), -u))


def _expected(desk, uid) -> list[int]:
    p = desk.portal
    rows = [t for t in p.tasks.values() if t.group_id == SUPPORT_GROUP and t.status in OPEN
            and uid in (t.responsible_id, t.created_by, *t.auditors, *t.accomplices)]
    return [t.id for t in sorted(rows, key=lambda t: (t.created_date, t.id))]


def _ids(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"#(\d+)", text)]


def _replies_to(desk, chat_id, message_id):
    return [m for m in bot_messages(desk, chat_id) if m.params.get("REPLY_ID") == message_id]


def _poll(desk, uid, poller=None):
    async def go():
        p = poller or Poller(await session_of(desk, uid))
        return p, await p.poll_once()
    return run(go())


def _ol_chat(desk, with_tasks: bool):
    """An Open Line chat (and its latest session) with or without desk tasks made from it."""
    p = desk.portal
    tasked = {t.uf.get("UF_SD_CHAT_ID") for t in p.tasks.values()}
    for chat in sorted(p.chats.values(), key=lambda c: c.id):
        if chat.type == "lines" and (str(chat.id) in tasked) == with_tasks and \
                any(m in p.groups[SUPPORT_GROUP].members for m in chat.members):
            session = max((s for s in p.sessions.values() if s.chat_id == chat.id), key=lambda s: s.id)
            return chat, session
    raise AssertionError("no such Open Line chat in the demo")


def test_status_in_the_support_chat_and_the_bot_chat_lists_the_askers_own_tasks_in_order(desk):
    asker = _asker(desk)
    want = _expected(desk, asker)
    assert len(want) >= 2
    in_chat = post(desk, asker, f"chat{SUPPORT_CHAT}", "/status")
    bot = int(desk.portal.app_options["bot_id"])
    in_private = post(desk, asker, str(bot), "/status")
    _poll(desk, SPECIALIST)
    (note,) = _replies_to(desk, SUPPORT_CHAT, in_chat)
    assert "личные сообщения" in note.text and not _ids(note.text)     # the chat's others see no task
    private = next(c for c in desk.portal.chats.values() if c.type == "private" and set(c.members) == {bot, asker})
    (reply2,) = _replies_to(desk, private.id, in_private)
    (reply,) = [m for m in bot_messages(desk, private.id) if m.id != reply2.id]   # the support chat's answer
    for text in (reply.text, reply2.text):
        ids = _ids(text)
        assert sorted(ids) == sorted(want)                       # every own open task, nobody else's
        sections = re.split(r"\[b\]", text)[1:]
        for part in sections:                                    # each role's list in creation order
            got = _ids(part)
            assert got == [i for i in want if i in got]
        assert "в очереди" in text


def test_status_in_an_open_line_lists_that_chats_tasks(desk):
    chat, _ = _ol_chat(desk, with_tasks=True)
    client = next(m for m in chat.members if desk.portal.users[m].external_auth_id == "imconnector")
    cmd = post(desk, client, f"chat{chat.id}", "/status")
    _poll(desk, SPECIALIST)
    (reply,) = _replies_to(desk, chat.id, cmd)
    want = sorted(t.id for t in desk.portal.tasks.values() if t.uf.get("UF_SD_CHAT_ID") == str(chat.id))
    assert sorted(_ids(reply.text)) == want and "[URL=" not in reply.text


def test_openline_task_create_keeps_the_whole_transcript_in_order(desk):
    chat, session = _ol_chat(desk, with_tasks=False)
    operator = next(m for m in chat.members if m in desk.portal.groups[SUPPORT_GROUP].members)
    cmd = post(desk, operator, f"chat{chat.id}", "/openline_task_create")
    _poll(desk, operator)
    (task,) = [t for t in desk.portal.tasks.values() if t.uf.get("UF_SD_MESSAGE_ID") == str(cmd)]
    assert task.uf["UF_SD_CHAT_ID"] == str(chat.id) and task.group_id == SUPPORT_GROUP
    assert task.responsible_id == operator
    lines = task.description.splitlines()
    msgs = _session_messages(desk.portal, desk.portal.sessions[session.id])
    assert len(lines) == len(msgs) >= 2
    for line, m in zip(lines, msgs):
        assert re.match(r"^\[\d\d\.\d\d\.\d{4} \d\d:\d\d\] .+: ", line) and line.endswith(m.text)
    (reply,) = _replies_to(desk, chat.id, cmd)
    assert f"#{task.id}" in reply.text


def test_a_client_may_not_create_transcript_tasks(desk):
    chat, _ = _ol_chat(desk, with_tasks=False)
    client = next(m for m in chat.members if desk.portal.users[m].external_auth_id == "imconnector")
    before = len(desk.portal.tasks)
    cmd = post(desk, client, f"chat{chat.id}", "/openline_task_create")
    _poll(desk, SPECIALIST)
    assert len(desk.portal.tasks) == before and len(_replies_to(desk, chat.id, cmd)) == 1


def _commands(desk):
    chat, _ = _ol_chat(desk, with_tasks=False)
    operator = next(m for m in chat.members if m in desk.portal.groups[SUPPORT_GROUP].members)
    return [(SUPPORT_CHAT, post(desk, _asker(desk), f"chat{SUPPORT_CHAT}", "/status")),
            (chat.id, post(desk, operator, f"chat{chat.id}", "/openline_task_create"))]


def _handled_once(desk, commands):
    for chat_id, cmd in commands:
        assert len(_replies_to(desk, chat_id, cmd)) == 1
    made = [t for t in desk.portal.tasks.values() if t.uf.get("UF_SD_MESSAGE_ID") == str(commands[1][1])]
    assert len(made) == 1


def test_two_pollers_at_once_handle_each_event_once(desk):
    commands = _commands(desk)

    async def both():
        a, b = Poller(await session_of(desk, SPECIALIST)), Poller(await session_of(desk, SPECIALIST2))
        got = await asyncio.gather(a.poll_once(), b.poll_once())
        assert got == [2, 2]                     # both saw both events (nothing acknowledged yet)
        await asyncio.gather(a.poll_once(), b.poll_once())   # acknowledges
        return await a.poll_once()
    assert run(both()) == 0
    _handled_once(desk, commands)


def test_a_crash_between_handling_and_acknowledging_creates_nothing_twice(desk):
    commands = _commands(desk)
    crashed, seen = _poll(desk, SPECIALIST)     # handled both, then "crashed" before the acknowledging fetch
    assert seen == 2 and crashed.offset is not None
    _handled_once(desk, commands)
    later, again = _poll(desk, MANAGER)         # another tab opens later: the events come again
    assert again == 2
    _handled_once(desk, commands)
    assert _poll(desk, MANAGER, later)[1] == 0  # its next fetch acknowledged them


def test_an_event_this_poller_may_not_handle_waits_for_one_that_may(desk):
    chat, _ = _ol_chat(desk, with_tasks=False)
    operator = next(m for m in chat.members if m in desk.portal.groups[SUPPORT_GROUP].members)
    desk.portal.openlines[1].report_users = []          # the manager without the line's reports
    assert MANAGER not in chat.members and MANAGER not in desk.portal.openlines[1].queue
    cmd = post(desk, operator, f"chat{chat.id}", "/openline_task_create")
    status = post(desk, _asker(desk), f"chat{SUPPORT_CHAT}", "/status")
    manager, seen = _poll(desk, MANAGER)
    assert seen == 2 and len(_replies_to(desk, SUPPORT_CHAT, status)) == 1   # the later event is done
    assert _poll(desk, MANAGER, manager)[1] == 2                            # but nothing acknowledged
    assert not _replies_to(desk, chat.id, cmd)
    _poll(desk, operator)                                                   # the operator's app does it
    assert len([t for t in desk.portal.tasks.values() if t.uf.get("UF_SD_MESSAGE_ID") == str(cmd)]) == 1
    manager.grace = 0                                                       # and had nobody come...
    cmd2 = post(desk, operator, f"chat{chat.id}", "/openline_task_create")
    manager2, _ = _poll(desk, MANAGER)
    manager2.grace = 0
    _poll(desk, MANAGER, manager2)
    (refusal,) = _replies_to(desk, chat.id, cmd2)
    assert "нет доступа" in refusal.text


def test_the_loop_polls_only_while_the_page_is_visible_and_catches_up(desk):
    from servicedesk.bot import poller as poller_module
    poller_module.STATUS.__init__()                   # a fresh page
    cmd = post(desk, _asker(desk), f"chat{SUPPORT_CHAT}", "/status")
    visible, asked = [False], [0]

    async def go():
        hidden_thrice, handled = asyncio.Event(), asyncio.Event()

        def is_visible():                         # the loop asks before each round: count, and say when
            asked[0] += 1
            if asked[0] >= 3 and not visible[0]:
                hidden_thrice.set()
            if visible[0] and poller_module.poll_status().handled:
                handled.set()
            return visible[0]
        handle = poller_module.start_polling(await session_of(desk, SPECIALIST), interval=0.05, visible=is_visible)
        await asyncio.wait_for(hidden_thrice.wait(), 10)        # three rounds passed with the page hidden
        hidden = (poller_module.poll_status().last_at, len(_replies_to(desk, SUPPORT_CHAT, cmd)))
        visible[0] = True
        await asyncio.wait_for(handled.wait(), 10)              # a round after the event was handled
        handle.stop()
        return hidden
    assert run(go()) == (None, 0)
    st = poller_module.poll_status()
    assert st.last_at is not None and st.waiting_on_open == 1 and st.handled == 1
    assert len(_replies_to(desk, SUPPORT_CHAT, cmd)) == 1

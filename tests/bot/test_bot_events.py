"""Bot commands through fetch-mode events on devportal over HTTP: /status, /openline_task_create,
two pollers at once, and a crash between handling and acknowledging."""
from __future__ import annotations

import asyncio
import re

from devportal.methods.openlines import _session_messages
from servicedesk.bot.poller import Poller
from tests.bot.helpers import (ADMIN, MANAGER, SPECIALIST, SPECIALIST2, SUPPORT_CHAT, SUPPORT_GROUP, bot_messages,
                               claim_settled, client_of, post, run, visit_of)

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
    """The bot's answers to the command ``message_id`` (Command.answer: devportal notes which) or its
    replies to that message (Chat.Message.send replyId)."""
    return [m for m in bot_messages(desk, chat_id) if message_id in (m.params.get("REPLY_ID"), m.answer_to)]


def _poll(desk, uid, poller=None):
    async def go():
        p = poller or Poller(await visit_of(desk, uid))
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


def with_lease(desk):
    """The lease's storage (an admin's page makes it), writable by the desk's support members."""
    from servicedesk.rest.lease import ensure_storage
    support = {desk.portal.groups[SUPPORT_GROUP].owner_id, *desk.portal.groups[SUPPORT_GROUP].members}
    assert run(ensure_storage(client_of(desk, ADMIN), support)) is True


async def leased(desk, uid, name):
    from servicedesk.rest.lease import Lease
    visit = await visit_of(desk, uid)
    return Poller(visit, lease=Lease(visit.client, name, ttl=30.0, settle=0.4))


async def leased_round(p, settled: bool = False):
    """One round of ``Poller.run``: the events fetched, or None when another poller holds the lease
    (``settled``: the rounds a late write of this poller's own passed on are taken too: claim_settled)."""
    return await p.poll_once() if await (claim_settled(p.lease) if settled else p.lease.claim()) else None


async def first_rounds(a, b, tries: int = 5) -> list:
    """A round of two pollers at once, again while neither polled: on a loaded machine both lease
    writes may come late, and by design both then pass that round to the next (rest/lease.py)."""
    for _ in range(tries):
        got = await asyncio.gather(leased_round(a), leased_round(b))
        if any(g is not None for g in got):
            return got
    return got


def test_two_pollers_at_once_agree_on_one_and_handle_each_event_once(desk):
    """Two support members' pages (two browsers) poll at once: one holds the lease, the other waits;
    when the first lets go (its tab closes) the other takes over at its next round."""
    with_lease(desk)
    commands = _commands(desk)

    async def both():
        a, b = await leased(desk, SPECIALIST, "a"), await leased(desk, SPECIALIST2, "b")
        got = await first_rounds(a, b)
        assert sorted(got, key=str) == [2, None]          # one polled both events, the other did not poll
        first, second = (a, b) if got[0] == 2 else (b, a)
        assert await leased_round(second) is None          # still held
        await first.lease.release()
        await client_of(desk, _asker(desk)).call("im.message.add", {"DIALOG_ID": f"chat{SUPPORT_CHAT}",
                                                                    "MESSAGE": "/status"})
        return await leased_round(second, settled=True)
    assert run(both()) == 1                                  # the new command only: the rest was acknowledged
    _handled_once(desk, commands)


def test_without_the_lease_storage_pages_still_poll(desk):
    """No storage (not set up by an admin yet, or refused): polling goes on without the lease —
    losing an answer is worse than answering twice."""
    desk.portal.entities.clear()                  # the demo has it, as setup leaves it
    commands = _commands(desk)

    async def go():
        a = await leased(desk, SPECIALIST, "a")
        return await leased_round(a), a.lease.missing
    assert run(go()) == (2, True)
    _handled_once(desk, commands)


def test_a_crash_after_handling_leaves_nothing_to_redo(desk):
    """Each event is acknowledged as soon as it is handled: a tab closed right after finds nothing
    left for the next one."""
    commands = _commands(desk)
    crashed, seen = _poll(desk, SPECIALIST)
    assert seen == 2 and crashed.offset is not None
    _handled_once(desk, commands)
    assert _poll(desk, MANAGER)[1] == 0
    _handled_once(desk, commands)


def test_a_crash_between_an_answer_and_its_acknowledgement_repeats_that_answer_only(desk):
    """The one window left (decisions 7x): the answer went out, the acknowledgement did not. The
    event comes again: its task is not made twice (the message-id key), its Command.answer reply
    (no dedup key in the docs) is repeated — only for that one event."""
    commands = _commands(desk)

    async def dies_before_acknowledging():
        from servicedesk.bot.poller import PollStatus
        p = Poller(await visit_of(desk, SPECIALIST), status=PollStatus())

        async def no_ack():
            return None
        p._ack = no_ack                                  # the tab dies here...
        p.should_stop = lambda: p.status.handled >= 1    # ...and handles nothing more
        await p.poll_once()
    run(dies_before_acknowledging())
    assert len(_replies_to(desk, *commands[0])) == 1 and not _replies_to(desk, *commands[1])
    assert _poll(desk, MANAGER)[1] == 2
    assert len(_replies_to(desk, *commands[0])) == 2 and len(_replies_to(desk, *commands[1])) == 1
    assert len([t for t in desk.portal.tasks.values() if t.uf.get("UF_SD_MESSAGE_ID") == str(commands[1][1])]) == 1


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
        handle = poller_module.start_polling(await visit_of(desk, SPECIALIST), interval=0.05, visible=is_visible)
        await asyncio.wait_for(hidden_thrice.wait(), 60)        # three rounds passed with the page hidden
        hidden = (poller_module.poll_status().last_at, len(_replies_to(desk, SUPPORT_CHAT, cmd)))
        visible[0] = True
        await asyncio.wait_for(handled.wait(), 60)              # a round after the event was handled
        handle.stop()
        return hidden
    assert run(go()) == (None, 0)
    st = poller_module.poll_status()
    assert st.last_at is not None and st.waiting_on_open == 1 and st.handled == 1
    assert len(_replies_to(desk, SUPPORT_CHAT, cmd)) == 1


def test_after_the_hand_over_the_confirmation_still_arrives(desk):
    """The line's welcome bot leaves on hand-over (WELCOME_BOT_LEFT "queue",
    imopenlines-config-add.md); /openline_task_create then is answered through Command.answer — as a
    system message with the bot's name (command-answer.md). Chat.Message.send would be refused."""
    from devportal.methods.openlines import hand_over
    chat, _ = _ol_chat(desk, with_tasks=False)
    bot = int(desk.portal.app_options["bot_id"])
    operator = next(m for m in chat.members if m in desk.portal.groups[SUPPORT_GROUP].members)
    if bot not in chat.members:
        chat.members.append(bot)
    desk.portal.openlines[1].welcome_bot_left = "queue"
    assert hand_over(desk.portal, chat.id) and bot not in chat.members
    cmd = post(desk, operator, f"chat{chat.id}", "/openline_task_create")
    _poll(desk, operator)
    (confirmation,) = _replies_to(desk, chat.id, cmd)
    (task,) = [t for t in desk.portal.tasks.values() if t.uf.get("UF_SD_MESSAGE_ID") == str(cmd)]
    assert confirmation.is_system and f"#{task.id}" in confirmation.text

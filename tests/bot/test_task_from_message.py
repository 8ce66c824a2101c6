"""Task from a chat message on devportal over HTTP: fields, once only, who may, the bot's note."""
from __future__ import annotations

import asyncio

import pytest

from servicedesk.bot.task_from_message import (NotAllowed, create_from_message, last_messages,
                                               placement_target)
from servicedesk.model.settings import Settings
from tests.bot.helpers import (ADMIN, MANAGER, SALES_CHAT, SPECIALIST, SPECIALIST2, SUPPORT_CHAT,
                               SUPPORT_GROUP, bot_messages, in_flight, run, visit_of, untasked)

DIALOG = f"chat{SUPPORT_CHAT}"


async def _create(desk, uid, message_id, dialog=DIALOG):
    s = await visit_of(desk, uid, "IM_CONTEXT_MENU", {"dialogId": dialog, "messageId": str(message_id)})
    settings = Settings.from_dict(s.ctx.settings)
    msgs = await last_messages(s.client, settings, dialog, message_id)
    msg = next(m for m in msgs if m.id == message_id)
    return await create_from_message(s.client, s.ctx, settings, dialog, msg)


def _tasks_of(desk, message_id):
    return [t for t in desk.portal.tasks.values() if t.uf.get("UF_SD_MESSAGE_ID") == str(message_id)]


def test_placement_options_as_the_docs_send_them():
    assert placement_target('{"messageId":"38507","dialogId":"chat4339","URI":"/online/"}') == ("chat4339", 38507)
    assert placement_target({"dialogId": "chat1"}) == ("chat1", None)
    assert placement_target("not json") == ("", None)


def test_specialist_creates_the_task_with_the_owner_as_auditor_when_the_portal_refuses_him_as_creator(desk):
    msg = untasked(desk)[0]
    out = run(_create(desk, SPECIALIST, msg.id))
    assert out.created and out.creator_fallback
    (task,) = _tasks_of(desk, msg.id)
    assert task.id == out.task_id
    assert task.title == msg.text.splitlines()[0].strip()[:255]
    assert task.description.startswith(msg.text)
    assert f"IM_DIALOG={DIALOG}&IM_MESSAGE={msg.id}" in task.description
    assert task.group_id == SUPPORT_GROUP and task.responsible_id == SPECIALIST
    assert task.created_by == SPECIALIST            # the portal refused the owner (3) as creator
    assert task.auditors == [msg.author_id, MANAGER]
    assert task.uf == {"UF_SD_MESSAGE_ID": str(msg.id), "UF_SD_CHAT_ID": str(SUPPORT_CHAT)}
    note = bot_messages(desk, SUPPORT_CHAT)[-1]
    assert f"#{task.id}" in note.text and note.params["REPLY_ID"] == msg.id


def test_where_the_portal_allows_it_the_owner_is_the_creator(desk):
    group, chat = desk.portal.groups[SUPPORT_GROUP], desk.portal.chats[SUPPORT_CHAT]
    group.members[ADMIN] = "K"                      # an admin who is also in the desk and the chat
    chat.members.append(ADMIN)
    msg = untasked(desk)[0]
    out = run(_create(desk, ADMIN, msg.id))
    (task,) = _tasks_of(desk, msg.id)
    assert not out.creator_fallback
    assert (task.created_by, task.responsible_id, task.auditors) == (MANAGER, ADMIN, [msg.author_id])


def test_twice_and_at_the_same_moment_give_one_task_and_one_note(desk):
    msg = untasked(desk)[0]
    notes = len(bot_messages(desk, SUPPORT_CHAT))

    async def both():
        return await asyncio.gather(_create(desk, SPECIALIST, msg.id), _create(desk, SPECIALIST2, msg.id))
    a, b = run(both())
    again = run(_create(desk, MANAGER, msg.id))
    (task,) = _tasks_of(desk, msg.id)
    assert a.task_id == b.task_id == again.task_id == task.id
    assert not again.created and [a.created, b.created].count(True) >= 1
    assert len(bot_messages(desk, SUPPORT_CHAT)) == notes + 1


def test_the_list_shows_the_task_a_message_already_has(desk):
    msg = untasked(desk)[0]
    out = run(_create(desk, SPECIALIST, msg.id))

    async def listed():
        s = await visit_of(desk, SPECIALIST2)
        return await last_messages(s.client, Settings.from_dict(s.ctx.settings), DIALOG)
    msgs = run(listed())
    assert len(msgs) <= 10 and all(m.author_id for m in msgs)
    assert {m.id: m.task_id for m in msgs}[msg.id] == out.task_id


@pytest.mark.parametrize("uid, dialog, reason", [
    (2, DIALOG, "group"),                 # the director: in the support chat, not in the desk
    (SPECIALIST, f"chat{SALES_CHAT}", "chat"),    # a specialist outside the sales chat
])
def test_people_outside_the_group_or_the_chat_are_refused(desk, uid, dialog, reason):
    chat = desk.portal.chats[int(dialog[4:])]
    msg = max((m for m in desk.portal.messages.values() if m.chat_id == chat.id and m.author_id), key=lambda m: m.id)
    before = len(desk.portal.tasks)

    async def attempt():
        s = await visit_of(desk, uid)
        from servicedesk.bot.task_from_message import ChatMessage
        m = ChatMessage(msg.id, chat.id, msg.author_id, "", "", msg.text)
        return await create_from_message(s.client, s.ctx, Settings.from_dict(s.ctx.settings), dialog, m)
    if reason == "group":
        assert 2 in desk.portal.chats[SUPPORT_CHAT].members
    with pytest.raises(NotAllowed) as err:
        run(attempt())
    assert err.value.reason == reason and len(desk.portal.tasks) == before


def test_bb_code_in_a_message_does_not_become_a_link_or_mention_in_the_bot_note():
    from servicedesk.bot.texts import inert
    title = "[URL=javascript:alert(1)]жми[/URL] [USER=1]Админ[/USER]"
    shown = inert(title)
    assert "[URL=" not in shown and "[USER=" not in shown
    assert shown.replace("\u200b", "") == title          # reads the same to a person


def test_the_popup_reads_the_messages_beside_the_rights_check(desk):
    """allowed_messages = check_allowed + last_messages, the first two requests side by side."""
    from servicedesk.bot.task_from_message import allowed_messages
    s = run(visit_of(desk, SPECIALIST, "IM_CONTEXT_MENU", {"dialogId": DIALOG}))
    settings = Settings.from_dict(s.ctx.settings)
    want = run(last_messages(s.client, settings, DIALOG))
    most, before = in_flight(s.client), s.client.requests
    got = run(allowed_messages(s.client, s.ctx, settings, DIALOG))
    assert [(m.id, m.task_id) for m in got] == [(m.id, m.task_id) for m in want] and len(got) == 10
    assert most[0] == 2 and s.client.requests - before == 3       # check ∥ messages, then their tasks


@pytest.mark.parametrize("uid, dialog, reason", [(MANAGER, f"chat{SALES_CHAT}", "chat"), (ADMIN, DIALOG, "group")])
def test_the_popup_refuses_as_before_and_leaves_no_stray_read(desk, uid, dialog, reason, caplog):
    from servicedesk.bot.task_from_message import allowed_messages
    s = run(visit_of(desk, uid, "IM_CONTEXT_MENU", {"dialogId": dialog}))
    before = s.client.requests

    async def attempt():
        try:
            return await allowed_messages(s.client, s.ctx, Settings.from_dict(s.ctx.settings), dialog)
        finally:                              # a dropped read: let it finish (or fail) before the check
            others = asyncio.all_tasks() - {asyncio.current_task()}
            if others:
                await asyncio.wait(others, timeout=10)
    with pytest.raises(NotAllowed) as err:
        run(attempt())
    assert err.value.reason == reason
    if reason == "group":
        assert s.client.requests == before                   # refused before any request
    assert "never retrieved" not in caplog.text

"""Task from a message, the bot's 1:1 way, on devportal over HTTP: the list as buttons, a press
(im.message.command) makes the task once, and who may do it."""
from __future__ import annotations

import asyncio

from servicedesk.bot.direct import COMMAND
from servicedesk.bot.events import handle_event
from servicedesk.bot.poller import Poller
from servicedesk.bot.texts import say
from tests.bot.helpers import (MANAGER, SALES_CHAT, SPECIALIST, SPECIALIST2, SUPPORT_CHAT, SUPPORT_GROUP,
                               bot_messages, client_of, post, run, visit_of)

PLAIN_IN_CHAT, PLAIN = 8, 17             # in the support chat but not the desk; in neither


def _bot(desk) -> int:
    return int(desk.portal.app_options["bot_id"])


def _private(desk, uid):
    p = desk.portal
    return next(c for c in p.chats.values() if c.type == "private" and set(c.members) == {_bot(desk), uid})


def _answers(desk, uid) -> list:
    """The bot's messages in its 1:1 chat with ``uid``."""
    return bot_messages(desk, _private(desk, uid).id)


def _buttons(message) -> list:
    return [b for b in message.params.get("KEYBOARD", {}).get("BUTTONS", []) if b.get("COMMAND")]


def _poll(desk, *uids):
    async def go():
        pollers = [Poller(await visit_of(desk, uid)) for uid in uids]
        return await asyncio.gather(*(p.poll_once() for p in pollers))
    return run(go())


def _press(desk, uid, keyboard_message, message_id):
    return run(client_of(desk, uid).call("im.message.command", {
        "MESSAGE_ID": keyboard_message.id, "BOT_ID": _bot(desk), "COMMAND": COMMAND,
        "COMMAND_PARAMS": str(message_id)}))


def _ask(desk, uid, poller=SPECIALIST):
    """``uid`` writes to the bot; a support member's app polls; the bot's answer."""
    post(desk, uid, str(_bot(desk)), "нужна заявка")
    _poll(desk, poller)
    (answer,) = _answers(desk, uid)
    return answer


def _tasks_of(desk, message_id):
    return [t for t in desk.portal.tasks.values() if t.uf.get("UF_SD_MESSAGE_ID") == str(message_id)]


def _latest_by_people(desk, n=10):
    p = desk.portal
    msgs = sorted((m for m in p.messages.values() if m.chat_id == SUPPORT_CHAT), key=lambda m: -m.id)[:20]
    return [m for m in msgs if m.author_id and not p.users[m.author_id].bot][:n]


def test_a_specialist_gets_the_support_chats_latest_messages_by_people_as_buttons(desk):
    post(desk, SPECIALIST, f"chat{SUPPORT_CHAT}", "Сервер упал\nподробности")
    run(client_of(desk, SPECIALIST).call("im.message.add", {"DIALOG_ID": f"chat{SUPPORT_CHAT}",
                                                            "MESSAGE": "system", "SYSTEM": "Y"}))
    run(client_of(desk, MANAGER).call("imbot.v2.Chat.Message.send", {
        "botId": _bot(desk), "dialogId": f"chat{SUPPORT_CHAT}", "fields": {"message": "bot note"}}))
    answer = _ask(desk, SPECIALIST)
    buttons = _buttons(answer)
    want = _latest_by_people(desk)
    assert len(buttons) == len(want) == 10
    assert [int(b["COMMAND_PARAMS"]) for b in buttons] == [m.id for m in want]   # newest first
    assert buttons[0]["TEXT"].endswith("Роман Казаков: Сервер упал")
    for b, m in zip(buttons, want):
        assert desk.portal.users[m.author_id].name in b["TEXT"] and len(b["TEXT"]) <= 70
    assert answer.params["KEYBOARD"]["BOT_ID"] == _bot(desk) and answer.text == say("pick")
    assert _poll(desk, SPECIALIST) == [0] and len(_answers(desk, SPECIALIST)) == 1   # acknowledged at once


def test_a_press_creates_the_task_for_the_presser_and_confirms_it_once(desk):
    answer = _ask(desk, SPECIALIST2, poller=MANAGER)
    msg = next(m for m in _latest_by_people(desk) if m.text.strip() and not _tasks_of(desk, m.id))
    notes = len(bot_messages(desk, SUPPORT_CHAT))
    assert _press(desk, SPECIALIST2, answer, msg.id) is True
    _poll(desk, MANAGER)
    (task,) = _tasks_of(desk, msg.id)
    assert task.title == msg.text.splitlines()[0].strip()[:255] and task.description.startswith(msg.text)
    assert f"IM_DIALOG=chat{SUPPORT_CHAT}&IM_MESSAGE={msg.id}" in task.description
    assert (task.group_id, task.responsible_id, task.created_by) == (SUPPORT_GROUP, SPECIALIST2, MANAGER)
    assert task.auditors == [msg.author_id]
    assert task.uf == {"UF_SD_MESSAGE_ID": str(msg.id), "UF_SD_CHAT_ID": str(SUPPORT_CHAT)}
    (note,) = bot_messages(desk, SUPPORT_CHAT)[notes:]
    assert note.params["REPLY_ID"] == msg.id and f"#{task.id}" in note.text
    (confirmation,) = _answers(desk, SPECIALIST2)[1:]
    assert f"/user/{SPECIALIST2}/tasks/task/view/{task.id}/]#{task.id}[/URL]" in confirmation.text
    assert "создана" in confirmation.text and not _buttons(confirmation)


def test_with_a_specialists_app_polling_the_creator_falls_back_and_the_presser_stays_responsible(desk):
    answer = _ask(desk, SPECIALIST2)
    msg = next(m for m in _latest_by_people(desk) if m.text.strip() and not _tasks_of(desk, m.id))
    _press(desk, SPECIALIST2, answer, msg.id)
    _poll(desk, SPECIALIST)
    (task,) = _tasks_of(desk, msg.id)
    # the portal refuses a specialist naming the owner as creator: the poller's token is the creator
    assert (task.responsible_id, task.created_by) == (SPECIALIST2, SPECIALIST)
    assert task.auditors == [msg.author_id, MANAGER]


def test_pressing_twice_with_two_pollers_gives_one_task_and_one_confirmation(desk):
    """Two pages (two browsers) poll; the lease lets one handle the presses. The second press of
    the same button gets no second confirmation (its key was sent), and makes no second task."""
    from tests.bot.test_bot_events import first_rounds, leased, leased_round, with_lease
    with_lease(desk)
    answer = _ask(desk, SPECIALIST)
    msg = next(m for m in _latest_by_people(desk) if m.text.strip() and not _tasks_of(desk, m.id))
    notes = len(bot_messages(desk, SUPPORT_CHAT))
    _press(desk, SPECIALIST, answer, msg.id)
    _press(desk, SPECIALIST, answer, msg.id)

    async def both():
        a, b = await leased(desk, SPECIALIST2, "a"), await leased(desk, MANAGER, "b")
        first = await first_rounds(a, b)
        return first, await asyncio.gather(leased_round(a), leased_round(b))
    first, then = run(both())
    assert sorted(first, key=str) == [2, None] and sorted(then, key=str) == [0, None]
    assert len(_tasks_of(desk, msg.id)) == 1
    assert len(_answers(desk, SPECIALIST)) == 2             # the list and one confirmation
    assert len(bot_messages(desk, SUPPORT_CHAT)) == notes + 1


def test_a_plain_user_gets_help_and_nothing_of_the_chat(desk):
    texts = {m.text for m in _latest_by_people(desk, 20) if m.text.strip()}
    for uid in (PLAIN_IN_CHAT, PLAIN):
        answer = _ask(desk, uid)
        assert answer.text == say("help") and not answer.params.get("KEYBOARD")
        assert not any(t in answer.text for t in texts)


def _pressed_event(desk, uid, message_id) -> dict:
    return {"eventId": 10 ** 6 + uid, "type": "ONIMBOTV2COMMANDADD", "data": {
        "command": {"command": "/" + COMMAND, "params": str(message_id), "context": "keyboard"},
        "chat": {"dialogId": str(uid)}, "user": {"id": uid}, "message": {"id": 1}, "language": "ru"}}


def _handle(desk, event, poller=SPECIALIST):
    async def go():
        return await handle_event(await visit_of(desk, poller), event)
    return run(go())


def test_a_desk_member_outside_the_support_chat_is_refused(desk):
    desk.portal.chats[SUPPORT_CHAT].members.remove(SPECIALIST2)
    answer = _ask(desk, SPECIALIST2)
    assert answer.text == say("not_in_chat") and not answer.params.get("KEYBOARD")
    msg = _latest_by_people(desk)[0]
    before = len(desk.portal.tasks)
    assert _handle(desk, _pressed_event(desk, SPECIALIST2, msg.id)) == "refused"   # a forged press too
    assert _handle(desk, _pressed_event(desk, PLAIN_IN_CHAT, msg.id)) == "refused"
    assert len(desk.portal.tasks) == before
    assert _answers(desk, PLAIN_IN_CHAT)[-1].text == say("support_only")


def test_a_forged_press_reaches_no_other_chat(desk):
    other = max((m for m in desk.portal.messages.values() if m.chat_id == SALES_CHAT and m.author_id),
                key=lambda m: m.id)
    desk.portal.chats[SALES_CHAT].members.append(MANAGER)          # the poller may read it, the asker not
    assert SPECIALIST not in desk.portal.chats[SALES_CHAT].members
    assert _handle(desk, _pressed_event(desk, SPECIALIST, other.id), poller=MANAGER) == "task"
    assert not _tasks_of(desk, other.id) and _answers(desk, SPECIALIST)[-1].text == say("gone")


def test_a_poller_outside_the_support_chat_leaves_the_event_to_one_inside(desk):
    desk.portal.chats[SUPPORT_CHAT].members.remove(MANAGER)
    post(desk, SPECIALIST, str(_bot(desk)), "?")
    assert _poll(desk, MANAGER) == [1]
    assert not [c for c in desk.portal.chats.values() if c.type == "private" and _bot(desk) in c.members
                and SPECIALIST in c.members and bot_messages(desk, c.id)]
    _poll(desk, SPECIALIST)
    assert len(_buttons(_answers(desk, SPECIALIST)[0])) == 10

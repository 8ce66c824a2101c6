"""One bot for every desk on devportal: /status lists the asker's open requests of all desks marked
with the desk; commands and task-from-message act for the desk the chat belongs to."""
from __future__ import annotations

import re


from devportal.demo_desks import SHARED
from servicedesk.bot.poller import Poller
from servicedesk.bot.task_from_message import create_from_message, last_messages
from servicedesk.bot.desks import desk_visit
from servicedesk.model import Settings
from tests.bot.helpers import ADMIN, SPECIALIST, SUPPORT_GROUP, bot_messages, in_flight, post, run, visit_of

OPEN = {2, 3, 4, 6}



def _poll(desk, uid):
    async def go():
        return await Poller(await visit_of(desk, uid)).poll_once()
    return run(go())


def _private_answer(desk, uid, cmd):
    bot = int(desk.portal.app_options["bot_id"])
    chat = next(c for c in desk.portal.chats.values() if c.type == "private" and set(c.members) == {bot, uid})
    return next(m for m in bot_messages(desk, chat.id) if cmd in (m.params.get("REPLY_ID"), m.answer_to))


def _own_open(desk, uid, group):
    return {t.id for t in desk.portal.tasks.values() if t.group_id == group and t.status in OPEN
            and uid in (t.responsible_id, t.created_by, *t.auditors, *t.accomplices)}


def test_status_lists_the_askers_requests_of_every_desk_marked_with_it(two):
    asker = 8                                     # asks in both IT's chat and HR's chats
    it, hr = _own_open(two, asker, SUPPORT_GROUP), _own_open(two, asker, two.ids["group"])
    assert it and hr
    bot = int(two.portal.app_options["bot_id"])
    cmd = post(two, asker, str(bot), "/status")
    _poll(two, ADMIN)                             # an admin's app reads every desk's group
    text = _private_answer(two, asker, cmd).text
    ids = {int(x) for x in re.findall(r"#(\d+)", text)}
    assert ids == it | hr
    for line in text.splitlines():
        found = re.findall(r"#(\d+)", line)
        if found:
            assert line.startswith("Кадры — " if int(found[0]) in hr else "ИТ-поддержка — ")


def test_status_from_a_poller_of_one_desk_lists_only_what_it_can_read_and_never_others_tasks(two):
    asker = 8
    bot = int(two.portal.app_options["bot_id"])
    cmd = post(two, asker, str(bot), "/status")
    _poll(two, SPECIALIST)                        # IT only: the HR group is closed to this poller
    ids = {int(x) for x in re.findall(r"#(\d+)", _private_answer(two, asker, cmd).text)}
    assert ids == _own_open(two, asker, SUPPORT_GROUP)


def test_a_task_from_a_message_in_any_hr_chat_goes_to_the_hr_group(two):
    for chat in two.ids["chats"]:
        visit = run(visit_of(two, SHARED, "IM_CONTEXT_MENU"))
        switched = run(desk_visit(visit, f"chat{chat}"))
        assert switched.ctx.desk_id == 2 and visit.ctx.desk_id == 1
        settings = Settings.from_dict(switched.ctx.settings)
        msgs = run(last_messages(switched.client, settings, f"chat{chat}"))
        question = next(m for m in msgs if m.author_id in (8, 9))
        out = run(create_from_message(switched.client, switched.ctx, settings, f"chat{chat}", question))
        task = two.portal.tasks[out.task_id]
        assert task.group_id == two.ids["group"] and task.uf["UF_SD_CHAT_ID"] == str(chat)
        assert task.responsible_id == SHARED


def test_status_in_an_hr_chat_answers_for_the_asker_privately(two):
    chat = two.ids["chats"][1]
    cmd = post(two, 9, f"chat{chat}", "/status")
    _poll(two, two.ids["head"])
    notes = [m for m in bot_messages(two, chat) if cmd in (m.params.get("REPLY_ID"), m.answer_to)]
    assert len(notes) == 1 and not re.findall(r"#(\d+)", notes[0].text)


def test_my_requests_span_every_desk_and_count_the_queue_only_where_the_user_may(two):
    from servicedesk.bot.requests import desks_requests
    plain = run(visit_of(two, 8))
    got = run(desks_requests(plain.client, plain.ctx, 8))
    assert {r.id for r in got} == _own_open(two, 8, SUPPORT_GROUP) | _own_open(two, 8, two.ids["group"])
    assert {r.desk for r in got} == {"ИТ-поддержка", "Кадры"} and all(r.position is None for r in got)
    shared = run(visit_of(two, SHARED))
    mine = run(desks_requests(shared.client, shared.ctx, SHARED))
    assert mine and all(r.position for r in mine)        # supports both desks: every queue counted


def test_my_requests_ask_every_desk_side_by_side(two):
    """One round trip for the desks, not one each: the two desks' lists are in flight together."""
    from servicedesk.bot.requests import desks_requests
    plain = run(visit_of(two, 8))
    most = in_flight(plain.client)
    got = run(desks_requests(plain.client, plain.ctx, 8))
    assert most[0] == 2
    assert got == sorted(got, key=lambda r: (r.created.timestamp(), r.id)) and {r.desk for r in got} == \
        {"ИТ-поддержка", "Кадры"}                                        # both desks, in creation order
    assert {r.id for r in got} == _own_open(two, 8, SUPPORT_GROUP) | _own_open(two, 8, two.ids["group"])

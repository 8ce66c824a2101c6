"""The demo portal hangs together: references resolve, dates agree, and the cases the desk must show
(cross-month and unanswered dialogues, reopened/deferred tasks, spam, system/bot/deleted messages) exist."""
from __future__ import annotations

from datetime import timedelta

import pytest

from devportal.demo import build_demo


@pytest.fixture(scope="module", params=[3, 11])
def portal(request):
    return build_demo(request.param)


def support(p):
    group = p.groups[p.app_options["group_id"]]
    return {group.owner_id, *group.members}


def chat_messages(p, chat_id):
    return sorted((m for m in p.messages.values() if m.chat_id == chat_id), key=lambda m: (m.date, m.id))


def ignored(p, m):
    return m.is_system or m.author_id == 0 or p.users[m.author_id].bot or m.params.get("IS_DELETED") == "Y"


def dialogues(p):
    """DESIGN §4 chat dialogues: [first user message, closing reply or None]."""
    side, out, open_ = support(p), [], None
    for m in chat_messages(p, p.app_options["chat_id"]):
        if ignored(p, m):
            continue
        if m.author_id in side:
            if open_:
                open_[1] = m
                out.append(open_)
                open_ = None
        elif open_ is None:
            open_ = [m, None]
    return out + ([open_] if open_ else [])


def month(p, d):
    d = d.astimezone(p.now.tzinfo)
    return d.year, d.month


def test_message_authors_exist_and_belong_to_their_chats(portal):
    for m in portal.messages.values():
        chat = portal.chats[m.chat_id]
        if m.author_id == 0:
            assert m.is_system
        else:
            assert m.author_id in portal.users and m.author_id in chat.members, (m.id, m.chat_id)


def test_message_ids_grow_with_time_and_nothing_is_in_the_future(portal):
    dates = [portal.messages[i].date for i in sorted(portal.messages)]
    assert dates == sorted(dates) and dates[-1] <= portal.now
    assert all(t.created_date <= portal.now for t in portal.tasks.values())
    assert all(s.date_create <= portal.now for s in portal.sessions.values())


def test_every_month_has_chat_history(portal):
    chat = portal.app_options["chat_id"]
    months = {month(portal, m.date) for m in portal.messages.values() if m.chat_id == chat}
    assert len(months) == 12 and month(portal, portal.now) in months


def test_special_messages_are_present(portal):
    msgs = chat_messages(portal, portal.app_options["chat_id"])
    bot = portal.app_options["bot_id"]
    assert any(m.is_system and m.author_id == 0 and "присоедин" in m.text for m in msgs)
    created = [m for m in msgs if m.author_id == bot and m.text.startswith("Задача #")]
    assert created
    for m in created:
        task = portal.tasks[int(m.text.split("#")[1].split()[0])]
        assert task.created_date <= m.date and task.uf["UF_SD_CHAT_ID"] == str(m.chat_id)
    assert any(m.params == {"IS_DELETED": "Y"} and m.text == "Это сообщение удалено" for m in msgs)
    assert any(m.params.get("FILE_ID") and m.text in ("", "[Файл]") for m in msgs)
    assert any("<script>" in m.text for m in msgs) and any("[b]" in m.text for m in msgs)
    assert any(m.text.lower().startswith("спасибо") for m in msgs)
    side = support(portal)
    assert any(m.author_id in side and "Коллеги" in m.text for m in msgs)


def test_dialogues_cross_months_and_some_wait_now(portal):
    ds = dialogues(portal)
    assert len(ds) > 400
    crossing = [(q, a) for q, a in ds if a and month(portal, q.date) != month(portal, a.date)]
    assert any(q.date.astimezone(portal.now.tzinfo).hour >= 20 for q, _ in crossing)
    last_q, last_a = ds[-1]
    assert last_a is None and portal.now - last_q.date < timedelta(days=1)
    waiting = [m for m in chat_messages(portal, portal.app_options["chat_id"]) if m.date >= last_q.date]
    assert 2 <= len({m.author_id for m in waiting}) <= 4
    answered = [(a.date - q.date).total_seconds() for q, a in ds if a]
    assert min(answered) < 300 and max(answered) > 8 * 3600


def test_sessions(portal):
    bot = portal.app_options["bot_id"]
    side = support(portal)
    statuses = [s.status for s in portal.sessions.values()]
    assert statuses.count("spam") >= 3 and statuses.count("new") >= 2 and "work" in statuses
    activities = [portal.sessions[i].crm_activity_id for i in sorted(portal.sessions)]
    assert all(a < b for a, b in zip(activities, activities[1:]))
    for s in portal.sessions.values():
        chat = portal.chats[s.chat_id]
        client = portal.users[s.user_id]
        assert chat.type == "lines" and chat.entity_type == "LINES" and client.external_auth_id == "imconnector"
        assert s.user_id in chat.members and not client.departments
        msgs = [m for m in chat_messages(portal, s.chat_id) if m.date >= s.date_create]
        assert msgs[0].date == s.date_create and msgs[0].author_id == s.user_id
        greeting = next(m for m in msgs if m.author_id == bot)
        assert greeting.date == s.date_first_answer and (s.date_first_answer - s.date_create).seconds <= 3
        if s.status in ("closed", "work"):
            assert s.operator_id in side and s.date_operator_answer - s.date_create >= timedelta(seconds=60)
            first_op = next(m for m in msgs if m.author_id == s.operator_id)
            assert first_op.date == s.date_operator_answer
        else:
            assert s.date_operator_answer is None
        assert (s.date_close is not None) == (s.status in ("closed", "spam"))
        if s.date_close:
            assert s.date_close >= s.date_create


def test_tasks(portal):
    o = portal.app_options
    ours = [t for t in portal.tasks.values() if t.group_id == o["group_id"]]
    group = portal.groups[o["group_id"]]
    lines = {c.id for c in portal.chats.values() if c.type == "lines"}
    kinds = {"chat": 0, "line": 0, "hand": 0}
    for t in portal.tasks.values():
        for u in (t.created_by, t.responsible_id, *t.auditors, *t.accomplices):
            assert u in portal.users and not portal.users[u].bot
        assert (t.closed_date is not None) == (t.status == 5)
        assert t.changed_date == t.history[-1]["date"] >= t.created_date
        if t.closed_date:
            assert t.closed_date >= t.created_date
        steps = [h for h in t.history if h["field"] == "STATUS"]
        assert all(a["to"] == b["from"] and a["date"] <= b["date"] for a, b in zip(steps, steps[1:]))
        assert str(t.status) == (steps[-1]["to"] if steps else "2")
    for t in ours:
        assert t.responsible_id in group.members and t.created_by in group.members
        msg, chat = t.uf["UF_SD_MESSAGE_ID"], t.uf["UF_SD_CHAT_ID"]
        if msg:
            m = portal.messages[int(msg)]
            assert chat == str(o["chat_id"]) == str(m.chat_id) and m.author_id in t.auditors
            assert m.date <= t.created_date and t.title == m.text.splitlines()[0][:255]
            kinds["chat"] += 1
        elif chat:
            assert int(chat) in lines
            kinds["line"] += 1
        else:
            kinds["hand"] += 1
    assert all(kinds.values())
    statuses = [t.status for t in ours]
    assert statuses.count(5) > len(ours) / 2 and all(s in statuses for s in (2, 3, 4, 6))
    reopened = [t for t in ours if any(h["from"] == "5" for h in t.history)]
    assert any(t.status == 5 for t in reopened) and any(t.status == 3 and t.closed_date is None for t in reopened)
    others = [t for t in portal.tasks.values() if t.group_id != o["group_id"]]
    assert any(t.group_id == 0 for t in others) and any(t.group_id not in (0, o["group_id"]) for t in others)
    side = support(portal)
    assert not any({t.created_by, t.responsible_id, *t.auditors} & side for t in others)

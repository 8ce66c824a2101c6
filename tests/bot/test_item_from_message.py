"""A desk on a smart process (issue 27), on devportal over HTTP: the bot's action makes an item from a
message once (the same duplicate check as tasks), and /status and My requests list the asker's open items
with their stage names and queue places."""
from __future__ import annotations

import pytest

from devportal.demo import build_demo
from devportal.demo_crm import add_crm_desk
from devportal.server import serve
from servicedesk.bot.requests import open_requests
from servicedesk.bot.status import format_mine
from servicedesk.bot.task_from_message import create_from_message, last_messages
from servicedesk.model.settings import Settings
from tests.bot.helpers import MANAGER, SPECIALIST, SUPPORT_CHAT, bot_messages, run, visit_of, untasked
from tests.desks_fixture import first_desk_alone

DIALOG = f"chat{SUPPORT_CHAT}"


@pytest.fixture
def crm_desk():
    """The demo's IT desk (desk 1) switched to the smart process of devportal.demo_crm."""
    portal = build_demo(1)
    ids = add_crm_desk(portal, 1)
    first_desk_alone(portal)
    running = serve(portal)
    running.ids = ids
    yield running
    running.stop()


async def _create(desk, uid, message_id):
    s = await visit_of(desk, uid, "IM_CONTEXT_MENU", {"dialogId": DIALOG, "messageId": str(message_id)})
    settings = Settings.from_dict(s.ctx.settings)
    assert settings.on_crm
    msgs = await last_messages(s.client, settings, DIALOG, message_id)
    msg = next(m for m in msgs if m.id == message_id)
    return await create_from_message(s.client, s.ctx, settings, DIALOG, msg), msgs


def _items_of(desk, message_id):
    uf = f"UF_CRM_{desk.ids['type_id']}_SD_MESSAGE"
    return [i for i in desk.portal.crm_items.values() if i.uf.get(uf) == str(message_id)]


def test_an_item_from_a_message_once_with_its_fields_and_the_bots_note(crm_desk):
    msg = untasked(crm_desk)[0]
    out, _ = run(_create(crm_desk, SPECIALIST, msg.id))
    (item,) = _items_of(crm_desk, msg.id)
    assert out.created and out.task_id == item.id
    assert item.title == msg.text.splitlines()[0].strip()[:255] and item.assigned_by_id == SPECIALIST
    assert item.observers == [msg.author_id] and item.category_id == crm_desk.ids["category_id"]
    assert item.source_description.startswith(msg.text) and item.opened == "N"
    assert item.uf[f"UF_CRM_{crm_desk.ids['type_id']}_SD_CHAT"] == str(SUPPORT_CHAT)
    assert item.stage_id.endswith(":NEW") and crm_desk.portal.crm_history[-1].owner_id == item.id
    note = bot_messages(crm_desk, SUPPORT_CHAT)[-1]
    assert f"/crm/type/{crm_desk.ids['entity_type_id']}/details/{item.id}/" in note.text
    again, msgs = run(_create(crm_desk, MANAGER, msg.id))
    assert not again.created and again.task_id == item.id and len(_items_of(crm_desk, msg.id)) == 1
    assert next(m for m in msgs if m.id == msg.id).task_id == item.id      # the popup shows it as made


def test_status_lists_the_askers_open_items_with_stage_names_and_queue_places(crm_desk):
    p = crm_desk.portal
    asker = next(i.observers[0] for i in p.crm_items.values() if i.observers and i.stage_id.endswith((":NEW", ":WORK", ":WAIT")))
    s = run(visit_of(crm_desk, MANAGER))
    settings = Settings.from_dict(s.ctx.settings)
    rows = run(open_requests(s.client, settings, asker, count_queue=True))
    items = [r for r in rows if r.entity_type_id]
    mine = sorted(i.id for i in p.crm_items.values() if asker in i.observers and i.stage_id.split(":")[1] in ("NEW", "WORK", "WAIT"))
    assert sorted(r.id for r in items) == mine and all(r.role == "watching" for r in items)
    open_all = sorted((i for i in p.crm_items.values() if i.stage_id.split(":")[1] in ("NEW", "WORK", "WAIT")),
                      key=lambda i: (i.created_time, i.id))
    places = {i.id: n for n, i in enumerate(open_all, start=1)}
    assert all(r.position == places[r.id] for r in items)
    assert {r.stage for r in items} <= {"Новая", "В работе", "Ждём ответа"}
    text = format_mine(rows, asker)
    assert f"/crm/type/{crm_desk.ids['entity_type_id']}/details/{items[0].id}/" in text and items[0].stage in text


def test_an_askers_own_page_lists_his_items_without_the_queue(crm_desk):
    p = crm_desk.portal
    asker = next(i.observers[0] for i in p.crm_items.values() if i.observers and i.stage_id.endswith(":WORK")
                 and p.users[i.observers[0]].active)
    s = run(visit_of(crm_desk, asker))
    rows = run(open_requests(s.client, Settings.from_dict(s.ctx.settings), asker, count_queue=False))
    assert rows and all(r.position is None for r in rows if r.entity_type_id)


def test_status_in_an_open_line_lists_the_clients_items_with_their_stages(crm_desk):
    from servicedesk.bot.requests import chat_requests
    from servicedesk.bot.status import format_chat
    p = crm_desk.portal
    uf_chat = f"UF_CRM_{crm_desk.ids['type_id']}_SD_CHAT"
    items = sorted(p.crm_items.values(), key=lambda i: i.id)
    open_one = next(i for i in items if i.stage_id.endswith(":WORK"))
    done_one = next(i for i in items if i.stage_id.endswith(":SUCCESS"))
    for it in (open_one, done_one):
        it.uf[uf_chat] = "777"
    s = run(visit_of(crm_desk, MANAGER))
    rows = run(chat_requests(s.client, Settings.from_dict(s.ctx.settings), 777))
    got = [(r.id, r.stage, r.position is not None) for r in rows if r.entity_type_id]
    assert got == sorted([(open_one.id, "В работе", True), (done_one.id, "Решена", False)],
                         key=lambda g: (p.crm_items[g[0]].created_time, g[0]))
    text = format_chat(rows)
    assert "В работе" in text and "/crm/type/" not in text          # clients get no portal links

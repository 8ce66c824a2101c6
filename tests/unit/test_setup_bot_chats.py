"""Setup makes the bot (type openline) a member of every support chat, once; desk settings re-check it
when the chats change (issue 24: Chat.Message.send is refused in chats the bot is not in)."""
from __future__ import annotations

import asyncio

import pytest

from devportal.server import serve
from servicedesk.setup import run_setup
from servicedesk.setup.bot_chats import ensure_bot_in_chats
from servicedesk.setup.new_desk import edit_desk
from tests.unit.setup_helpers import ADMIN, choices, client, fresh_portal


@pytest.fixture
def running():
    r = serve(fresh_portal())
    yield r
    r.stop()


def _setup(running, **kw):
    return asyncio.run(run_setup(client(running, ADMIN), choices(**kw), admin_id=ADMIN, admin_name="A"))


def test_the_wizard_registers_an_openline_bot_and_puts_it_in_the_chosen_chat(running):
    p = running.portal
    assert p.bots == {} and running.service.portal is p
    _setup(running, chat_id=3, openline_id=1)
    bot = int(p.app_options["bot_id"])
    assert p.bots[bot].type == "openline" and p.bots[bot].properties["isSupportOpenline"] is True
    assert p.chats[3].members.count(bot) == 1


def test_a_new_chat_gets_the_bot_and_a_second_look_adds_nothing(running):
    p = running.portal
    _setup(running)
    bot, chat = int(p.app_options["bot_id"]), int(p.app_options["chat_id"])
    assert bot in p.chats[chat].members
    again = asyncio.run(ensure_bot_in_chats(client(running, ADMIN), bot, [chat, chat]))
    assert again == {chat: "member"} and p.chats[chat].members.count(bot) == 1


def test_a_chat_added_to_a_desk_in_settings_gets_the_bot(running):
    p = running.portal
    _setup(running)
    bot, chat = int(p.app_options["bot_id"]), int(p.app_options["chat_id"])
    other = next(c.id for c in p.chats.values() if c.type in ("chat", "open") and ADMIN in c.members
                 and c.id != chat and bot not in c.members)
    asyncio.run(edit_desk(client(running, ADMIN), 1, "Desk", [chat, other], ADMIN))
    assert bot in p.chats[other].members


def test_a_chat_the_admin_is_not_in_is_reported_not_forced(running):
    p = running.portal
    _setup(running)
    bot = int(p.app_options["bot_id"])
    outside = next(c.id for c in p.chats.values() if c.type == "chat" and ADMIN not in c.members)
    got = asyncio.run(ensure_bot_in_chats(client(running, ADMIN), bot, [outside]))
    assert got == {outside: "refused"} and bot not in p.chats[outside].members

"""Rights on devportal over HTTP: what the loader, My requests and the bot's /status give each user is
exactly what the portal's rules (devportal/rights.py, bitrix24-rest.md "Rights") let that user read."""
from __future__ import annotations

import re

import pytest

from devportal.rights import can_read_chat, can_see_task, operator_lines
from servicedesk.bot.poller import Poller
from servicedesk.bot.requests import open_requests
from servicedesk.context import choose_view
from servicedesk.loader import load_desk
from servicedesk.loader import store as loader_store
from servicedesk.loader.desk import LEAD_IN, month_starts
from servicedesk.loader.store import MemoryStore
from servicedesk.model import Settings
from tests.bot.helpers import (ADMIN, MANAGER, SPECIALIST, SUPPORT_CHAT, SUPPORT_GROUP, bot_messages, client_of,
                               post, run, visit_of)

PLAIN, OUTSIDER = 8, 17          # an employee in the support chat; one in neither the chat nor the group
ROLES = {"user": PLAIN, "outsider": OUTSIDER, "specialist": SPECIALIST, "manager": MANAGER, "admin": ADMIN}
OPEN = {2, 3, 4, 6}


def readable(portal, uid: int) -> dict[str, set]:
    """What the portal's rules let ``uid`` read of the desk's year (the loader's window)."""
    user, settings = portal.users[uid], Settings.from_dict(portal.app_options)
    window = month_starts(portal.now, settings.time_zone)[0]
    chat = portal.chats[settings.chat_id]
    lines = {ol.id for ol in operator_lines(portal, user)}
    return {
        "messages": {m.id for m in portal.messages.values() if m.chat_id == chat.id
                     and m.date >= window - LEAD_IN} if can_read_chat(user, chat) else set(),
        "tasks": {t.id for t in portal.tasks.values() if t.group_id == settings.group_id
                  and can_see_task(portal, user, t)},
        "sessions": {s.id for s in portal.sessions.values() if s.config_id == settings.openline_id
                     and s.config_id in lines and s.date_create >= window}}


def loaded(data) -> dict[str, set]:
    return {"messages": {int(m["id"]) for m in data.messages}, "tasks": {int(t["id"]) for t in data.tasks},
            "sessions": {int(s["id"]) for s in data.sessions}}


def own_open(portal, uid: int) -> set[int]:
    return {t.id for t in portal.tasks.values() if t.group_id == SUPPORT_GROUP and t.status in OPEN
            and uid in (t.created_by, t.responsible_id, *t.accomplices, *t.auditors)}


@pytest.mark.parametrize("role", ROLES)
def test_the_loader_reads_exactly_what_the_portal_lets_each_user_read(desk, role):
    uid = ROLES[role]
    data = run(load_desk(run(visit_of(desk, uid)), store=MemoryStore()))
    want = readable(desk.portal, uid)
    assert loaded(data) == want
    assert bool(want["messages"]) == (role != "outsider")
    assert (len(want["tasks"]) == len([t for t in desk.portal.tasks.values() if t.group_id == SUPPORT_GROUP])) \
        == (role in ("specialist", "manager", "admin"))
    assert bool(want["sessions"]) == (role in ("specialist", "manager", "admin"))
    assert ("chat" in data.problems) == (role == "outsider") and ("openline" in data.problems) == (role in ("user", "outsider"))


def owners(store: MemoryStore) -> set[int]:
    """Whose records the store holds (keys end in user:group:chat:openline)."""
    return {int(k.rsplit(":", 4)[1]) for k in store.data}


def test_a_shared_browser_store_never_hands_one_users_records_to_another(desk):
    store = MemoryStore()
    run(load_desk(run(visit_of(desk, MANAGER)), store=store))
    assert owners(store) == {MANAGER}
    plain = run(visit_of(desk, PLAIN))
    assert loaded(run(load_desk(plain, store=store))) == readable(desk.portal, PLAIN)
    assert owners(store) == {PLAIN}
    run(load_desk(run(visit_of(desk, MANAGER)), store=store))
    run(loader_store.prune_cache(run(visit_of(desk, OUTSIDER)), store=store))   # any user's start-up, no dashboard
    assert store.data == {}


def test_a_member_removed_from_the_group_loses_the_dashboard_and_its_cached_records(desk):
    store, removed = MemoryStore(), SPECIALIST
    run(load_desk(run(visit_of(desk, removed)), store=store))
    assert owners(store) == {removed}
    del desk.portal.groups[SUPPORT_GROUP].members[removed]
    visit = run(visit_of(desk, removed))
    assert choose_view(visit.ctx) == "my_requests"
    run(loader_store.prune_cache(visit, store=store))       # the next start-up keeps none of it
    assert store.data == {}
    assert loaded(run(load_desk(visit, store=store))) == readable(desk.portal, removed)


def test_my_requests_lists_only_the_users_own_visible_tasks(desk):
    portal, settings = desk.portal, Settings.from_dict(desk.portal.app_options)
    people = sorted({uid for t in portal.tasks.values() if t.group_id == SUPPORT_GROUP
                     for uid in (t.created_by, t.responsible_id, *t.accomplices, *t.auditors)
                     if portal.users[uid].active and portal.users[uid].external_auth_id != "imconnector"} | {OUTSIDER})
    checked = 0
    for uid in people[:40]:
        support = uid in (MANAGER, *portal.groups[SUPPORT_GROUP].members) or portal.users[uid].is_admin
        got = run(open_requests(client_of(desk, uid), settings, uid, count_queue=support))
        ids = {r.id for r in got}
        assert ids == own_open(portal, uid), uid
        assert all(can_see_task(portal, portal.users[uid], portal.tasks[i]) for i in ids)
        checked += bool(ids)
    assert checked >= 10


def _ids(text: str) -> set[int]:
    return {int(x) for x in re.findall(r"#(\d+)", text)}


def test_status_answered_by_the_managers_poller_shows_only_the_askers_tasks_and_only_to_the_asker(desk):
    portal = desk.portal
    want = own_open(portal, PLAIN)
    assert want and own_open(portal, MANAGER) - want           # the poller sees far more than the asker
    asked = post(desk, PLAIN, f"chat{SUPPORT_CHAT}", "/status")
    run(Poller(run(visit_of(desk, MANAGER))).poll_once())
    bot = int(portal.app_options["bot_id"])
    in_chat = [m for m in bot_messages(desk, SUPPORT_CHAT) if asked in (m.params.get("REPLY_ID"), m.answer_to)]
    private = next(c for c in portal.chats.values() if c.type == "private" and set(c.members) == {bot, PLAIN})
    (answer,) = bot_messages(desk, private.id)
    assert _ids(answer.text) == want                         # every own open task, nobody else's
    assert len(in_chat) == 1 and not _ids(in_chat[0].text)  # the support chat's 39 readers see no task

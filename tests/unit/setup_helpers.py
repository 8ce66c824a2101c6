"""Shared by the setup tests: a devportal before setup over real HTTP, clients per user, checks."""
from __future__ import annotations

import asyncio
import json
import pickle

from devportal.demo import build_demo
from servicedesk.rest import NetworkError, RestClient, RetryPolicy
from servicedesk.rest.http import HttpTransport
from servicedesk.setup import SetupInput
from servicedesk.setup.spec import BOT_CODE, GROUP_KEYWORD, PLACEMENTS, PROGRESS_KEY

ADMIN, ADMIN2, MANAGER, SPECIALISTS, PLAIN = 1, 2, 3, [4, 5, 6, 7], 8
HANDLER = "http://127.0.0.1:9/index.html"
BLANK = build_demo(1, configured=False)
_BLANK = pickle.dumps(BLANK, pickle.HIGHEST_PROTOCOL)


def fresh_portal():
    """A new copy of the portal before setup (unpickled: a third of a deepcopy's time, same state)."""
    return pickle.loads(_BLANK)


async def no_sleep(_seconds):
    await asyncio.sleep(0)


class Flaky:
    """A transport that fails ``method`` ``count`` times: "down" = before sending (nothing done),
    "lost" = after the portal answered (done, but the answer never arrives)."""

    def __init__(self, inner, method: str, mode: str, count: int):
        self.inner, self.method, self.mode, self.count = inner, method, mode, count

    async def send(self, method, params):
        if method == self.method and self.count > 0:
            self.count -= 1
            if self.mode == "lost":
                await self.inner.send(method, params)
            raise NetworkError("NETWORK_ERROR", f"{self.mode}: connection reset", 0, method)
        return await self.inner.send(method, params)

    async def refresh_auth(self):
        await self.inner.refresh_auth()


def client(running, uid: int, wrap=None) -> RestClient:
    transport = HttpTransport(running.url, running.token(uid))
    return RestClient(wrap(transport) if wrap else transport, retry=RetryPolicy(first_delay=0), sleep=no_sleep)


def choices(**kw) -> SetupInput:
    base = dict(group_name="Техподдержка", manager_id=MANAGER, specialist_ids=list(SPECIALISTS), chat_id=None,
                chat_title="Чат поддержки", openline_id=1, time_zone="Europe/Moscow", handler=HANDLER)
    base.update(kw)
    return SetupInput(**base)


def snapshot(portal) -> dict:
    """The portal's whole state except its clock."""
    state = json.loads(portal.to_json())
    state.pop("now")
    return state


def desk_groups(portal):
    return [g for g in portal.groups.values() if GROUP_KEYWORD in g.keywords]


def assert_one_desk(portal, inp: SetupInput, new_chat: bool = True):
    """Exactly one of each thing the wizard makes, wired together in the settings."""
    groups = desk_groups(portal)
    assert len(groups) == 1, [(g.id, g.name, g.owner_id) for g in groups]
    g = groups[0]
    assert (g.visible, g.opened, g.name) == (False, False, inp.group_name)
    assert g.owner_id == inp.manager_id
    assert {u for u, role in g.members.items() if u != g.owner_id} == set(inp.specialist_ids)
    bots = [b for b in portal.bots.values() if b.code == BOT_CODE]
    assert len(bots) == 1
    assert sorted(c["command"] for c in bots[0].commands) == ["/openline_task_create", "/status"]
    assert sorted(f.field_name for f in portal.task_fields.values()) == ["UF_SD_CHAT_ID", "UF_SD_MESSAGE_ID"]
    for code, _, _ in PLACEMENTS:
        assert [p.handler for p in portal.placements if p.placement == code] == [inp.handler]
    opts = portal.app_options
    assert opts["group_id"] == g.id and opts["bot_id"] == bots[0].id
    assert opts["uf_message"] == "UF_SD_MESSAGE_ID" and opts["uf_chat"] == "UF_SD_CHAT_ID"
    assert opts["time_zone"] == inp.time_zone and opts["version"] and opts["installed_at"]
    assert '"state": "done"' in opts[PROGRESS_KEY]
    chat = portal.chats[opts["chat_id"]]
    if new_chat:
        assert [c.id for c in portal.chats.values() if c.title == inp.chat_title] == [chat.id]
        assert {inp.manager_id, *inp.specialist_ids, bots[0].id} <= set(chat.members)
    if inp.openline_id:
        line = portal.openlines[inp.openline_id]
        assert (line.welcome_bot_enable, line.welcome_bot_id, line.welcome_bot_time) == (True, bots[0].id, 60)
    return g

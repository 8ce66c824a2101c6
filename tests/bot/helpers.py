"""Helpers for the bot tests on devportal over real HTTP: the seed-1 demo desk, sessions of its
users (RestClient + HttpTransport + load_context), and helpers that act as a user."""
from __future__ import annotations

import asyncio


from servicedesk.context import load_context
from servicedesk.rest import RestClient
from servicedesk.rest.http import HttpTransport
from servicedesk.visit import Visit

ADMIN, MANAGER, SPECIALIST, SPECIALIST2 = 1, 3, 4, 5
SUPPORT_GROUP, SUPPORT_CHAT, SALES_CHAT = 2, 3, 2


class UI:
    """Stand-in for the portal's UI: records what was opened."""

    def __init__(self):
        self.opened: list[str] = []

    async def open_path(self, path: str) -> None:
        self.opened.append(path)


def client_of(desk, uid: int) -> RestClient:
    return RestClient(HttpTransport(desk.url, desk.token(uid)))


async def visit_of(desk, uid: int, placement: str = "DEFAULT", options: dict | None = None) -> Visit:
    client = client_of(desk, uid)
    ctx = await load_context(client, is_admin=desk.portal.users[uid].is_admin, placement=placement,
                             placement_options=options or {})
    return Visit(client, ctx, UI(), "ru")


def run(coro):
    return asyncio.run(coro)


def post(desk, uid: int, dialog: str, text: str) -> int:
    """``uid`` writes ``text`` in ``dialog`` (as the person would, through REST); the message id."""
    return run(client_of(desk, uid).call("im.message.add", {"DIALOG_ID": dialog, "MESSAGE": text}))


def bot_messages(desk, chat_id: int) -> list:
    bot = int(desk.portal.app_options["bot_id"])
    return sorted((m for m in desk.portal.messages.values() if m.chat_id == chat_id and m.author_id == bot),
                  key=lambda m: m.id)


def untasked(desk, chat_id: int = SUPPORT_CHAT, n: int = 10) -> list:
    """The chat's last messages by people that no task was made from yet, newest first."""
    used = {t.uf.get("UF_SD_MESSAGE_ID") for t in desk.portal.tasks.values()}
    msgs = sorted((m for m in desk.portal.messages.values() if m.chat_id == chat_id), key=lambda m: -m.id)[:n]
    return [m for m in msgs if m.author_id and not desk.portal.users[m.author_id].bot and str(m.id) not in used
            and m.text.strip()]


def in_flight(client) -> list[int]:
    """Wrap ``client``'s transport so that every send waits a little; returns [the most requests that
    were in flight at once] (2 when two calls went side by side, 1 when one waited for the other)."""
    transport, flying, most = client.transport, [0], [0]
    send = transport.send

    async def slow_send(method, params):
        flying[0] += 1
        most[0] = max(most[0], flying[0])
        try:
            await asyncio.sleep(0.05)
            return await send(method, params)
        finally:
            flying[0] -= 1
    transport.send = slow_send
    return most


async def claim_settled(lease, rounds: int = 5) -> bool:
    """``lease.claim()``, claimed again while a refusal came only from this claimer's own late write (by
    design that round passes to the next: rest/lease.py; on a loaded machine a write may take longer
    than ``settle``/2). A refusal because another holds the lease is returned at once."""
    for _ in range(rounds):
        got = await lease.claim()
        if got or not lease.late:
            return got
    return got


def frozen_clock(desk):
    """devportal's clock for ``desk`` stopped where it stands (a FakeClock, moved by the test); give its
    ``monotonic`` and ``sleep`` to the leases too, and the ttl and settle timings are the test's alone."""
    from devportal.clock import FakeClock
    clock = FakeClock(desk.clock.now())
    desk.service.clock = clock
    return clock

"""The dashboard's read of a chat desk's ratings (decisions 150–154): one paged entity.item.get of the
bot's storage; the demo's HR desk (a chat-first-line desk) has a like and a dislike; a desk with an
Open Line asks nothing; a refusal leaves CSAT "—" and the dashboard's figures whole."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.demo_desks import add_hr_desk
from devportal.server import serve
from servicedesk.bot.csat import load_votes
from servicedesk.metrics import compute_desk
from servicedesk.model import Settings
from tests.bot.helpers import MANAGER, client_of, run

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk():
    portal = build_demo(1, NOW)
    hr = add_hr_desk(portal)
    running = serve(portal, clock=FakeClock(NOW))
    running.hr = hr
    yield running
    running.stop()


def hr_settings(desk) -> Settings:
    p = desk.portal
    return Settings.from_dict({"desk_id": 2, "group_id": desk.hr["group"], "chat_ids": desk.hr["chats"],
                               "bot_id": p.app_options["bot_id"], "time_zone": "Europe/Moscow"})


def test_the_hr_desks_ratings_are_one_request(desk):
    client = client_of(desk, desk.hr["head"])
    before = client.requests
    votes = run(load_votes(client, hr_settings(desk)))
    assert client.requests - before == 1
    first, second = desk.hr["tasks"][:2]
    assert [(v["task"], v["vote"]) for v in votes] == [(first, 1), (second, -1)]
    tasks = [{"id": t, "groupId": desk.hr["group"], "status": 5, "createdDate": "2026-11-01T10:00:00+03:00"}
             for t in desk.hr["tasks"]]
    f = compute_desk([], [], [], tasks, hr_settings(desk), set(), NOW, task_votes=votes)
    rated = sum(m["csat"]["rated"] for m in f["months"].values())
    liked = sum(m["csat"]["positive"] for m in f["months"].values())
    assert (rated, liked) == (2, 1)


def test_a_desk_with_an_open_line_reads_nothing(desk):
    client = client_of(desk, MANAGER)
    before = client.requests
    assert run(load_votes(client, Settings.from_dict(desk.portal.app_options))) == []
    assert client.requests == before


def test_a_refusal_leaves_csat_a_dash(desk):
    desk.portal.entities.clear()                      # no storage: entity.item.get ERROR_ENTITY_NOT_FOUND
    votes = run(load_votes(client_of(desk, desk.hr["head"]), hr_settings(desk)))
    assert votes is None                              # unread, not "none rated" (the digest says nothing)
    f = compute_desk([], [], [], [], hr_settings(desk), set(), NOW, task_votes=votes)
    assert all(m["csat"]["pct"] is None for m in f["months"].values())

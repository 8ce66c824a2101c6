"""The digest's customer ratings on devportal (decisions 176–178): the worker's digest (bot.digest.desk_digest,
votes read since the week before's Monday) gives the same ratings as the dashboard's panel (every vote of
the desk, read for the monthly figures, then metrics.digest over the rows' items) for the demo's HR desk (a
chat desk: a like and a dislike on tasks closed in the week) and the IT desk (an Open Line); the read costs
the worker one request on a chat desk, none on an Open Line desk."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from devportal.clock import FakeClock
from devportal.demo import build_demo
from devportal.demo_desks import add_hr_desk
from devportal.server import serve
from servicedesk.bot.csat import load_votes
from servicedesk.bot.digest import desk_digest, digest_lines, ratings_line
from servicedesk.loader import load_desk
from servicedesk.loader.store import MemoryStore
from servicedesk.metrics.digest import last_full_week, week_digest
from servicedesk.metrics.items import DeskItems
from servicedesk.visit import Visit
from tests.bot.helpers import ADMIN, run, visit_of

MSK = ZoneInfo("Europe/Moscow")
ANCHOR = datetime(2026, 12, 7, 9, 0, tzinfo=MSK)            # Monday: the digest covers 30 Nov - 6 Dec


@pytest.fixture
def desk():
    portal = build_demo(1, ANCHOR.astimezone(timezone.utc))
    hr = add_hr_desk(portal)
    _old_vote(portal, hr)
    running = serve(portal, clock=FakeClock(ANCHOR.astimezone(timezone.utc)))
    running.hr = hr
    yield running
    running.stop()


def _old_vote(portal, hr):
    """A like on the HR desk's open task recorded 20 days ago (its item made then): in the monthly figures,
    outside both weeks of the digest, so the worker's read since the week before leaves it out."""
    store = next(e for k, e in portal.entities.items() if k.endswith("|sdbot"))
    at = portal.now - timedelta(days=20)
    task = hr["tasks"][2]
    data = {"task": task, "desk": 2, "group": hr["group"], "author": 8, "responsible": hr["head"],
            "closed": at.isoformat(), "message": None, "vote": "like", "voted": at.isoformat()}
    iid = 1 + max(int(i) for i in store["items"])
    store["items"][str(iid)] = {"ID": iid, "CODE": f"csat:{task}", "NAME": "like", "DETAIL_TEXT": json.dumps(data),
                                "DATE_CREATE": at, "TIMESTAMP_X": at, "CREATED_BY": 8, "MODIFIED_BY": 8}


def panel_digest(visit, dctx) -> dict:
    """What the dashboard's panel computes: the desk as the dashboard loads it, every vote (views.dashboard
    ``_load``), the rows' items (views.dashboard_rows ``RowsHook.items``; no paused spans: they change
    no rating), then metrics.digest."""
    desk = run(load_desk(Visit(visit.client, dctx, None, "ru"), store=MemoryStore()))
    desk.task_votes = run(load_votes(visit.client, desk.settings))
    items = DeskItems(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings, desk.support_ids,
                      desk.now, time_zone=desk.settings.time_zone, task_votes=desk.task_votes)
    return week_digest(items, last_full_week(desk.now, MSK))


@pytest.mark.parametrize("which,of", [(1, "tasks"), (0, "sessions")])
def test_the_workers_ratings_are_the_dashboards(desk, which, of):
    visit = run(visit_of(desk, ADMIN))
    dctx = visit.ctx.for_desk(visit.ctx.desks[which].id)
    worker = run(desk_digest(visit, dctx, last_full_week(visit.now(), MSK)))
    panel = panel_digest(visit, dctx)
    assert worker["ratings"]["of"] == of
    assert worker["ratings"] == panel["ratings"]
    for lang in ("ru", "en"):             # the same line in the message and on the panel
        assert ratings_line(worker["ratings"], lang) in digest_lines(worker, lang)
        assert ratings_line(worker["ratings"], lang) in digest_lines(panel, lang)
    if of == "tasks":        # the HR desk: "Справка 2-НДФЛ" liked, "Отпуск: заявление" disliked, both closed in the week
        assert worker["ratings"]["week"] == {"rated": 2, "positive": 1, "negative": 1, "pct": 50.0}
        assert "Customer ratings: 50% positive (1 of 2); the week before: none." in digest_lines(worker, "en")
        assert "Оценки клиентов: 50% положительных (1 из 2); неделей раньше: оценок не было." in \
            digest_lines(worker, "ru")


def test_the_workers_read_is_one_request_since_the_week_before(desk):
    visit = run(visit_of(desk, ADMIN))
    hr = visit.ctx.for_desk(visit.ctx.desks[1].id)
    from servicedesk.model import Settings
    settings = Settings.from_dict(hr.settings)
    since = datetime(2026, 11, 23, tzinfo=MSK)                 # the Monday before the digest's week
    before = visit.client.requests
    recent = run(load_votes(visit.client, settings, since))
    assert visit.client.requests - before == 1
    every = run(load_votes(visit.client, settings))
    assert sorted(v["task"] for v in recent) == sorted(desk.hr["tasks"][:2])
    assert sorted(v["task"] for v in every) == sorted(desk.hr["tasks"])      # the old like too
    it = Settings.from_dict(visit.ctx.for_desk(visit.ctx.desks[0].id).settings)
    before = visit.client.requests
    assert run(load_votes(visit.client, it, since)) == [] and visit.client.requests == before   # an Open Line


def test_unread_votes_leave_the_ratings_out_of_the_worker_digest(desk):
    desk.portal.entities.clear()              # no storage: entity.item.get refused
    visit = run(visit_of(desk, ADMIN))
    d = run(desk_digest(visit, visit.ctx.for_desk(visit.ctx.desks[1].id), last_full_week(visit.now(), MSK)))
    assert d["ratings"] is None
    assert not any(line.startswith("Оценки") for line in digest_lines(d, "ru"))
